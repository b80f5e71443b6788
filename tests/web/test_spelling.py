"""Spelling in the editor: misspellings underlined with suggestions, words added to the
house list from the panel, and the list learned from approved translations."""

from __future__ import annotations

from sqlalchemy import select

from tests.web.conftest import segment_ids
from tmgr.quality.checks import check_segment
from tmgr.quality.words import house_words
from tmgr.review.translations import get_translation
from tmgr.store.db import Database
from tmgr.store.models import HouseWord, LearnedName

SLUG = "2024-10-28-lukashenka-negotiations"
# Segment 4 of the sample: "Minsk calls for the process to start as soon as possible…"
TEXT = "Мінск заклікае пачаць працэс як мага хутчэй, каб пазбегнуць далейшай эскалацыі."


def test_a_misspelling_is_underlined_in_the_panel_with_suggestions(as_user, db: Database
                                                                   ) -> None:
    seg = segment_ids(db, SLUG)[3]
    web = as_user("tr_be")
    saved = web.api("PUT", f"/api/segments/{seg}/be",
                    {"text": TEXT.replace("пачаць", "пачацьь"), "version": 1}).get_json()
    (spelling,) = [f for f in saved["findings"] if f["check"] == "spelling"]
    assert spelling["severity"] == "warning" and spelling["key"] == "пачацьь"
    assert "пачаць" in spelling["suggestions"]
    panel = web.get(f"/doc/{SLUG}/be/segment/{seg}/panel").get_data(as_text=True)
    assert '<mark class="misspelt">пачацьь</mark>' in panel
    assert 'data-replace-word="пачацьь" data-with="пачаць"' in panel
    assert 'data-add-word="пачацьь"' in panel


def test_an_editor_adds_a_word_and_the_warning_goes(as_user, db: Database) -> None:
    seg = segment_ids(db, SLUG)[3]
    translator = as_user("tr_be")
    text = TEXT + " Мінск хоча сьвята."
    saved = translator.api("PUT", f"/api/segments/{seg}/be", {"text": text, "version": 1})
    assert "spelling" in [f["check"] for f in saved.get_json()["findings"]]
    refused = as_user("tr_ru").api("POST", "/api/words", {"lang": "be", "word": "сьвята"})
    assert refused.status_code == 403
    bad = translator.api("POST", "/api/words", {"lang": "be", "word": "два словы"})
    assert bad.status_code == 400 and "not a word" in bad.get_json()["error"]
    added = translator.api("POST", "/api/words", {"lang": "be", "word": "сьвята"})
    assert added.status_code == 201 and added.get_json()["origin"] == "editor"
    panel = translator.get(f"/doc/{SLUG}/be/segment/{seg}/panel").get_data(as_text=True)
    assert 'data-check="spelling"' not in panel
    with db.transaction() as session:
        (word,) = session.scalars(select(HouseWord)).all()
        assert (word.lang, word.word, word.user.name) == ("be", "сьвята", "tr_be")


def test_approval_proposes_words_that_count_once_a_reviewer_accepts_them(
        as_user, db: Database) -> None:
    seg = segment_ids(db, SLUG)[3]
    text = TEXT + " Так лічыць Ясюкевіч-Шмыгаль."
    as_user("tr_be").api("PUT", f"/api/segments/{seg}/be", {"text": text, "version": 1})
    approved = as_user("rev_be").api("POST", f"/api/segments/{seg}/be/approve",
                                     {"version": 2})
    assert approved.status_code == 200, approved.get_json()
    with db.transaction() as session:
        words = {w.word: w for w in session.scalars(select(HouseWord))}
        word = words["ясюкевіч-шмыгаль"]
        assert (word.origin, word.status, word.approved_by) == ("approved", "candidate",
                                                                "rev_be")
        assert word.seen_in == f"{SLUG} #4"
        assert session.scalars(select(LearnedName)).all() == []  # no name in the English
        assert "ясюкевіч-шмыгаль" not in house_words(session).get("be", frozenset())
    page = as_user("rev_be").get("/words").get_data(as_text=True)
    assert 'data-candidate="ясюкевіч-шмыгаль"' in page and f"{SLUG} #4" in page
    refused = as_user("tr_be").form("/words/decide", {"lang": "be", "word": "ясюкевіч-шмыгаль",
                                                      "decision": "accept"}, page="/words")
    assert refused.status_code == 403
    accepted = as_user("rev_be").form("/words/decide", {
        "lang": "be", "word": "ясюкевіч-шмыгаль", "decision": "accept"}, page="/words")
    assert accepted.status_code == 302
    with db.transaction() as session:
        assert "ясюкевіч-шмыгаль" in house_words(session)["be"]
        translation = get_translation(session, seg, "be")
        assert "spelling" not in [f.check for f in check_segment(session, translation)]
        (change,) = session.scalars(select(HouseWord)).one().changes
        assert (change.action, change.user.name) == ("accepted", "rev_be")


def test_a_word_the_other_language_knows_is_never_a_candidate(as_user, db: Database) -> None:
    seg = segment_ids(db, SLUG)[3]
    text = TEXT + " Так лічыць Ясюкевіч, якобы."
    as_user("tr_be").api("PUT", f"/api/segments/{seg}/be", {"text": text, "version": 1})
    reviewer = as_user("rev_be")
    reviewer.api("POST", f"/api/segments/{seg}/be/approve",
                 {"version": 2, "overrides": {"other-language": "a quotation"}})
    with db.transaction() as session:
        assert "якобы" not in {w.word for w in session.scalars(select(HouseWord))}
    refused = reviewer.api("POST", "/api/words", {"lang": "be", "word": "якобы"})
    assert refused.status_code == 400 and "Russian word" in refused.get_json()["error"]


def test_a_removed_house_word_is_seen_with_who_and_why_and_restored(as_user,
                                                                   db: Database) -> None:
    seg = segment_ids(db, SLUG)[3]
    translator, editor = as_user("tr_be"), as_user("editor")
    text = TEXT + " Мінск хоча сьвята."
    translator.api("POST", "/api/words", {"lang": "be", "word": "сьвята"})
    no_reason = editor.api("DELETE", "/api/words", {"lang": "be", "word": "сьвята"})
    assert no_reason.status_code == 400 and "reason" in no_reason.get_json()["error"]
    refused = as_user("tr_ru").api("DELETE", "/api/words", {
        "lang": "be", "word": "сьвята", "reason": "no"})
    assert refused.status_code == 403
    removed = editor.form("/words/remove", {"lang": "be", "word": "сьвята",
                                            "reason": "a misspelling of the name"},
                          page="/words")
    assert removed.status_code == 302
    saved = translator.api("PUT", f"/api/segments/{seg}/be", {"text": text, "version": 1})
    assert "spelling" in [f["check"] for f in saved.get_json()["findings"]]  # no longer taken
    page = translator.get("/words").get_data(as_text=True)
    assert "сьвята" in page and "a misspelling of the name" in page
    assert "editor" in page and 'action="/words/restore"' in page
    with db.transaction() as session:  # kept, not deleted
        (word,) = session.scalars(select(HouseWord)).all()
        assert word.removed_at is not None
        assert [(c.action, c.user.name) for c in word.changes] == [("removed", "editor")]
    restored = translator.api("POST", "/api/words/restore",
                              {"lang": "be", "word": "сьвята", "reason": "it is right"})
    assert restored.status_code == 200 and restored.get_json()["action"] == "restored"
    ru_page = translator.client.get("/words", headers={"Accept-Language": "ru"})
    assert ru_page.status_code == 200
