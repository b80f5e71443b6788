"""Backup and restore: every row of every table round-trips, on SQLite and PostgreSQL.

The data is the real tmgr 0.1.0 fixture (every kind of row: users with password
hashes, translations in every state, revisions, comments, overrides, glossary, TM
units, MT cache, login attempts), upgraded or not.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import MetaData, select, text

from tests.conftest import ROOT, Tmgr
from tests.pgcluster import PostgresCluster
from tests.test_migrations import TABLES_010, _legacy_url
from tmgr.releases import STAMP_TABLE
from tmgr.store import schema, search
from tmgr.store.backup import BackupFile
from tmgr.store.db import Database

#: the TM label is meant to change whenever approved translations are written
LABEL_TABLE = "tm_generation"


def _upgrade_times(tables: dict[str, list[dict[str, Any]]],
                   since: datetime) -> dict[str, list[dict[str, Any]]]:
    """``tables`` with every time at or after ``since`` replaced by a marker."""
    return {name: [{key: "<at upgrade>" if isinstance(value, datetime) and value >= since
                    else value for key, value in row.items()} for row in rows]
            for name, rows in tables.items()}


def every_row(url: str) -> dict[str, list[dict[str, Any]]]:
    """Every row of every data table, in primary-key order, times as naive UTC."""
    database = Database(url)
    metadata = MetaData()
    metadata.reflect(database.engine)
    rows: dict[str, list[dict[str, Any]]] = {}
    with database.engine.connect() as connection:
        for name, table in metadata.tables.items():
            if name in (schema.VERSION_TABLE, LABEL_TABLE, STAMP_TABLE):
                continue  # bookkeeping: each database records its own upgrades
            if search.is_search_table(name):  # the index's pages, not data: in step or not
                continue
            order = list(table.primary_key.columns) or list(table.columns)
            rows[name] = [{key: _utc(value) for key, value in row._mapping.items()}
                          for row in connection.execute(select(table).order_by(*order))]
        rows["search index out of step"] = [{"table": d} for d in
                                             search.differences(connection)]
    database.dispose()
    return rows


def _status(url: str) -> schema.SchemaStatus:
    database = Database(url)
    try:
        return database.schema_status()
    finally:
        database.dispose()


def _utc(value: Any) -> Any:
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(UTC).replace(tzinfo=None)
    return value


@pytest.fixture
def empty_url(tmp_path: Path, request: pytest.FixtureRequest) -> Callable[[str], str]:
    """Makes a database with no tables at all on the given backend."""
    made = iter(range(100))

    def make(kind: str) -> str:
        number = next(made)
        if kind == "sqlite":
            return f"sqlite:///{tmp_path / f'empty{number}.sqlite3'}"
        cluster: PostgresCluster = request.getfixturevalue("pg_cluster")
        name = f"empty_{number}_{tmp_path.name.lower().replace('-', '_')[-30:]}"
        admin = Database(cluster.url())
        with admin.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
            c.execute(text(f"CREATE DATABASE {name}"))
        admin.dispose()
        return cluster.url(name)
    return make


@pytest.fixture
def upgraded_010(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """The 0.1.0 fixture on ``backend``, upgraded to the current schema."""
    url = _legacy_url(backend, tmp_path, request)
    database = Database(url)
    database.upgrade()
    database.dispose()
    return url


def _use(monkeypatch: pytest.MonkeyPatch, url: str, tmp_path: Path) -> None:
    monkeypatch.setenv("TMGR_DATABASE_URL", url)
    monkeypatch.setenv("TMGR_INSTANCE", str(tmp_path / "instance"))


def test_backup_and_restore_round_trip_every_row(
        upgraded_010: str, empty_url: Callable[[str], str], backend: str, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    file = tmp_path / "team.tmgr"
    _use(monkeypatch, upgraded_010, tmp_path)
    out = Tmgr()("backup", str(file)).output
    assert f"schema revision {schema.head_revision()}" in out
    before = every_row(upgraded_010)
    assert TABLES_010 - {LABEL_TABLE} <= set(before)
    assert all(before[name] for name in TABLES_010 - {LABEL_TABLE})
    assert before["users"][0]["password_hash"], "password hashes are part of the backup"

    target = empty_url(backend)
    _use(monkeypatch, target, tmp_path)
    Tmgr()("restore", str(file))
    assert every_row(target) == before
    assert _status(target).is_current
    # the restored database works: a new account gets a fresh id (sequences set right)
    Tmgr()("user", "add", "newcomer", "--role", "translator", "--lang", "be",
           input="a long passphrase\na long passphrase\n")
    listed = json.loads(Tmgr()("user", "list", "--json").output)
    assert "newcomer" in {user["name"] for user in listed}


def test_a_backup_of_a_010_database_restores_and_upgrades(
        backend: str, empty_url: Callable[[str], str], tmp_path: Path,
        request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    started = datetime.now(UTC).replace(tzinfo=None)
    legacy = _legacy_url(backend, tmp_path, request)
    file = tmp_path / "old.tmgr"
    _use(monkeypatch, legacy, tmp_path)
    out = Tmgr()("backup", str(file)).output  # before upgrading: the point of a backup
    assert f"schema revision {schema.BASELINE}" in out

    target = empty_url(backend)
    _use(monkeypatch, target, tmp_path)
    out = Tmgr()("restore", str(file)).output
    assert "run: tmgr db upgrade" in out
    refused = Tmgr()("status", ok=False)
    assert refused.exit_code == 1 and "tmgr db upgrade" in refused.output
    Tmgr()("db", "upgrade")

    reference = Database(legacy)
    reference.upgrade()
    reference.dispose()
    # migrations may stamp what they change with the time they ran: the same moment
    # for both copies only up to the upgrade, so such times compare as "at upgrade"
    assert _upgrade_times(every_row(target), started) == \
        _upgrade_times(every_row(legacy), started)
    assert json.loads(Tmgr()("status", "--json").output)


def test_backup_is_consistent_while_someone_writes(
        upgraded_010: str, empty_url: Callable[[str], str], backend: str, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """An uncommitted write neither blocks the backup nor ends up in it."""
    before = every_row(upgraded_010)
    writer = Database(upgraded_010)
    with writer.transaction() as session:
        session.execute(text("INSERT INTO comments (segment_id, lang, text, created_at) "
                             "SELECT id, 'be', 'half-done', created_at FROM comments "
                             "WHERE id = (SELECT min(id) FROM comments)"))
        session.flush()
        _use(monkeypatch, upgraded_010, tmp_path)
        Tmgr()("backup", str(tmp_path / "during.tmgr"))
    writer.dispose()
    target = empty_url(backend)
    _use(monkeypatch, target, tmp_path)
    Tmgr()("restore", str(tmp_path / "during.tmgr"))
    assert every_row(target) == before
    assert len(every_row(upgraded_010)["comments"]) == len(before["comments"]) + 1


def _rewrite(source: Path, target: Path, change: Callable[[str, bytes], bytes]) -> None:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for item in old.infolist():
            new.writestr(item.filename, change(item.filename, old.read(item.filename)))


def _manifest_with(**fields: Any) -> Callable[[str, bytes], bytes]:
    def change(name: str, data: bytes) -> bytes:
        if name != "manifest.json":
            return data
        return json.dumps({**json.loads(data), **fields}).encode()
    return change


def _damage_translations(name: str, data: bytes) -> bytes:
    if name != "tables/translations.jsonl":
        return data
    return data.replace(b"approved", b"approveD", 1)


@pytest.mark.parametrize(("change", "message"), [
    (_damage_translations, "table translations does not match its checksum"),
    (_manifest_with(revision="9999"), "is from a newer tmgr"),
    (_manifest_with(format_version=99), "written by a newer tmgr"),
    (_manifest_with(format="something-else"), "is not a tmgr backup"),
    (lambda name, data: data[: len(data) // 2] if name.endswith("users.jsonl") else data,
     "table users does not match"),
])
def test_a_damaged_or_newer_backup_is_refused_before_anything_changes(
        upgraded_010: str, empty_url: Callable[[str], str], backend: str, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, change: Callable[[str, bytes], bytes],
        message: str) -> None:
    good, bad = tmp_path / "good.tmgr", tmp_path / "bad.tmgr"
    _use(monkeypatch, upgraded_010, tmp_path)
    Tmgr()("backup", str(good))
    _rewrite(good, bad, change)
    target = empty_url(backend)
    _use(monkeypatch, target, tmp_path)
    result = Tmgr()("restore", str(bad), ok=False)
    assert result.exit_code == 1
    assert message in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert _status(target).is_empty, "nothing may be created"


def test_a_truncated_file_is_refused(upgraded_010: str, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    _use(monkeypatch, upgraded_010, tmp_path)
    Tmgr()("backup", str(tmp_path / "full.tmgr"))
    data = (tmp_path / "full.tmgr").read_bytes()
    (tmp_path / "cut.tmgr").write_bytes(data[: len(data) - 200])
    _use(monkeypatch, f"sqlite:///{tmp_path / 'new.sqlite3'}", tmp_path)
    result = Tmgr()("restore", str(tmp_path / "cut.tmgr"), ok=False)
    assert result.exit_code == 1 and "is not a tmgr backup or is damaged" in result.output


def test_a_database_with_data_is_refused_unless_force(
        upgraded_010: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    file = tmp_path / "team.tmgr"
    _use(monkeypatch, upgraded_010, tmp_path)
    Tmgr()("backup", str(file))
    before = every_row(upgraded_010)
    database = Database(upgraded_010)
    with database.engine.begin() as connection:
        connection.execute(text("UPDATE translations SET text = 'changed since' "
                                "WHERE id = (SELECT min(id) FROM translations)"))
    database.dispose()
    changed = every_row(upgraded_010)

    refused = Tmgr()("restore", str(file), ok=False)
    assert refused.exit_code == 1 and "not empty" in refused.output
    assert "--force" in refused.output
    assert every_row(upgraded_010) == changed

    out = Tmgr()("restore", str(file), "--force").output
    assert every_row(upgraded_010) == before
    # what --force replaced is kept, and restores
    kept = Path(out.split("backed up to ")[1].split()[0])
    kept_file = BackupFile(kept)
    assert kept_file.manifest.total_rows > 0
    kept_file.close()
    Tmgr()("restore", str(kept), "--force")
    assert every_row(upgraded_010) == changed


def test_restore_into_an_initialised_empty_database(
        upgraded_010: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`tmgr init` then `tmgr restore`: the rows the migrations seed do not count as data."""
    _use(monkeypatch, upgraded_010, tmp_path)
    Tmgr()("backup", str(tmp_path / "team.tmgr"))
    target = f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
    _use(monkeypatch, target, tmp_path)
    Tmgr()("init")
    Tmgr()("restore", str(tmp_path / "team.tmgr"))
    assert every_row(target) == every_row(upgraded_010)


