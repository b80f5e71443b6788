"""Review use cases: save, approve, reject, revert, comment, deadlines.

Every change goes through :func:`~tmgr.review.translations.change_translation`
with the version the user edited, so nothing is silently overwritten. The web
views, the JSON API and ``tmgr approve`` all call these functions.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tmgr.documents.ingest import get_document
from tmgr.errors import NotFound, PermissionDenied, QABlocked, ReviewError, TmgrError
from tmgr.events import (
    CommentAdded,
    TranslationApproved,
    TranslationRejected,
    TranslationSaved,
    record,
)
from tmgr.people import permissions as perm
from tmgr.qa import Finding
from tmgr.qa.messages import N_
from tmgr.qa.spelling import with_suggestions
from tmgr.quality.checks import check_segment, named_errors, override_finding, unresolved_errors
from tmgr.quality.fixes import available_fixes
from tmgr.quality.glossary import qa_terms
from tmgr.quality.words import learn_from
from tmgr.review.mqm import check_error, record_error
from tmgr.review.translations import HUMAN, change_translation, get_translation, require_version
from tmgr.store.models import Comment, Document, Revision, Segment, State, Translation, User
from tmgr.text import check_text


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
    """QA findings with the glossary and the segment's other languages, spelling
    corrections included."""
    return with_suggestions(check_segment(session, translation), translation.lang)


MAX_LENGTH_RATIO = 10  # a translation this many times longer than its sentence
MIN_LENGTH_LIMIT = 2000  # ...and longer than this is a paste gone wrong


def check_length(source: str, text: str) -> None:
    limit = max(MIN_LENGTH_LIMIT, MAX_LENGTH_RATIO * len(source))
    if len(text) > limit:
        length, english = format(len(text), ","), format(len(source), ",")
        raise ReviewError(
            N_("the translation is %(length)s characters long for an English sentence of "
               "%(source)s: it looks like more than this sentence was pasted; nothing was "
               "saved", length=length, source=english),
            hint=N_("paste each sentence into its own segment"))


text_author_id = perm.text_author_id  # the four-eyes rule's author, for callers


def save(session: Session, user: User, segment_id: int, lang: str, *, text: str,
         expected_version: int | None, seconds: float | None = None,
         draft: tuple[str, str] | None = None) -> Outcome:
    """Save a human translation (→ translated; empty → untranslated) and run QA.

    ``seconds``: how long the translator worked on it (first focus to save), for
    the post-editing figures; implausible values are not counted. ``draft``:
    (text, origin) of the MT suggestion the translator took and edited from.
    """
    perm.require(user, perm.EDIT, lang)
    translation = get_translation(session, segment_id, lang)
    text = text.replace("\r\n", "\n").strip()
    check_text(text)
    check_length(translation.segment.source, text)
    state = State.TRANSLATED if text else State.UNTRANSLATED
    origin = translation.origin if text == translation.text else HUMAN
    perm.require_change(user, translation, text=text, state=state, active=user.active)
    change_translation(session, translation, text=text, state=state,
                       origin=origin if text else None, user=user,
                       expected_version=expected_version)
    record(session, TranslationSaved(translation, user, seconds, draft))
    return Outcome(translation, findings_for(session, translation))


def approve(session: Session, user: User, segment_id: int, lang: str, *,
            expected_version: int | None, policy: ReviewPolicy,
            overrides: Mapping[str, str] | None = None,
            override_reason: str | None = None) -> Outcome:
    """Approve a translation: four-eyes rule; each QA error needs its own override.

    ``overrides`` (check → reason) overrides named errors on the way; a lone
    ``override_reason`` is accepted only when exactly one error is open, so one
    reason never waves several findings through.
    """
    perm.require(user, perm.APPROVE, lang)
    translation = get_translation(session, segment_id, lang)
    require_version(translation, expected_version)
    if not translation.text.strip():
        raise ReviewError(N_("nothing to approve: the segment is not translated yet"))
    perm.require_change(user, translation, text=translation.text, state=State.APPROVED,
                        four_eyes=policy.four_eyes, active=user.active)
    findings = findings_for(session, translation)
    errors = unresolved_errors(session, translation)
    wanted = {check: reason.strip() for check, reason in (overrides or {}).items()
              if reason and reason.strip()}
    reason = (override_reason or "").strip()
    if reason and len(errors) == 1 and errors[0].check not in wanted:
        wanted[errors[0].check] = reason
    open_errors = [f for f in errors if f.check not in wanted]
    if open_errors:
        raise QABlocked(N_("QA errors block approval: %(errors)s",
                           errors=named_errors(open_errors)),
                        findings=findings,
                        hint=N_("fix the text, or override each error with its own reason"))
    for error in errors:
        override_finding(session, translation, error.check, reason=wanted[error.check],
                         user=user)
    note = "; ".join(f"QA override ({f.check}): {wanted[f.check]}" for f in errors) or None
    author = text_author_id(translation)
    change_translation(session, translation, text=translation.text, state=State.APPROVED,
                       origin=translation.origin, user=user,
                       expected_version=expected_version, note=note)
    record(session, TranslationApproved(translation, user, author))
    learn_from(session, translation, qa_terms(session))
    return Outcome(translation, findings)


def override(session: Session, user: User, segment_id: int, lang: str, *, check: str,
             reason: str, expected_version: int | None) -> Outcome:
    """Override one QA error of one translation, with a reason (kept in the history);
    it holds for this text only: an edit asks again. The web, the API and
    ``tmgr override`` all come here: only who may approve in ``lang`` may."""
    if not user.active:
        raise PermissionDenied(N_("the account %(name)s is disabled", name=user.name))
    if not perm.allowed(user, perm.APPROVE, lang):
        raise PermissionDenied(N_("%(name)s (%(role)s) may not override QA errors in "
                                  "%(lang)s", name=user.name, role=user.role, lang=lang),
                               hint=N_("reviewers of %(lang)s and admins override", lang=lang))
    translation = get_translation(session, segment_id, lang)
    require_version(translation, expected_version)
    errors = {f.check for f in findings_for(session, translation) if f.severity == "error"}
    if check not in errors:
        raise ReviewError(N_("segment %(num)s (%(lang)s) has no QA error %(check)s to "
                             "override", num=segment_id, lang=lang, check=repr(check)),
                          hint=N_("only errors are overridden; warnings only inform"))
    made = override_finding(session, translation, check, reason=reason, user=user)
    change_translation(session, translation, text=translation.text, state=translation.state,
                       origin=translation.origin, user=user,
                       expected_version=expected_version,
                       note=f"QA override ({check}): {made.reason}")
    return Outcome(translation, findings_for(session, translation))


def apply_fix(session: Session, user: User, segment_id: int, lang: str, *, check: str,
              expected_version: int | None) -> Outcome:
    """Apply the certain one-click fix of one finding; the words keep their author.

    An approved translation goes back to translated, like any change of its text.
    """
    perm.require(user, perm.EDIT, lang)
    translation = get_translation(session, segment_id, lang)
    require_version(translation, expected_version)
    findings = {f.check for f in findings_for(session, translation)}
    fixed = available_fixes(translation.segment.source, translation.text, lang,
                            [check] if check in findings else []).get(check)
    if fixed is None:
        raise ReviewError(N_("segment %(num)s (%(lang)s) has no certain fix for %(check)s",
                             num=segment_id, lang=lang, check=repr(check)),
                          hint=N_("edit the text by hand"))
    state = State.TRANSLATED if translation.state == State.APPROVED else translation.state
    change_translation(session, translation, text=fixed, state=state,
                       origin=translation.origin, user=user,
                       expected_version=expected_version, note=f"QA fix ({check})",
                       author_id=translation.author_id)
    return Outcome(translation, findings_for(session, translation))


def reject(session: Session, user: User, segment_id: int, lang: str, *,
           expected_version: int | None, comment: str, category: str | None = None,
           severity: str | None = None) -> Outcome:
    """Send a translation back (→ needs_editing) with a comment saying why, and the
    error's MQM category and severity when the reviewer names them."""
    perm.require(user, perm.REJECT, lang)
    comment = comment.strip()
    if not comment:
        raise ReviewError(N_("say why you reject it: a comment is required"))
    error = check_error(category, severity)
    check_text(comment, what=N_("the comment"))
    translation = get_translation(session, segment_id, lang)
    require_version(translation, expected_version)
    if not translation.text.strip():
        raise ReviewError(N_("nothing to reject: the segment is not translated yet"))
    perm.require_change(user, translation, text=translation.text, state=State.NEEDS_EDITING,
                        active=user.active)
    author_id = text_author_id(translation)
    change_translation(session, translation, text=translation.text,
                       state=State.NEEDS_EDITING, origin=translation.origin, user=user,
                       expected_version=expected_version, note=comment)
    session.add(Comment(segment_id=segment_id, lang=lang, user=user, text=comment))
    if error is not None:
        record_error(session, translation, user, author_id, error, comment)
    record(session, TranslationRejected(translation, user, comment, author_id))
    return Outcome(translation, findings_for(session, translation))


