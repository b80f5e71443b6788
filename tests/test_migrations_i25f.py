"""Migration i25f_1 on a real tmgr 0.1.0 database: an archive imported before it gets its
figures from the migration, the same the import stores, and no table is rebuilt."""

from __future__ import annotations

import os
import subprocess
import sys

from sqlalchemy import inspect, select, text

from tests.conftest import DATA
from tests.test_migrations import (
    _columns_kept,
    _snapshot,
    _summary_triggers,
    legacy_url,  # noqa: F401  (fixture)
    revision_before,
)
from tmgr.store import schema
from tmgr.store.db import Database
from tmgr.store.models import ArchiveArticle

LABELLED = DATA / "archive" / "labelled"


def _import(url: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "tmgr", "archive", "import", str(LABELLED)],
        env={**os.environ, "TMGR_DATABASE_URL": url}, capture_output=True, text=True,
        timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    return result.stdout


def _figures(database: Database) -> dict[str, tuple[int, int]]:
    with database.transaction(readonly=True) as session:
        return {slug: (segments, words) for slug, segments, words in session.execute(
            select(ArchiveArticle.slug, ArchiveArticle.segments, ArchiveArticle.words))}


def test_i25f_1_counts_an_archive_imported_before_it(legacy_url: str) -> None:  # noqa: F811
    database = Database(legacy_url)
    before = _snapshot(database)
    database.upgrade()
    _columns_kept(before, _snapshot(database, set(before)))
    triggers = _summary_triggers(database)
    assert "summary_tr_insert" in triggers, "no table rebuild: d1_1's triggers stay"
    database.dispose()

    assert "imported 3 articles" in _import(legacy_url)
    database = Database(legacy_url)
    imported = _figures(database)
    assert len(imported) == 3 and all(s > 5 and w > s for s, w in imported.values())
    # the memory's change journal and index snapshots are caches that i25g_1's downgrade
    # clears (rebuilt from the memory); every table of people's work must stay
    kept = _snapshot(database, set(_snapshot(database))
                     - {"tmgr_releases", "tm_changes", "tm_index_snapshots"})

    # a database whose archive came in before i25f_1: the columns are not there yet
    schema.downgrade(database.engine, revision_before("i25f_1"))
    columns = {c["name"] for c in inspect(database.engine).get_columns("archive_articles")}
    assert not {"segments", "words"} & columns
    database.upgrade()
    assert _figures(database) == imported, "the migration counts as the import does"
    assert _summary_triggers(database) == triggers
    indexes = {i["name"] for i in inspect(database.engine).get_indexes("archive_articles")}
    assert {"ix_archive_articles_week", "ix_archive_articles_figures"} <= indexes
    _columns_kept(kept, _snapshot(database, set(kept)))
    database.dispose()

    assert "imported 0 articles (3 unchanged" in _import(legacy_url)  # nothing new
    database = Database(legacy_url)
    assert _figures(database) == imported
    with database.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM archive_articles")).scalar() == 3
    database.dispose()
