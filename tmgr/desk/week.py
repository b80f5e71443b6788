"""The newsroom's week: this week's commentaries, per language where each stands,
who has it, when it is due and what still blocks its publication."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from tmgr.desk.assignments import DeskRow, desk_rows
from tmgr.store.models import Document, State


@dataclass
class WeekRow:
    row: DeskRow
    #: (reason, count): "unapproved" segments, "errors" (failed MT), "no_translator",
    #: "no_reviewer", "overdue"
    blockers: list[tuple[str, int]] = field(default_factory=list)


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def week_documents(session: Session, monday: date) -> list[Document]:
    """Commentaries whose week overlaps the week starting ``monday``, else those added
    in it (a commentary without week dates)."""
    sunday = monday + timedelta(days=6)
    dated = (Document.week_start <= sunday) & (
        or_(Document.week_end.is_(None), Document.week_end >= monday))
    start = datetime.combine(monday, time(), tzinfo=UTC)
    undated = Document.week_start.is_(None) & (Document.created_at >= start) & (
        Document.created_at < start + timedelta(days=7))
    return list(session.scalars(select(Document).where(or_(dated, undated))
                                .order_by(Document.title)))


def blockers_of(row: DeskRow) -> list[tuple[str, int]]:
    found: list[tuple[str, int]] = []
    left = row.progress.total_segments - row.progress.segments[State.APPROVED]
    if left:
        found.append(("unapproved", left))
    if row.progress.mt_failed:
        found.append(("mt_failed", row.progress.mt_failed))
    if left and (row.assignment is None or row.assignment.translator_id is None) \
            and row.stage == "translation":
        found.append(("no_translator", 1))
    if left and (row.assignment is None or row.assignment.reviewer_id is None):
        found.append(("no_reviewer", 1))
    if row.overdue:
        found.append(("overdue", 1))
    return found


def week_rows(session: Session, monday: date, languages: Sequence[str],
              today: date | None = None) -> list[WeekRow]:
    documents = week_documents(session, monday)
    if not documents:
        return []
    return [WeekRow(row, blockers_of(row))
            for row in desk_rows(session, documents, languages, today, with_risk=False)]
