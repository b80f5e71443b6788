"""The installed wheel behind Debian's nginx, configured by deploy/nginx/tmgr.conf itself.

nginx terminates TLS with a throwaway self-signed certificate on a free 127.0.0.1
port; tmgr trusts only it (TMGR_TRUSTED_PROXIES=127.0.0.1). Clients connect from
other loopback addresses (127.0.0.2, 127.0.0.3...), so the address tmgr records
tells whether it saw the real client or the proxy.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests

from tests.browser.conftest import free_port
from tests.conftest import ROOT, SAMPLE
from tests.installed import Browser, Installed, newsroom, shared_wheel_install
from tmgr import __version__

pytestmark = [pytest.mark.nginx, pytest.mark.skipif(
    shutil.which("nginx") is None or shutil.which("openssl") is None,
    reason="nginx and openssl come from scripts/system-deps.sh")]

SITE = ROOT / "deploy" / "nginx" / "tmgr.conf"
SLUG = SAMPLE.stem
MAIN = """user root;
daemon off;
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 256; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    log_format counted '$remote_addr $status $request_length "$request"';
    access_log {prefix}/access.log counted;
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    include {prefix}/tmgr.conf;
}}
"""


@dataclass
class Proxied:
    tmgr: Installed
    https: str  # through nginx
    http: str  # nginx's plain-HTTP redirect
    direct: str  # tmgr itself
    cert: str
    prefix: Path

    def browser(self, source: str, direct: bool = False) -> Browser:
        return Browser(self.direct if direct else self.https, verify=self.cert, source=source)

    def attempts(self) -> list[tuple[str, int]]:
        path = self.tmgr.home / "instance" / "tmgr.sqlite3"
        with sqlite3.connect(path) as db:
            return [(str(a), int(s)) for a, s in db.execute(
                "SELECT remote_addr, success FROM login_attempts ORDER BY id")]

    def access_log(self) -> list[str]:
        return (self.prefix / "access.log").read_text().splitlines()


def _site(prefix: Path, tmgr_port: int, https_port: int, http_port: int, static: Path) -> str:
    """deploy/nginx/tmgr.conf with this test's ports, certificate and static folder."""
    text = SITE.read_text()
    replacements = {
        "server 127.0.0.1:8000;": f"server 127.0.0.1:{tmgr_port};",
        "    listen 80;\n": f"    listen 127.0.0.1:{http_port};\n",
        "    listen [::]:80;\n": "",
        "    listen 443 ssl http2;\n": f"    listen 127.0.0.1:{https_port} ssl http2;\n",
        "    listen [::]:443 ssl http2;\n": "",
        "/etc/letsencrypt/live/tmgr.example.org/fullchain.pem": str(prefix / "cert.pem"),
        "/etc/letsencrypt/live/tmgr.example.org/privkey.pem": str(prefix / "key.pem"),
        "/opt/tmgr/lib/python3.11/site-packages/tmgr/web_assets/static/": f"{static}/",
    }
    for old, new in replacements.items():
        assert old in text, f"deploy/nginx/tmgr.conf no longer has {old!r}"
        text = text.replace(old, new)
    return text


def _certificate(prefix: Path) -> None:
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", str(prefix / "key.pem"), "-out", str(prefix / "cert.pem")],
                   check=True, capture_output=True)


def _wait_for_nginx(url: str, cert: str, process: subprocess.Popen[bytes],
                    prefix: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"nginx exited: {(prefix / 'error.log').read_text()}")
        try:
            requests.get(url + "static/tmgr.css", verify=cert, timeout=5)
            return
        except requests.ConnectionError:
            time.sleep(0.1)
    raise AssertionError("nginx did not answer")


