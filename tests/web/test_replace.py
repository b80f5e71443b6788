"""Search and replace through the real app: preview, confirm in batches, undo as one step;
segments changed in between are skipped and reported; bad patterns answer clearly."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from tests.web.conftest import segment_ids, translation_state
from tmgr.people.users import get_user
from tmgr.review import actions as review
from tmgr.review import replace
from tmgr.review.translations import get_translation
from tmgr.store.db import Database
from tmgr.store.models import Revision, State

TEXTS = ["Мінск заклікае да перамоў.", "У Мінску прайшла сустрэча.",
         "Афіцыйны Мінск маўчыць.", "Мінск і Масква.", "Тут горада няма."]


def _fill(db: Database, ids: list[int], who: str = "tr_be") -> None:
    with db.transaction() as session:
        for segment_id, text in zip(ids, TEXTS, strict=False):
            review.save(session, get_user(session, who), segment_id, "be", text=text,
                        expected_version=None)


def _revisions(db: Database) -> int:
    with db.transaction() as session:
        return int(session.scalar(select(func.count(Revision.id))) or 0)


def test_preview_confirm_and_undo_skip_what_changed_in_between(
        as_user: Any, db: Database, sample_doc: str) -> None:
    ids = segment_ids(db, sample_doc)[:5]
    _fill(db, ids)
    translator = as_user("tr_be")
    ask = {"search": "Мінск", "replace": "Менск", "lang": "be", "document": sample_doc}
    shown = translator.api("POST", "/api/replace/preview", ask)
    assert shown.status_code == 200, shown.get_json()
    preview = shown.get_json()
    assert preview["total"] == 4
    first = preview["changes"][0]
    assert (first["document"], first["segment_id"], first["state"]) == \
        (sample_doc, ids[0], "translated")
    assert (first["before"], first["after"]) == (TEXTS[0], "Менск заклікае да перамоў.")
    assert _revisions(db) == 5, "a preview changes nothing"
    translator.api("PUT", f"/api/segments/{ids[2]}/be",  # someone edits after the preview
                   {"text": "Афіцыйны Мінск усё яшчэ маўчыць.", "version": 2})
    done = translator.api("POST", "/api/replace/apply",
                          {**ask, "replace_id": preview["replace_id"], "mark": preview["mark"]})
    assert done.status_code == 200, done.get_json()
    result = done.get_json()
    assert result["done"] and result["changed"] == [ids[0], ids[1], ids[3]]
    assert [s["segment"] for s in result["skipped"]] == [ids[2]]
    assert "since the preview" in result["skipped"][0]["reason"]
    assert translation_state(db, ids[2], "be")[0] == "Афіцыйны Мінск усё яшчэ маўчыць."
    assert translation_state(db, ids[1], "be")[0] == "У Менску прайшла сустрэча."
    with db.transaction() as session:
        note = get_translation(session, ids[0], "be").revisions[-1].note
        assert note is not None and note.startswith(f"replace {preview['replace_id']}:")
    translator.api("PUT", f"/api/segments/{ids[3]}/be",
                   {"text": "Менск і Масква, зноў.", "version": 3})
    undone = translator.api("POST", "/api/replace/undo", {"replace_id": preview["replace_id"]})
    assert undone.status_code == 200, undone.get_json()
    assert undone.get_json()["changed"] == [ids[0], ids[1]]
    assert [s["segment"] for s in undone.get_json()["skipped"]] == [ids[3]]
    text, state, _ = translation_state(db, ids[1], "be")
    assert (text, state) == (TEXTS[1], State.TRANSLATED)
    assert translation_state(db, ids[3], "be")[0] == "Менск і Масква, зноў."


def test_rights_are_per_language(as_user: Any, db: Database, sample_doc: str) -> None:
    _fill(db, segment_ids(db, sample_doc)[:5])
    ask = {"search": "Мінск", "replace": "Менск", "lang": "be", "document": ""}
    refused = as_user("tr_ru").api("POST", "/api/replace/preview", ask)
    assert refused.status_code == 403
    assert as_user("tr_be").api("POST", "/api/replace/preview", ask).get_json()["total"] == 4


@pytest.mark.parametrize(("search", "regex", "says"), [
    ("", False, "empty"),
    (".*", True, "matches empty text"),
    ("x" * 10_000, False, "at most 500"),
    ("(Мінск", True, "not valid"),
    ("(a+)+$", True, "repeats a repetition"),
    ("(\\w+\\s?)*$", True, "repeats a repetition"),
    ("(Мінск|Мінскі)+", True, "repeats a repetition"),
])
def test_bad_patterns_answer_clearly_and_change_nothing(
        as_user: Any, db: Database, sample_doc: str, search: str, regex: bool,
        says: str) -> None:
    _fill(db, segment_ids(db, sample_doc)[:5])
    before = _revisions(db)
    answer = as_user("tr_be").api("POST", "/api/replace/apply", {
        "search": search, "replace": "y", "regex": regex, "lang": "be",
        "replace_id": "r0123456789ab", "mark": 10**6})
    assert answer.status_code == 422, answer.get_json()
    assert says in answer.get_json()["error"] and answer.get_json()["hint"]
    assert _revisions(db) == before


def test_plain_dot_star_is_literal_and_regex_groups_work(
        as_user: Any, db: Database, sample_doc: str) -> None:
    _fill(db, segment_ids(db, sample_doc)[:5])
    translator = as_user("tr_be")
    plain = translator.api("POST", "/api/replace/preview", {
        "search": ".*", "replace": "y", "lang": "be"})
    assert plain.get_json()["total"] == 0
    groups = translator.api("POST", "/api/replace/preview", {
        "search": r"Мін(ск\w*)", "replace": r"Мен\1", "regex": True, "lang": "be"})
    assert [c["after"] for c in groups.get_json()["changes"]][:2] == \
        ["Менск заклікае да перамоў.", "У Менску прайшла сустрэча."]
    bad = translator.api("POST", "/api/replace/preview", {
        "search": "Мінск", "replace": r"\2", "regex": True, "lang": "be"})
    assert bad.status_code == 422 and "group" in bad.get_json()["error"]


def test_interrupted_batches_leave_done_ones_whole_and_undoable(
        db: Database, sample_doc: str) -> None:
    ids = segment_ids(db, sample_doc)[:5]
    _fill(db, ids)
    search = replace.parse_search("Мінск", "Менск", regex=False)
    with db.transaction() as session:
        found = replace.preview(session, get_user(session, "tr_be"), "be", None, search)
    with db.transaction() as session:  # one batch, one transaction; then the tab is closed
        first = replace.apply_batch(session, get_user(session, "tr_be"), "be", None, search,
                                    replace_id=found.replace_id, mark=found.mark, size=2)
    assert first.changed == ids[:2] and first.next_after is not None
    assert [translation_state(db, i, "be")[0].startswith(("Менск", "У Менску"))
            for i in ids[:4]] == [True, True, False, False]
    with db.transaction() as session:
        undone = replace.undo_batch(session, get_user(session, "tr_be"), found.replace_id)
    assert undone.changed == ids[:2] and undone.next_after is None
    assert [translation_state(db, i, "be")[0] for i in ids] == TEXTS


def test_a_large_replace_previews_a_page_and_runs_in_batches(
        as_user: Any, db: Database, sample_doc: str) -> None:
    """Many segments: the preview shows a page with the total; the batches run to the
    end one transaction each; an empty result is skipped, not saved."""
    from tmgr.store.models import Document, Segment, Translation

    many = replace.PREVIEW_LIMIT + replace.BATCH + 50
    with db.transaction() as session:
        document = session.scalars(select(Document).where(Document.slug == sample_doc)).one()
        for number in range(many):
            session.add(Segment(document_id=document.id, position=number, ordinal=1000 + number,
                                key=f"bulk-{number}", source=f"Minsk meeting {number}.",
                                start_offset=0, end_offset=0, words=3, translations=[
                                    Translation(lang="be", text=f"Мінск, сустрэча {number}.",
                                                state=State.TRANSLATED)]))
        session.add(Segment(document_id=document.id, position=0, ordinal=999, key="whole",
                            source="Minsk.", start_offset=0, end_offset=0, words=1,
                            translations=[Translation(lang="be", text="Мінск",
                                                      state=State.TRANSLATED)]))
    translator = as_user("tr_be")
    ask = {"search": "Мінск", "replace": "", "lang": "be", "document": sample_doc}
    preview = translator.api("POST", "/api/replace/preview", ask).get_json()
    assert preview["total"] == many + 1
    assert len(preview["changes"]) == preview["limit"] == replace.PREVIEW_LIMIT
    rest = translator.api("POST", "/api/replace/preview",
                          {**ask, "offset": 2 * replace.PREVIEW_LIMIT}).get_json()
    assert len(rest["changes"]) == many + 1 - 2 * replace.PREVIEW_LIMIT
    after, batches, changed, skipped = 0, 0, 0, []
    while True:
        batch = translator.api("POST", "/api/replace/apply", {
            **ask, "replace_id": preview["replace_id"], "mark": preview["mark"],
            "after": after}).get_json()
        batches += 1
        changed += len(batch["changed"])
        skipped += batch["skipped"]
        if batch["done"]:
            break
        after = batch["next_after"]
    assert batches == 3 and changed == many
    assert [s["reason"] for s in skipped] == [
        "the replace would leave the segment empty; not replaced"]
    undo, undone = {"replace_id": preview["replace_id"], "after": 0}, 0
    while True:
        batch = translator.api("POST", "/api/replace/undo", undo).get_json()
        undone += len(batch["changed"])
        if batch["done"]:
            break
        undo["after"] = batch["next_after"]
    assert undone == many
    with db.transaction() as session:
        texts = session.scalars(select(Translation.text).join(Segment).where(
            Segment.key.startswith("bulk-"), Translation.lang == "be"))
        assert all(text.startswith("Мінск, сустрэча") for text in texts)
