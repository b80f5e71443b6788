"""Notifications and e-mail in the recipient's UI language (be, ru, en), rendered when
they are delivered, and digests per document; through a real SMTP server (aiosmtpd)."""

from __future__ import annotations

from datetime import date, timedelta
from email import message_from_bytes
from email.message import Message
from email.policy import default

import pytest
from sqlalchemy import select, update

from tests.conftest import Tmgr
from tests.deskservers import smtp_server
from tests.test_desk import team, translate_all  # noqa: F401
from tests.test_notifications import notes_of, reject
from tmgr.errors import TmgrError
from tmgr.people import mailtext
from tmgr.people.notifications import set_preferences
from tmgr.people.users import get_user
from tmgr.store.db import Database
from tmgr.store.models import MailMessage, User, utcnow


def choose(db_url: str, name: str, *, ui_lang: str | None = None,
           digest: bool | None = None) -> None:
    database = Database(db_url)
    try:
        with database.transaction() as session:
            set_preferences(session, get_user(session, name), ui_lang=ui_lang, digest=digest)
    finally:
        database.dispose()


def subject(mail: Message) -> str:
    return str(message_from_bytes(mail.as_bytes(), policy=default)["Subject"])


def text(mail: Message) -> str:
    return mail.get_payload(decode=True).decode()


def by_recipient(mails: list[tuple[list[str], Message]]) -> dict[str, Message]:
    return {to[0].split("@")[0]: mail for to, mail in mails}


