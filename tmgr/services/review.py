"""Review use cases: save, approve, reject, revert, comment, deadlines.

Every change goes through :func:`~tmgr.services.translations.change_translation`
with the version the user edited, so nothing is silently overwritten. The web
views, the JSON API and ``tmgr approve`` all call these functions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tmgr.errors import NotFound, PermissionDenied, TmgrError
from tmgr.models import Comment, Document, Revision, Segment, State, Translation, User
from tmgr.qa import Finding
from tmgr.services import permissions as perm
from tmgr.services.documents import get_document
from tmgr.services.qa import check_segment, override_finding, unresolved_errors
from tmgr.services.translations import (
    HUMAN,
    change_translation,
    get_translation,
    require_version,
)


class ReviewError(TmgrError):
    """A review action that cannot be done on this segment as it stands."""

    http_status = 422


class QABlocked(ReviewError):
    """An ``error`` QA finding blocks approval until a reviewer overrides it."""

    def __init__(self, message: str, *, findings: list[Finding], hint: str | None = None):
        super().__init__(message, hint=hint)
        self.findings = findings


@dataclass(frozen=True)
class ReviewPolicy:
    """Site rules from the ``[review]`` table of the config file."""

    four_eyes: bool = True

    @classmethod
    def from_settings(cls, settings: Any) -> ReviewPolicy:
        return cls(four_eyes=bool(settings.get("review.four_eyes", True)))


@dataclass
class Outcome:
    """A changed translation and the QA findings on its text."""

    translation: Translation
    findings: list[Finding] = field(default_factory=list)


def findings_for(session: Session, translation: Translation) -> list[Finding]:
    """QA findings with the glossary and the segment's other languages."""
    return check_segment(session, translation)


MAX_LENGTH_RATIO = 10  # a translation this many times longer than its sentence
MIN_LENGTH_LIMIT = 2000  # ...and longer than this is a paste gone wrong


def _check_length(source: str, text: str) -> None:
    limit = max(MIN_LENGTH_LIMIT, MAX_LENGTH_RATIO * len(source))
    if len(text) > limit:
        raise ReviewError(
            f"the translation is {len(text):,} characters long for an English sentence of "
            f"{len(source):,}: it looks like more than this sentence was pasted; nothing "
            "was saved", hint="paste each sentence into its own segment")


def text_author_id(translation: Translation) -> int | None:
    """Who wrote the current text: the last revision that changed the words."""
    for revision in reversed(translation.revisions):
        if revision.new_text != revision.old_text:
            return revision.user_id
    return translation.updated_by_id


def save(session: Session, user: User, segment_id: int, lang: str, *, text: str,
         expected_version: int | None) -> Outcome:
    """Save a human translation (→ translated; empty → untranslated) and run QA."""
    perm.require(user, perm.EDIT, lang)
    translation = get_translation(session, segment_id, lang)
    text = text.replace("\r\n", "\n").strip()
    _check_length(translation.segment.source, text)
    state = State.TRANSLATED if text else State.UNTRANSLATED
    origin = translation.origin if text == translation.text else HUMAN
    change_translation(session, translation, text=text, state=state,
                       origin=origin if text else None, user=user,
                       expected_version=expected_version)
    return Outcome(translation, findings_for(session, translation))


def approve(session: Session, user: User, segment_id: int, lang: str, *,
            expected_version: int | None, policy: ReviewPolicy,
            override_reason: str | None = None) -> Outcome:
    """Approve a translation: four-eyes rule, QA errors need an override reason."""
    perm.require(user, perm.APPROVE, lang)
    translation = get_translation(session, segment_id, lang)
    require_version(translation, expected_version)
    if not translation.text.strip():
        raise ReviewError("nothing to approve: the segment is not translated yet")
    if policy.four_eyes and text_author_id(translation) == user.id:
        raise PermissionDenied("you wrote this translation, so someone else must approve "
                               "it (four-eyes rule)",
                               hint="ask another reviewer, or set review.four_eyes = false")
    findings = findings_for(session, translation)
    errors = unresolved_errors(session, translation)
    reason = (override_reason or "").strip()
    if errors and not reason:
        raise QABlocked("QA errors block approval: "
                        + "; ".join(f"{f.check}: {f.message}" for f in errors),
                        findings=findings, hint="fix the text, or give a reason to override")
    for error in errors:  # the same record `tmgr override` makes; export honours it
        override_finding(session, translation, error.check, reason=reason, user=user)
    note = f"QA override: {reason}" if errors else None
    change_translation(session, translation, text=translation.text, state=State.APPROVED,
                       origin=translation.origin, user=user,
                       expected_version=expected_version, note=note)
    return Outcome(translation, findings)


