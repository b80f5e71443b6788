"""Issue 14's holes, each reproduced against a real `tmgr serve` (waitress, a subprocess).

Open redirects, huge ids, lone surrogates, bad numbers, missing versions, control
characters, sessions that outlive sign-out, lockouts an attacker controls, proxy
headers from anyone, and a database outage: each must now be a clear 4xx (or 503)
that changes nothing, never a 500 and never a redirect to another site.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
from sqlalchemy import select, text
from sqlalchemy.engine import make_url

from tests.browser.conftest import free_port
from tests.conftest import SAMPLE, Tmgr
from tests.web.conftest import ACCOUNTS, password_of
from tmgr.documents.ingest import ingest_file, load_document
from tmgr.people.users import create_user, get_user, update_user
from tmgr.review.translations import change_translation, get_translation
from tmgr.store.db import Database
from tmgr.store.models import LoginAttempt, State

SLUG = SAMPLE.stem
EVIL = "evil.example"


@dataclass
class Server:
    url: str
    database: Database

    def client(self, name: str | None = None, address: str | None = None) -> Client:
        client = Client(self.url, address)
        if name:
            response = client.login(name)
            assert response.status_code == 200, response.text
        return client

    def segment(self, index: int = 1) -> int:
        with self.database.transaction() as session:
            return load_document(session, SLUG).segments[index].id

    def translation(self, segment_id: int, lang: str = "be") -> tuple[str, State, int]:
        with self.database.transaction() as session:
            t = get_translation(session, segment_id, lang)
            return t.text, t.state, t.version


class Client:
    """A script talking to the server: JSON API with CSRF tokens, forms, no redirects."""

    def __init__(self, url: str, address: str | None = None) -> None:
        self.url, self.http = url, requests.Session()
        if address:  # as a trusted proxy would say
            self.http.headers["X-Forwarded-For"] = address

    def token(self) -> str:
        return self.http.get(self.url + "api/csrf", timeout=10).json()["csrf_token"]

    def login(self, name: str, password: str | None = None) -> requests.Response:
        return self.api("POST", "api/login",
                        {"name": name, "password": password or password_of(name)})

    def api(self, method: str, path: str, body: object = None, *,
            raw: bytes | None = None) -> requests.Response:
        headers = {"X-CSRFToken": self.token()}
        if raw is not None:
            headers["Content-Type"] = "application/json"
            return self.http.request(method, self.url + path, data=raw, headers=headers,
                                     timeout=10)
        return self.http.request(method, self.url + path, json=body, headers=headers,
                                 timeout=10)

    def form(self, path: str, data: dict[str, object], **kwargs: object) -> requests.Response:
        return self.http.post(self.url + path, data={**data, "csrf_token": self.token()},
                              allow_redirects=False, timeout=10, **kwargs)

    def get(self, path: str) -> requests.Response:
        return self.http.get(self.url + path, allow_redirects=False, timeout=10)


def _start(db_url: str, tmp_path: Path, extra: dict[str, str]) -> subprocess.Popen[bytes]:
    from tests.browser.conftest import _wait_until_up

    env = {k: v for k, v in os.environ.items() if not k.startswith("TMGR_")}
    env.update(TMGR_DATABASE_URL=db_url, TMGR_INSTANCE=str(tmp_path / "instance"),
               TMGR_LANGUAGES="be,ru", TMGR_PASSWORD_HASH="pbkdf2:sha256:1000", **extra)
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "tmgr", "serve", "--port", str(port)],
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    _wait_until_up(f"http://127.0.0.1:{port}/", process)
    process.url = f"http://127.0.0.1:{port}/"  # type: ignore[attr-defined]
    return process


@pytest.fixture
def serve(db_url: str, env: dict[str, str], tmp_path: Path,
          monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., Server]]:
    """``serve(TMGR_X="...")`` -> a running server on the test database with the sample
    and the web tests' accounts."""
    monkeypatch.setenv("TMGR_PASSWORD_HASH", "pbkdf2:sha256:1000")
    database = Database(db_url)
    with database.transaction() as session:
        ingest_file(session, SAMPLE, ("be", "ru"))
        for name, (role, langs) in ACCOUNTS.items():
            create_user(session, name, role=role, languages=langs, password=password_of(name),
                        configured=("be", "ru"))
    processes: list[subprocess.Popen[bytes]] = []

    def start(**extra: str) -> Server:
        process = _start(db_url, tmp_path, extra)
        processes.append(process)
        return Server(process.url, database)  # type: ignore[attr-defined]

    try:
        yield start
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=10)
            process.stdout.close()  # type: ignore[union-attr]
        database.dispose()


