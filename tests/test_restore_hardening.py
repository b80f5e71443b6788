"""Restore switches only when complete; damaged backups are one line (issue 27, 6 and 10).

Real backups of the 0.1.0 fixture, restored with the real command (in process and
as a subprocess killed with SIGKILL at the switch), on SQLite and PostgreSQL.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from tests.conftest import Tmgr
from tests.test_backup import _status, _use, empty_url, every_row, upgraded_010  # noqa: F401
from tests.test_migrations import _legacy_url
from tmgr.store import schema
from tmgr.store.db import Database


def _reseal(manifest: dict, name: str, data: bytes) -> None:
    """Give table ``name`` new contents in ``manifest`` with checksums that match."""
    for entry in manifest["tables"]:
        if entry["name"] == name:
            entry["rows"] = data.count(b"\n")
            entry["sha256"] = hashlib.sha256(data).hexdigest()
    listed = [[t["name"], t["columns"], t["rows"], t["sha256"]] for t in manifest["tables"]]
    manifest["checksum"] = hashlib.sha256(json.dumps(listed).encode()).hexdigest()


def _with_a_duplicate_user(source: Path, target: Path) -> None:
    """A backup whose checksums hold but whose rows the database refuses (a twin key)."""
    with zipfile.ZipFile(source) as old:
        members = {item.filename: old.read(item.filename) for item in old.infolist()}
    users = members["tables/users.jsonl"]
    members["tables/users.jsonl"] = users + users.splitlines(keepends=True)[0]
    manifest = json.loads(members["manifest.json"])
    _reseal(manifest, "users", members["tables/users.jsonl"])
    members["manifest.json"] = json.dumps(manifest).encode()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for name, data in members.items():
            new.writestr(name, data)


def _change_a_row(url: str) -> dict:
    database = Database(url)
    with database.engine.begin() as connection:
        connection.execute(text("UPDATE translations SET text = 'changed since' "
                                "WHERE id = (SELECT min(id) FROM translations)"))
    database.dispose()
    return every_row(url)


@pytest.fixture
def old_backup(backend: str, tmp_path: Path, request: pytest.FixtureRequest,
               tmp_path_factory: pytest.TempPathFactory,
               monkeypatch: pytest.MonkeyPatch) -> Path:
    """A backup written by tmgr 0.1.0's schema (before `db upgrade`)."""
    legacy = _legacy_url(backend, tmp_path_factory.mktemp("old"), request)
    _use(monkeypatch, legacy, tmp_path)
    file = tmp_path / "old.tmgr"
    assert f"schema revision {schema.BASELINE}" in Tmgr()("backup", str(file)).output
    return file


def test_a_failed_force_restore_of_an_old_backup_leaves_the_database_as_it_was(
        old_backup: Path, upgraded_010: str, tmp_path: Path,  # noqa: F811
        monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "twin.tmgr"
    _with_a_duplicate_user(old_backup, bad)
    _use(monkeypatch, upgraded_010, tmp_path)
    before = _change_a_row(upgraded_010)
    result = Tmgr()("restore", str(bad), "--force", ok=False)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "nothing was restored; the database is as it was" in result.output
    assert every_row(upgraded_010) == before  # not an empty database at the old schema
    assert _status(upgraded_010).is_current

    out = Tmgr()("restore", str(old_backup), "--force").output  # the good one restores
    assert "run: tmgr db upgrade" in out and _status(upgraded_010).current == schema.BASELINE
    Tmgr()("db", "upgrade")
    assert _status(upgraded_010).is_current


@pytest.fixture
def paused_restore(tmp_path: Path) -> Iterator[Callable[[Path], subprocess.Popen[bytes]]]:
    """``start(backup)``: `tmgr restore --force` in a subprocess, held just before the switch."""
    processes: list[subprocess.Popen[bytes]] = []
    marker = tmp_path / "at-the-switch"

    def start(file: Path) -> subprocess.Popen[bytes]:
        env = {**os.environ, "TMGR_TEST_RESTORE_PAUSE": str(marker)}
        process = subprocess.Popen([sys.executable, "-m", "tmgr", "restore", str(file),
                                    "--force"], env=env, stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT)
        processes.append(process)
        while not marker.exists():  # the state a test waits for: all loaded, not switched
            assert process.poll() is None, process.stdout.read()  # type: ignore[union-attr]
            time.sleep(0.05)
        return process

    yield start
    for process in processes:
        if process.poll() is None:
            process.kill()
        process.wait()
        process.stdout.close()  # type: ignore[union-attr]


def test_kill_9_at_the_switch_leaves_the_database_as_it_was(
        old_backup: Path, upgraded_010: str, tmp_path: Path, backend: str,  # noqa: F811
        monkeypatch: pytest.MonkeyPatch,
        paused_restore: Callable[[Path], subprocess.Popen[bytes]]) -> None:
    _use(monkeypatch, upgraded_010, tmp_path)
    before = _change_a_row(upgraded_010)
    process = paused_restore(old_backup)
    os.kill(process.pid, signal.SIGKILL)
    assert process.wait() == -signal.SIGKILL
    assert every_row(upgraded_010) == before  # every table, every row, as it was
    assert _status(upgraded_010).is_current
    assert json.loads(Tmgr()("status", "--json").output)  # and tmgr works on it
    if backend == "sqlite":
        Tmgr()("restore", str(old_backup), "--force")  # a later restore is not in the way
        assert _status(upgraded_010).current == schema.BASELINE


def test_a_restore_let_through_the_switch_completes(
        old_backup: Path, upgraded_010: str, tmp_path: Path,  # noqa: F811
        monkeypatch: pytest.MonkeyPatch,
        paused_restore: Callable[[Path], subprocess.Popen[bytes]]) -> None:
    _use(monkeypatch, upgraded_010, tmp_path)
    _change_a_row(upgraded_010)
    process = paused_restore(old_backup)
    (tmp_path / "at-the-switch").unlink()
    assert process.wait() == 0
    assert b"run: tmgr db upgrade" in process.stdout.read()  # type: ignore[union-attr]
    assert _status(upgraded_010).current == schema.BASELINE
    assert not list(tmp_path.glob(".*.restore-*.part*"))  # the staging file is gone



def test_corrupt_compressed_data_is_the_one_line_damaged_message(
        upgraded_010: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,  # noqa: F811
        empty_url: Callable[[str], str], backend: str) -> None:  # noqa: F811
    good = tmp_path / "good.tmgr"
    _use(monkeypatch, upgraded_010, tmp_path)
    Tmgr()("backup", str(good))
    data = bytearray(good.read_bytes())
    with zipfile.ZipFile(good) as archive:
        member = archive.getinfo("tables/translations.jsonl")
        # the deflate stream starts after the local header and its name/extra fields
        start = member.header_offset + 30 + len(member.filename) + len(member.extra)
    for offset in range(start + 10, start + min(member.compress_size, 400) - 10, 7):
        data[offset] ^= 0x5A
    bad = tmp_path / "bad.tmgr"
    bad.write_bytes(bytes(data))
    target = empty_url(backend)
    _use(monkeypatch, target, tmp_path)
    result = Tmgr()("restore", str(bad), ok=False)
    assert result.exit_code == 1, result.output
    assert "damaged" in result.output and "internal error" not in result.output
    assert "Error -3" not in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert _status(target).is_empty
