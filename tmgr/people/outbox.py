"""Deliver what the changes queued: e-mail over SMTP and webhook POSTs, with retries.

Runs after the commit that queued the work (the CLI right after its command, the
web app in a background thread) and from ``tmgr notify run``. Each item is
claimed in its own short transaction, sent outside any transaction, and its
outcome recorded; a failure is kept with its error and retried with back-off,
so a server that is down never loses or blocks a change.

Configuration: ``TMGR_SMTP_URL`` (``smtp://[user:password@]host[:port]``, with
STARTTLS when the server offers it, or ``smtps://`` for TLS from the start),
``TMGR_MAIL_FROM``, ``TMGR_BASE_URL`` (for links in mail); or ``smtp_url``,
``mail_from``, ``base_url`` in the ``[mail]`` table of the config file.
"""

from __future__ import annotations

import http.client
import smtplib
import socket
import ssl
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from email.message import EmailMessage
from typing import Any
from urllib.parse import unquote, urlsplit

from sqlalchemy import or_, select, update

from tmgr.config import mail_environment
from tmgr.errors import ConfigError, WebhookError
from tmgr.people import mailtext
from tmgr.people.webhooks import sign
from tmgr.store.db import Database, affected
from tmgr.store.models import MailMessage, User, Webhook, WebhookDelivery, utcnow
from tmgr.text import one_line, visible

MAIL_BACKOFF = (60, 300, 900, 3600, 3 * 3600, 6 * 3600, 12 * 3600)  # seconds, then give up
WEBHOOK_BACKOFF = (5, 300, 1800, 7200, 5 * 3600, 10 * 3600, 10 * 3600)
CLAIM_SECONDS = 120  # another worker leaves a claimed item alone this long
BATCH = 200
GIVEN_UP = timedelta(days=3650)  # mail: only `tmgr notify run` tries again
# What a message that can never be sent raises (a header with a line break, a URL
# with a control character...): it is given up at once, the queue goes on.
UNSENDABLE: tuple[type[Exception], ...] = (ValueError, TypeError, UnicodeError, LookupError)
HOOK_UNSENDABLE: tuple[type[Exception], ...] = (*UNSENDABLE, http.client.InvalidURL,
                                                 WebhookError)


@dataclass(frozen=True)
class MailSettings:
    url: str | None
    sender: str
    base_url: str
    timeout: float = 10.0

    @classmethod
    def from_settings(cls, settings: Any) -> MailSettings:
        env = mail_environment()
        url = env["smtp_url"] or settings.get("mail.smtp_url")
        sender = env["mail_from"] or settings.get("mail.mail_from") or "tmgr@localhost"
        base = env["base_url"] or settings.get("mail.base_url") or ""
        return cls(url or None, sender, base.rstrip("/"),
                   float(settings.get("mail.timeout", 10.0)))


@dataclass
class DeliveryReport:
    sent: int = 0
    delivered: int = 0  # webhooks
    failures: list[str] = field(default_factory=list)


def _backoff(attempts: int, schedule: Sequence[int]) -> timedelta | None:
    """The wait before the next attempt after ``attempts`` failures, or None: give up."""
    if attempts > len(schedule):
        return None
    return timedelta(seconds=schedule[attempts - 1])


def _smtp_parts(url: str) -> tuple[str, str, int, str | None, str | None]:
    parts = urlsplit(url)
    if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
        raise ConfigError(f"TMGR_SMTP_URL is not an smtp:// or smtps:// URL: "
                          f"{parts.scheme}://{parts.hostname or ''}",
                          hint="e.g. smtp://mail.example.org:587 or smtps://user:pw@host")
    try:
        port = parts.port or (465 if parts.scheme == "smtps" else 25)
    except ValueError as exc:
        raise ConfigError("TMGR_SMTP_URL has an invalid port") from exc
    user = unquote(parts.username) if parts.username else None
    password = unquote(parts.password) if parts.password else None
    return parts.scheme, parts.hostname, port, user, password


def public_smtp(url: str) -> str:
    """The SMTP URL without its password, for messages."""
    scheme, host, port, _user, _pw = _smtp_parts(url)
    return f"{scheme}://{host}:{port}"


def open_smtp(config: MailSettings) -> smtplib.SMTP:
    assert config.url
    scheme, host, port, user, password = _smtp_parts(config.url)
    context = ssl.create_default_context()
    if scheme == "smtps":
        client: smtplib.SMTP = smtplib.SMTP_SSL(host, port, timeout=config.timeout,
                                                context=context)
    else:
        client = smtplib.SMTP(host, port, timeout=config.timeout)
        client.ehlo()
        if client.has_extn("starttls"):
            client.starttls(context=context)
            client.ehlo()
    if user:
        client.login(user, password or "")
    return client


def _why(exc: BaseException) -> str:
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused"
    if isinstance(exc, (TimeoutError, socket.timeout)):
        return "timed out"
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return "the server refused the user name or password"
    if isinstance(exc, smtplib.SMTPResponseException):
        said = exc.smtp_error
        text = said.decode(errors="replace") if isinstance(said, bytes) else str(said)
        return f"{exc.smtp_code} {text[:200]}"
    return f"{type(exc).__name__}: {exc}"[:300]


