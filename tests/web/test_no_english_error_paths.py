"""Every error path answers in the user's language: a bad or stale save, the four-eyes rule,
a long paste, an MT engine that is down, silent or refuses its key (local protocol servers),
404, 403, 422, an ended session, import and export refusals; and an engine's failure kept
with a translation is said again in be and ru (only the stored English is in the database)."""

from __future__ import annotations

import io
import re
import socket
from collections.abc import Iterator
from typing import Any

import polib
import pytest

from tests.conftest import SAMPLE
from tests.mtserver import running
from tests.web.conftest import Web, segment_ids
from tests.web.test_i18n import TRANSLATIONS
from tests.web.test_no_english_left import ALLOWED, LATIN, english_left
from tmgr.documents.listing import SORTS
from tmgr.review.translations import get_translation
from tmgr.store.db import Database
from tmgr.web.notes import history_note

PLACEHOLDER = re.compile(r"\{\w+\}")
SETTING = re.compile(r"\bTMGR_[A-Z_]+\b")
#: the engines' names as the UI shows them, protocol names, and the JSON API's field names
ENGINES = {"google", "yandex", "mymemory", "HTTP", "API", "text", "version"}


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def web_env(env: dict[str, str], monkeypatch: pytest.MonkeyPatch, tmp_path: Any
            ) -> Iterator[dict[str, str]]:
    """google never answers, yandex refuses the key it is given, mymemory is down."""
    monkeypatch.setenv("TMGR_PASSWORD_HASH", "pbkdf2:sha256:1000")
    config = tmp_path / "engines.toml"
    config.write_text("[mt]\ntimeout = 0.5\nattempts = 1\n", encoding="utf-8")
    monkeypatch.setenv("TMGR_CONFIG", str(config))
    with running() as silent, running(key="the-right-key") as keyed:
        silent.mode, silent.hang_seconds = "hang", 5.0
        monkeypatch.setenv("TMGR_GOOGLE_URL", silent.url("google"))
        monkeypatch.setenv("TMGR_YANDEX_URL", keyed.url("yandex"))
        monkeypatch.setenv("TMGR_YANDEX_API_KEY", "a-wrong-key")
        monkeypatch.setenv("TMGR_MYMEMORY_URL", f"http://127.0.0.1:{_closed_port()}/get")
        yield env


def _in(as_user: Any, name: str, lang: str) -> Web:
    web = as_user(name)
    web.form("/ui-language", {"ui_lang": lang, "next": "/"})
    return web


def _said(answer: Any) -> str:
    """What a JSON refusal says to a person: its error and hint (a setting's name, e.g.
    TMGR_YANDEX_API_KEY, is a code, written as it must be typed)."""
    data = answer.get_json()
    assert data is not None and answer.status_code >= 400, (answer.status_code, data)
    return SETTING.sub(" ", f"<p>{data['error']}</p><p>{data.get('hint') or ''}</p>")


def _json_refusals(web: Web, ids: list[int]) -> dict[str, Any]:
    saved = web.api("PUT", f"/api/segments/{ids[0]}/be", {"text": "Мінск.", "version": 1})
    assert saved.status_code == 200, saved.get_json()
    return {
        "bad save (no text)": web.api("PUT", f"/api/segments/{ids[1]}/be", {"version": 1}),
        "bad save (a control character)": web.api(
            "PUT", f"/api/segments/{ids[1]}/be", {"text": "Мінск\x07.", "version": 1}),
        "stale edit": web.api("PUT", f"/api/segments/{ids[0]}/be",
                              {"text": "Менск.", "version": 1}),
        "a translator approving": web.api("POST", f"/api/segments/{ids[0]}/be/approve",
                                          {"version": saved.get_json()["version"]}),
        "long paste": web.api("PUT", f"/api/segments/{ids[1]}/be",
                              {"text": "Слова. " * 2000, "version": 1}),
        "404": web.api("GET", "/api/segments/99999999/be"),
        "403": web.api("PUT", f"/api/segments/{ids[1]}/ru", {"text": "Минск.", "version": 1}),
        "MT timeout": web.api("POST", f"/api/segments/{ids[2]}/be/mt", {"engine": "google"}),
        "MT bad key": web.api("POST", f"/api/segments/{ids[2]}/be/mt", {"engine": "yandex"}),
        "MT down": web.api("POST", f"/api/segments/{ids[2]}/be/mt", {"engine": "mymemory"}),
        "MT down, asked again": web.api("POST", f"/api/segments/{ids[3]}/be/mt",
                                        {"engine": "mymemory"}),
        "no such engine": web.api("POST", f"/api/segments/{ids[2]}/be/mt",
                                  {"engine": "klingon"}),
    }


