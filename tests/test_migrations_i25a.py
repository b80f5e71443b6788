"""Migration i25a_1 on a real tmgr 0.1.0 database: the archive tables, and an archive
imported into the upgraded database next to the 0.1.0 work."""

from __future__ import annotations

import os
import subprocess
import sys

from sqlalchemy import func, inspect, select

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
from tmgr.store.models import ArchiveArticle, TMUnit

ARCHIVE_TABLES = {"archive_articles", "archive_links", "archive_candidates"}


def test_i25a_1_adds_the_archive_beside_every_010_row(legacy_url: str) -> None:  # noqa: F811
    database = Database(legacy_url)
    before = _snapshot(database)
    database.upgrade()
    _columns_kept(before, _snapshot(database, set(before)))
    assert ARCHIVE_TABLES <= set(inspect(database.engine).get_table_names())
    triggers = _summary_triggers(database)
    assert "summary_tr_insert" in triggers, "no table rebuild: d1_1's triggers stay"
    with database.transaction(readonly=True) as session:
        units_010 = session.scalar(select(func.count()).select_from(TMUnit))
    database.dispose()

    result = subprocess.run(
        [sys.executable, "-m", "tmgr", "archive", "import", str(DATA / "archive" / "labelled")],
        env={**os.environ, "TMGR_DATABASE_URL": legacy_url}, capture_output=True,
        text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    assert "imported 3 articles" in result.stdout
    database = Database(legacy_url)
    with database.transaction(readonly=True) as session:
        assert session.scalar(select(func.count()).select_from(ArchiveArticle)) == 3
        units = session.scalar(select(func.count()).select_from(TMUnit)) or 0
    assert units > (units_010 or 0) + 50
    kept = set(before) - {"tm_units", "tm_generation"}  # new units relabel the memory
    _columns_kept({t: before[t] for t in kept}, _snapshot(database, kept))

    schema.downgrade(database.engine, revision_before("i25a_1"))
    assert not ARCHIVE_TABLES & set(inspect(database.engine).get_table_names())
    with database.transaction(readonly=True) as session:  # the memory keeps what it learned
        assert session.scalar(select(func.count()).select_from(TMUnit)) == units
    database.upgrade()
    assert _summary_triggers(database) == triggers
    database.dispose()