def test_each_recipient_reads_the_assignment_in_their_own_language(
        tmgr: Tmgr, team: str, db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    choose(db_url, "ann", ui_lang="be")
    choose(db_url, "ivan", ui_lang="ru")
    with smtp_server() as smtp:
        monkeypatch.setenv("TMGR_SMTP_URL", smtp.url)
        tmgr("assign", team, "--lang", "be", "--translator", "ann", "--reviewer", "rita")
        tmgr("assign", team, "--lang", "ru", "--translator", "ivan")
        mails = by_recipient(smtp.wait_for(3))
    assert subject(mails["ann"]).startswith("[tmgr] вас прызначылі: Вы — перакладчык тэксту")
    assert "Што атрымліваць поштай" in text(mails["ann"])
    assert subject(mails["ivan"]).startswith("[tmgr] вам назначено: Вы — переводчик текста")
    assert "на странице учётной записи" in text(mails["ivan"])
    assert subject(mails["rita"]).startswith("[tmgr] assigned to you: You are the reviewer")
    (_kind, message), = notes_of(db_url, "ann")
    assert message.startswith("Вы — перакладчык тэксту «")  # in the app, too


def test_mail_is_written_in_the_language_the_recipient_has_when_it_is_delivered(
        tmgr: Tmgr, team: str, db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    with smtp_server(start=False) as smtp:
        monkeypatch.setenv("TMGR_SMTP_URL", smtp.url)
        tmgr("assign", team, "--lang", "be", "--translator", "ann")  # queued: server down
        choose(db_url, "ann", ui_lang="ru")
        smtp.start()
        assert "1 e-mail(s) sent" in tmgr("notify", "run").output
        (_to, mail), = smtp.wait_for(1)
    assert subject(mail).startswith("[tmgr] вам назначено: Вы — переводчик текста")


def test_rejection_and_mention_arrive_in_belarusian_and_russian(
        tmgr: Tmgr, team: str, db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    translate_all(db_url, team, "be", "ann", upto=2)
    choose(db_url, "ann", ui_lang="be")
    choose(db_url, "ed", ui_lang="ru")
    with smtp_server() as smtp:
        monkeypatch.setenv("TMGR_SMTP_URL", smtp.url)
        segment_id = reject(db_url, team, 0, "rita", "Праверце імя, @ed глянь таксама.")
        tmgr("notify", "run")
        mails = by_recipient(smtp.wait_for(2))
    assert subject(mails["ann"]).startswith(f"[tmgr] вернута вам: Сегмент {segment_id} тэксту")
    assert "вернуты вам (rita): Праверце імя" in text(mails["ann"])
    assert subject(mails["ed"]).startswith(
        f"[tmgr] вас упомянули: rita упоминает вас в сегменте {segment_id} текста {team}")


def test_digest_collects_one_documents_news_and_urgent_mail_goes_at_once(
        tmgr: Tmgr, team: str, db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    choose(db_url, "ann", ui_lang="be", digest=True)
    tomorrow = (date.today() + timedelta(days=1)).isoformat()
    translate_all(db_url, team, "be", "ann", upto=1)
    with smtp_server() as smtp:
        monkeypatch.setenv("TMGR_SMTP_URL", smtp.url)
        tmgr("assign", team, "--lang", "be", "--translator", "ann", "--due", tomorrow)
        assert "1 reminder(s) queued" in tmgr("notify", "run").output
        reject(db_url, team, 0, "rita", "Не той тэрмін.")  # urgent: not held
        tmgr("notify", "run")
        (_to, urgent), = smtp.wait_for(1)
        assert subject(urgent).startswith("[tmgr] вернута вам")
        assert [subject(m) for _to, m in smtp.messages] == [subject(urgent)]  # others wait
        database = Database(db_url)
        with database.transaction() as session:  # the window passes: move the queue's clock
            ann = get_user(session, "ann").id
            held = list(session.scalars(select(MailMessage).where(
                MailMessage.user_id == ann, MailMessage.sent_at.is_(None))))
            assert sorted(m.kind for m in held) == ["assigned", "due_soon"]
            assert len({m.next_attempt_at for m in held}) == 1  # they go together
            session.execute(update(MailMessage).where(MailMessage.user_id == ann)
                            .values(next_attempt_at=utcnow() - timedelta(seconds=1)))
        database.dispose()
        assert "1 e-mail(s) sent" in tmgr("notify", "run").output
        mails = smtp.wait_for(2)
    assert len(mails) == 2
    digest = mails[1][1]
    assert subject(digest).startswith("[tmgr] 2 навіны пра «")
    body = text(digest)
    assert "- Вы — перакладчык тэксту «" in body
    assert "- Этап «пераклад» тэксту «" in body and "трэба скончыць заўтра" in body


def test_the_digest_window_is_taken_from_the_environment(
        tmgr: Tmgr, team: str, db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    choose(db_url, "ann", digest=True)
    monkeypatch.setenv("TMGR_DIGEST_MINUTES", "40")
    tmgr("assign", team, "--lang", "be", "--translator", "ann")
    database = Database(db_url)
    with database.transaction() as session:
        (message,) = session.scalars(select(MailMessage).join(
            User, User.id == MailMessage.user_id).where(User.name == "ann"))
        waits = message.next_attempt_at - message.created_at
    database.dispose()
    assert timedelta(minutes=39) < waits <= timedelta(minutes=40, seconds=1)
    choose(db_url, "ivan", digest=True)
    monkeypatch.setenv("TMGR_DIGEST_MINUTES", "soon")
    result = tmgr("assign", team, "--lang", "ru", "--translator", "ivan", ok=False)
    assert result.exit_code == 1
    assert "TMGR_DIGEST_MINUTES must be a number of minutes" in result.stderr
    assert notes_of(db_url, "ivan") == []  # nothing half-done: not assigned, not told


@pytest.mark.parametrize(("lang", "expected"), [
    ("be", ["1 навіна пра «X»", "2 навіны пра «X»", "5 навін пра «X»", "21 навіна пра «X»"]),
    ("ru", ["1 новость о «X»", "2 новости о «X»", "5 новостей о «X»", "21 новость о «X»"]),
    ("en", ["1 update on “X”", "2 updates on “X”", "5 updates on “X”", "21 updates on “X”"]),
])
def test_digest_subjects_use_the_cldr_plural_forms(lang: str, expected: list[str]) -> None:
    item = ("ready_to_publish", {"title": "X", "lang": "be"}, None)
    subjects = [mailtext.digest([item] * n, "X", lang)[0] for n in (1, 2, 5, 21)]
    assert subjects == [f"[tmgr] {e}" for e in expected]


def test_an_unknown_ui_language_is_refused(db_url: str, team: str) -> None:  # noqa: F811
    with pytest.raises(TmgrError, match="unknown UI language 'de'"):
        choose(db_url, "ann", ui_lang="de")
