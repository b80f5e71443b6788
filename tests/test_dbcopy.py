"""``tmgr db copy --to URL``: SQLite to PostgreSQL and back, every row, or nothing."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.engine import make_url

from tests.conftest import Tmgr
from tests.pgcluster import PostgresCluster
from tests.test_backup import _status, _use, empty_url, every_row, upgraded_010  # noqa: F401
from tests.test_migrations import _legacy_url
from tmgr.errors import BackupError
from tmgr.store import search, tables
from tmgr.store.copy import copy_database
from tmgr.store.db import Database
from tmgr.store.models import Document
from tmgr.store.summaries import SUMMARY_TABLES

OTHER = {"sqlite": "postgresql", "postgresql": "sqlite"}


def _searched(url: str, query: str) -> set[str]:
    """The slugs the full-text search finds in the database at ``url``."""
    database = Database(url)
    found = search.matching_documents(database.engine.dialect.name, query)
    with database.engine.connect() as connection:
        slugs = set(connection.scalars(select(Document.slug).where(Document.id.in_(found))))
    database.dispose()
    return slugs


@pytest.fixture
def needs_both(request: pytest.FixtureRequest) -> None:
    if "postgresql" not in request.config.getoption("databases"):
        pytest.skip("a copy between SQLite and PostgreSQL needs both")


@pytest.mark.postgres
def test_copy_moves_every_row_to_the_other_database(
        needs_both: None, upgraded_010: str, empty_url: Callable[[str], str],  # noqa: F811
        backend: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = empty_url(OTHER[backend])
    _use(monkeypatch, upgraded_010, tmp_path)
    before = every_row(upgraded_010)
    out = Tmgr()("db", "copy", "--to", target).output
    # the summaries are counted again in the target, not copied: equal all the same
    total = sum(len(rows) for name, rows in before.items() if name not in SUMMARY_TABLES)
    assert before["progress_counts"] and before["daily_activity"]
    assert "row counts checked" in out and f"copied {total + 1} rows" in out
    assert every_row(target) == before
    assert _status(target).is_current
    assert _searched(upgraded_010, "crossings") == _searched(target, "crossings") != set()

    # the copy is a working tmgr database: new rows get fresh ids (sequences set right)
    _use(monkeypatch, target, tmp_path)
    Tmgr()("user", "add", "newcomer", "--role", "reviewer", "--lang", "be,ru",
           input="a long passphrase\na long passphrase\n")
    names = {user["name"] for user in json.loads(Tmgr()("user", "list", "--json").output)}
    assert "newcomer" in names and len(names) == len(before["users"]) + 1
    assert json.loads(Tmgr()("status", "--json").output)


def test_a_target_with_data_is_refused(upgraded_010: str, backend: str,  # noqa: F811
                                       tmp_path: Path, request: pytest.FixtureRequest,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    other = f"sqlite:///{tmp_path / 'other.sqlite3'}"
    _use(monkeypatch, other, tmp_path)
    Tmgr()("init")
    Tmgr()("user", "add", "someone", "--role", "admin", "--lang", "be",
           input="a long passphrase\na long passphrase\n")
    kept = every_row(other)
    _use(monkeypatch, upgraded_010, tmp_path)
    result = Tmgr()("db", "copy", "--to", other, ok=False)
    assert result.exit_code == 1 and "not empty" in result.output
    assert every_row(other) == kept


def test_an_older_target_schema_is_refused(backend: str, tmp_path: Path,
                                           request: pytest.FixtureRequest,
                                           upgraded_010: str,  # noqa: F811
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "old").mkdir()
    old = _legacy_url("sqlite", tmp_path / "old", request)
    _use(monkeypatch, upgraded_010, tmp_path)
    result = Tmgr()("db", "copy", "--to", old, ok=False)
    assert result.exit_code == 1 and "another schema revision" in result.output


def test_an_unreachable_target_is_one_line(upgraded_010: str,  # noqa: F811
                                           tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    _use(monkeypatch, upgraded_010, tmp_path)
    result = Tmgr()("db", "copy", "--to",
                    "postgresql://tmgr:secret@127.0.0.1:9/tmgr", ok=False)
    assert result.exit_code == 1
    assert result.output.startswith("error: cannot reach the target database")
    assert len(result.output.strip().splitlines()) == 1
    assert "secret" not in result.output


def test_copying_onto_itself_is_refused(upgraded_010: str, tmp_path: Path,  # noqa: F811
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    _use(monkeypatch, upgraded_010, tmp_path)
    result = Tmgr()("db", "copy", "--to", upgraded_010, ok=False)
    assert result.exit_code == 1 and "configured database itself" in result.output


@pytest.mark.postgres
def test_a_copy_cut_off_midway_leaves_the_target_empty(
        needs_both: None, upgraded_010: str, empty_url: Callable[[str], str],  # noqa: F811
        backend: str, request: pytest.FixtureRequest) -> None:
    """PostgreSQL goes away in the middle of the copy: the target has no rows."""
    if backend != "sqlite":
        pytest.skip("the target is PostgreSQL: one direction is enough")
    target_url = empty_url("postgresql")
    cluster: PostgresCluster = request.getfixturevalue("pg_cluster")
    name = make_url(target_url).database
    source, target = Database(upgraded_010), Database(target_url)
    admin = Database(cluster.url())
    calls = []

    def cut_off(rows: int, total: int) -> None:
        calls.append(rows)
        if len(calls) == 1:
            with admin.engine.connect().execution_options(
                    isolation_level="AUTOCOMMIT") as connection:
                connection.execute(text("SELECT pg_terminate_backend(pid) FROM "
                                        "pg_stat_activity WHERE datname = :name"),
                                   {"name": name})

    with pytest.raises(BackupError, match="rolled back"):
        copy_database(source, target, progress=cut_off)
    assert calls, "the copy wrote nothing before it was cut off"
    target.dispose()
    target = Database(target_url)
    assert _status(target_url).is_current
    assert not tables.holds_data(target.engine)
    for database in (source, target, admin):
        database.dispose()