REDIRECTS = ["/%09/evil.example", "//evil.example", "/\\evil.example", "/%5Cevil.example",
             "https://evil.example/", "/%0d%0aLocation:%20https://evil.example",
             "/%2F/evil.example", "/\t/evil.example", "/%0a/evil.example"]


def test_sign_in_and_language_switch_only_follow_same_origin_paths(serve) -> None:
    server = serve()
    client = server.client()
    for target in REDIRECTS:
        response = client.form(f"login?next={target}",
                               {"name": "tr_be", "password": password_of("tr_be")})
        assert response.status_code == 302, target
        location = response.headers["Location"]
        assert EVIL not in location and not location.startswith("//"), target
        switch = client.form("ui-language", {"ui_lang": "be",
                                             "next": target.replace("%0d%0a", "\r\n")})
        assert switch.status_code == 302 and EVIL not in switch.headers["Location"], target
    fine = client.form("login?next=/doc/x/be", {"name": "tr_be",
                                                "password": password_of("tr_be")})
    assert fine.headers["Location"].endswith("/doc/x/be")


def test_bad_ids_numbers_and_bodies_are_4xx_with_a_message(serve) -> None:
    server = serve()
    client = server.client("tr_be")
    seg = server.segment()
    for path in ("api/segments/99999999999999999999999/be", "api/segments/2147483648/be",
                 f"doc/{SLUG}/be/segment/99999999999999999999999"):
        response = client.get(path)
        assert response.status_code == 404, path
    version = server.translation(seg)[2]
    surrogate = client.api("PUT", f"api/segments/{seg}/be",
                           raw=b'{"text": "\\ud800 tail", "version": %d}' % version)
    assert surrogate.status_code == 422 and "surrogate" in surrogate.json()["error"]
    bad_revision = client.form(f"doc/{SLUG}/be/segment/{seg}/revert",
                               {"revision": "abc", "version": version})
    assert bad_revision.status_code == 422 and "revision" in bad_revision.text
    huge_revision = client.api("POST", f"api/segments/{seg}/be/revert",
                               {"revision": 10**30, "version": version})
    assert huge_revision.status_code == 422
    assert server.translation(seg)[2] == version  # nothing changed on the way


def test_every_write_needs_the_version_it_was_based_on(serve) -> None:
    server = serve()
    client, seg = server.client("tr_be"), server.segment()
    text, _, version = server.translation(seg)
    missing = client.api("PUT", f"api/segments/{seg}/be", {"text": "Без версіі."})
    assert missing.status_code == 422 and "version" in missing.json()["error"]
    for bad in ("", "abc", "-1", "1.5"):
        form = client.form(f"doc/{SLUG}/be/segment/{seg}/save",
                           {"text": "Без версіі.", "version": bad})
        assert form.status_code == 422, bad
    assert server.translation(seg) == (text, State.UNTRANSLATED, version)
    saved = client.api("PUT", f"api/segments/{seg}/be", {"text": "Першы.", "version": version})
    assert saved.status_code == 200
    stale = client.api("PUT", f"api/segments/{seg}/be", {"text": "Другі.", "version": version})
    assert stale.status_code == 409 and stale.json()["current_text"] == "Першы."
    reviewer = server.client("rev_be")
    no_version = reviewer.api("POST", f"api/segments/{seg}/be/approve", {})
    assert no_version.status_code == 422
    assert server.translation(seg)[1] == State.TRANSLATED


def test_control_characters_are_refused_and_stored_ones_do_not_break_export(serve) -> None:
    server = serve()
    client, seg = server.client("tr_be"), server.segment()
    version = server.translation(seg)[2]
    for bad in ("Нуль\u0000тут", "Звон\u0007ок", "Форм\u000cа"):
        response = client.api("PUT", f"api/segments/{seg}/be", {"text": bad,
                                                                "version": version})
        assert response.status_code == 422 and "U+00" in response.json()["error"]
    comment = client.api("POST", f"api/segments/{seg}/be/comments", {"text": "x\u0001y"})
    assert comment.status_code == 422
    assert server.translation(seg)[2] == version
    with server.database.transaction() as session:  # as 0.1.0 let it in
        change_translation(session, get_translation(session, seg, "be"),
                           text="Стары\u0001 тэкст\ufffe\u001f.", state=State.TRANSLATED,
                           origin="human")
    publisher = server.client("publisher")
    for fmt in ("xliff", "xliff2", "po", "tmx"):
        exported = publisher.form("export", {"slug": SLUG, "lang": "be", "format": fmt})
        assert exported.status_code == 200, fmt
        assert b"\x01" not in exported.content and b"\x1f" not in exported.content
    xliff = publisher.form("export", {"slug": SLUG, "lang": "be", "format": "xliff"})
    assert "Стары тэкст." in xliff.content.decode("utf-8")


