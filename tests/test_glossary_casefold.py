"""Glossary terms are one per case-folded spelling in every alphabet (issue 27, 7).

SQLite's ``lower()`` folds ASCII only, so ``Łódź`` could be neither found again nor
removed, and ``łódź`` could be added beside it. The real command on SQLite and
PostgreSQL, and migration i27b_1 on the real 0.1.0 database with twins in it.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from sqlalchemy import select, text

from tests.conftest import Tmgr
from tests.test_migrations import legacy_url  # noqa: F401  (fixture)
from tmgr.quality.glossary import get_term, term_key
from tmgr.store.db import Database
from tmgr.store.models import GlossaryTerm


def _terms(tmgr: Tmgr) -> list[str]:
    return [t["term"] for t in json.loads(tmgr("glossary", "list", "--json").output)]


@pytest.mark.parametrize("term", ["Łódź", "ŁÓDŹ", "Ölüdeniz", "Мінск", "Straße"])
def test_a_term_with_a_non_ascii_capital_is_one_term(tmgr: Tmgr, env: dict, term: str) -> None:
    tmgr("glossary", "add", term, "-t", "be=Лодзь")
    again = tmgr("glossary", "add", term, "-t", "be=Лодзь", ok=False)
    assert again.exit_code == 1 and "already exists" in again.stderr
    assert "internal error" not in again.stderr
    twin = tmgr("glossary", "add", term.lower(), ok=False)  # a lower-case twin is the same
    assert twin.exit_code == 1 and "already exists" in twin.stderr
    assert _terms(tmgr).count(term) == 1 and term.lower() not in _terms(tmgr)
    tmgr("glossary", "add", term.upper(), "-t", "ru=Лодзь", "--replace")
    (entry,) = json.loads(tmgr("glossary", "list", "--json").output)
    assert entry["term"] == term and entry["translations"] == {"ru": ["Лодзь"]}
    assert "removed" in tmgr("glossary", "remove", term.lower()).output
    assert _terms(tmgr) == []


def test_an_imported_file_with_twins_keeps_one(tmgr: Tmgr, env: dict, tmp_path) -> None:
    csv = tmp_path / "g.csv"
    csv.write_text("term,be,ru\nŁódź,Лодзь,\nłódź,,Лодзь\n", encoding="utf-8")
    tmgr("glossary", "import", str(csv))
    assert _terms(tmgr) == ["Łódź"]


def test_i27b_1_keys_the_010_terms_and_keeps_twins(legacy_url: str) -> None:  # noqa: F811
    database = Database(legacy_url)
    now = datetime(2024, 11, 4, tzinfo=UTC)
    with database.engine.begin() as connection:  # twins 0.1.0 let in beside its terms
        before = [row.term for row in connection.execute(
            text("SELECT term FROM glossary_terms ORDER BY id"))]
        for term in ("Łódź", "łódź", "Ślōnsk"):
            connection.execute(text(
                "INSERT INTO glossary_terms (term, note, do_not_translate, created_at, "
                "updated_at) VALUES (:t, 'twin', false, :n, :n)"), {"t": term, "n": now})
    assert before, "the 0.1.0 fixture holds glossary terms"
    database.upgrade()
    with database.transaction() as session:
        rows = session.scalars(select(GlossaryTerm).order_by(GlossaryTerm.id)).all()
        assert [r.term for r in rows] == [*before, "Łódź", "łódź", "Ślōnsk"]  # none lost
        keys = [r.term_key for r in rows]
        assert len(set(keys)) == len(keys)
        assert keys[:len(before)] == [term_key(t) for t in before]
        assert get_term(session, "ŁÓDŹ").term == "Łódź"
        assert get_term(session, "łódź").term == "łódź"  # the twin: by its exact spelling
        assert get_term(session, "śLŌNSK").term == "Ślōnsk"
    database.dispose()