def reject(session: Session, user: User, segment_id: int, lang: str, *,
           expected_version: int | None, comment: str) -> Outcome:
    """Send a translation back (→ needs_editing) with a comment saying why."""
    perm.require(user, perm.REJECT, lang)
    comment = comment.strip()
    if not comment:
        raise ReviewError("say why you reject it: a comment is required")
    translation = get_translation(session, segment_id, lang)
    require_version(translation, expected_version)
    if not translation.text.strip():
        raise ReviewError("nothing to reject: the segment is not translated yet")
    change_translation(session, translation, text=translation.text,
                       state=State.NEEDS_EDITING, origin=translation.origin, user=user,
                       expected_version=expected_version, note=comment)
    session.add(Comment(segment_id=segment_id, lang=lang, user=user, text=comment))
    return Outcome(translation, findings_for(session, translation))


def revert(session: Session, user: User, segment_id: int, lang: str, *, revision_id: int,
           expected_version: int | None) -> Outcome:
    """Bring back the text a translation had after ``revision_id``."""
    perm.require(user, perm.EDIT, lang)
    translation = get_translation(session, segment_id, lang)
    revision = session.get(Revision, revision_id)
    if revision is None or revision.translation_id != translation.id:
        raise NotFound(f"segment {segment_id} ({lang}) has no revision {revision_id}")
    text = revision.new_text
    change_translation(session, translation, text=text,
                       state=State.TRANSLATED if text.strip() else State.UNTRANSLATED,
                       origin=revision.origin, user=user, expected_version=expected_version,
                       note=f"reverted to revision {revision_id}")
    return Outcome(translation, findings_for(session, translation))


def add_comment(session: Session, user: User, segment_id: int, lang: str,
                text: str) -> Comment:
    """Leave a comment on a segment in one language."""
    perm.require(user, perm.COMMENT, lang)
    text = text.strip()
    if not text:
        raise ReviewError("the comment is empty")
    get_translation(session, segment_id, lang)
    comment = Comment(segment_id=segment_id, lang=lang, user=user, text=text)
    session.add(comment)
    session.flush()
    return comment


def set_deadline(session: Session, user: User, slug: str, deadline: date | None) -> Document:
    """Set or clear a document's deadline (editors and admins)."""
    perm.require(user, perm.SET_DEADLINE)
    document = get_document(session, slug)
    document.deadline = deadline
    session.flush()
    return document


@dataclass
class BatchResult:
    approved: list[int] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)


def approve_segments(session: Session, user: User, slug: str, lang: str, *,
                     segment_ids: Sequence[int] = (), policy: ReviewPolicy,
                     everything: bool = False) -> BatchResult:
    """Approve the named segments (all or none), or with ``everything`` every
    ``translated`` segment that can be approved, skipping the others with a reason."""
    if not user.active:
        raise PermissionDenied(f"the account {user.name} is disabled")
    perm.require(user, perm.APPROVE, lang)
    document = get_document(session, slug)
    result = BatchResult()
    if everything:
        query = (select(Segment.id).join(Translation).where(
            Segment.document_id == document.id, Segment.removed.is_(False),
            Translation.lang == lang, Translation.state == State.TRANSLATED)
            .order_by(Segment.ordinal))
        for segment_id in session.scalars(query):
            try:
                with session.begin_nested():
                    approve(session, user, segment_id, lang, expected_version=None,
                            policy=policy)
            except TmgrError as exc:
                result.skipped.append((segment_id, exc.message))
            else:
                result.approved.append(segment_id)
        return result
    for segment_id in segment_ids:
        segment = session.get(Segment, segment_id)
        if segment is None or segment.document_id != document.id:
            raise NotFound(f"document {slug} has no segment {segment_id}",
                           hint=f"`tmgr show {slug}` lists the segment ids")
        approve(session, user, segment_id, lang, expected_version=None, policy=policy)
        result.approved.append(segment_id)
    return result
