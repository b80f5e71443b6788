"""The names table learns from approved translations; the house word list from the CLI."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Tmgr
from tmgr.db import Database
from tmgr.models import State
from tmgr.services.documents import get_document
from tmgr.services.qa import check_segment
from tmgr.services.translations import change_translation

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


def test_words_commands_add_list_remove_with_clear_errors(tmgr: Tmgr) -> None:
    tmgr("words", "add", "--lang", "be", "Перамоваў", "палітвязняў")
    listed = tmgr("words", "list", "--json").output
    assert '"word": "перамоваў"' in listed and '"origin": "editor"' in listed
    bad = tmgr("words", "add", "--lang", "be", "два словы", ok=False)
    assert bad.exit_code == 1 and "not a word" in bad.stderr
    unknown = tmgr("words", "add", "--lang", "uk", "слово", ok=False)
    assert unknown.exit_code == 1 and "not configured" in unknown.stderr
    tmgr("words", "remove", "--lang", "be", "перамоваў")
    gone = tmgr("words", "remove", "--lang", "be", "перамоваў", ok=False)
    assert gone.exit_code == 1 and "not in the be house list" in gone.stderr
    assert "1 word(s)" in tmgr("words", "list", "--lang", "be").output
