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

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tmgr.errors import AssignError, NotFound
from tmgr.localedata import require_configured
from tmgr.models import (
    Assignment,
    Document,
    Revision,
    Segment,
    State,
    Translation,
    User,
    utcnow,
)
from tmgr.services import permissions as perm
from tmgr.services.documents import get_document
from tmgr.services.progress import Progress, progress
from tmgr.services.users import get_user

STAGES = ("translation", "review", "publication", "published")
PACE_DAYS = 14  # the assignee's pace is measured over this many days
IDLE_RISK_DAYS = 2  # with no recent pace, work due this soon is at risk
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
        a = self.assignment
        return {"translator": self.translator, "reviewer": self.reviewer,
                "due": _iso(self.due), "overdue": self.overdue, "stage": self.stage,
                "at_risk": self.at_risk, "projected": _iso(self.projected),
                "translation_due": _iso(a.translation_due if a else None),
                "review_due": _iso(a.review_due if a else None),
                "publication_due": _iso(self.publication_due)}


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def publication_due(document: Document, assignment: Assignment | None) -> date | None:
    return (assignment.publication_due if assignment else None) or document.deadline


def stage_of(figures: Progress, assignment: Assignment | None) -> str:
    if figures.total_segments and figures.segments[State.APPROVED] < figures.total_segments:
        translated = figures.segments[State.TRANSLATED]
        unapproved = figures.total_segments - figures.segments[State.APPROVED]
        return "review" if translated == unapproved else "translation"
    if assignment and assignment.exported_at and (
            assignment.approved_at is None or assignment.exported_at >= assignment.approved_at):
        return "published"
    return "publication"


def due_of(stage: str, document: Document, assignment: Assignment | None) -> date | None:
    a = assignment
    chain = {"translation": [a.translation_due if a else None, a.review_due if a else None],
             "review": [a.review_due if a else None]}.get(stage, [])
    return next((d for d in chain if d), None) or publication_due(document, assignment)


def remaining_words(row: DeskRow) -> int:
    words = row.progress.words
    if row.stage == "translation":
        return sum(words[s] for s in State if s < State.TRANSLATED)
    if row.stage == "review":
        return words[State.TRANSLATED]
    return 0


def assignments_for(session: Session, documents: Sequence[Document]
                    ) -> dict[tuple[int, str], Assignment]:
    ids = [d.id for d in documents]
    if not ids:
        return {}
    query = select(Assignment)
    if len(ids) < 500:
        query = query.where(Assignment.document_id.in_(ids))
    wanted = set(ids)
    return {(a.document_id, a.lang): a for a in session.scalars(query)
            if a.document_id in wanted}


def recent_pace(session: Session, today: date, days: int = PACE_DAYS
                ) -> dict[tuple[int, State], float]:
    """Words per day each user translated (state translated) or approved lately."""
    since = datetime.combine(today - timedelta(days=days), datetime.min.time())
    query = (select(Revision.user_id, Revision.new_state, func.sum(Segment.words))
             .join(Translation, Translation.id == Revision.translation_id)
             .join(Segment, Segment.id == Translation.segment_id)
             .where(Revision.created_at >= since, Revision.user_id.is_not(None),
                    Revision.new_state.in_([State.TRANSLATED, State.APPROVED]),
                    Revision.old_state != Revision.new_state)
             .group_by(Revision.user_id, Revision.new_state))
    return {(user_id, state): float(words or 0) / days
            for user_id, state, words in session.execute(query) if user_id is not None}


def _name(names: dict[int, str], user_id: int | None) -> str | None:
    return None if user_id is None else names.get(user_id)


def desk_rows(session: Session, documents: Sequence[Document], languages: Sequence[str],
              today: date | None = None, *, with_risk: bool = True,
              pace: dict[tuple[int, State], float] | None = None) -> list[DeskRow]:
    """One :class:`DeskRow` per document × language, in the order of ``progress``.

    ``pace`` (from :func:`recent_pace`) saves its query when the caller has it.
    """
    today = today or date.today()
    by_id = {d.slug: d for d in documents}
    assigned = assignments_for(session, documents)
    if pace is None:
        pace = recent_pace(session, today) if with_risk else {}
    names = dict(session.execute(select(User.id, User.name)).all()) if assigned else {}
    rows = []
    for figures in progress(session, documents, languages):
        document = by_id[figures.slug]
        assignment = assigned.get((document.id, figures.lang))
        stage = stage_of(figures, assignment)
        due = due_of(stage, document, assignment)
        row = DeskRow(document, figures.lang, figures, assignment, stage, due,
                      overdue=bool(due and due < today and stage != "published"),
                      translator=_name(names, assignment.translator_id if assignment else None),
                      reviewer=_name(names, assignment.reviewer_id if assignment else None))
        if with_risk:
            _project(row, pace, today)
        rows.append(row)
    return rows


def _project(row: DeskRow, pace: dict[tuple[int, State], float], today: date) -> None:
    """Set ``projected`` and ``at_risk`` from the stage's assignee's recent pace."""
    a = row.assignment
    if row.stage not in ("translation", "review") or a is None:
        return
    user_id = a.translator_id if row.stage == "translation" else a.reviewer_id
    if user_id is None:
        return
    state = State.TRANSLATED if row.stage == "translation" else State.APPROVED
    per_day = pace.get((user_id, state), 0.0)
    left = remaining_words(row)
    if per_day > 0:
        row.projected = today + timedelta(days=math.ceil(left / per_day))
    if row.due is None or row.overdue:
        return
    if row.projected is not None:
        row.at_risk = row.projected > row.due
    else:
        row.at_risk = left > 0 and (row.due - today).days <= IDLE_RISK_DAYS


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
        raise AssignError(f"no user {name!r} to assign as {role}",
                          hint="`tmgr user list` shows the accounts") from exc
    if not user.active:
        raise AssignError(f"the account {name} is disabled", hint="assign someone else")
    if not perm.allowed(user, action, lang):
        raise AssignError(f"{name} ({user.role}) cannot {action} in {lang}, so cannot be "
                          f"the {role}", hint="give the user that language or role first")
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
    from tmgr.services import notify

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
        notify.assigned(session, user, assignment, role, by=actor)
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


def record_export(session: Session, published: Sequence[tuple[str, str, str]]) -> None:
    """Note final (not draft) texts exported as ``(slug, lang, format)``; fire webhooks."""
    from tmgr.services import webhooks

    formats: dict[tuple[str, str], list[str]] = {}
    for slug, lang, fmt in published:
        formats.setdefault((slug, lang), []).append(fmt)
    for (slug, lang), names in formats.items():
        document = get_document(session, slug)
        assignment = get_assignment(session, document, lang, create=True)
        assert assignment is not None
        assignment.exported_at = utcnow()
        webhooks.enqueue(session, "document.exported", {
            "document": slug, "lang": lang, "title": document.title,
            "formats": sorted(set(names))})
    session.flush()
