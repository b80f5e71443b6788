"""Review around the checks: overrides per finding, one-click fixes, authors, the
glossary beside the sentence, the approved-edit warning, the export refusal page."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.web.conftest import segment_ids, translation_state
from tmgr.formats.model import TermRecord
from tmgr.quality.glossary import save_term
from tmgr.store.db import Database
from tmgr.store.models import Revision, State

SLUG = "2024-10-28-lukashenka-negotiations"
# "Minsk calls for the process to start as soon as possible to avoid further escalation."
TWO_ERRORS = "Мiнск заклікае пачаць мирны працэс як мага хутчэй, каб пазбегнуць эскалацыі."
CLEAN = "Мінск заклікае пачаць працэс як мага хутчэй, каб пазбегнуць далейшай эскалацыі."


@pytest.fixture
def seg(db: Database) -> int:
    return segment_ids(db, SLUG)[3]


def _errors(data: dict) -> dict[str, dict]:
    return {f["check"]: f for f in data["findings"] if f["severity"] == "error"}


def test_one_reason_never_overrides_several_errors(as_user, db: Database, seg: int) -> None:
    as_user("tr_be").api("PUT", f"/api/segments/{seg}/be", {"text": TWO_ERRORS, "version": 1})
    reviewer = as_user("rev_be")
    blanket = reviewer.api("POST", f"/api/segments/{seg}/be/approve",
                           {"version": 2, "override_reason": "fine"})
    assert blanket.status_code == 422, "a single reason must not clear two errors"
    assert translation_state(db, seg, "be")[1] == State.TRANSLATED

    done = reviewer.api("POST", f"/api/segments/{seg}/be/overrides",
                        {"check": "foreign-letters", "reason": "a quotation", "version": 2})
    assert done.status_code == 200
    errors = _errors(done.get_json())
    assert errors["foreign-letters"]["override"] == {
        "check": "foreign-letters", "reason": "a quotation", "user": "rev_be"}
    assert errors["mixed-script"]["override"] is None
    still = reviewer.api("POST", f"/api/segments/{seg}/be/approve",
                         {"version": done.get_json()["version"]})
    assert still.status_code == 422 and "mixed-script" in still.get_json()["error"]
    assert "foreign-letters" not in still.get_json()["error"]

    # the row and the reading view say who overrode what, and why
    page = reviewer.get(f"/doc/{SLUG}/be").get_data(as_text=True)
    assert "overridden by rev_be: a quotation" in page
    reading = reviewer.get(f"/doc/{SLUG}/be/read").get_data(as_text=True)
    assert "overridden by rev_be: a quotation" in reading and "Segment 4" in reading
    with db.transaction() as session:
        notes = list(session.scalars(select(Revision.note).where(Revision.note.is_not(None))))
    assert "QA override (foreign-letters): a quotation" in notes


def test_an_override_lapses_when_the_text_changes(as_user, db: Database, seg: int) -> None:
    as_user("tr_be").api("PUT", f"/api/segments/{seg}/be", {"text": TWO_ERRORS, "version": 1})
    reviewer = as_user("rev_be")
    reviewer.api("POST", f"/api/segments/{seg}/be/overrides",
                 {"check": "foreign-letters", "reason": "a quotation", "version": 2})
    edited = as_user("tr_be").api("PUT", f"/api/segments/{seg}/be",
                                  {"text": TWO_ERRORS.replace("эскалацыі", "эскалацыi"),
                                   "version": 3})
    assert _errors(edited.get_json())["foreign-letters"]["override"] is None


def test_warnings_are_not_overridden_and_translators_may_not(as_user, seg: int) -> None:
    as_user("tr_be").api("PUT", f"/api/segments/{seg}/be", {"text": TWO_ERRORS, "version": 1})
    own = as_user("tr_be").api("POST", f"/api/segments/{seg}/be/overrides",
                               {"check": "mixed-script", "reason": "mine", "version": 2})
    assert own.status_code == 403
    warning = as_user("rev_be").api("POST", f"/api/segments/{seg}/be/overrides",
                                    {"check": "length-ratio", "reason": "x", "version": 2})
    assert warning.status_code == 422
    empty = as_user("rev_be").api("POST", f"/api/segments/{seg}/be/overrides",
                                  {"check": "mixed-script", "reason": " ", "version": 2})
    assert empty.status_code == 400 and "reason" in empty.get_json()["error"]


def test_fix_button_fixes_one_finding_and_keeps_the_author(as_user, db: Database,
                                                           seg: int) -> None:
    as_user("tr_be").api("PUT", f"/api/segments/{seg}/be", {"text": TWO_ERRORS, "version": 1})
    reviewer = as_user("rev_be")
    data = reviewer.get(f"/api/segments/{seg}/be").get_json()["translation"]
    assert _errors(data)["mixed-script"]["fix"] == TWO_ERRORS.replace("Мiнск", "Мінск")
    page = reviewer.get(f"/doc/{SLUG}/be").get_data(as_text=True)
    assert 'data-fix="mixed-script"' in page  # the button on the row
    fixed = reviewer.api("POST", f"/api/segments/{seg}/be/fix",
                         {"check": "mixed-script", "version": 2}).get_json()
    assert fixed["text"].startswith("Мінск ") and fixed["author"] == "tr_be"
    assert "mixed-script" not in _errors(fixed)
    nothing = reviewer.api("POST", f"/api/segments/{seg}/be/fix",
                           {"check": "mixed-script", "version": fixed["version"]})
    assert nothing.status_code == 422
    # the reviewer only fixed letters: they may still approve the translator's words
    reviewer.api("POST", f"/api/segments/{seg}/be/fix",
                 {"check": "foreign-letters", "version": fixed["version"]})
    text, _state, version = translation_state(db, seg, "be")
    assert "мірны працэс" in text
    approved = reviewer.api("POST", f"/api/segments/{seg}/be/approve", {"version": version})
    assert approved.status_code == 200
    assert approved.get_json()["author"] == "tr_be"
    assert approved.get_json()["approved_by"] == "rev_be"


def test_fix_from_a_plain_form(as_user, db: Database, seg: int) -> None:
    as_user("tr_be").api("PUT", f"/api/segments/{seg}/be", {"text": TWO_ERRORS, "version": 1})
    reviewer = as_user("rev_be")
    details = reviewer.get(f"/doc/{SLUG}/be/segment/{seg}").get_data(as_text=True)
    assert 'name="check" value="mixed-script"' in details and 'name="reason"' in details
    response = reviewer.form(f"/doc/{SLUG}/be/segment/{seg}/fix",
                             {"check": "mixed-script", "version": "2", "next": "segment"})
    assert response.status_code == 302
    assert translation_state(db, seg, "be")[0].startswith("Мінск ")
    over = reviewer.form(f"/doc/{SLUG}/be/segment/{seg}/override",
                         {"check": "foreign-letters", "reason": "quoted", "version": "3"})
    assert over.status_code == 302
    page = reviewer.get(f"/doc/{SLUG}/be/segment/{seg}").get_data(as_text=True)
    assert "overridden by rev_be: quoted" in page


def test_revert_keeps_the_reverted_texts_author(as_user, db: Database, seg: int) -> None:
    translator, reviewer = as_user("tr_be"), as_user("rev_be")
    translator.api("PUT", f"/api/segments/{seg}/be", {"text": CLEAN, "version": 1})
    reviewer.api("PUT", f"/api/segments/{seg}/be", {"text": CLEAN + " Ды ўсё.", "version": 2})
    history = reviewer.get(f"/api/segments/{seg}/be").get_json()["history"]
    mine = next(h["id"] for h in history if h["text"] == CLEAN)
    back = reviewer.api("POST", f"/api/segments/{seg}/be/revert",
                        {"revision": mine, "version": 3}).get_json()
    assert back["text"] == CLEAN and back["author"] == "tr_be"
    approved = reviewer.api("POST", f"/api/segments/{seg}/be/approve", {"version": 4})
    assert approved.status_code == 200, approved.get_json()
    row = reviewer.get(f"/doc/{SLUG}/be").get_data(as_text=True)
    assert 'title="translated by">tr_be</span>' in row and "approved by rev_be" in row




def test_glossary_beside_the_sentence(as_user, db: Database, seg: int) -> None:
    with db.transaction() as session:
        save_term(session, TermRecord(term="Minsk", translations={"be": ["Мінск"]},
                                      forbidden={"be": ["Минск"]}, note="the capital"))
    web = as_user("tr_be")
    page = web.get(f"/doc/{SLUG}/be").get_data(as_text=True)
    assert '<mark class="term" title="Мінск (≠ Минск)" data-term="Minsk">Minsk</mark>' in page
    panel = web.get(f"/doc/{SLUG}/be/segment/{seg}/panel").get_data(as_text=True)
    assert "Мінск" in panel and "<del>Минск</del>" in panel and "the capital" in panel


def test_no_javascript_insert_is_a_link_that_fills_the_text(as_user, db: Database,
                                                           seg: int) -> None:
    from tmgr.review.translations import change_translation, get_translation

    with db.transaction() as session:
        change_translation(session, get_translation(session, seg, "be"), text="Машынны.",
                           state=State.DRAFT, origin="mt:offline")
    web = as_user("tr_be")
    page = web.get(f"/doc/{SLUG}/be/segment/{seg}").get_data(as_text=True)
    assert "data-insert" not in page and 'href="?insert=mt-0"' in page
    filled = web.get(f"/doc/{SLUG}/be/segment/{seg}?insert=mt-0").get_data(as_text=True)
    assert ">Машынны.</textarea>" in filled
    assert web.get(f"/doc/{SLUG}/be/segment/{seg}?insert=tm-9").status_code == 200


def test_editing_an_approved_segment_is_announced(as_user, db: Database, seg: int) -> None:
    as_user("tr_be").api("PUT", f"/api/segments/{seg}/be", {"text": CLEAN, "version": 1})
    as_user("rev_be").api("POST", f"/api/segments/{seg}/be/approve", {"version": 2})
    page = as_user("tr_be").get(f"/doc/{SLUG}/be/segment/{seg}").get_data(as_text=True)
    assert "saving a change sends it back to translated" in page


def test_export_form_starts_ticked_and_explains(as_user, db: Database) -> None:
    publisher = as_user("publisher")
    form = publisher.get("/export").get_data(as_text=True)
    assert 'name="lang" value="be" checked' in form and 'value="txt" checked' in form
    none = publisher.form("/export", {"lang": "be"})
    assert none.status_code == 400
    body = none.get_data(as_text=True)
    assert "Choose at least one document." in body and "Something went wrong" not in body
    assert 'name="lang" value="be" checked' in body  # what was chosen stays chosen


def test_export_fixes_lookalikes_and_refuses_other_mixed_words(as_user, db: Database) -> None:
    from tmgr.review.translations import change_translation, get_translation

    ids = segment_ids(db, SLUG)
    with db.transaction() as session:
        for segment_id in ids:
            for lang in ("be", "ru"):
                text = "Сказ пра Мiнск." if lang == "be" else "Предложение о Минске."
                change_translation(session, get_translation(session, segment_id, lang),
                                   text=text, state=State.APPROVED, origin="human")
    publisher = as_user("publisher")
    final = publisher.form("/export", {"slug": SLUG, "lang": "be", "format": "txt"})
    assert final.status_code == 200, final.get_data(as_text=True)
    text = final.data.decode("utf-8")
    assert "Сказ пра\u00a0Мінск." in text and "Мiнск" not in text  # fixed on the way out
    with db.transaction() as session:
        change_translation(session, get_translation(session, ids[2], "ru"),
                           text="Мiнск зовёт.", state=State.APPROVED, origin="human")
        from tmgr.quality.checks import override_finding
        override_finding(session, get_translation(session, ids[2], "ru"), "mixed-script",
                         reason="looks fine")
    refused = publisher.form("/export", {"slug": SLUG, "lang": ["be", "ru"], "format": "txt"})
    page = refused.get_data(as_text=True)
    assert refused.status_code == 409
    assert "Segment 3</a>: words mixing Latin and Cyrillic letters" in page
    assert f'href="/doc/{SLUG}/ru#s{ids[2]}"' in page
    draft = publisher.form("/export", {"slug": SLUG, "lang": "ru", "format": "txt",
                                       "allow_partial": "1"})
    assert draft.status_code == 200 and "ru/" not in draft.headers["Content-Disposition"]
    assert "Мiнск" not in draft.data.decode("utf-8")  # a marked draft shows the English