def _claim(database: Database, model: Any, done_column: Any, force: bool) -> list[Any]:
    """Take due items for this worker by moving their next attempt past the claim time."""
    now = utcnow()
    with database.transaction() as session:
        query = select(model).where(done_column.is_(None),
                                    model.next_attempt_at.is_not(None))
        if not force:
            query = query.where(model.next_attempt_at <= now)
        elif model is MailMessage:  # forced retries; mail held for a digest still waits
            query = query.where(or_(model.next_attempt_at <= now, model.attempts > 0))
        items = list(session.scalars(query.order_by(model.id).limit(BATCH)))
        claimed = []
        for item in items:
            moved = session.execute(
                update(model).where(model.id == item.id,
                                    model.next_attempt_at == item.next_attempt_at)
                .values(next_attempt_at=now + timedelta(seconds=CLAIM_SECONDS)))
            if affected(moved) == 1:
                claimed.append(item)
        if model is WebhookDelivery:
            hooks = {h.id: h for h in session.scalars(select(Webhook))}
            for item in claimed:
                item.webhook = hooks[item.webhook_id]
        for item in claimed:
            session.expunge(item)
        return claimed


def _record(database: Database, model: Any, item_id: int, *, ok: bool, error: str | None,
            schedule: Sequence[int], status: int | None = None, final: bool = False
            ) -> None:
    """Store one attempt's outcome; ``final``: it can never be sent, give it up now."""
    with database.transaction() as session:
        item = session.get(model, item_id)
        if item is None:  # removed meanwhile (a webhook deleted): nothing to record
            return
        item.attempts += 1
        item.last_error = error
        if model is WebhookDelivery:
            item.last_status = status
        if ok:
            setattr(item, "sent_at" if model is MailMessage else "delivered_at", utcnow())
            item.next_attempt_at = None if model is WebhookDelivery else item.next_attempt_at
            return
        wait = None if final else _backoff(item.attempts, schedule)
        if wait is None:  # given up: visible to admins in `tmgr notify queue`
            item.next_attempt_at = None if final or model is WebhookDelivery else \
                utcnow() + GIVEN_UP
            item.last_error = (f"gave up: {error}" if final else
                               f"gave up after {item.attempts} attempts: {error}")
        else:
            item.next_attempt_at = utcnow() + wait


def deliver_mail(database: Database, config: MailSettings, *, force: bool = False
                 ) -> DeliveryReport:
    report = DeliveryReport()
    if not config.url:
        return report
    messages = _claim(database, MailMessage, MailMessage.sent_at, force)
    if not messages:
        return report
    where = public_smtp(config.url)
    try:
        client = open_smtp(config)
    except (OSError, smtplib.SMTPException) as exc:
        why = _why(exc)
        for message in messages:
            _record(database, MailMessage, message.id, ok=False,
                    error=f"{where}: {why}", schedule=MAIL_BACKOFF)
        report.failures.append(f"{len(messages)} e-mail(s) not sent: cannot reach {where} "
                               f"({why}); queued, they are retried")
        return report
    try:
        for message in compose(database, messages):
            try:
                client.send_message(_email(message, config))
            except UNSENDABLE as exc:  # this message never can be: the others go on
                _record_all(database, message.ids, ok=False, final=True,
                            error=f"cannot be sent: {_why(exc)}")
                report.failures.append(f"e-mail to {one_line(message.recipient)} given up: "
                                       f"{_why(exc)}")
            except (OSError, smtplib.SMTPException) as exc:
                _record_all(database, message.ids, ok=False, error=f"{where}: {_why(exc)}")
                report.failures.append(f"e-mail to {message.recipient} not sent: "
                                       f"{_why(exc)}; queued, it is retried")
            else:
                _record_all(database, message.ids, ok=True, error=None)
                report.sent += 1
    finally:
        try:
            client.quit()
        except (OSError, smtplib.SMTPException):
            pass
    return report


@dataclass
class Outgoing:
    """One e-mail to send: one queued message, or a digest of several (``ids``)."""

    ids: list[int]
    recipient: str
    subject: str
    body: str


def _record_all(database: Database, ids: Sequence[int], *, ok: bool, error: str | None,
                final: bool = False) -> None:
    for item_id in ids:
        _record(database, MailMessage, item_id, ok=ok, error=error, final=final,
                schedule=MAIL_BACKOFF)


def compose(database: Database, messages: Sequence[MailMessage]) -> list[Outgoing]:
    """Render each message in its recipient's UI language as it is now; a digest user's
    non-urgent news about one document becomes one e-mail listing them."""
    with database.transaction() as session:
        ids = {m.user_id for m in messages if m.user_id is not None}
        users = {u.id: u for u in session.scalars(select(User).where(User.id.in_(ids)))}
        langs = {uid: u.ui_lang for uid, u in users.items()}
        digesters = {uid for uid, u in users.items() if u.mail_digest}
    groups: dict[tuple[int, int], list[MailMessage]] = {}
    out: list[Outgoing] = []
    for message in messages:
        if message.kind is None or message.user_id not in langs:
            out.append(Outgoing([message.id], message.recipient, message.subject,
                                message.body))
        elif (message.user_id in digesters and message.document_id is not None
              and message.kind not in mailtext.URGENT and message.attempts == 0):
            groups.setdefault((message.user_id, message.document_id), []).append(message)
        else:
            out.append(_rendered([message], langs[message.user_id]))
    out.extend(_rendered(group, langs[uid]) for (uid, _doc), group in groups.items())
    return out


