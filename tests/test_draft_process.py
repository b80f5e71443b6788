"""`tmgr draft` as a real process: interrupted with Ctrl-C, and sharing the database."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from tests.conftest import ROOT, Tmgr
from tests.mtserver import running
from tmgr.store.db import Database
from tmgr.store.models import Comment, Segment, State, Translation

CONFIG = """
[mt]
workers = 2
[mt.google]
rate = 1000
"""


def _drafts(database: Database) -> int:
    with database.transaction() as session:
        return session.scalar(select(func.count()).select_from(Translation)
                              .where(Translation.state == State.DRAFT)) or 0


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _wait_for_first_draft(database: Database, child: subprocess.Popen[str],
                          server: Any, timeout: float = 30) -> None:
    """Until the child has committed a draft; fail saying what it saw otherwise."""
    deadline = time.monotonic() + timeout
    while _drafts(database) == 0:
        if child.poll() is not None or time.monotonic() > deadline:
            if child.poll() is None:
                child.kill()
            stdout, stderr = child.communicate()
            pytest.fail(f"no draft committed within {timeout:.0f} s: child exit status "
                        f"{child.returncode}, the MT server answered "
                        f"{sum(server.successes.values())} requests; "
                        f"stdout: {stdout!r}; stderr: {stderr!r}")
        time.sleep(0.05)


def test_a_run_started_with_sigint_ignored_can_still_be_interrupted(
        tmgr: Tmgr, sample_doc: str, database: Database, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """`tmgr draft &` in a script inherits SIGINT ignored; kill -INT must still stop it."""
    config = tmp_path / "tmgr.toml"
    config.write_text(CONFIG, encoding="utf-8")
    monkeypatch.setenv("TMGR_CONFIG", str(config))
    def ignore_sigint() -> None:
        signal.signal(signal.SIGINT, signal.SIG_IGN)

    with running(latency=0.2) as server:
        child = subprocess.Popen([sys.executable, "-m", "tmgr", "draft"], cwd=ROOT,
                                 env={**os.environ, "TMGR_GOOGLE_URL": server.url("google")},
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                 preexec_fn=ignore_sigint)
        try:
            _wait_for_first_draft(database, child, server)
            child.send_signal(signal.SIGINT)
            _, stderr = child.communicate(timeout=30)
        finally:
            if child.poll() is None:
                child.kill()
                child.communicate()
    assert child.returncode != 0 and "Traceback" not in stderr
    assert _drafts(database) < 60, "the run went on to the end"


def test_an_interrupted_run_keeps_what_it_finished_and_never_blocks_other_writers(
        tmgr: Tmgr, sample_doc: str, database: Database, tmp_path: Path,
        env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "tmgr.toml"
    config.write_text(CONFIG, encoding="utf-8")
    monkeypatch.setenv("TMGR_CONFIG", str(config))
    total = sum(row["total_segments"] for row in json.loads(tmgr("status", "--json").stdout))
    with running(latency=0.2) as server:
        child_env = {**os.environ, "TMGR_GOOGLE_URL": server.url("google")}
        # SIG_DFL in the child: the test must not depend on what the shell that started
        # pytest left (a background job of a non-interactive shell ignores SIGINT)
        child = subprocess.Popen([sys.executable, "-m", "tmgr", "draft"], cwd=ROOT,
                                 env=child_env, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True,
                                 preexec_fn=_default_sigint)
        try:
            _wait_for_first_draft(database, child, server)
            started = time.monotonic()
            with database.transaction() as session:  # a reviewer writes meanwhile
                segment_id = session.scalars(select(Segment.id)).first()
                session.add(Comment(segment_id=segment_id, lang="be", text="check the title"))
            waited = time.monotonic() - started
            child.send_signal(signal.SIGINT)
            _, stderr = child.communicate(timeout=30)
        finally:
            if child.poll() is None:
                child.kill()
                child.communicate()
        answered = sum(server.successes.values())
    assert waited < 2.0, "the draft run held the database while waiting on the network"
    assert child.returncode != 0, f"Ctrl-C did not stop the run: it ended with " \
        f"{child.returncode}, {_drafts(database)} of {total} drafted; stderr: {stderr}"
    assert "Traceback" not in stderr
    kept = _drafts(database)
    assert 0 < kept < total, "finished batches are committed; nothing else is"
    assert answered - kept <= 2, "at most the requests in flight at Ctrl-C are lost"

    with running() as server:
        monkeypatch.setenv("TMGR_GOOGLE_URL", server.url("google"))
        report = json.loads(tmgr("draft", "--json").stdout)
    assert report["from_engine"] == total - kept and report["failed"] == {}
    assert _drafts(database) == total


def test_a_progress_bar_appears_on_a_terminal_only(tmgr: Tmgr, sample_doc: str,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import pty

    with running() as server:
        monkeypatch.setenv("TMGR_GOOGLE_URL", server.url("google"))
        quiet = tmgr("draft", "--lang", "ru")
        assert "drafting" not in quiet.stderr and "drafting" not in quiet.stdout
        main, secondary = pty.openpty()
        try:
            done = subprocess.run([sys.executable, "-m", "tmgr", "draft", "--lang", "be"],
                                  cwd=ROOT, env=dict(os.environ), stdout=subprocess.PIPE,
                                  stderr=secondary, timeout=60, text=True)
            os.close(secondary)
            terminal = b""
            while True:
                try:
                    chunk = os.read(main, 4096)
                except OSError:  # the other end is closed: all read
                    break
                if not chunk:
                    break
                terminal += chunk
        finally:
            os.close(main)
    assert done.returncode == 0 and "drafted" in done.stdout
    assert b"drafting" in terminal and b"100%" in terminal


def test_two_overlapping_runs_never_send_a_text_twice(
        tmgr: Tmgr, sample_doc: str, database: Database, tmp_path: Path,
        env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "tmgr.toml"
    config.write_text(CONFIG, encoding="utf-8")
    monkeypatch.setenv("TMGR_CONFIG", str(config))
    with running(latency=0.05) as server:
        monkeypatch.setenv("TMGR_GOOGLE_URL", server.url("google"))
        child = subprocess.Popen([sys.executable, "-m", "tmgr", "draft", "--json"], cwd=ROOT,
                                 env=dict(os.environ), stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True)
        try:
            deadline = time.monotonic() + 30
            while server.requests == 0 and time.monotonic() < deadline:
                time.sleep(0.02)
            second = tmgr("draft", "--json", ok=False)
            first_out, _ = child.communicate(timeout=120)
        finally:
            if child.poll() is None:
                child.kill()
                child.communicate()
        texts = [(asked.target, asked.text) for asked in server.asked]
    report = json.loads(second.stdout)
    assert second.exit_code == 1 and report["busy"] == [sample_doc]
    assert report["from_engine"] == 0 and "another run is drafting" in second.stderr
    assert child.returncode == 0 and json.loads(first_out)["busy"] == []
    assert len(texts) == len(set(texts)), "a text was sent twice"
    third = json.loads(tmgr("draft", "--json").stdout)  # the lease is released
    assert third["busy"] == [] and third["from_engine"] == 0
