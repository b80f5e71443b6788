"""`tmgr doctor` against real components: the test databases, a real SMTP server
(aiosmtpd), a local model server over HTTP, the machine's dictionaries and Apertium."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from sqlalchemy import text

from tests.conftest import Tmgr
from tests.deskservers import smtp_server
from tmgr import __version__
from tmgr.store.db import Database


def _report(tmgr: Tmgr, *args: str) -> tuple[int, dict[str, dict[str, str]]]:
    result = tmgr("doctor", "--json", *args, ok=False)
    data = json.loads(result.stdout)
    assert data["ok"] == (result.exit_code == 0)
    return result.exit_code, {c["name"]: c for c in data["checks"]}


@contextmanager
def model_server(status: int = 200) -> Iterator[str]:
    """An OpenAI-compatible server's /models on 127.0.0.1, answering ``status``."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            body = json.dumps({"data": [{"id": "tiny"}]}).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def lexicon_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One empty lexicon cache for the module: the first run finds it unbuilt."""
    return tmp_path_factory.mktemp("lexicon")


def test_a_ready_installation_has_no_problems(tmgr: Tmgr, monkeypatch: pytest.MonkeyPatch,
                                              lexicon_home: Path) -> None:
    monkeypatch.setenv("TMGR_LEXICON_CACHE", str(lexicon_home))
    monkeypatch.setenv("TMGR_SECRET_KEY", "k" * 48)
    if not any(lexicon_home.iterdir()):
        status, checks = _report(tmgr)
        assert status == 1 and checks["lexicon cache"]["status"] == "problem"
        assert "tmgr doctor --prepare" in checks["lexicon cache"]["todo"]
    with smtp_server() as smtp, model_server() as llm:
        monkeypatch.setenv("TMGR_SMTP_URL", smtp.url)
        monkeypatch.setenv("TMGR_LLM_URL", llm)
        monkeypatch.setenv("TMGR_LLM_MODEL", "tiny")
        status, checks = _report(tmgr, "--prepare")
        assert status == 0, checks
        lines = tmgr("doctor").output.strip().splitlines()
    for name in ("database", "secret key", "static files", "instance folder", "dictionary be",
                 "dictionary ru", "apertium be", "apertium ru", "lexicon cache", "smtp", "llm",
                 "summaries", "tm index"):
        assert checks[name]["status"] == "ok", checks[name]
    assert checks["webhooks"]["status"] == "skipped"
    assert f"(current, tmgr {__version__})" in checks["database"]["message"]
    assert lines[-1] == "no problems found" and lines[0].startswith("ok database: ")


def test_each_problem_is_one_line_saying_what_to_do(tmgr: Tmgr, database: Database,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TMGR_SECRET_KEY", "change-me")
    with smtp_server(start=False) as smtp, model_server(status=503) as llm:
        monkeypatch.setenv("TMGR_SMTP_URL", smtp.url)  # nobody listens there
        monkeypatch.setenv("TMGR_LLM_URL", llm)
        monkeypatch.setenv("TMGR_LLM_MODEL", "tiny")
        tmgr("webhook", "add", "https://no-such-host.invalid/hook", "--event",
             "document.exported")
        with database.engine.begin() as connection:  # someone edited a summary by hand
            connection.execute(text("INSERT INTO progress_counts (document_id, lang, state, "
                                    "segments, words, mt_failed) SELECT id, 'be', 'approved',"
                                    " 5, 50, 0 FROM documents"))
        status, checks = _report(tmgr)
        text_out = tmgr("doctor", ok=False).output
    assert status == 1
    expected = {"secret key": "TMGR_SECRET_KEY", "smtp": "TMGR_SMTP_URL",
                "llm": "model server", "webhooks": "tmgr webhook"}
    for name, todo in expected.items():
        assert checks[name]["status"] == "problem", checks[name]
        assert todo in checks[name]["todo"], checks[name]
    assert "no-such-host.invalid" in checks["webhooks"]["message"]
    for line in text_out.splitlines()[:-1]:
        assert line[:3] in ("ok ", "-- ", "!! ")
        assert ("->" in line) == line.startswith("!!")
    assert "Traceback" not in text_out


def test_a_database_that_needs_work_is_named_and_the_rest_still_checked(
        tmgr: Tmgr, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("TMGR_DATABASE_URL", f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    status, checks = _report(tmgr)
    assert status == 1
    assert checks["database"]["todo"] == "run: tmgr init"
    assert checks["summaries"]["status"] == "skipped"
    assert checks["dictionary be"]["status"] == "ok"


def test_missing_dictionaries_name_their_debian_packages(
        tmgr: Tmgr, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A wheel installed on a machine without the dictionaries: doctor names each package,
    and the first spelling look-up says it once on stderr instead of failing."""
    import subprocess
    import sys

    from tmgr.qa import morphology

    monkeypatch.setattr(morphology, "SEARCH_PATH", ())
    monkeypatch.setenv("TMGR_HUNSPELL_PATH", str(tmp_path / "none"))
    morphology.dictionary_files.cache_clear()
    try:
        status, checks = _report(tmgr)
    finally:
        monkeypatch.undo()
        morphology.dictionary_files.cache_clear()
    assert status == 1
    for lang, package in (("be", "hunspell-be"), ("ru", "hunspell-ru"), ("en", "hunspell-en-us")):
        assert checks[f"dictionary {lang}"]["todo"] == f"install the Debian package {package}"
    code = ("from tmgr.qa import morphology; morphology.SEARCH_PATH = (); "
            "print(morphology.is_known('мова', 'be'), morphology.is_known('слова', 'be'))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, env={"PATH": "/usr/bin:/bin"})
    assert done.stderr.splitlines() == [
        "tmgr: no Hunspell dictionary for be, so its spelling check finds nothing; "
        "install the Debian package hunspell-be"]
