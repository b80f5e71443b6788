"""Issue 27's hardening holes, each reproduced against a real `tmgr serve` (a subprocess).

A line break in a notification, formula cells in the dashboard's CSV, control
characters in document metadata, a shared address full of wrong guesses, an
unknown document or a deeply nested body on the JSON API, and a `next` that a
browser reads as another site: each must now be what a user expects.
"""

from __future__ import annotations

import csv
import io
import subprocess
from collections.abc import Callable, Iterator
from email import message_from_bytes, policy
from email.message import Message
from pathlib import Path

import pytest
import requests
from sqlalchemy import select

from tests.conftest import SAMPLE
from tests.deskservers import smtp_server, wait_until
from tests.web.conftest import ACCOUNTS, password_of
from tests.web.test_hardening_live import EVIL, REDIRECTS, SLUG, Client, Server, _start
from tmgr.documents.ingest import ingest_file
from tmgr.people.notifications import set_preferences
from tmgr.people.users import create_user, get_user
from tmgr.review.translations import change_translation, get_translation
from tmgr.store.db import Database
from tmgr.store.models import Document, LoginAttempt, MailMessage, State


class Served(Server):
    process: subprocess.Popen[bytes]

    def log(self) -> str:
        """Everything the server printed (it is stopped first)."""
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)
        return self.process.stdout.read().decode(errors="replace")  # type: ignore[union-attr]


@pytest.fixture
def served(db_url: str, env: dict[str, str], tmp_path: Path,
           monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., Served]]:
    """``served(TMGR_X=...)``: `tmgr serve` on the sample and the web tests' accounts
    (each with an e-mail address), whose output the test can read."""
    monkeypatch.setenv("TMGR_PASSWORD_HASH", "pbkdf2:sha256:1000")
    database = Database(db_url)
    with database.transaction() as session:
        ingest_file(session, SAMPLE, ("be", "ru"))
        for name, (role, langs) in ACCOUNTS.items():
            user = create_user(session, name, role=role, languages=langs,
                               password=password_of(name), configured=("be", "ru"))
            set_preferences(session, user, email=f"{name.replace('_', '.')}@example.org")
    started: list[Served] = []

    def start(**extra: str) -> Served:
        process = _start(db_url, tmp_path, extra)
        server = Served(process.url, database)  # type: ignore[attr-defined]
        server.process = process
        started.append(server)
        return server

    try:
        yield start
    finally:
        for server in started:
            server.log()
            server.process.stdout.close()  # type: ignore[union-attr]
        database.dispose()


def _translated(server: Server, index: int, author: str = "tr_be") -> tuple[int, int]:
    seg = server.segment(index)
    with server.database.transaction() as session:
        translation = get_translation(session, seg, "be")
        change_translation(session, translation, text="Перакладзены сказ.",
                           state=State.TRANSLATED, origin="human",
                           user=get_user(session, author))
        return seg, translation.version


def _unsent(server: Server) -> int:
    with server.database.transaction() as session:
        return len(session.scalars(select(MailMessage).where(
            MailMessage.sent_at.is_(None))).all())


def _subject(mail: Message) -> str:
    """The Subject as a mail program shows it: folding undone, encoded words decoded."""
    return str(message_from_bytes(mail.as_bytes(), policy=policy.default)["Subject"])


def test_line_breaks_in_comments_never_block_mail_and_the_worker_logs_no_traceback(
        served: Callable[..., Served]) -> None:
    with smtp_server() as smtp:
        server = served(TMGR_SMTP_URL=smtp.url)
        reviewer = server.client("rev_be")
        seg, version = _translated(server, 1)
        rejected = reviewer.api("POST", f"api/segments/{seg}/be/reject", {
            "comment": "The name is wrong.\nSee the style guide,\r\n@editor please look.",
            "version": version})
        assert rejected.status_code == 200, rejected.text
        mails = smtp.wait_for(2)
        assert len(mails) == 2, "both the author and the one mentioned get their mail"
        server.client("tr_be").api("POST", f"api/segments/{seg}/be/comments",
                                   {"text": "Fixed it?\n\n@rev_be\tcheck again"})
        mails = smtp.wait_for(3)
        assert wait_until(lambda: _unsent(server) == 0, 30, True) and _unsent(server) == 0
        log = server.log()
    subjects = {to[0]: _subject(mail) for to, mail in mails}
    assert set(subjects) == {"tr.be@example.org", "editor@example.org", "rev.be@example.org"}
    for subject in subjects.values():
        assert "\n" not in subject and "\r" not in subject
    assert subjects["tr.be@example.org"].endswith(
        "back to you: The name is wrong. See the style guid")
    author_mail = next(mail for to, mail in mails if to == ["tr.be@example.org"])
    body = author_mail.get_payload(decode=True).decode()
    body = body.replace("\r\n", "\n")
    assert "The name is wrong.\nSee the style guide," in body  # the text itself is kept
    assert "Traceback" not in log and "outbox worker failed" not in log