@pytest.fixture(scope="module")
def proxied(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Proxied]:
    installed = shared_wheel_install()
    tmgr = newsroom(installed, tmp_path_factory.mktemp("newsroom"),
                    TMGR_TRUSTED_PROXIES="127.0.0.1")
    static = Path(tmgr.python("from tmgr.assets import web_root; print(web_root())")) / "static"
    prefix = tmp_path_factory.mktemp("nginx")
    for folder in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (prefix / folder).mkdir()
    _certificate(prefix)
    https_port, http_port = free_port(), free_port()
    with tmgr.serve() as direct:
        tmgr_port = int(direct.rstrip("/").rsplit(":", 1)[1])
        (prefix / "tmgr.conf").write_text(_site(prefix, tmgr_port, https_port, http_port,
                                                static))
        (prefix / "nginx.conf").write_text(MAIN.format(prefix=prefix))
        nginx = subprocess.Popen(["nginx", "-p", str(prefix), "-c", str(prefix / "nginx.conf"),
                                  "-e", str(prefix / "error.log")],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        https = f"https://127.0.0.1:{https_port}/"
        try:
            _wait_for_nginx(https, str(prefix / "cert.pem"), nginx, prefix)
            yield Proxied(tmgr, https, f"http://127.0.0.1:{http_port}/", direct,
                          str(prefix / "cert.pem"), prefix)
        finally:
            nginx.terminate()
            nginx.wait(timeout=60)


def test_sign_in_over_https_sets_secure_cookies_and_sees_the_real_client(
        proxied: Proxied) -> None:
    browser = proxied.browser("127.0.0.2")
    signed_in = browser.login("anna")
    assert signed_in.status_code == 302, signed_in.text[:300]
    cookie = signed_in.headers["Set-Cookie"]
    assert "tmgr_session=" in cookie and "Secure" in cookie and "HttpOnly" in cookie
    editor = browser.http.get(proxied.https + f"doc/{SLUG}/be", timeout=30)
    assert editor.status_code == 200 and f"?v={__version__}" in editor.text
    assert ("127.0.0.2", 1) in proxied.attempts()
    assert all(address != "127.0.0.1" for address, _ in proxied.attempts())
    redirect = requests.get(proxied.http + "login", allow_redirects=False, timeout=30)
    assert redirect.status_code == 301 and redirect.headers["Location"].startswith("https://")


def test_throttling_counts_the_real_client_behind_the_proxy(proxied: Proxied) -> None:
    owner = proxied.browser("127.0.0.4")
    assert owner.login("anna").status_code == 302  # a known address for anna
    attacker = proxied.browser("127.0.0.5")
    statuses = [attacker.login("anna", "wrong").status_code for _ in range(7)]
    assert statuses[:5] == [401] * 5 and 429 in statuses[5:]
    assert proxied.browser("127.0.0.4").login("anna").status_code == 302
    failures = {address for address, success in proxied.attempts() if not success}
    assert failures == {"127.0.0.5"}
    assert "forgiven" in proxied.tmgr.run("user", "unlock", "anna").stdout


def test_a_forged_forwarded_for_changes_nothing(proxied: Proxied) -> None:
    through = proxied.browser("127.0.0.6")
    through.http.headers["X-Forwarded-For"] = "203.0.113.9"
    assert through.login("anna", "wrong").status_code == 401
    direct = proxied.browser("127.0.0.7", direct=True)  # not the trusted proxy
    direct.http.headers["X-Forwarded-For"] = "203.0.113.10"
    direct.http.headers["X-Forwarded-Proto"] = "https"
    answer = direct.login("anna")
    assert answer.status_code == 302 and "Secure" not in answer.headers["Set-Cookie"]
    addresses = {address for address, _ in proxied.attempts()}
    assert {"127.0.0.6", "127.0.0.7"} <= addresses
    assert not addresses & {"203.0.113.9", "203.0.113.10"}


def test_a_proxy_sending_junk_headers_gets_a_clear_answer(proxied: Proxied) -> None:
    before = proxied.attempts()
    for header, value in (("X-Forwarded-For", "not-an-address"),
                          ("X-Forwarded-Proto", "gopher")):
        answer = requests.post(proxied.direct + "login", headers={header: value},
                               data={"name": "anna", "password": "x"}, timeout=30)
        assert answer.status_code == 400
        assert answer.json()["error"].startswith(f"the proxy sent a malformed {header}: ")
    assert proxied.attempts() == before


def test_static_files_come_from_nginx_with_cache_headers(proxied: Proxied) -> None:
    answer = requests.get(proxied.https + f"static/editor.js?v={__version__}",
                          verify=proxied.cert, timeout=30)
    assert answer.status_code == 200
    assert "max-age=604800" in answer.headers["Cache-Control"]
    assert "public" in answer.headers["Cache-Control"]
    assert "Content-Security-Policy" not in answer.headers  # tmgr sets it on all it serves
    static = Path(proxied.tmgr.python("from tmgr.assets import web_root; print(web_root())"))
    assert answer.content == (static / "static" / "editor.js").read_bytes()


def _post_json(browser: Browser, url: str, data: dict[str, str]) -> requests.Response:
    body = json.dumps(data, ensure_ascii=False).encode()  # UTF-8, as the editor sends
    return browser.http.post(url, data=body, timeout=120, headers={
        "Content-Type": "application/json", "X-CSRFToken": browser.token()})


def test_a_large_request_reaches_tmgr_whole(proxied: Proxied) -> None:
    browser = proxied.browser("127.0.0.8")
    assert browser.login("anna").status_code == 302
    big = "слова " * 300_000  # 3.3 MB as UTF-8: over tmgr's 2 MB, under nginx's 4 MB
    answer = _post_json(browser, proxied.https + "api/diff", {"old": "a", "new": big})
    assert answer.status_code == 413  # tmgr's own answer (JSON), not nginx's page
    refusal = answer.json()  # tmgr's own words for it, not nginx's page
    assert refusal["status"] == 413 and "too large" in refusal["error"].lower()
    near = "слова " * 160_000  # 1.8 MB: tmgr reads all of it and judges its content
    answer = _post_json(browser, proxied.https + "api/diff", {"old": "a", "new": near})
    error = answer.json()["error"]
    assert error == f"a text of {len(near):,} characters is too long to compare", error


def test_many_requests_through_nginx_without_an_error(proxied: Proxied) -> None:
    browser = proxied.browser("127.0.0.9")
    assert browser.login("anna").status_code == 302
    paths = [f"doc/{SLUG}/be", "", f"api/documents/{SLUG}/be/segments", "static/tmgr.css",
             f"documents/{SLUG}", "api/me"] * 40

    def fetch(path: str) -> int:
        return browser.http.get(proxied.https + path, timeout=120).status_code

    logged_before = len(proxied.access_log())
    with ThreadPoolExecutor(max_workers=6) as pool:
        statuses = list(pool.map(fetch, paths))
    errors = [s for s in statuses if s != 200]
    logged = proxied.access_log()[logged_before:]
    assert not errors, errors
    assert not [line for line in logged if line.split()[1].startswith("5")]
    print(f"\nnginx: {len(statuses)} requests through the proxy, {len(errors)} errors")
