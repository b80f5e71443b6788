"""Soft locks: who has a segment open for editing right now.

A lock lasts :data:`LOCK_SECONDS` unless the editor renews it (the page does so
while the segment stays open). It only informs the others; it never blocks a
save, which stays protected by the translation's version.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from tmgr.documents.ingest import get_document
from tmgr.people import permissions as perm
from tmgr.review.translations import get_translation
from tmgr.store.db import affected
from tmgr.store.models import EditLock, Segment, User, utcnow

LOCK_SECONDS = 45


def hold(session: Session, user: User, segment_id: int, lang: str) -> list[str]:
    """Say ``user`` is editing the segment now; return who else is."""
    perm.require(user, perm.EDIT, lang)
    get_translation(session, segment_id, lang)  # NotFound for a wrong id or language
    now = utcnow()
    session.execute(delete(EditLock).where(EditLock.expires_at < now))
    until = now + timedelta(seconds=LOCK_SECONDS)
    renewed = affected(session.execute(update(EditLock).where(
        EditLock.segment_id == segment_id, EditLock.lang == lang,
        EditLock.user_id == user.id).values(expires_at=until)))
    if not renewed:
        try:
            with session.begin_nested():  # the same user's other tab may insert first
                session.add(EditLock(segment_id=segment_id, lang=lang, user_id=user.id,
                                     since=now, expires_at=until))
        except IntegrityError:
            pass
    return [name for name, in session.execute(
        select(User.name).join(EditLock, EditLock.user_id == User.id)
        .where(EditLock.segment_id == segment_id, EditLock.lang == lang,
               EditLock.user_id != user.id, EditLock.expires_at >= now)
        .order_by(User.name))]


def release(session: Session, user_id: int, segment_id: int, lang: str) -> None:
    session.execute(delete(EditLock).where(EditLock.segment_id == segment_id,
                                           EditLock.lang == lang,
                                           EditLock.user_id == user_id))


def editing(session: Session, slug: str, lang: str) -> dict[int, list[str]]:
    """Segment id → names of the people editing it now, for one document × language."""
    document = get_document(session, slug)
    rows = session.execute(
        select(EditLock.segment_id, User.name)
        .join(User, User.id == EditLock.user_id)
        .join(Segment, Segment.id == EditLock.segment_id)
        .where(Segment.document_id == document.id, EditLock.lang == lang,
               EditLock.expires_at >= utcnow())
        .order_by(EditLock.segment_id, User.name))
    found: dict[int, list[str]] = {}
    for segment_id, name in rows:
        found.setdefault(segment_id, []).append(name)
    return found