def revert(session: Session, user: User, segment_id: int, lang: str, *, revision_id: int,
           expected_version: int | None) -> Outcome:
    """Bring back the text a translation had after ``revision_id``."""
    perm.require(user, perm.EDIT, lang)
    translation = get_translation(session, segment_id, lang)
    revision = session.get(Revision, revision_id)
    if revision is None or revision.translation_id != translation.id:
        raise NotFound(N_("segment %(num)s (%(lang)s) has no revision %(rev)s", num=segment_id,
                          lang=lang, rev=revision_id))
    text = revision.new_text
    state = State.TRANSLATED if text.strip() else State.UNTRANSLATED
    perm.require_change(user, translation, text=text, state=state, active=user.active)
    change_translation(session, translation, text=text, state=state,
                       origin=revision.origin, user=user, expected_version=expected_version,
                       note=f"reverted to revision {revision_id}",
                       author_id=revision.author_id)
    return Outcome(translation, findings_for(session, translation))


def add_comment(session: Session, user: User, segment_id: int, lang: str,
                text: str) -> Comment:
    """Leave a comment on a segment in one language."""
    perm.require(user, perm.COMMENT, lang)
    text = text.strip()
    if not text:
        raise ReviewError(N_("the comment is empty"))
    check_text(text, what=N_("the comment"))
    get_translation(session, segment_id, lang)
    comment = Comment(segment_id=segment_id, lang=lang, user=user, text=text)
    session.add(comment)
    session.flush()
    record(session, CommentAdded(segment_id, lang, translation_document_slug(session, segment_id),
                                 user, text))
    return comment


