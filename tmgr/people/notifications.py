"""Notifications: in-app messages, and e-mail queued in the outbox with the change.

Nothing here talks to a mail server: a :class:`~tmgr.store.models.MailMessage` row is
written in the same transaction as the change that caused it, and
:mod:`tmgr.people.outbox` sends it after the commit (so a mail server that is
down never blocks or undoes the change).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from tmgr.config import digest_minutes
from tmgr.desk.assignments import desk_rows
from tmgr.errors import TmgrError
from tmgr.events import (
    AssignmentMade,
    CommentAdded,
    DocumentApproved,
    TranslationRejected,
)
from tmgr.people import mailtext
from tmgr.people.pending import mark_pending
from tmgr.store.db import affected
from tmgr.store.models import (
    NOTIFY_KINDS,
    Assignment,
    Document,
    MailMessage,
    Notification,
    User,
    utcnow,
)
from tmgr.text import one_line

MENTION = re.compile(r"(?<![\w@.])@([A-Za-z0-9][A-Za-z0-9_.-]{0,79})")


def notify(session: Session, user: User, kind: str, params: dict[str, Any], *,
           link: str | None = None, key: str | None = None,
           document_id: int | None = None) -> Notification | None:
    """Tell ``user``: in the app always, by e-mail when they have an address and want it.

    The words are the recipient's (their UI language), never the actor's; the e-mail is
    rendered again at delivery. ``key`` makes it once only (a second call with the same
    key does nothing). Non-urgent mail of a user who chose digests waits
    ``TMGR_DIGEST_MINUTES`` for the other news about the same document.
    """
    if not user.active:
        return None
    if key is not None and session.scalar(select(Notification.id).where(
            Notification.user_id == user.id, Notification.key == key)) is not None:
        return None
    lang = user.ui_lang
    note = Notification(user_id=user.id, kind=kind, link=link, key=key,
                        message=mailtext.message(kind, params, lang))
    session.add(note)
    if user.email and kind in user.notify_kinds:
        held = user.mail_digest and document_id is not None and kind not in mailtext.URGENT
        session.add(MailMessage(
            recipient=user.email, subject=one_line(mailtext.subject(kind, params, lang))[:300],
            body=mailtext.body(kind, params, link, lang), user_id=user.id, kind=kind,
            document_id=document_id, params=mailtext.dump({**params, "link": link}),
            next_attempt_at=_digest_time(session, user, document_id) if held else utcnow()))
        mark_pending(session)
    session.flush()
    return note


def _digest_time(session: Session, user: User, document_id: int | None) -> datetime:
    """When a held e-mail goes: with the user's pending news about the same document."""
    pending = session.scalar(select(func.min(MailMessage.next_attempt_at)).where(
        MailMessage.user_id == user.id, MailMessage.document_id == document_id,
        MailMessage.sent_at.is_(None), MailMessage.kind.is_not(None),
        MailMessage.kind.not_in(sorted(mailtext.URGENT)), MailMessage.attempts == 0))
    if pending is not None:
        return pending
    return utcnow() + timedelta(minutes=digest_minutes())


def editor_link(slug: str, lang: str, segment_id: int | None = None,
                state: str | None = None) -> str:
    return f"/doc/{slug}/{lang}" + (f"?state={state}" if state else "") + (
        f"#s{segment_id}" if segment_id else "")


def assigned(session: Session, event: AssignmentMade) -> None:
    """The new translator or reviewer hears who gave them which document."""
    document = event.assignment.document
    notify(session, event.user, "assigned",
           {"role": event.role, "title": document.title, "lang": event.assignment.lang,
            "by": event.by.name if event.by else ""},
           link=editor_link(document.slug, event.assignment.lang), document_id=document.id)


def mentions(session: Session, text: str, *, author: User | None, slug: str, lang: str,
             segment_id: int, skip: set[int] | frozenset[int] = frozenset()) -> list[User]:
    """Notify every user named as ``@name`` in a comment (not the author, not ``skip``)."""
    names = {m.group(1).rstrip(".-") for m in MENTION.finditer(text)}
    if not names:
        return []
    users = list(session.scalars(select(User).where(User.name.in_(names))))
    told = []
    for user in users:
        if (author is not None and user.id == author.id) or user.id in skip:
            continue
        writer = author.name if author else "someone"
        notify(session, user, "mentioned",
               {"by": writer, "segment": segment_id, "slug": slug, "lang": lang,
                "text": text}, link=editor_link(slug, lang, segment_id))
        told.append(user)
    return told


def commented(session: Session, event: CommentAdded) -> None:
    """People named as ``@name`` in a comment hear of it."""
    mentions(session, event.text, author=event.author, slug=event.slug, lang=event.lang,
             segment_id=event.segment_id)


