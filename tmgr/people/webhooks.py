"""Webhooks for the publishing system, signed as the Standard Webhooks spec says.

Each event becomes one :class:`~tmgr.store.models.WebhookDelivery` per configured
webhook, written with the change; :mod:`tmgr.people.outbox` posts it after the
commit and retries with back-off. Requests go only to the URLs configured here.

Signature: ``webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">``,
keyed with the secret; a ``whsec_<base64>`` secret is used base64-decoded.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import re
import secrets
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session

from tmgr.errors import NotFound, WebhookError
from tmgr.events import DocumentApproved, DocumentExported, TranslationRejected
from tmgr.people.pending import mark_pending
from tmgr.store.models import Document, Webhook, WebhookDelivery, utcnow
from tmgr.text import describe, visible

EVENTS = ("document.approved", "document.exported", "segment.rejected")
SECRET_PREFIX = "whsec_"


def new_secret() -> str:
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(32)).decode("ascii")


def secret_key(secret: str) -> bytes:
    """The HMAC key: a ``whsec_`` secret base64-decoded, any other as its UTF-8 bytes."""
    if secret.startswith(SECRET_PREFIX):
        try:
            return base64.b64decode(secret[len(SECRET_PREFIX):], validate=True)
        except (binascii.Error, ValueError) as exc:
            raise WebhookError("the secret starts with whsec_ but the rest is not base64",
                               hint="give whsec_<base64>, or a secret without the prefix"
                               ) from exc
    return secret.encode("utf-8")


def sign(secret: str, message_id: str, timestamp: int, body: bytes) -> str:
    """The ``webhook-signature`` header value for one attempt."""
    content = f"{message_id}.{timestamp}.".encode() + body
    digest = hmac.new(secret_key(secret), content, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode("ascii")


def _check_url(url: str) -> str:
    found = re.search(r"[\x00-\x20\x7f-\x9f\u2028\u2029]", url.strip())
    if found:
        raise WebhookError(f"the webhook address contains {describe(found.group())}: "
                           f"{visible(url.strip())}",
                           hint="give the URL on one line, without spaces or control "
                                "characters (encode a space as %20)")
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise WebhookError(f"not a webhook address: {url!r}",
                           hint="give an http:// or https:// URL")
    if parts.username or parts.password:
        raise WebhookError("put no credentials in the webhook URL",
                           hint="use --secret; the receiver checks the signature")
    return url.strip()


def add_webhook(session: Session, url: str, event: str, secret: str | None = None
                ) -> Webhook:
    """Configure ``url`` to receive ``event``; a secret is generated unless given."""
    if event not in EVENTS:
        raise WebhookError(f"unknown event {event!r}", hint=f"events: {', '.join(EVENTS)}")
    secret = secret.strip() if secret else new_secret()
    if not secret:
        raise WebhookError("the secret is empty")
    secret_key(secret)  # refuse a malformed whsec_ secret now, not at delivery
    webhook = Webhook(url=_check_url(url), event=event, secret=secret, active=True)
    session.add(webhook)
    session.flush()
    return webhook


def list_webhooks(session: Session, *, include_removed: bool = False) -> list[Webhook]:
    query = select(Webhook).order_by(Webhook.id)
    if not include_removed:
        query = query.where(Webhook.active.is_(True))
    return list(session.scalars(query))


def remove_webhook(session: Session, webhook_id: int) -> Webhook:
    """Stop sending to a webhook; its delivery log is kept."""
    webhook = session.get(Webhook, webhook_id)
    if webhook is None or not webhook.active:
        raise NotFound(f"no webhook {webhook_id}", hint="`tmgr webhook list` shows them")
    webhook.active = False
    webhook.removed_at = utcnow()
    for delivery in session.scalars(select(WebhookDelivery).where(
            WebhookDelivery.webhook_id == webhook.id,
            WebhookDelivery.delivered_at.is_(None),
            WebhookDelivery.next_attempt_at.is_not(None))):
        delivery.next_attempt_at = None
        delivery.last_error = "webhook removed before delivery"
    session.flush()
    return webhook


def payload(event: str, data: dict[str, Any], when: datetime | None = None) -> str:
    stamp = (when or utcnow()).isoformat(timespec="seconds").replace("+00:00", "Z")
    return json.dumps({"type": event, "timestamp": stamp, "data": data},
                      ensure_ascii=False, separators=(",", ":"))


def enqueue(session: Session, event: str, data: dict[str, Any]) -> list[WebhookDelivery]:
    """Queue ``event`` for every active webhook that wants it (sent after the commit)."""
    hooks = session.scalars(select(Webhook).where(Webhook.active.is_(True),
                                                  Webhook.event == event)).all()
    body = payload(event, data)
    queued = [WebhookDelivery(webhook_id=hook.id, event=event, payload=body,
                              message_id="msg_" + secrets.token_hex(12)) for hook in hooks]
    session.add_all(queued)
    if queued:
        mark_pending(session)
        session.flush()
    return queued


def document_approved(session: Session, event: DocumentApproved) -> None:
    document = event.document
    enqueue(session, "document.approved", {
        "document": document.slug, "lang": event.lang, "title": document.title,
        "segments": len(document.segments)})


def document_exported(session: Session, event: DocumentExported) -> None:
    enqueue(session, "document.exported", {
        "document": event.document.slug, "lang": event.lang, "title": event.document.title,
        "formats": sorted(set(event.formats)), **event.notes})


def segment_rejected(session: Session, event: TranslationRejected) -> None:
    translation = event.translation
    segment = translation.segment
    document = session.get(Document, segment.document_id)
    assert document is not None
    enqueue(session, "segment.rejected", {
        "document": document.slug, "lang": translation.lang, "segment": segment.id,
        "key": segment.key, "source": segment.source, "text": translation.text,
        "comment": event.comment, "by": event.by.name})


def delivery_log(session: Session, limit: int = 50) -> list[WebhookDelivery]:
    return list(session.scalars(select(WebhookDelivery).order_by(WebhookDelivery.id.desc())
                                .limit(limit)))
