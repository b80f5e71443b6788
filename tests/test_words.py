"""The names table learns from approved translations; the house word list from the CLI."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import Tmgr
from tmgr.documents.ingest import get_document
from tmgr.quality.checks import check_segment
from tmgr.review.translations import change_translation
from tmgr.store.db import Database
from tmgr.store.models import State, User

SOURCE = """By
November 4 – November 10, 2024
Economy

Belneftekhim Loses Markets

Exports of Belneftekhim fell again this month.

The plants of Belneftekhim are working at half capacity.
"""


def test_an_approved_rendering_of_a_name_is_learned_and_then_accounted_for(
        tmgr: Tmgr, database: Database, tmp_path: Path) -> None:
    path = tmp_path / "2024-11-04-belneftekhim.txt"
    path.write_text(SOURCE, encoding="utf-8")
    tmgr("ingest", str(path))
    with database.transaction() as session:
        first, second = [s for s in get_document(session, path.stem).segments
                         if "Belneftekhim" in s.source and "Loses" not in s.source]
        change_translation(session, second.translation("be"), text="Заводы "
                           "Беларуснафтахіма працуюць на палову магутнасці.",
                           state=State.TRANSLATED, origin="human")
        names = [f.key for f in check_segment(session, second.translation("be"))
                 if f.check == "names"]
        assert names == ["Belneftekhim"]  # nothing accounts for the name yet
        change_translation(session, first.translation("be"), text="Экспарт "
                           "Беларуснафтахіма зноў скараціўся ў гэтым месяцы.",
                           state=State.APPROVED, origin="human")
    assert "and 1 name(s)" in tmgr("words", "learn").output
    with database.transaction() as session:
        (second,) = [s for s in get_document(session, path.stem).segments
                     if s.source.startswith("The plants")]
        assert second.translation("be").text.startswith("Заводы")
        findings = check_segment(session, second.translation("be"))
        assert "names" not in [f.check for f in findings]


def _users(database: Database, *people: tuple[str, str, str]) -> None:
    with database.transaction() as session:
        for name, role, languages in people:
            session.add(User(name=name, role=role, languages=languages))


def test_words_commands_add_list_remove_with_clear_errors(tmgr: Tmgr,
                                                          database: Database) -> None:
    tmgr("words", "add", "--lang", "be", "Перамоваў", "палітвязняў")
    listed = tmgr("words", "list", "--json").output
    assert '"word": "перамоваў"' in listed and '"origin": "editor"' in listed
    bad = tmgr("words", "add", "--lang", "be", "два словы", ok=False)
    assert bad.exit_code == 1 and "not a word" in bad.stderr
    unknown = tmgr("words", "add", "--lang", "uk", "слово", ok=False)
    assert unknown.exit_code == 1 and "not configured" in unknown.stderr
    _users(database, ("eda", "editor", ""))
    tmgr("words", "remove", "--lang", "be", "перамоваў", "--reason", "dup", "--as", "eda")
    gone = tmgr("words", "remove", "--lang", "be", "перамоваў", "--reason", "dup",
                "--as", "eda", ok=False)
    assert gone.exit_code == 1 and "not in the be house list" in gone.stderr
    assert "1 word(s)" in tmgr("words", "list", "--lang", "be").output


def test_a_removed_word_is_kept_with_who_when_why_and_can_be_restored(
        tmgr: Tmgr, database: Database, sample_doc: str) -> None:
    _users(database, ("eda", "editor", ""), ("tom", "translator", "ru"))
    tmgr("words", "add", "--lang", "be", "перамоваў")
    no_reason = tmgr("words", "remove", "--lang", "be", "перамоваў", "--reason", " ",
                     "--as", "eda", ok=False)
    assert no_reason.exit_code == 1 and "reason is required" in no_reason.stderr
    other_language = tmgr("words", "remove", "--lang", "be", "перамоваў", "--reason", "x",
                          "--as", "tom", ok=False)
    assert other_language.exit_code == 1 and "may not remove words in be" in \
        other_language.stderr
    tmgr("words", "remove", "--lang", "be", "перамоваў", "--reason", "added by mistake",
         "--as", "eda")
    assert "0 word(s)" in tmgr("words", "list", "--lang", "be").output
    removed = json.loads(tmgr("words", "list", "--removed", "--json").output)
    assert [(r["word"], r["removed_by"], r["reason"]) for r in removed] == [
        ("перамоваў", "eda", "added by mistake")]
    assert removed[0]["removed_at"][:4].isdigit()
    # The spelling check no longer takes it, and approving does not bring it back.
    with database.transaction() as session:
        segment = get_document(session, sample_doc).segments[1]
        translation = segment.translation("be")
        change_translation(session, translation, text="Пасля перамоваў Мінск змоўк.",
                           state=State.APPROVED, origin="human")
        from tmgr.quality.words import house_words, learn_from
        learn_from(session, translation)
        assert "перамоваў" not in house_words(session).get("be", frozenset())
    tmgr("words", "restore", "--lang", "be", "перамоваў", "--reason", "it is right",
         "--as", "eda")
    assert "перамоваў" in tmgr("words", "list", "--lang", "be").output
    history = json.loads(tmgr("words", "history", "--json").output)
    assert [(h["word"], h["action"], h["user"], h["reason"]) for h in history] == [
        ("перамоваў", "restored", "eda", "it is right"),
        ("перамоваў", "removed", "eda", "added by mistake")]
    again = tmgr("words", "restore", "--lang", "be", "перамоваў", "--as", "eda", ok=False)
    assert again.exit_code == 1 and "not a removed be house word" in again.stderr
