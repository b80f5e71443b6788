"""Role × action × language × CSRF × channel, from one table written out by hand.

Every channel that changes a translation (the web form, the JSON API, ``tmgr
import`` of PO and XLIFF, ``tmgr approve``, ``tmgr sync``) must allow exactly what
the table says and nothing more; each attempt is judged by what the database
holds afterwards, not only by the status code. The table is not derived from
``tmgr.people.permissions``: it is the rules as a user reads them in the README.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Tmgr
from tests.web.conftest import ACCOUNTS, Web, segment_ids
from tmgr.exchange.export import export_documents
from tmgr.people.users import get_user
from tmgr.quality.checks import unresolved_errors
from tmgr.review.translations import change_translation, get_translation
from tmgr.store.db import Database
from tmgr.store.models import Revision, State

SLUG = "2024-10-28-lukashenka-negotiations"
LANGS = ("be", "ru")

# (action) -> languages each account may do it in. "approve" is approving a text
# someone else wrote; "approve_own" is approving one's own text: nobody, ever.
ALLOWED: dict[str, dict[str, set[str]]] = {
    "tr_be": {"edit": {"be"}, "revert": {"be"}, "approve": set(), "reject": set(),
              "approve_own": set()},
    "tr_ru": {"edit": {"ru"}, "revert": {"ru"}, "approve": set(), "reject": set(),
              "approve_own": set()},
    "rev_be": {"edit": {"be"}, "revert": {"be"}, "approve": {"be"}, "reject": {"be"},
               "approve_own": set()},
    "rev2_be": {"edit": {"be"}, "revert": {"be"}, "approve": {"be"}, "reject": {"be"},
                "approve_own": set()},
    "editor": {"edit": set(), "revert": set(), "approve": set(), "reject": set(),
               "approve_own": set()},
    "publisher": {"edit": set(), "revert": set(), "approve": set(), "reject": set(),
                  "approve_own": set()},
    "admin": {"edit": {"be", "ru"}, "revert": {"be", "ru"}, "approve": {"be", "ru"},
              "reject": {"be", "ru"}, "approve_own": set()},
}
# which channel can express which action
CHANNELS: dict[str, tuple[str, ...]] = {
    "form": ("edit", "revert", "approve", "reject", "approve_own"),
    "api": ("edit", "revert", "approve", "reject", "approve_own"),
    "import-po": ("edit", "reject"),
    "import-xliff": ("edit", "approve", "approve_own"),
    "cli-approve": ("approve", "approve_own"),
    "sync": ("edit", "reject"),
}
OLD = {"be": "Папярэдні тэкст.", "ru": "Прежний текст."}
SECOND = {"be": "Іншы тэкст.", "ru": "Иной текст."}  # no number words: QA reads "second" as 2
NEW = {"be": "Новы тэкст.", "ru": "Новый текст."}
AUTHOR = {"be": "tr_be", "ru": "tr_ru"}
OTHER_AUTHOR = {"be": "rev2_be", "ru": "admin"}


class Case:
    """One segment × language prepared for one attempt: text by someone else (or the
    actor, for approve_own), one earlier revision to revert to."""

    def __init__(self, db: Database, segment_id: int, lang: str, actor: str, action: str):
        self.db, self.segment_id, self.lang, self.action = db, segment_id, lang, action
        author = actor if action == "approve_own" else AUTHOR[lang]
        if author == actor and action != "approve_own":
            author = OTHER_AUTHOR[lang]
        with db.transaction() as session:
            translation = get_translation(session, segment_id, lang)
            change_translation(session, translation, text=OLD[lang], state=State.TRANSLATED,
                               origin="human", user=get_user(session, author))
            self.old_revision = translation.revisions[-1].id
            change_translation(session, translation, text=SECOND[lang],
                               state=State.TRANSLATED, origin="human",
                               user=get_user(session, author))

    def now(self) -> tuple[str, State, int]:
        with self.db.transaction() as session:
            t = get_translation(session, self.segment_id, self.lang)
            return t.text, t.state, t.version

    def done(self) -> bool:
        """Whether the attempted action took effect."""
        text, state, _ = self.now()
        if self.action == "edit":
            return text == NEW[self.lang]
        if self.action == "revert":
            return text == OLD[self.lang]
        if self.action == "reject":
            return state == State.NEEDS_EDITING
        return state == State.APPROVED

    def export(self, fmt: str) -> str:
        with self.db.transaction() as session:
            files = export_documents(session, [SLUG], languages=[self.lang], formats=[fmt])
        return next(iter(files.values())).decode("utf-8")

    @property
    def key(self) -> str:
        with self.db.transaction() as session:
            return get_translation(session, self.segment_id, self.lang).segment.key


def _form(web: Web, case: Case, csrf: bool) -> None:
    _, _, version = case.now()
    base = f"/doc/{SLUG}/{case.lang}/segment/{case.segment_id}/"
    action = {"edit": "save", "approve_own": "approve"}.get(case.action, case.action)
    data = {"version": version, "text": NEW[case.lang], "comment": "needs work",
            "revision": case.old_revision}
    if csrf:
        web.form(base + action, data, page="/")
    else:
        assert web.client.post(base + action, data=data).status_code == 400


def _api(web: Web, case: Case, csrf: bool) -> None:
    _, _, version = case.now()
    base = f"/api/segments/{case.segment_id}/{case.lang}"
    calls = {"edit": ("PUT", base, {"text": NEW[case.lang]}),
             "revert": ("POST", base + "/revert", {"revision": case.old_revision}),
             "approve": ("POST", base + "/approve", {}),
             "approve_own": ("POST", base + "/approve", {}),
             "reject": ("POST", base + "/reject", {"comment": "needs work"})}
    method, url, body = calls[case.action]
    body = {**body, "version": version}
    if csrf:
        status = web.api(method, url, body).status_code
        assert status in (200, 403), f"{method} {url}: {status}"
    else:
        assert web.client.open(url, method=method, json=body).status_code == 400


def _po_with(case: Case) -> str:
    text = case.export("po")
    entry = re.search(r'(?:#[^\n]*\n)*msgctxt "' + re.escape(case.key) + r'"\nmsgid "[^\n]*"\n'
                      r'msgstr "[^\n]*"', text)
    assert entry, case.key
    changed = entry.group(0)
    if case.action == "edit":
        changed = re.sub(r'msgstr "[^\n]*"$', f'msgstr "{NEW[case.lang]}"', changed)
    else:  # reject: the same words marked fuzzy
        changed = "#, fuzzy\n" + changed
    return text.replace(entry.group(0), changed)


def _import_po(tmgr: Tmgr, tmp: Path, actor: str, case: Case) -> None:
    path = tmp / case.lang / f"{SLUG}.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(_po_with(case), encoding="utf-8")
    tmgr("import", str(path), "--as", actor, ok=False)


def _import_xliff(tmgr: Tmgr, tmp: Path, actor: str, case: Case) -> None:
    text = case.export("xliff")
    units = text.split("</trans-unit>")
    index = next(i for i, u in enumerate(units) if f'id="{case.key}"' in u)
    unit = units[index]
    if case.action == "edit":
        unit = re.sub(r"(<target[^>]*>)[^<]*(</target>)", rf"\g<1>{NEW[case.lang]}\2", unit,
                      count=1)
    else:  # approve, approve_own: the same words marked final
        unit = re.sub(r'<target state="[^"]+"', '<target state="final"', unit, count=1)
    units[index] = unit
    path = tmp / case.lang / f"{SLUG}.xlf"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("</trans-unit>".join(units), encoding="utf-8")
    tmgr("import", str(path), "--as", actor, ok=False)


def _cli_approve(tmgr: Tmgr, tmp: Path, actor: str, case: Case) -> None:
    tmgr("approve", SLUG, str(case.segment_id), "--lang", case.lang, "--as", actor, ok=False)


def _sync(tmgr: Tmgr, tmp: Path, actor: str, case: Case) -> None:
    root = tmp / "locales"
    path = root / case.lang / f"{SLUG}.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(_po_with(case), encoding="utf-8")
    tmgr("sync", "--locales", str(root), "--lang", case.lang, "--as", actor, ok=False)


CLI: dict[str, Callable[[Tmgr, Path, str, Case], None]] = {
    "import-po": _import_po, "import-xliff": _import_xliff, "cli-approve": _cli_approve,
    "sync": _sync}


def approvable_segments(db: Database) -> list[int]:
    """Segments whose prepared text has no QA error in either language (so that an
    allowed approval is not blocked by QA, which other tests cover)."""
    chosen = []
    for segment_id in segment_ids(db, SLUG):
        for lang in LANGS:
            Case(db, segment_id, lang, "editor", "edit")
        with db.transaction() as session:
            if not any(unresolved_errors(session, get_translation(session, segment_id, lang))
                       for lang in LANGS):
                chosen.append(segment_id)
    assert len(chosen) >= 5, "the sample has too few plain sentences"
    return chosen


@pytest.mark.parametrize("name", sorted(ACCOUNTS))
def test_every_channel_allows_exactly_the_table(name: str, as_user, db: Database,
                                                tmgr: Tmgr, tmp_path: Path) -> None:
    web = as_user(name)
    ids = approvable_segments(db)
    wrong, attempts, slot = [], 0, 0
    for channel, actions in CHANNELS.items():
        for action in actions:
            for lang in LANGS:
                for csrf in ((True, False) if channel in ("form", "api") else (True,)):
                    case = Case(db, ids[slot % len(ids)], lang, name, action)
                    slot += 1
                    before = case.now()
                    if channel == "form":
                        _form(web, case, csrf)
                    elif channel == "api":
                        _api(web, case, csrf)
                    else:
                        CLI[channel](tmgr, tmp_path / f"{channel}-{slot}", name, case)
                    attempts += 1
                    expected = csrf and lang in ALLOWED[name][action]
                    if case.done() != expected:
                        wrong.append(f"{channel} {action} {lang} csrf={csrf}: "
                                     f"{'done' if case.done() else 'refused'}")
                    if not expected and case.now() != before:
                        wrong.append(f"{channel} {action} {lang}: changed {case.now()}")
    assert attempts > 40 and not wrong, f"{name}: " + "; ".join(wrong)


def test_refused_changes_leave_no_revision(as_user, db: Database) -> None:
    """A refused approval records nothing: the history shows only what happened."""
    ids = segment_ids(db, SLUG)
    case = Case(db, ids[0], "be", "tr_be", "approve")
    with db.transaction() as session:
        before = session.query(Revision).count()
    web = as_user("tr_be")
    assert web.api("POST", f"/api/segments/{ids[0]}/be/approve",
                   {"version": case.now()[2]}).status_code == 403
    with db.transaction() as session:
        assert session.query(Revision).count() == before
