"""tmgr as a newsroom installs it: built into a wheel and an sdist, installed into a
fresh virtualenv outside the checkout, run as a program in an empty folder.

Used by tests/test_package.py (the walk from install to export) and
tests/test_nginx.py (the same install behind a real nginx).
"""

from __future__ import annotations

import atexit
import functools
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests
from requests.adapters import HTTPAdapter

from tests.browser.conftest import free_port
from tests.conftest import ROOT

PASSWORD = "installed-pw-1"


@functools.cache
def built() -> dict[str, Path]:
    """``python -m build`` of the checkout, once per test run: {"wheel": ..., "sdist": ...}.

    The sdist is built first and the wheel from it (build's default), so a file the
    sdist lacks is missing from the wheel too.
    """
    out = Path(tempfile.mkdtemp(prefix="tmgr-dist-"))
    atexit.register(shutil.rmtree, out, True)
    subprocess.run([sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)],
                   check=True, capture_output=True, cwd=out)
    return {"wheel": next(out.glob("tmgr-*.whl")), "sdist": next(out.glob("tmgr-*.tar.gz"))}


def clean_env(**extra: str) -> dict[str, str]:
    """The environment without the checkout's traces: no TMGR_*, no PYTHONPATH, no venv."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("TMGR_") and k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update(extra)
    return env


@dataclass
class Installed:
    """One virtualenv holding an installed tmgr, and a folder to run it in."""

    venv: Path
    home: Path
    seconds_to_install: float = 0.0
    env: dict[str, str] = field(default_factory=dict)

    @property
    def tmgr(self) -> str:
        return str(self.venv / "bin" / "tmgr")

    def run(self, *args: str, check: bool = True, user: list[str] | None = None,
            **extra: str) -> subprocess.CompletedProcess[str]:
        done = subprocess.run([*(user or []), self.tmgr, *args], cwd=self.home,
                              env={**self.env, **extra}, capture_output=True, text=True,
                              timeout=300)
        if check:
            assert done.returncode == 0, f"tmgr {' '.join(args)}: {done.stdout}{done.stderr}"
        return done

    def python(self, code: str) -> str:
        return subprocess.run([str(self.venv / "bin" / "python"), "-c", code], cwd=self.home,
                              env=self.env, capture_output=True, text=True, check=True,
                              timeout=120).stdout.strip()

    @contextmanager
    def serve(self, *args: str, user: list[str] | None = None,
              **extra: str) -> Iterator[str]:
        """``tmgr serve`` on a free 127.0.0.1 port until the block ends; yields its URL."""
        port = free_port()
        log = self.home / f"serve-{port}.log"
        with log.open("wb") as out:
            process = subprocess.Popen(
                [*(user or []), self.tmgr, "serve", "--port", str(port), *args],
                cwd=self.home, env={**self.env, **extra}, stdout=out, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}/"
        try:
            wait_until_up(url, process, log)
            yield url
        finally:
            process.terminate()
            process.wait(timeout=60)


def wait_until_up(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    """Wait for the sign-in page (a user would see it), or fail with the server's output.

    A first start builds the spelling checks' word indexes before it listens: on a
    loaded machine that takes minutes, so the deadline is only there to end a hang."""
    deadline = time.monotonic() + 900
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"tmgr serve exited: {log.read_text()}")
        try:
            if requests.get(url + "login", timeout=5).status_code == 200:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"tmgr serve did not answer: {log.read_text()}")


#: Debian's interpreter, as a server would use: every user may run it (the checkout's
#: may live in root's home, which the unprivileged user of a read-only test cannot read)
SYSTEM_PYTHON = Path("/usr/bin/python3")


def install(dist: Path, where: Path, python: Path | None = None) -> Installed:
    """A fresh virtualenv in ``where`` with ``dist`` installed (and its dependencies)."""
    venv, home = where / "venv", where / "newsroom"
    home.mkdir(parents=True)
    started = time.monotonic()
    subprocess.run([str(python or sys.executable), "-m", "venv", str(venv)], check=True,
                   timeout=300)
    subprocess.run([str(venv / "bin" / "pip"), "install", "--quiet", str(dist)], check=True,
                   capture_output=True, timeout=900, cwd=home, env=clean_env())
    env = clean_env(TMGR_INSTANCE=str(home / "instance"),
                    TMGR_LEXICON_CACHE=str(home / "instance" / "cache" / "lexicon"),
                    TMGR_PASSWORD_HASH="pbkdf2:sha256:1000", TMGR_LANGUAGES="be,ru")
    return Installed(venv=venv, home=home, seconds_to_install=time.monotonic() - started,
                     env=env)


@functools.cache
def shared_wheel_install() -> Installed:
    """One installed wheel for the tests that only run it (nginx, a read-only install):
    a folder every user may read, as /opt/tmgr would be."""
    where = Path(tempfile.mkdtemp(prefix="tmgr-installed-"))
    atexit.register(shutil.rmtree, where, True)
    where.chmod(0o755)
    python = SYSTEM_PYTHON if SYSTEM_PYTHON.exists() else None
    installed = install(built()["wheel"], where, python)
    installed.home.chmod(0o755)
    return installed


def newsroom(tmgr: Installed, folder: Path, **extra: str) -> Installed:
    """A new instance folder for ``tmgr``: a database with the sample and user anna (admin)."""
    from tests.conftest import SAMPLE

    folder.mkdir(parents=True, exist_ok=True)
    env = {**tmgr.env, "TMGR_INSTANCE": str(folder / "instance"),
           "TMGR_LEXICON_CACHE": str(folder / "instance" / "cache" / "lexicon"), **extra}
    there = Installed(venv=tmgr.venv, home=folder, env=env)
    (folder / "password.txt").write_text(PASSWORD + "\n")
    there.run("init")
    there.run("ingest", str(SAMPLE))
    there.run("user", "add", "anna", "--role", "admin", "--lang", "be,ru",
              "--password-file", str(folder / "password.txt"))
    return there


class SourceAddress(HTTPAdapter):
    """Connections from a chosen local address (127.0.0.2 is another client to a server
    on 127.0.0.1)."""

    def __init__(self, address: str) -> None:
        self.address = address
        super().__init__()

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        kwargs["source_address"] = (self.address, 0)
        super().init_poolmanager(*args, **kwargs)


class Browser:
    """A script signing in and working through the HTTP API and forms, like the UI."""

    def __init__(self, url: str, verify: bool | str = True, source: str | None = None) -> None:
        self.url, self.http = url, requests.Session()
        self.http.verify = verify
        self.http.trust_env = False  # REQUESTS_CA_BUNDLE would override ``verify``
        self.http.headers["Referer"] = url  # as a browser sends (CSRF checks it on HTTPS)
        if source:  # another loopback address: another client, as the server sees it
            adapter = SourceAddress(source)
            self.http.mount("http://", adapter)
            self.http.mount("https://", adapter)

    def token(self) -> str:
        return self.http.get(self.url + "api/csrf", timeout=30).json()["csrf_token"]

    def login(self, name: str, password: str = PASSWORD) -> requests.Response:
        page = self.http.get(self.url + "login", timeout=30)
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page.text)
        assert token, page.text[:500]
        return self.http.post(self.url + "login", allow_redirects=False, timeout=30,
                              data={"name": name, "password": password,
                                    "csrf_token": token.group(1)})

    def save(self, slug: str, lang: str, text: str) -> dict[str, object]:
        rows = self.http.get(self.url + f"api/documents/{slug}/{lang}/segments",
                             timeout=30).json()
        first = rows[0]
        response = self.http.put(self.url + f"api/segments/{first['id']}/{lang}",
                                 json={"text": text,
                                       "version": first["translation"]["version"]},
                                 headers={"X-CSRFToken": self.token()}, timeout=30)
        assert response.status_code == 200, response.text
        return dict(first)

    def export(self, slug: str, lang: str, fmt: str) -> requests.Response:
        return self.http.post(self.url + "export", timeout=60,
                              data={"slug": slug, "lang": lang, "format": fmt,
                                    "allow_partial": "1", "csrf_token": self.token()})
