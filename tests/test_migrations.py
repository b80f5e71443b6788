"""Schema migrations: a real tmgr 0.1.0 database upgrades in place with every row kept.

The fixtures in ``tests/data/legacy`` were made by tmgr 0.1.0's own code
(``make_v010.py``): a SQLite file and a PostgreSQL dump.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlalchemy import MetaData, inspect, select, text

from tests.conftest import DATA, Tmgr
from tests.pgcluster import PostgresCluster
from tmgr import schema
from tmgr.db import Database
from tmgr.models import State, Translation
from tmgr.services.documents import load_document

LEGACY = DATA / "legacy"
TABLES_010 = {"documents", "blocks", "segments", "translations", "revisions", "users",
              "comments", "mt_cache", "login_attempts", "tm_units", "tm_generation",
              "glossary_terms", "glossary_translations", "qa_overrides"}


def _legacy_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """A copy of the 0.1.0 database on ``backend``."""
    if backend == "sqlite":
        path = tmp_path / "v010.sqlite3"
        shutil.copyfile(LEGACY / "v010.sqlite3", path)
        return f"sqlite:///{path}"
    cluster: PostgresCluster = request.getfixturevalue("pg_cluster")
    name = f"legacy_{tmp_path.name.lower().replace('-', '_')[-40:]}"
    admin = Database(cluster.url())
    with admin.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text(f"CREATE DATABASE {name}"))
    admin.dispose()
    subprocess.run([str(cluster.bindir / "psql"), "-q", "-v", "ON_ERROR_STOP=1",
                    "-h", str(cluster.socket_dir), "-p", str(cluster.port), "-U", "postgres",
                    "-d", name, "-f", str(LEGACY / "v010.postgresql.sql")],
                   check=True, capture_output=True)
    return cluster.url(name)


@pytest.fixture
def legacy_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    return _legacy_url(backend, tmp_path, request)


def _snapshot(database: Database, tables: set[str] | None = None) -> dict[str, list[Any]]:
    """Every row of every table (of ``tables``), in primary-key order."""
    metadata = MetaData()
    metadata.reflect(database.engine)
    rows: dict[str, list[Any]] = {}
    with database.engine.connect() as connection:
        for name, table in metadata.tables.items():
            if tables is not None and name not in tables or name == schema.VERSION_TABLE:
                continue
            order = list(table.primary_key.columns) or list(table.columns)
            rows[name] = [dict(row._mapping)
                          for row in connection.execute(select(table).order_by(*order))]
    return rows


def _columns_kept(before: dict[str, list[Any]], after: dict[str, list[Any]]) -> None:
    for table, old_rows in before.items():
        assert table in after, f"table {table} is gone"
        new_rows = after[table]
        assert len(new_rows) == len(old_rows), f"{table}: {len(old_rows)} -> {len(new_rows)}"
        for old, new in zip(old_rows, new_rows, strict=True):
            assert {key: new[key] for key in old} == old, f"{table} row changed"


def test_a_010_database_upgrades_in_place_with_every_row_kept(legacy_url: str) -> None:
    database = Database(legacy_url)
    assert database.schema_status().is_legacy
    before = _snapshot(database)
    assert set(before) == TABLES_010
    assert all(before[table] for table in TABLES_010), "the fixture has rows in every table"

    result = database.upgrade()
    assert result.stamped_legacy
    assert result.after == schema.head_revision()
    _columns_kept(before, _snapshot(database))
    database.check_schema()  # no longer refused

    again = database.upgrade()
    assert not again.changed and not again.stamped_legacy
    database.dispose()


def test_upgraded_database_keeps_working(legacy_url: str) -> None:
    """After the upgrade the TM label triggers fire and the ORM reads every state."""
    database = Database(legacy_url)
    database.upgrade()
    with database.engine.connect() as connection:
        label = connection.execute(text("SELECT generation FROM tm_generation")).scalar()
    with database.transaction() as session:
        states = {row.state for row in session.scalars(select(Translation))}
        assert states == set(State)
        row = session.scalars(select(Translation).where(
            Translation.state == State.TRANSLATED)).first()
        assert row is not None
        row.state = State.APPROVED
    with database.engine.connect() as connection:
        assert connection.execute(text("SELECT generation FROM tm_generation")).scalar() \
            != label, "approving a translation must relabel the TM"
    database.dispose()


def test_models_and_migrations_agree(database: Database) -> None:
    """``alembic check``: autogenerate finds nothing the migrations have not done."""
    with database.engine.connect() as connection:
        command.check(schema.alembic_config(connection))


def test_downgrade_to_baseline_and_back_keeps_the_010_rows(legacy_url: str) -> None:
    database = Database(legacy_url)
    database.upgrade()
    before = _snapshot(database, TABLES_010)
    schema.downgrade(database.engine, schema.BASELINE)
    assert database.schema_status().current == schema.BASELINE
    database.upgrade()
    after = _snapshot(database, TABLES_010)
    _columns_kept(before, after)
    database.dispose()


def test_a_fresh_database_gets_the_whole_schema(tmp_path: Path) -> None:
    database = Database(f"sqlite:///{tmp_path / 'new.sqlite3'}")
    assert database.schema_status().is_empty
    result = database.upgrade()
    assert not result.stamped_legacy and result.after == schema.head_revision()
    assert TABLES_010 <= set(inspect(database.engine).get_table_names())
    database.dispose()


@pytest.fixture
def legacy_env(legacy_url: str, env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("TMGR_DATABASE_URL", legacy_url)
    return legacy_url


def test_commands_refuse_an_old_schema_with_one_line(legacy_env: str, tmgr: Tmgr) -> None:
    result = tmgr("status", ok=False)
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("error: database schema is older than this tmgr (")
    assert lines[0].endswith("; run: tmgr db upgrade)") or "run: tmgr db upgrade" in lines[0]

    current = tmgr("db", "current")
    assert "tmgr 0.1.0" in current.output and "tmgr db upgrade" in current.output

    upgraded = tmgr("db", "upgrade")
    assert "recognised a tmgr 0.1.0 database" in upgraded.output
    assert "already current" in tmgr("db", "upgrade").output
    status = tmgr("status")
    assert "2024-10-14-crossings" in status.output
    assert "(current)" in tmgr("db", "current").output


def test_the_web_app_refuses_an_old_schema(legacy_env: str, tmgr: Tmgr) -> None:
    result = tmgr("serve", "--port", "1", ok=False)
    assert result.exit_code == 1
    assert "database schema is older than this tmgr" in result.output
    assert "Traceback" not in result.output


def test_init_runs_the_migrations_on_an_empty_database(env: dict[str, str], tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch,
                                                       tmgr: Tmgr) -> None:
    url = f"sqlite:///{tmp_path / 'empty.sqlite3'}"
    monkeypatch.setenv("TMGR_DATABASE_URL", url)
    refused = tmgr("status", ok=False)
    assert refused.exit_code == 1 and "run: tmgr init" in refused.output
    tmgr("init")
    assert "(current)" in tmgr("db", "current").output
    tmgr("init")  # again: nothing to do, no error
    assert tmgr("status").exit_code == 0


def test_i9_1_marks_every_010_segment_present_and_keeps_its_block(legacy_url: str) -> None:
    """i9_1 adds segments.removed (false for every existing sentence) on the real rows."""
    database = Database(legacy_url)
    before = _snapshot(database, {"segments"})["segments"]
    database.upgrade()
    after = _snapshot(database, {"segments"})["segments"]
    assert len(after) == len(before) > 0
    assert all(row["removed"] is False for row in after)
    assert [row["block_id"] for row in after] == [row["block_id"] for row in before]
    with database.engine.connect() as connection:  # the TM triggers on segments survive
        label = connection.execute(text("SELECT epoch FROM tm_generation")).scalar()
    with database.engine.begin() as connection:
        connection.execute(text("UPDATE segments SET source = source || ' ' "
                                "WHERE id = (SELECT min(id) FROM segments)"))
    with database.engine.connect() as connection:
        assert connection.execute(text("SELECT epoch FROM tm_generation")).scalar() != label
    database.dispose()


def test_i10_source_revisions_backfill_the_010_documents(legacy_env: str, tmgr: Tmgr,
                                                         tmp_path: Path) -> None:
    """i10_1: each 0.1.0 document gets version 1 from its own rows; re-ingest then works."""
    database = Database(legacy_env)
    documents = _snapshot(database, {"documents"})["documents"]
    database.upgrade()
    rows = _snapshot(database, {"source_revisions", "segments", "translations"})
    revisions = {row["document_id"]: row for row in rows["source_revisions"]}
    assert sorted(revisions) == sorted(d["id"] for d in documents)
    for document in documents:
        revision = revisions[document["id"]]
        assert (revision["number"], revision["path"], revision["checksum"]) == (
            1, document["source_path"], document["checksum"])
        assert revision["ingested_by"] is None and revision["changes"] == "[]"
        assert str(revision["created_at"])[:19] == str(document["created_at"])[:19]
    assert {row["source_revision"] for row in rows["segments"]} == {1}
    assert {row["source_basis"] for row in rows["translations"]} == {None}
    database.dispose()

    # a corrected source of a 0.1.0 document: its approved work is kept or flagged
    slug = "2024-12-30-winter-drills"
    upgraded = Database(legacy_env)
    with upgraded.transaction() as session:
        document = load_document(session, slug)
        approved = next(s for s in document.segments
                        if s.translation("be") and s.translation("be").state == State.APPROVED
                        and len(s.source.split()) > 4)
        old_source, kept = approved.source, {
            s.source for s in document.segments
            if any(t.state == State.APPROVED for t in s.translations)} - {approved.source}
    upgraded.dispose()
    source = (DATA / "sources" / f"{slug}.txt").read_text(encoding="utf-8")
    assert old_source in source
    new_source = old_source.replace(" ", " indeed ", 1)
    path = tmp_path / f"{slug}.txt"
    path.write_text(source.replace(old_source, new_source), encoding="utf-8")
    assert "source revision 2" in tmgr("ingest", "--replace", str(path)).stdout
    shown = json.loads(tmgr("show", slug, "--json").stdout)
    segments = {s["source"]: s for b in shown["blocks"] for s in b["segments"]}
    changed = segments[new_source]
    assert changed["source_revision"] == 2 and changed["previous_source"] == old_source
    assert changed["translations"]["be"]["state"] == "needs_editing"
    assert changed["translations"]["be"]["source_basis"] == old_source
    assert all(segments[s]["translations"]["be"]["state"] == "approved"
               or segments[s]["translations"]["ru"]["state"] == "approved" for s in kept)
