"""The editors' desk: who translates and reviews what, by when, and what is late.

A document × language is in one **stage**: ``translation`` (segments not yet
translated), ``review`` (all translated, some awaiting approval), ``publication``
(all approved, not exported since) or ``published``. Its **due** date is the date
of that stage, falling back to the later ones (a document still in translation
when only a publication date is set is due then). It is **overdue** when that
date is past and it is not published, and **at risk** when the assignee's recent
pace will not finish the stage's remaining words by then.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tmgr.desk.progress import MANY, Progress, progress
from tmgr.documents.ingest import get_document
from tmgr.errors import AssignError, NotFound
from tmgr.events import ApprovalChanged, AssignmentMade, DocumentApproved, DocumentExported, record
from tmgr.localedata import require_configured
from tmgr.people import permissions as perm
from tmgr.people.users import get_user
from tmgr.qa.messages import N_
from tmgr.store import deskrules as rules
from tmgr.store.deskrules import PACE_DAYS
from tmgr.store.models import (
    Assignment,
    DailyActivity,
    Document,
    Segment,
    State,
    Translation,
    User,
    utcnow,
)

UNSET: Any = object()


@dataclass
class DeskRow:
    """One document × language as the desk sees it."""

    document: Document
    lang: str
    progress: Progress
    assignment: Assignment | None
    stage: str
    due: date | None
    overdue: bool
    at_risk: bool = False
    projected: date | None = None
    translator: str | None = None
    reviewer: str | None = None

    @property
    def assignee(self) -> str | None:
        """Who the work waits for now: the translator, then the reviewer."""
        return self.reviewer if self.stage == "review" else (
            self.translator if self.stage == "translation" else None)

    @property
    def publication_due(self) -> date | None:
        return publication_due(self.document, self.assignment)

    def as_dict(self) -> dict[str, Any]:
        return self.figures().as_dict()

    def figures(self) -> rules.DeskFigures:
        a = self.assignment
        return rules.DeskFigures(
            self.progress, self.stage, self.due, self.overdue, self.at_risk, self.projected,
            self.translator, self.reviewer, a.translation_due if a else None,
            a.review_due if a else None, self.publication_due)


def publication_due(document: Document, assignment: Assignment | None) -> date | None:
    return rules.publication_due(document.deadline, assignment)


def due_of(stage: str, document: Document, assignment: Assignment | None) -> date | None:
    return rules.due_of(stage, document.deadline, assignment)


def remaining_words(row: DeskRow) -> int:
    return rules.remaining_words(row.stage, row.progress)


def assignments_for(session: Session, documents: Sequence[Document]
                    ) -> dict[tuple[int, str], Assignment]:
    ids = [d.id for d in documents]
    if not ids:
        return {}
    query = select(Assignment)
    if len(ids) < MANY:
        query = query.where(Assignment.document_id.in_(ids))
    wanted = set(ids)
    return {(a.document_id, a.lang): a for a in session.scalars(query)
            if a.document_id in wanted}


def recent_pace(session: Session, today: date, days: int = PACE_DAYS
                ) -> dict[tuple[int, State], float]:
    """Words per day each user translated (state translated) or approved lately."""
    query = (select(DailyActivity.user_id, DailyActivity.new_state,
                    func.sum(DailyActivity.words))
             .where(DailyActivity.day >= today - timedelta(days=days),
                    DailyActivity.new_state.in_([State.TRANSLATED, State.APPROVED]))
             .group_by(DailyActivity.user_id, DailyActivity.new_state)
             .having(func.sum(DailyActivity.revisions) != 0))
    return {(user_id, state): float(words or 0) / days
            for user_id, state, words in session.execute(query)}


def desk_rows(session: Session, documents: Sequence[Document], languages: Sequence[str],
              today: date | None = None, *, with_risk: bool = True,
              pace: dict[tuple[int, State], float] | None = None) -> list[DeskRow]:
    """One :class:`DeskRow` per document × language, in the order of ``progress``.

    ``pace`` (from :func:`recent_pace`) saves its query when the caller has it.
    """
    today = today or date.today()
    by_id = {d.slug: d for d in documents}
    assigned = assignments_for(session, documents)
    if pace is None and with_risk:
        pace = recent_pace(session, today)
    names = dict(session.execute(select(User.id, User.name)).all()) if assigned else {}
    rows = []
    for figures in progress(session, documents, languages):
        document = by_id[figures.slug]
        assignment = assigned.get((document.id, figures.lang))
        found = rules.desk_figures(figures, document.deadline, assignment, names,
                                   pace if with_risk else None, today)
        rows.append(DeskRow(document, figures.lang, figures, assignment, found.stage,
                            found.due, found.overdue, found.at_risk, found.projected,
                            found.translator, found.reviewer))
    return rows


# --- assigning ------------------------------------------------------------------------

@dataclass
class AssignResult:
    assignment: Assignment
    warnings: list[str] = field(default_factory=list)
    newly_assigned: list[tuple[User, str]] = field(default_factory=list)  # (user, role)


def get_assignment(session: Session, document: Document, lang: str,
                   create: bool = False) -> Assignment | None:
    assignment = session.scalars(select(Assignment).where(
        Assignment.document_id == document.id, Assignment.lang == lang)).one_or_none()
    if assignment is None and create:
        assignment = Assignment(document=document, lang=lang)
        session.add(assignment)
    return assignment


def _assignee(session: Session, name: str, lang: str, action: str, role: str) -> User | None:
    if not name:
        return None
    try:
        user = get_user(session, name)
    except NotFound as exc:
        raise AssignError(N_("no user %(name)s to assign as %(role)s", name=repr(name),
                             role=role), hint=N_("`tmgr user list` shows the accounts")) from exc
    if not user.active:
        raise AssignError(N_("the account %(name)s is disabled", name=name),
                          hint=N_("assign someone else"))
    if not perm.allowed(user, action, lang):
        raise AssignError(N_("%(name)s (%(role)s) cannot %(action)s in %(lang)s, so cannot "
                             "be the %(task)s", name=name, role=user.role, lang=lang,
                             action=perm.ACTION_NAMES.get(action, action), task=role),
                          hint=N_("give the user that language or role first"))
    return user


def assign(session: Session, slug: str, lang: str, *, configured: Sequence[str],
           actor: User | None = None, translator: str | None = UNSET,
           reviewer: str | None = UNSET, translation_due: date | None = UNSET,
           review_due: date | None = UNSET, publication_due: date | None = UNSET,
           today: date | None = None) -> AssignResult:
    """Set who translates and reviews ``slug`` in ``lang`` and the due dates.

    Only the given fields change (an empty name unassigns, ``None`` clears a date).
    Dates in the past are accepted with a warning; new assignees are notified.
    """
    if actor is not None:
        perm.require(actor, perm.SET_DEADLINE)
    require_configured([lang], configured, error=AssignError)
    document = get_document(session, slug)
    assignment = get_assignment(session, document, lang, create=True)
    assert assignment is not None
    result = AssignResult(assignment)
    today = today or date.today()
    for role, name, action in (("translator", translator, perm.EDIT),
                               ("reviewer", reviewer, perm.APPROVE)):
        if name is UNSET:
            continue
        user = _assignee(session, (name or "").strip(), lang, action, role)
        if getattr(assignment, f"{role}_id") != (user.id if user else None):
            setattr(assignment, role, user)
            if user is not None:
                result.newly_assigned.append((user, role))
    for label, attr, value in (("translation", "translation_due", translation_due),
                               ("review", "review_due", review_due),
                               ("publication", "publication_due", publication_due)):
        if value is UNSET:
            continue
        if value is not None and value < today and value != getattr(assignment, attr):
            result.warnings.append(f"the {label} due date {value.isoformat()} is in the past")
        setattr(assignment, attr, value)
    if (assignment.translation_due and assignment.review_due
            and assignment.review_due < assignment.translation_due):
        result.warnings.append("the review is due before the translation")
    session.flush()
    for user, role in result.newly_assigned:
        record(session, AssignmentMade(assignment, user, role, by=actor))
    return result


def set_publication_date(session: Session, slug: str, deadline: date | None, *,
                         actor: User | None = None, today: date | None = None) -> list[str]:
    """Set a document's publication date (its ``deadline``); return warnings."""
    if actor is not None:
        perm.require(actor, perm.SET_DEADLINE)
    document = get_document(session, slug)
    warnings = []
    if deadline is not None and deadline < (today or date.today()) \
            and deadline != document.deadline:
        warnings.append(f"the publication date {deadline.isoformat()} is in the past")
    document.deadline = deadline
    session.flush()
    return warnings