def _limited_file_size(limit: int) -> Callable[[], None]:
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


def test_a_disk_that_fills_leaves_no_file(tmp_path: Path) -> None:
    """The file system refuses to grow the backup: one line, no partial file left."""
    url = f"sqlite:///{tmp_path / 'big.sqlite3'}"
    database = Database(url)
    database.upgrade()
    with database.engine.begin() as connection:
        connection.execute(text(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000) "
            "INSERT INTO mt_cache (engine, source_lang, target_lang, source_hash, "
            "source_text, target_text, created_at) SELECT 'offline', 'en', 'be', "
            "hex(randomblob(16)) || i, hex(randomblob(40)), hex(randomblob(40)), "
            "'2026-01-01 00:00:00' FROM n"))
    database.dispose()
    out = tmp_path / "out"
    out.mkdir()
    env = {**os.environ, "TMGR_DATABASE_URL": url, "TMGR_INSTANCE": str(tmp_path / "i")}
    result = subprocess.run([sys.executable, "-m", "tmgr", "backup", str(out / "b.tmgr")],
                            env=env, cwd=ROOT, capture_output=True, text=True, timeout=120,
                            preexec_fn=_limited_file_size(200_000))
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith("error: cannot write the backup")
    assert len(result.stderr.strip().splitlines()) == 1
    assert list(out.iterdir()) == []


def test_an_unwritable_place_is_one_line(upgraded_010: str, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    _use(monkeypatch, upgraded_010, tmp_path)
    result = Tmgr()("backup", str(tmp_path / "no" / "such" / "dir" / "b.tmgr"), ok=False)
    assert result.exit_code == 1
    assert result.output.startswith("error: cannot write the backup")


def test_a_full_file_system_leaves_no_file(upgraded_010: str, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """A real small file system (tmpfs) runs out of space: ENOSPC, one line, no file."""
    small = tmp_path / "small"
    small.mkdir()
    mounted = os.geteuid() == 0 and subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=4k", "tmpfs", str(small)],
        capture_output=True).returncode == 0
    if not mounted:
        pytest.skip("mounting a small tmpfs needs root")
    try:
        _use(monkeypatch, upgraded_010, tmp_path)
        result = Tmgr()("backup", str(small / "b.tmgr"), ok=False)
        assert result.exit_code == 1
        assert result.output.startswith("error: cannot write the backup")
        assert "No space left on device" in result.output
        assert list(small.iterdir()) == []
    finally:
        subprocess.run(["umount", str(small)], check=True)