def _page_refusals(as_user: Any, lang: str, slug: str) -> dict[str, Any]:
    translator, publisher = _in(as_user, "tr_be", lang), _in(as_user, "publisher", lang)
    bad_po = b'msgid "Minsk\nmsgstr "\xd0\x9c'
    return {
        "404 page": translator.get("/documents/no-such-document"),
        "403 page": translator.get("/admin/users"),
        "import: no file": translator.form("/import", {}, "/import"),
        "import: not a PO file": translator.client.post("/import", data={
            "file": (io.BytesIO(b"Minsk"), "notes.docx"),
            "csrf_token": translator.token("/import")}),
        "import: a broken PO file (422)": translator.client.post("/import", data={
            "file": (io.BytesIO(bad_po), "week.po"), "csrf_token": translator.token("/import")}),
        "export: nothing chosen": publisher.form("/export", {"lang": "be"}, "/export"),
        "export: not ready": publisher.form("/export", {"slug": slug, "lang": "be",
                                                        "format": "txt"}, "/export"),
        "documents list: a bad sort": translator.get("/?sort=sideways"),
        "documents list: a bad limit": translator.get("/?limit=many"),
        "glossary: no such format": translator.get("/glossary/export.docx"),
        "the week: not a date": publisher.get("/week?week=someday"),
        "house words: no reason": translator.form("/words/remove", {"word": "Мінск",
                                                                   "lang": "be"}, "/words"),
        "export: no such document": publisher.form(
            "/export", {"slug": "no-such-document", "lang": "be", "format": "txt"}, "/export"),
    }


@pytest.mark.parametrize("lang", ["be", "ru"])
def test_every_error_path_speaks_the_users_language(
        as_user: Any, db: Database, sample_doc: str, lang: str) -> None:
    ids = segment_ids(db, sample_doc)
    allowed = ALLOWED | ENGINES | _english_of(db, sample_doc) | {
        "notes", "docx", "week", "klingon", "sideways", "many", "someday", "tbx", *SORTS}
    left: dict[str, list[str]] = {}
    refusals = _json_refusals(_in(as_user, "tr_be", lang), ids)
    reviewer = _in(as_user, "rev_be", lang)
    own = reviewer.api("PUT", f"/api/segments/{ids[4]}/be", {"text": "Мінск.", "version": 1})
    refusals["four-eyes"] = reviewer.api("POST", f"/api/segments/{ids[4]}/be/approve",
                                         {"version": own.get_json()["version"]})
    for what, answer in refusals.items():
        if words := english_left(_said(answer), allowed):
            left[what] = words
    for what, answer in _page_refusals(as_user, lang, sample_doc).items():
        assert 400 <= answer.status_code < 500, (what, answer.status_code)
        if words := english_left(answer.get_data(as_text=True), allowed):
            left[what] = words
    assert not left, f"English left in the {lang} error answers: {left}"


@pytest.mark.parametrize("lang", ["be", "ru"])
def test_a_stored_engine_failure_is_said_in_the_users_language(
        as_user: Any, db: Database, sample_doc: str, lang: str) -> None:
    ids = segment_ids(db, sample_doc)
    failures = ["unavailable: google unreachable (no answer within 10 s)",
                "not-configured: deepl refused the API key (HTTP 403)",
                "unavailable: libre unreachable (connection refused)"]
    with db.transaction() as session:
        for segment_id, failure in zip(ids, failures, strict=False):
            get_translation(session, segment_id, "be").mt_error = failure
    web = _in(as_user, "tr_be", lang)
    allowed = ALLOWED | ENGINES | {sample_doc}
    editor = web.get(f"/doc/{sample_doc}/be").get_data(as_text=True)
    assert english_left(editor, allowed | _english_of(db, sample_doc)) == []
    for segment_id in ids[:3]:
        panel = web.get(f"/doc/{sample_doc}/be/segment/{segment_id}/panel")
        assert english_left(panel.get_data(as_text=True),
                            allowed | _english_of(db, sample_doc)) == []
        kept = web.get(f"/api/segments/{segment_id}/be").get_json()["translation"]["mt_error"]
        assert kept in failures, "the JSON API gives scripts the engine's words as stored"
    with db.transaction() as session:  # the database keeps what the engine said
        assert get_translation(session, ids[0], "be").mt_error == failures[0]


