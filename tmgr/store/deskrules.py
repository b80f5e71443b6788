"""The desk's rules over plain figures (stdlib only): progress, stage, due date, risk.

One definition for :mod:`tmgr.desk.assignments` (which reads the figures through the
ORM) and :mod:`tmgr.store.quickstatus` (which reads them straight from SQLite so that
``tmgr status`` starts at once), so the two always say the same.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, Protocol

from tmgr.states import State

STAGES = ("translation", "review", "publication", "published")
_STATES = tuple(State)  # iterating an Enum is slow: the desk does it for every row
_BEFORE_TRANSLATED = tuple(s for s in State if s < State.TRANSLATED)
PACE_DAYS = 14  # the assignee's pace is measured over this many days
IDLE_RISK_DAYS = 2  # with no recent pace, work due this soon is at risk


@dataclass
class Progress:
    """How far one document is in one language."""

    slug: str
    lang: str
    segments: dict[State, int] = field(default_factory=lambda: dict.fromkeys(_STATES, 0))
    words: dict[State, int] = field(default_factory=lambda: dict.fromkeys(_STATES, 0))
    mt_failed: int = 0

    @property
    def total_segments(self) -> int:
        return sum(self.segments.values())

    @property
    def total_words(self) -> int:
        return sum(self.words.values())

    @property
    def percent_approved(self) -> float:
        total = self.total_words
        return 100.0 * self.words[State.APPROVED] / total if total else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "document": self.slug,
            "lang": self.lang,
            "segments": {s.value: n for s, n in self.segments.items()},
            "words": {s.value: n for s, n in self.words.items()},
            "total_segments": self.total_segments,
            "total_words": self.total_words,
            "percent_approved": round(self.percent_approved, 1),
            "mt_failed": self.mt_failed,
        }


class AssignmentFacts(Protocol):
    """What the rules read of an assignment (an ORM row or a plain record)."""

    @property
    def translator_id(self) -> int | None: ...
    @property
    def reviewer_id(self) -> int | None: ...
    @property
    def translation_due(self) -> date | None: ...
    @property
    def review_due(self) -> date | None: ...
    @property
    def publication_due(self) -> date | None: ...
    @property
    def approved_at(self) -> datetime | None: ...
    @property
    def exported_at(self) -> datetime | None: ...
    @property
    def updated_at(self) -> datetime | None: ...


def publication_due(deadline: date | None, assignment: AssignmentFacts | None) -> date | None:
    return (assignment.publication_due if assignment else None) or deadline


def stage_of(figures: Progress, assignment: AssignmentFacts | None) -> str:
    if figures.total_segments and figures.segments[State.APPROVED] < figures.total_segments:
        translated = figures.segments[State.TRANSLATED]
        unapproved = figures.total_segments - figures.segments[State.APPROVED]
        return "review" if translated == unapproved else "translation"
    if assignment and assignment.exported_at and (
            assignment.approved_at is None or assignment.exported_at >= assignment.approved_at):
        return "published"
    return "publication"


def due_of(stage: str, deadline: date | None, assignment: AssignmentFacts | None
           ) -> date | None:
    a = assignment
    chain = {"translation": [a.translation_due if a else None, a.review_due if a else None],
             "review": [a.review_due if a else None]}.get(stage, [])
    return next((d for d in chain if d), None) or publication_due(deadline, assignment)


def remaining_words(stage: str, figures: Progress) -> int:
    words = figures.words
    if stage == "translation":
        return sum(words[s] for s in _BEFORE_TRANSLATED)
    if stage == "review":
        return words[State.TRANSLATED]
    return 0


def projection(stage: str, figures: Progress, assignment: AssignmentFacts | None,
               due: date | None, overdue: bool, pace: dict[tuple[int, State], float],
               today: date) -> tuple[date | None, bool]:
    """(projected finish, at risk) from the stage's assignee's recent pace."""
    a = assignment
    if a is None:
        return None, False
    user_id = a.translator_id if stage == "translation" else a.reviewer_id
    return risk(stage, user_id, remaining_words(stage, figures), due, overdue,
                a.updated_at, pace, today)


def risk(stage: str, user_id: int | None, left: int, due: date | None, overdue: bool,
         changed: datetime | None, pace: dict[tuple[int, State], float], today: date
         ) -> tuple[date | None, bool]:
    """(projected finish, at risk) of an assigned stage with ``left`` words to go, from
    the assignee's recent pace; ``changed``: when the assignment last changed."""
    if stage not in ("translation", "review") or user_id is None:
        return None, False
    state = State.TRANSLATED if stage == "translation" else State.APPROVED
    per_day = pace.get((user_id, state), 0.0)
    projected = today + timedelta(days=math.ceil(left / per_day)) if per_day > 0 else None
    if due is None or overdue:
        return projected, False
    if projected is not None:
        return projected, projected > due
    days = (due - today).days
    return projected, left > 0 and days <= IDLE_RISK_DAYS and not (
        days > 0 and _assigned_on(changed, today))


def _assigned_on(changed: datetime | None, today: date) -> bool:
    """True when the assignment was made (or changed) ``today``: an assignee with no pace
    yet has not had a day to start, so idle work is not at risk before its due day."""
    return changed is not None and changed.date() >= today


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


@dataclass
class DeskFigures:
    """One document × language as the desk reports it (no ORM objects)."""

    progress: Progress
    stage: str
    due: date | None
    overdue: bool
    at_risk: bool
    projected: date | None
    translator: str | None
    reviewer: str | None
    translation_due: date | None
    review_due: date | None
    publication_due: date | None

    def as_dict(self) -> dict[str, Any]:
        return {"translator": self.translator, "reviewer": self.reviewer,
                "due": _iso(self.due), "overdue": self.overdue, "stage": self.stage,
                "at_risk": self.at_risk, "projected": _iso(self.projected),
                "translation_due": _iso(self.translation_due),
                "review_due": _iso(self.review_due),
                "publication_due": _iso(self.publication_due)}


def desk_figures(figures: Progress, deadline: date | None,
                 assignment: AssignmentFacts | None, names: dict[int, str],
                 pace: dict[tuple[int, State], float] | None, today: date) -> DeskFigures:
    """Apply the rules to one document × language; ``pace`` None: no risk projected."""
    a = assignment
    stage = stage_of(figures, a)
    due = due_of(stage, deadline, a)
    overdue = bool(due and due < today and stage != "published")
    projected, at_risk = (projection(stage, figures, a, due, overdue, pace, today)
                          if pace is not None else (None, False))
    return DeskFigures(
        figures, stage, due, overdue, at_risk, projected,
        translator=_name(names, a.translator_id if a else None),
        reviewer=_name(names, a.reviewer_id if a else None),
        translation_due=a.translation_due if a else None,
        review_due=a.review_due if a else None,
        publication_due=publication_due(deadline, a))


def _name(names: dict[int, str], user_id: int | None) -> str | None:
    return None if user_id is None else names.get(user_id)
