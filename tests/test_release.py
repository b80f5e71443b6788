"""A version that means something: `tmgr --version`, which release a database's
revision belongs to, and a database a newer tmgr wrote is refused by name."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select, text

from tests.conftest import Tmgr
from tests.test_migrations import (  # noqa: F401 - a fixture
    _columns_kept,
    _snapshot,
    legacy_url,
    revision_before,
)
from tmgr import __version__
from tmgr.releases import RELEASES, version_of
from tmgr.store import schema
from tmgr.store.db import Database
from tmgr.store.models import ReleaseStamp


def test_version_names_the_package_and_the_schema_it_expects(tmgr: Tmgr) -> None:
    out = tmgr("--version").output.strip()
    assert out == f"tmgr {__version__} (database schema revision {schema.head_revision()})"


def test_every_revision_this_tmgr_ships_belongs_to_a_release() -> None:
    known = schema.known_revisions()
    listed = {r for revisions in RELEASES.values() for r in revisions}
    assert version_of("0001") == "0.1.0" and version_of(None) == "0.1.0"
    assert version_of("d1_1", known) == "0.2.0"
    assert all(version_of(r, known) for r in known)  # unlisted: the version being made
    assert listed - known == set(), "RELEASES lists a revision no migration has"
    assert version_of("z9_9", known) is None


def test_db_current_says_which_release_the_revision_belongs_to(tmgr: Tmgr) -> None:
    current = tmgr("db", "current").output
    assert f"(current) of tmgr {__version__}" in current
    data = tmgr("db", "current", "--json").output
    assert f'"version": "{__version__}"' in data and '"state": "current"' in data


def _written_by_newer(database: Database) -> None:
    """What tmgr 0.9.0 would leave: a revision this tmgr does not know, and its stamp."""
    with database.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'z9_9'"))
        connection.execute(text("INSERT INTO tmgr_releases (version, revision, upgraded_at) "
                                "VALUES ('0.9.0', 'z9_9', :at)"),
                           {"at": datetime(2030, 1, 1, tzinfo=UTC)})


@pytest.mark.parametrize("command", [("status",), ("init",), ("db", "upgrade"),
                                     ("user", "list"), ("serve", "--port", "1")])
def test_a_database_a_newer_tmgr_wrote_is_refused_naming_that_version(
        command: tuple[str, ...], tmgr: Tmgr, database: Database) -> None:
    _written_by_newer(database)
    before = _snapshot(database)
    result = tmgr(*command, ok=False)
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert lines == [lines[0]] and lines[0].startswith("error: the database was written by "
                                                       "tmgr 0.9.0 (schema revision z9_9)")
    assert "install tmgr 0.9.0 or later" in lines[0]
    assert _snapshot(database) == before
    with database.engine.connect() as connection:
        assert connection.scalar(text("SELECT version_num FROM alembic_version")) == "z9_9"


def test_db_current_names_the_newer_version_and_downgrade_is_refused(
        tmgr: Tmgr, database: Database) -> None:
    _written_by_newer(database)
    result = tmgr("db", "current", ok=False)
    assert result.exit_code == 1 and "written by tmgr 0.9.0" in result.output
    from tmgr.errors import SchemaError

    with pytest.raises(SchemaError, match="written by tmgr 0.9.0"):
        schema.downgrade(database.engine, "0001")


def test_upgrade_records_the_version_and_keeps_every_010_row(legacy_url: str) -> None:  # noqa: F811
    """i20_1 on the 0.1.0 fixture: every row stays, and the upgrade is recorded."""
    database = Database(legacy_url)
    try:
        before = _snapshot(database)
        database.upgrade()
        after = _snapshot(database)
        for table, rows in before.items():
            assert len(after[table]) >= len(rows), table  # earlier steps add history
        with database.transaction() as session:
            stamps = session.scalars(select(ReleaseStamp)).all()
            assert [(s.version, s.revision) for s in stamps] == [
                (__version__, schema.head_revision())]
        status = database.schema_status()
        assert status.written_by == __version__ and status.version == __version__
        before_i20 = revision_before("i20_1")
        schema.downgrade(database.engine, before_i20)  # bookkeeping: it goes, nothing else
        # migrations after i20_1 step back with it; every table of the 0.1.0 work keeps
        # every row, and the release stamps are gone
        undone = _snapshot(database)
        assert "tmgr_releases" not in undone
        _columns_kept(before, undone)
    finally:
        database.dispose()
