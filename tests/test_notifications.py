"""E-mail and in-app notifications through a real SMTP server (aiosmtpd) on 127.0.0.1."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from tests.conftest import Tmgr
from tests.deskservers import free_port, smtp_server
from tests.test_desk import approve_all, status_row, team, translate_all  # noqa: F401
from tmgr.documents.ingest import load_document
from tmgr.people.users import get_user
from tmgr.review import actions as review
from tmgr.store.db import Database
from tmgr.store.models import Notification, User


def notes_of(db_url: str, name: str) -> list[tuple[str, str]]:
    database = Database(db_url)
    with database.transaction() as session:
        user = get_user(session, name)
        rows = [(n.kind, n.message) for n in session.scalars(
            select(Notification).where(Notification.user_id == user.id)
            .order_by(Notification.id))]
    database.dispose()
    return rows


def reject(db_url: str, slug: str, index: int, by: str, comment: str) -> int:
    database = Database(db_url)
    with database.transaction() as session:
        segment_id = load_document(session, slug).segments[index].id
        review.reject(session, get_user(session, by), segment_id, "be",
                      expected_version=None, comment=comment)
    database.dispose()
    return segment_id


def test_assigned_mail_arrives(tmgr: Tmgr, team: str, db_url: str,  # noqa: F811
                               monkeypatch: pytest.MonkeyPatch) -> None:
    with smtp_server() as smtp:
        monkeypatch.setenv("TMGR_SMTP_URL", smtp.url)
        monkeypatch.setenv("TMGR_MAIL_FROM", "desk@tmgr.example.org")
        monkeypatch.setenv("TMGR_BASE_URL", "https://tmgr.example.org")
        result = tmgr("assign", team, "--lang", "be", "--translator", "ann")
        assert result.stderr == ""
        (recipients, mail), = smtp.wait_for(1)
    assert recipients == ["ann@example.org"]
    assert mail["From"] == "desk@tmgr.example.org"
    assert "assigned to you" in mail["Subject"]
    body = mail.get_payload(decode=True).decode()
    assert f"https://tmgr.example.org/doc/{team}/be" in body
    assert [kind for kind, _ in notes_of(db_url, "ann")] == ["assigned"]


def test_smtp_down_the_change_stands_and_mail_is_sent_later(
        tmgr: Tmgr, team: str, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    with smtp_server(start=False) as smtp:
        monkeypatch.setenv("TMGR_SMTP_URL", smtp.url)
        result = tmgr("assign", team, "--lang", "be", "--translator", "ann")
        warnings = [line for line in result.stderr.splitlines() if line]
        assert len(warnings) == 1 and "connection refused" in warnings[0]
        assert "queued" in warnings[0]
        assert status_row(tmgr, team, "be")["translator"] == "ann"  # the change stands
        queue = json.loads(tmgr("notify", "queue", "--json").output)
        assert [(m["to"], m["attempts"]) for m in queue["mail"]] == [("ann@example.org", 1)]
        assert "connection refused" in queue["mail"][0]["error"]

        smtp.start()
        out = tmgr("notify", "run").output
        assert "1 e-mail(s) sent" in out
        (recipients, _mail), = smtp.wait_for(1)
        assert recipients == ["ann@example.org"]
        assert json.loads(tmgr("notify", "queue", "--json").output)["mail"] == []
        tmgr("notify", "run")  # nothing is sent twice
        assert len(smtp.messages) == 1


def test_rejection_tells_the_author_and_mentions_tell_others(
        tmgr: Tmgr, team: str, db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    translate_all(db_url, team, "be", "ann", upto=2)
    with smtp_server() as smtp:
        monkeypatch.setenv("TMGR_SMTP_URL", smtp.url)
        segment_id = reject(db_url, team, 0, "rita", "Check the name, @ed please look too.")
        tmgr("notify", "run")
        mails = smtp.wait_for(2)
    by_recipient = {to[0]: mail for to, mail in mails}
    assert set(by_recipient) == {"ann@example.org", "ed@example.org"}
    assert "sent back to you" in by_recipient["ann@example.org"]["Subject"]
    assert "mentioned" in by_recipient["ed@example.org"]["Subject"]
    (kind, message), = notes_of(db_url, "ann")
    assert kind == "rejected" and f"segment {segment_id}" in message
    assert "Check the name" in message
    assert [k for k, _ in notes_of(db_url, "ed")] == ["mentioned"]
    assert notes_of(db_url, "rita") == []  # nobody is told about their own action


def test_ready_to_publish_is_told_to_publishers_once(
        tmgr: Tmgr, team: str, db_url: str) -> None:  # noqa: F811
    translate_all(db_url, team, "be", "ann")
    approve_all(db_url, team, "be", "rita", upto=5)
    assert notes_of(db_url, "pub") == []
    approve_all(db_url, team, "be", "rita")
    (kind, message), = notes_of(db_url, "pub")
    assert kind == "ready_to_publish" and "(be)" in message
    assert notes_of(db_url, "ed") == []  # editors do not publish


def test_users_choose_what_they_get_by_mail(tmgr: Tmgr, team: str, db_url: str,  # noqa: F811
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    database = Database(db_url)
    with database.transaction() as session:
        session.scalars(select(User).where(User.name == "ann")).one().notify = "rejected"
    database.dispose()
    with smtp_server() as smtp:
        monkeypatch.setenv("TMGR_SMTP_URL", smtp.url)
        tmgr("assign", team, "--lang", "be", "--translator", "ann")
        tmgr("notify", "run")
        assert smtp.messages == []
    assert [k for k, _ in notes_of(db_url, "ann")] == ["assigned"]  # in the app anyway


def test_due_soon_reminder_a_day_before_once(tmgr: Tmgr, team: str, db_url: str,  # noqa: F811
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    tmgr("assign", team, "--lang", "be", "--translator", "ann", "--reviewer", "rita",
         "--due", tomorrow)
    tmgr("assign", team, "--lang", "ru", "--translator", "ivan", "--due",
         (date.today() + timedelta(days=5)).isoformat())
    with smtp_server() as smtp:
        monkeypatch.setenv("TMGR_SMTP_URL", smtp.url)
        assert "1 reminder(s) queued" in tmgr("notify", "run").output
        assert "0 reminder(s) queued" in tmgr("notify", "run").output
        mails = smtp.wait_for(4)  # the three assignments queued earlier, then the reminder
    reminders = [to for to, mail in mails if "due tomorrow" in mail["Subject"]]
    assert reminders == [["ann@example.org"]]
    assert [k for k, _ in notes_of(db_url, "ivan")] == ["assigned"]


def test_a_malformed_smtp_url_warns_and_keeps_the_change(
        tmgr: Tmgr, team: str, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    monkeypatch.setenv("TMGR_SMTP_URL", f"imap://127.0.0.1:{free_port()}")
    result = tmgr("assign", team, "--lang", "be", "--translator", "ann")
    assert "TMGR_SMTP_URL is not an smtp:// or smtps:// URL" in result.stderr
    assert status_row(tmgr, team, "be")["translator"] == "ann"


def test_user_add_with_a_bad_email_creates_nothing(tmgr: Tmgr, team: str, tmp_path) -> None:  # noqa: F811
    secret = tmp_path / "pw"
    result = tmgr("user", "add", "zoe", "--role", "editor", "--password-file", str(secret),
                  "--email", "not-an-address", ok=False)
    assert result.exit_code == 1 and "not an e-mail address" in result.stderr
    names = [u["name"] for u in json.loads(tmgr("user", "list", "--json").output)]
    assert "zoe" not in names
    emails = {u["name"]: u["email"] for u in json.loads(tmgr("user", "list", "--json").output)}
    assert emails["ann"] == "ann@example.org"