def describe(assignment: Assignment, document: Document) -> str:
    """One line: ``be: translator tr_be, reviewer -, due 2026-12-10 (translation)...``."""
    parts = [f"translator {assignment.translator.name if assignment.translator else '-'}",
             f"reviewer {assignment.reviewer.name if assignment.reviewer else '-'}"]
    for label, value in (("translation due", assignment.translation_due),
                         ("review due", assignment.review_due),
                         ("publication due", publication_due(document, assignment))):
        if value:
            parts.append(f"{label} {value.isoformat()}")
    return f"{document.slug} ({assignment.lang}): " + ", ".join(parts)


def record_export(session: Session, published: Sequence[tuple[str, str, str]],
                  notes: Mapping[tuple[str, str], Mapping[str, object]] | None = None) -> None:
    """Note final (not draft) texts exported as ``(slug, lang, format)``; announce each
    document language exported (:class:`~tmgr.events.DocumentExported`).

    ``notes`` adds fields to the export's record per ``(slug, lang)``: an editor's
    confirmation of unedited machine translation (:mod:`tmgr.exchange.gate`)."""
    formats: dict[tuple[str, str], list[str]] = {}
    for slug, lang, fmt in published:
        formats.setdefault((slug, lang), []).append(fmt)
    for (slug, lang), names in formats.items():
        document = get_document(session, slug)
        assignment = get_assignment(session, document, lang, create=True)
        assert assignment is not None
        assignment.exported_at = utcnow()
        record(session, DocumentExported(document, lang, tuple(names),
                                         dict((notes or {}).get((slug, lang), {}))))
    session.flush()


def track_approval(session: Session, event: ApprovalChanged) -> None:
    """Keep track of fully approved document languages; announce each one when it is."""
    translation = event.translation
    document = session.get(Document, translation.segment.document_id)
    assert document is not None
    lang = translation.lang
    assignment = get_assignment(session, document, lang)
    if not event.approved:
        if assignment is not None and assignment.approved_at is not None:
            assignment.approved_at = None
        return
    left = session.scalar(
        select(func.count()).select_from(Translation).join(Segment)
        .where(Segment.document_id == document.id, Translation.lang == lang,
               Translation.state != State.APPROVED))
    if left:
        return
    assignment = get_assignment(session, document, lang, create=True)
    assert assignment is not None
    assignment.approved_at = utcnow()
    session.flush()
    record(session, DocumentApproved(document, lang))
