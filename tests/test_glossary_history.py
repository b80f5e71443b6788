"""The glossary history from the command line: add, --replace, import and remove write
the same history as the glossary page; a removed term comes back as it was."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select

from tests.conftest import Tmgr
from tmgr.people.users import create_user
from tmgr.store.db import Database
from tmgr.store.models import GlossaryChange

CSV = ("term,be,ru,be_forbidden,ru_forbidden,note,do_not_translate\n"
       "prosecutor,пракурор,прокурор,,,,\n"
       "Supreme Court,Вярхоўны Суд,Верховный Суд,,,capital S,\n")


def _changes(database: Database) -> list[tuple[str, str, str | None]]:
    with database.transaction() as session:
        return [(c.term, c.action, c.user.name if c.user else None) for c in
                session.scalars(select(GlossaryChange).order_by(GlossaryChange.id))]


def test_cli_changes_are_in_the_history_with_who_made_them(
        tmgr: Tmgr, database: Database, tmp_path: Path) -> None:
    with database.transaction() as session:
        create_user(session, "ed", role="editor", languages=[], password="pw-ed-long-1",
                    configured=("be", "ru"))
    tmgr("glossary", "add", "Lukashenka", "-t", "be=Лукашэнка", "-t", "ru=Лукашенко",
         "-f", "ru=Лукашенка", "--note", "the name", "--as", "ed")
    tmgr("glossary", "add", "Lukashenka", "-t", "be=Лукашэнка", "-t", "ru=Лукашенко",
         "--replace", "--as", "ed")
    source = tmp_path / "terms.csv"
    source.write_text(CSV, encoding="utf-8")
    tmgr("glossary", "import", str(source))
    tmgr("glossary", "import", str(source), "--replace", "--as", "ed")
    assert _changes(database) == [
        ("Lukashenka", "added", "ed"), ("Lukashenka", "edited", "ed"),
        ("prosecutor", "imported", None), ("Supreme Court", "imported", None),
        ("prosecutor", "imported", "ed"), ("Supreme Court", "imported", "ed")]
    listed = json.loads(tmgr("glossary", "history", "--json").output)
    edited = next(c for c in listed if c["action"] == "edited")
    assert edited["before"]["forbidden"] == {"ru": ["Лукашенка"]}  # what --replace dropped
    assert edited["after"]["forbidden"] == {}
    replaced = listed[0]
    assert replaced["before"] is not None and replaced["after"]["note"] == "capital S"


def test_a_removed_term_is_kept_and_restored_whole(tmgr: Tmgr, database: Database) -> None:
    tmgr("glossary", "add", "Lukashenka", "-t", "be=Лукашэнка|Лукашэнкa", "-t",
         "ru=Лукашенко", "-f", "ru=Лукашенка", "--note", "the name")
    removed = tmgr("glossary", "remove", "Lukashenka")
    assert "tmgr glossary restore 'Lukashenka'" in removed.output
    assert "Lukashenka" not in tmgr("glossary", "list").output
    history = tmgr("glossary", "history").output
    assert "removed  Lukashenka" in history and "ru ≠ Лукашенка" in history
    tmgr("glossary", "restore", "lukashenka")  # any case, as the term is named elsewhere
    terms = json.loads(tmgr("glossary", "list", "--json").output)
    assert terms == [{"term": "Lukashenka", "note": "the name", "do_not_translate": False,
                      "translations": {"be": ["Лукашэнка", "Лукашэнкa"], "ru": ["Лукашенко"]},
                      "forbidden": {"ru": ["Лукашенка"]}}]
    again = tmgr("glossary", "restore", "Lukashenka", ok=False)
    assert again.exit_code == 1 and "in the glossary again" in again.output
    never = tmgr("glossary", "restore", "Minsk", ok=False)
    assert never.exit_code == 1 and "was never removed" in never.output
    assert [action for _, action, _ in _changes(database)] == ["added", "removed", "restored"]