def test_sign_out_password_change_and_deactivation_end_the_session(serve) -> None:
    server = serve()
    client = server.client("tr_be")
    stolen = dict(client.http.cookies)
    assert client.get("api/me").status_code == 200
    assert client.form("logout", {}).status_code == 302
    thief = requests.Session()
    thief.cookies.update(stolen)
    assert thief.get(server.url + "api/me", timeout=10).status_code == 401
    for change in ({"password": "a-new-password"}, {"active": False}):
        victim = server.client("tr_ru" if "password" in change else "rev2_be")
        copy = requests.Session()
        copy.cookies.update(dict(victim.http.cookies))
        assert copy.get(server.url + "api/me", timeout=10).status_code == 200
        with server.database.transaction() as session:
            name = "tr_ru" if "password" in change else "rev2_be"
            update_user(session, get_user(session, name), configured=("be", "ru"),
                        **change)  # type: ignore[arg-type]
        assert copy.get(server.url + "api/me", timeout=10).status_code == 401
        assert victim.get("api/me").status_code == 401


def test_wrong_passwords_slow_down_but_never_lock_the_owner_out(serve, tmgr: Tmgr) -> None:
    server = serve(TMGR_TRUSTED_PROXIES="127.0.0.1")
    home = "198.51.100.7"
    assert server.client("admin", address=home).get("api/me").status_code == 200
    attacker = server.client(address="203.0.113.5")
    statuses = [attacker.login("admin", "guess").status_code for _ in range(7)]
    assert statuses[:5] == [401] * 5 and 429 in statuses[5:]
    throttled = attacker.login("admin")  # even the right password waits
    assert throttled.status_code == 429 and 0 < int(throttled.headers["Retry-After"]) <= 60
    assert server.client("admin", address=home).get("api/me").status_code == 200
    elsewhere = server.client(address="192.0.2.44")  # a new address must wait too...
    assert elsewhere.login("admin").status_code == 429
    result = tmgr("user", "unlock", "admin")  # ...until an admin unlocks the name
    assert "forgiven" in result.stdout
    assert elsewhere.login("admin").status_code == 200
    with server.database.transaction() as session:
        addresses = set(session.scalars(select(LoginAttempt.remote_addr)))
    assert {"203.0.113.5", home, "192.0.2.44"} <= addresses


def test_forwarded_headers_count_only_from_trusted_proxies(serve) -> None:
    server = serve()
    spoofer = server.client(address="203.0.113.9")
    spoofer.http.headers["X-Forwarded-Proto"] = "https"
    signed_in = spoofer.login("tr_be")
    assert signed_in.status_code == 200
    assert "secure" not in signed_in.headers["Set-Cookie"].lower()
    with server.database.transaction() as session:
        addresses = set(session.scalars(select(LoginAttempt.remote_addr)))
    assert addresses == {"127.0.0.1"}
    behind = serve(TMGR_TRUSTED_PROXIES="127.0.0.1/32").client(address="203.0.113.9")
    behind.http.headers["X-Forwarded-Proto"] = "https"
    cookie = behind.get("api/csrf").headers["Set-Cookie"]  # the proxy spoke HTTPS
    assert "Secure" in cookie and "HttpOnly" in cookie


def test_a_database_outage_is_503_without_internal_detail(serve, backend: str,
                                                          db_url: str) -> None:
    if backend != "postgresql":
        pytest.skip("an outage is simulated by taking the PostgreSQL database away")
    server = serve()
    client = server.client("tr_be")
    url = make_url(db_url)
    name = url.database
    admin = Database(url.set(database="postgres").render_as_string(hide_password=False))
    server.database.dispose()
    with admin.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
        c.execute(text(f"ALTER DATABASE {name} ALLOW_CONNECTIONS false"))
        c.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                       "WHERE datname = :n"), {"n": name})
    try:
        for path in ("api/documents", f"doc/{SLUG}/be", "login"):
            response = client.get(path)
            assert response.status_code == 503, (path, response.status_code)
            assert "database" in response.text and name not in response.text
            assert "5432" not in response.text and "/tmp" not in response.text
    finally:
        with admin.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
            c.execute(text(f"ALTER DATABASE {name} ALLOW_CONNECTIONS true"))
        admin.dispose()
