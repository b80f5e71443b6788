"""A real tmgr server (waitress, in a subprocess) on 127.0.0.1 and Debian's chromium.

Never runs `playwright install`: the browser is /usr/bin/chromium.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import SAMPLE
from tmgr.documents.ingest import ingest_file
from tmgr.people.users import create_user
from tmgr.store.db import Database

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
PASSWORD = "browser-test-pw"
USERS = {"tr_be": ("translator", ["be"]), "rev_be": ("reviewer", ["be"]),
         "rev2_be": ("reviewer", ["be"])}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class LiveServer:
    url: str
    database: Database
    slug: str


def _wait_until_up(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"tmgr serve exited: {process.stdout.read().decode()}")  # type: ignore[union-attr]
        try:
            urllib.request.urlopen(url + "login", timeout=2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("tmgr serve did not start within 30 s")


@pytest.fixture
def live_server(tmp_path: Path) -> Iterator[LiveServer]:
    """A fresh SQLite database with the sample and three users, served by `tmgr serve`."""
    url = f"sqlite:///{tmp_path / 'tmgr.sqlite3'}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("TMGR_")}
    env.update(TMGR_DATABASE_URL=url, TMGR_INSTANCE=str(tmp_path / "instance"),
               TMGR_LANGUAGES="be,ru", TMGR_PASSWORD_HASH="pbkdf2:sha256:1000")
    database = Database(url)
    database.upgrade()
    with database.transaction() as session:
        ingest_file(session, SAMPLE, ("be", "ru"))
        for name, (role, langs) in USERS.items():
            os.environ["TMGR_PASSWORD_HASH"] = env["TMGR_PASSWORD_HASH"]
            try:
                create_user(session, name, role=role, languages=langs, password=PASSWORD,
                            configured=("be", "ru"))
            finally:
                del os.environ["TMGR_PASSWORD_HASH"]
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "tmgr", "serve", "--port", str(port)],
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}/"
    try:
        _wait_until_up(base, process)
        yield LiveServer(base, database, SAMPLE.stem)
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stdout.close()  # type: ignore[union-attr]
        database.dispose()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.fail("chromium is missing: `make test` installs it (apt-get install chromium)")
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=10_000)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@contextmanager
def signed_in_pages(browser, url: str, **options):  # type: ignore[no-untyped-def]
    """``make(name)`` -> a page in its own browser context, signed in at ``url`` (dialogs
    accepted); every context closed afterwards. ``options`` go to the new context."""
    contexts = []

    def make(name: str):  # type: ignore[no-untyped-def]
        context = browser.new_context(viewport={"width": 1400, "height": 900},
                                      locale="en-GB", **options)
        contexts.append(context)
        page = context.new_page()
        page.on("dialog", lambda dialog: dialog.accept())
        page.goto(url + "login")
        page.fill("input[name=name]", name)
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit].primary")
        page.wait_for_url(url)
        return page

    try:
        yield make
    finally:
        for context in contexts:
            context.close()


@pytest.fixture
def login(browser, live_server: LiveServer):  # type: ignore[no-untyped-def]
    """``login("tr_be")`` -> a page in its own browser context, signed in."""
    with signed_in_pages(browser, live_server.url) as make:
        yield make