def rejected(session: Session, event: TranslationRejected) -> None:
    """The text's author hears that it was sent back."""
    translation, by = event.translation, event.by
    segment = translation.segment
    document = session.get(Document, segment.document_id)
    assert document is not None
    if event.author_id is not None and event.author_id != by.id:
        author = session.get(User, event.author_id)
        if author is not None:
            notify(session, author, "rejected",
                   {"by": by.name, "segment": segment.id, "title": document.title,
                    "lang": translation.lang, "comment": event.comment},
                   link=editor_link(document.slug, translation.lang, segment.id),
                   document_id=document.id)


def mentioned_in_rejection(session: Session, event: TranslationRejected) -> None:
    """People named as ``@name`` in a rejection's comment hear of it (the author once)."""
    translation = event.translation
    document = session.get(Document, translation.segment.document_id)
    assert document is not None
    mentions(session, event.comment, author=event.by, slug=document.slug,
             lang=translation.lang, segment_id=translation.segment_id,
             skip={event.author_id} if event.author_id is not None else set())


def ready_to_publish(session: Session, event: DocumentApproved) -> None:
    """Every publisher hears that a document language is fully approved."""
    document = event.document
    for user in session.scalars(select(User).where(User.role == "publisher",
                                                   User.active.is_(True))):
        notify(session, user, "ready_to_publish", {"title": document.title, "lang": event.lang},
               link=f"/export?doc={document.slug}", document_id=document.id)


def due_soon(session: Session, today: date | None = None) -> int:
    """Remind assignees of work due tomorrow (once per stage and date); return how many."""
    today = today or date.today()
    tomorrow = today + timedelta(days=1)
    candidates = list(session.scalars(select(Assignment).where(
        (Assignment.translation_due == tomorrow) | (Assignment.review_due == tomorrow)
        | (Assignment.publication_due == tomorrow)
        | Assignment.document.has(Document.deadline == tomorrow))))
    documents = list({a.document_id: a.document for a in candidates}.values())
    sent = 0
    for row in desk_rows(session, documents, sorted({a.lang for a in candidates}),
                              today, with_risk=False):
        if row.assignment is None or row.due != tomorrow:
            continue
        user = (row.assignment.translator if row.stage == "translation" else
                row.assignment.reviewer if row.stage == "review" else None)
        if user is None:
            continue
        key = f"due:{row.assignment.id}:{row.stage}:{tomorrow.isoformat()}"
        if notify(session, user, "due_soon",
                  {"stage": row.stage, "title": row.document.title, "lang": row.lang,
                   "date": tomorrow.isoformat()},
                  link=editor_link(row.document.slug, row.lang), key=key,
                  document_id=row.document.id):
            sent += 1
    return sent


def unread_count(session: Session, user_id: int) -> int:
    return session.scalar(select(func.count()).select_from(Notification).where(
        Notification.user_id == user_id, Notification.read_at.is_(None))) or 0


def recent(session: Session, user_id: int, limit: int = 100) -> list[Notification]:
    return list(session.scalars(select(Notification).where(Notification.user_id == user_id)
                                .order_by(Notification.id.desc()).limit(limit)))


def mark_read(session: Session, user_id: int, ids: Iterable[int] | None = None) -> int:
    """Mark the user's notifications (all, or ``ids``) read; return how many."""
    query = update(Notification).where(Notification.user_id == user_id,
                                       Notification.read_at.is_(None))
    if ids is not None:
        query = query.where(Notification.id.in_(list(ids)))
    return affected(session.execute(query.values(read_at=utcnow())))


EMAIL = re.compile(r"^[^@\s<>,;]+@[^@\s<>,;]+\.[^@\s<>,;]+$")


def set_preferences(session: Session, user: User, *, email: str | None = None,
                    kinds: Iterable[str] | None = None, digest: bool | None = None,
                    ui_lang: str | None = None) -> User:
    """Set a user's e-mail address ('' removes it), the kinds of news they get by mail,
    whether non-urgent news comes as a digest per document, and their UI language."""
    if email is not None:
        email = email.strip()
        if email and (len(email) > 254 or not EMAIL.match(email)):
            raise TmgrError(f"not an e-mail address: {email!r}", hint="e.g. name@example.org")
        user.email = email or None
    if kinds is not None:
        chosen = [k for k in kinds if k]
        unknown = [k for k in chosen if k not in NOTIFY_KINDS]
        if unknown:
            raise TmgrError(f"unknown notification kind {', '.join(unknown)}",
                            hint=f"kinds: {', '.join(NOTIFY_KINDS)}")
        user.notify = ",".join(k for k in NOTIFY_KINDS if k in chosen)
    if digest is not None:
        user.mail_digest = digest
    if ui_lang is not None:
        if ui_lang not in mailtext.LANGUAGES:
            raise TmgrError(f"unknown UI language {ui_lang!r}",
                            hint=f"languages: {', '.join(mailtext.LANGUAGES)}")
        user.ui_lang = ui_lang
    session.flush()
    return user