def translation_document_slug(session: Session, segment_id: int) -> str:
    segment = session.get(Segment, segment_id)
    document = session.get(Document, segment.document_id) if segment else None
    return document.slug if document else ""


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


def _approve_each(session: Session, user: User, lang: str,
                  segments: Iterable[tuple[int, int]], policy: ReviewPolicy) -> BatchResult:
    """Approve each (segment id, version seen awaiting review) that can be; skip the
    others with their reasons. The version makes a second reviewer's concurrent bulk
    approval skip what the first one approved instead of approving it again."""
    result = BatchResult()
    for segment_id, version in segments:
        try:
            with session.begin_nested():
                approve(session, user, segment_id, lang, expected_version=version,
                        policy=policy)
        except TmgrError as exc:
            result.skipped.append((segment_id, exc.message))
        else:
            result.approved.append(segment_id)
    return result


def approve_shown(session: Session, user: User, slug: str, lang: str,
                  segment_ids: Sequence[int], policy: ReviewPolicy) -> BatchResult:
    """Approve what a filter shows: each ``translated``, QA-clean segment someone else
    wrote (the four-eyes rule holds); the rest are skipped with their reasons."""
    if not user.active:
        raise PermissionDenied(N_("the account %(name)s is disabled", name=user.name))
    perm.require(user, perm.APPROVE, lang)
    document = get_document(session, slug)
    mine: dict[int, int] = {i: v for i, v in session.execute(
        select(Segment.id, Translation.version).join(Translation).where(
            Segment.document_id == document.id, Segment.id.in_(list(segment_ids)),
            Translation.lang == lang, Translation.state == State.TRANSLATED))}
    result = _approve_each(session, user, lang,
                           [(i, mine[i]) for i in segment_ids if i in mine], policy)
    result.skipped += [(i, N_("not awaiting review")) for i in segment_ids if i not in mine]
    return result


def approve_segments(session: Session, user: User, slug: str, lang: str, *,
                     segment_ids: Sequence[int] = (), policy: ReviewPolicy,
                     everything: bool = False) -> BatchResult:
    """Approve the named segments (all or none), or with ``everything`` every
    ``translated`` segment that can be approved, skipping the others with a reason."""
    if not user.active:
        raise PermissionDenied(N_("the account %(name)s is disabled", name=user.name))
    perm.require(user, perm.APPROVE, lang)
    document = get_document(session, slug)
    result = BatchResult()
    if everything:
        query = (select(Segment.id, Translation.version).join(Translation).where(
            Segment.document_id == document.id, Segment.removed.is_(False),
            Translation.lang == lang, Translation.state == State.TRANSLATED)
            .order_by(Segment.ordinal))
        return _approve_each(session, user, lang,
                             [(i, v) for i, v in session.execute(query)], policy)
    for segment_id in segment_ids:
        segment = session.get(Segment, segment_id)
        if segment is None or segment.document_id != document.id:
            raise NotFound(N_("document %(doc)s has no segment %(num)s", doc=slug,
                              num=segment_id),
                           hint=N_("`tmgr show %(doc)s` lists the segment ids", doc=slug))
        approve(session, user, segment_id, lang, expected_version=None, policy=policy)
        result.approved.append(segment_id)
    return result