def _english_of(db: Database, slug: str) -> set[str]:
    """The English being translated, and the names of documents (one that does not exist)."""
    return set(LATIN.findall(f"{SAMPLE.read_text(encoding='utf-8')} {slug} no-such-document"))


@pytest.mark.parametrize("lang", ["be", "ru"])
def test_every_kind_of_history_note_is_said_in_the_users_language(app: Any, lang: str) -> None:
    """The notes services write (in English, for `tmgr show`) as the history panel shows
    them: only the quoted words, names and numbers stay."""
    notes = ["imported from week.po (export 2024-10-28T10:00)", "imported from week.po",
             "replace 12: «Минск» → «Мінск»", "undo of replace 12",
             "source split into 2 sentences; it was: Minsk talks.",
             "3 sentences merged into one; they were: Minsk talks.",
             "reverted to revision 4", "QA fix (double-space)", "approved",
             "source changed; it was: Minsk talks.", "from the approved ru text: Мінск."]
    with app.test_request_context("/", headers={"Accept-Language": lang}):
        for note in notes:
            said = history_note(note)
            quoted = {"week", "Minsk", "talks", "T10"}  # a file, quoted English, an ISO time
            assert english_left(f"<p>{said}</p>", ALLOWED | quoted) == [], (note, said)


#: the stem of each language's word for rejecting a translation and for overriding a check
REJECT_STEMS = {"be": "адхіл", "ru": "отклон"}
OVERRIDE_STEMS = {"be": "ігнар", "ru": "игнор"}


@pytest.mark.parametrize("lang", ["be", "ru"])
def test_override_never_reads_as_reject_anywhere_in_the_catalog(lang: str) -> None:
    """Every message about overriding a check uses the override word, never the reject
    word (an override note must not read as a rejection), and the other way round."""
    catalog = polib.pofile(str(TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po"))
    mixed = []
    for entry in catalog.translated_entries():
        said = entry.msgstr.lower()
        if "overrid" in entry.msgid.lower() and REJECT_STEMS[lang] in said:
            mixed.append(entry.msgid)
        if "reject" in entry.msgid.lower() and "overrid" not in entry.msgid.lower() \
                and OVERRIDE_STEMS[lang] in said:
            mixed.append(entry.msgid)
    assert not mixed, mixed
    overriding = [e for e in catalog.translated_entries() if e.msgid.startswith("Override")]
    assert overriding and all(OVERRIDE_STEMS[lang] in e.msgstr.lower() for e in overriding)


@pytest.mark.parametrize("lang", ["be", "ru"])
def test_the_pages_the_first_walk_left_out_speak_the_users_language(
        as_user: Any, db: Database, sample_doc: str, lang: str) -> None:
    """Glossary, the week, concordance, site strings, archive review, import, adding a
    commentary, the MT report and a document's preview (the first walk has the rest)."""
    allowed = ALLOWED | ENGINES | _english_of(db, sample_doc) | {"TBX", "economy"}
    pages = {"tr_be": ["/glossary", "/concordance?q=Minsk", "/strings", "/archive/review",
                       "/import", f"/documents/{sample_doc}/preview/be"],
             "admin": ["/week", "/reports/mt", "/commentaries/add"]}
    left: dict[str, list[str]] = {}
    for user, urls in pages.items():
        web = _in(as_user, user, lang)
        for url in urls:
            answer = web.get(url)
            assert answer.status_code < 400, (url, answer.status_code)
            html = PLACEHOLDER.sub(" ", answer.get_data(as_text=True))  # "{authors}": code
            if words := english_left(html, allowed):
                left[url] = words
    assert not left, f"English left in the {lang} UI: {left}"