def _rendered(group: Sequence[MailMessage], lang: str | None) -> Outgoing:
    items = []
    for message in group:
        params = mailtext.load(message.params)
        items.append((message.kind or "", params, params.pop("link", None)))
    first = group[0]
    if len(items) == 1:
        kind, params, link = items[0]
        return Outgoing([first.id], first.recipient,
                        mailtext.subject(kind, params, lang),
                        mailtext.body(kind, params, link, lang))
    subject, body = mailtext.digest(items, str(items[0][1].get("title", "")), lang)
    return Outgoing([m.id for m in group], first.recipient, subject, body)


def _email(message: Outgoing, config: MailSettings) -> EmailMessage:
    email = EmailMessage()
    email["From"] = one_line(config.sender)
    email["To"] = one_line(message.recipient)
    email["Subject"] = one_line(message.subject)  # a line break would start a new header
    email.set_content(message.body.replace("{base}", config.base_url))
    return email


def post_webhook(delivery: WebhookDelivery, timeout: float = 10.0) -> int:
    """POST one delivery to its webhook's configured URL; return the HTTP status.

    Redirects are not followed: the request goes to the configured address only.
    """
    parts = urlsplit(delivery.webhook.url)
    connection_class = (http.client.HTTPSConnection if parts.scheme == "https"
                        else http.client.HTTPConnection)
    connection = connection_class(parts.hostname or "", parts.port, timeout=timeout)
    body = delivery.payload.encode("utf-8")
    stamp = int(time.time())
    headers = {"Content-Type": "application/json", "User-Agent": "tmgr-webhooks",
               "webhook-id": delivery.message_id, "webhook-timestamp": str(stamp),
               "webhook-signature": sign(delivery.webhook.secret, delivery.message_id,
                                         stamp, body)}
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        connection.request("POST", path, body=body, headers=headers)
        response = connection.getresponse()
        response.read(65536)
        return response.status
    finally:
        connection.close()


def deliver_webhooks(database: Database, *, force: bool = False, timeout: float = 10.0
                     ) -> DeliveryReport:
    report = DeliveryReport()
    for delivery in _claim(database, WebhookDelivery, WebhookDelivery.delivered_at, force):
        where = delivery.webhook.url
        status: int | None = None
        error: str | None
        final = False
        try:
            status = post_webhook(delivery, timeout)
        except HOOK_UNSENDABLE as exc:
            error, final = f"cannot be sent: {_why(exc)}", True
        except (OSError, http.client.HTTPException) as exc:
            error = _why(exc)
        else:
            error = None if 200 <= status < 300 else f"HTTP {status}"
        _record(database, WebhookDelivery, delivery.id, ok=error is None, error=error,
                schedule=WEBHOOK_BACKOFF, status=status, final=final)
        if error is None:
            report.delivered += 1
        elif final:
            report.failures.append(f"webhook {delivery.event} to {visible(where)} "
                                   f"given up: {visible(error)}")
        else:
            report.failures.append(f"webhook {delivery.event} to {where} not delivered: "
                                   f"{error}; queued, it is retried")
    return report


def deliver_pending(database: Database, settings: Any, *, force: bool = False
                    ) -> DeliveryReport:
    """Send the due e-mail and webhooks (``force``: every queued one, now)."""
    mail = deliver_mail(database, MailSettings.from_settings(settings), force=force)
    hooks = deliver_webhooks(database, force=force,
                             timeout=float(settings.get("webhooks.timeout", 10.0)))
    return DeliveryReport(sent=mail.sent, delivered=hooks.delivered,
                          failures=mail.failures + hooks.failures)


def pending_items(database: Database) -> dict[str, list[dict[str, Any]]]:
    """Queued and failed e-mail and webhook deliveries, for admins."""
    with database.transaction(readonly=True) as session:
        mails = session.scalars(select(MailMessage).where(MailMessage.sent_at.is_(None))
                                .order_by(MailMessage.id)).all()
        hooks = session.scalars(select(WebhookDelivery).where(
            WebhookDelivery.delivered_at.is_(None)).order_by(WebhookDelivery.id)).all()
        return {
            "mail": [{"id": m.id, "to": m.recipient, "subject": m.subject,
                      "attempts": m.attempts, "error": m.last_error,
                      "created_at": m.created_at.isoformat()} for m in mails],
            "webhooks": [{"id": d.id, "event": d.event, "webhook": d.webhook_id,
                          "attempts": d.attempts, "status": d.last_status,
                          "error": d.last_error, "gave_up": d.next_attempt_at is None,
                          "created_at": d.created_at.isoformat()} for d in hooks],
        }