def test_dashboard_csv_cells_never_run_as_formulas(served: Callable[..., Served]) -> None:
    server = served()
    titles = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+1+2", "-2+3", "@SUM(A1)",
              "\tTabbed", "\rReturn"]
    with server.database.transaction() as session:
        document = session.scalars(select(Document).where(Document.slug == SLUG)).one()
        document.title = titles[0]
    editor = server.client("editor")
    for title in titles:
        with server.database.transaction() as session:
            session.scalars(select(Document).where(Document.slug == SLUG)).one().title = title
        response = editor.get("dashboard.csv")
        assert response.status_code == 200
        rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
        shown = {row["title"] for row in rows}
        assert shown == {"'" + title}, shown  # a spreadsheet shows it as text
    with server.database.transaction() as session:
        session.scalars(select(Document).where(Document.slug == SLUG)).one().title = "Plain"
    rows = list(csv.DictReader(io.StringIO(
        editor.get("dashboard.csv").content.decode("utf-8-sig"))))
    assert {row["title"] for row in rows} == {"Plain"}  # ordinary text is left alone


def test_control_characters_in_metadata_are_refused(served: Callable[..., Served]) -> None:
    server = served()
    editor = server.client("editor")
    for field, bad in (("title", "Нуль\u0000тут"), ("section", "Sec\u0007tion"),
                       ("status_line", "a\u001bb"), ("week", "Oct\u0000ober 28 – "
                                                             "November 3, 2024")):
        response = editor.form(f"documents/{SLUG}/metadata", {field: bad})
        assert response.status_code == 422, (field, response.status_code)
        assert "control character" in response.text
    with server.database.transaction() as session:
        document = session.scalars(select(Document).where(Document.slug == SLUG)).one()
        values = [document.title, document.section or "", document.status_line or "",
                  document.week_text or ""]
    assert not any(c in "".join(values) for c in "\x00\x07\x1b")
    fine = editor.form(f"documents/{SLUG}/metadata", {"section": "Economy"})
    assert fine.status_code == 302


def test_others_failures_from_a_shared_address_never_keep_out_its_users(
        served: Callable[..., Served]) -> None:
    server = served(TMGR_TRUSTED_PROXIES="127.0.0.1")
    office = "198.51.100.20"  # one NAT address for everyone in the office
    regular = server.client("tr_be", address=office)  # signed in from here before
    assert regular.get("api/me").status_code == 200
    device = server.client("rev_be", address="192.0.2.8")  # a remembered device (laptop)
    device_cookie = device.http.cookies.get("tmgr_device")
    assert device_cookie
    guesser = Client(server.url, office)
    statuses = [guesser.login(f"staff{n}", "guess").status_code for n in range(36)]
    assert 429 in statuses  # the guesser is slowed down
    with server.database.transaction() as session:  # and keeps at it: a long wait now
        session.add_all(LoginAttempt(name=f"staff{n}", remote_addr=office, success=False)
                        for n in range(40))
    assert guesser.login("admin", password_of("admin")).status_code == 429  # even right
    for _ in range(3):  # the office's own user signs in again and again
        again = Client(server.url, office)
        assert again.login("tr_be").status_code == 200
    tampered = Client(server.url, office)  # a changed cookie is no proof
    tampered.http.cookies.set("tmgr_device", device_cookie[:-4] + "0000")
    assert tampered.login("rev_be").status_code == 429
    laptop = Client(server.url, office)  # the laptop comes to the office
    laptop.http.cookies.set("tmgr_device", device_cookie)
    assert laptop.login("rev_be").status_code == 200
    stranger = Client(server.url, office)  # a first sign-in from the office waits
    assert stranger.login("tr_ru").status_code == 429
    forged = Client(server.url, office)  # a device cookie of another account is no proof
    forged.http.cookies.set("tmgr_device", device_cookie)
    assert forged.login("rev2_be").status_code == 429


def test_unknown_documents_and_deep_json_are_4xx(served: Callable[..., Served]) -> None:
    server = served()
    client = server.client("tr_be")
    draft = client.api("POST", "api/documents/no-such-document/be/draft",
                       {"engine": "offline"})
    assert draft.status_code == 404 and "no-such-document" in draft.json()["error"]
    assert client.get("api/documents/no-such-document/be/draft").status_code == 404
    seg = server.segment()
    for depth in (40, 1000, 100_000):
        deep = b"[" * depth + b"]" * depth
        for path in (f"api/segments/{seg}/be", f"api/segments/{seg}/be/comments",
                     "api/login", f"api/documents/{SLUG}/be/draft"):
            method = "PUT" if path.endswith("/be") else "POST"
            body = b'{"text": %s, "version": 1}' % deep
            response = client.api(method, path, raw=body)
            assert response.status_code == 400, (path, depth, response.status_code)
            assert "nested" in response.json()["error"]


def test_every_next_redirect_stays_on_this_site(served: Callable[..., Served]) -> None:
    server = served()
    client = server.client("tr_be")
    for target in [*REDIRECTS, "/\t/evil.example"]:
        response = client.form("notifications/read", {"next": target.replace("%09", "\t")})
        assert response.status_code == 302, target
        location = response.headers["Location"]
        assert EVIL not in location and not location.startswith("//"), target
    kept = client.form("notifications/read", {"next": "/dashboard?x=1"})
    assert kept.headers["Location"].endswith("/dashboard?x=1")
    odd_ids = client.form("notifications/read", {"id": ["²", "9" * 30, "1"]})
    assert odd_ids.status_code == 302
    assert requests.get(server.url + "login", timeout=10).status_code == 200


