"""Structured review: a rejection names its error's MQM category and severity.

The categories are the MQM top level a news desk needs; the counts per translator
and per MT engine feed the dashboard and the post-editing report.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from tmgr.errors import ReviewError
from tmgr.qa.messages import N_
from tmgr.store.models import PostEdit, Translation, User
from tmgr.store.models import ReviewIssue as ReviewErrorRow

#: MQM's top-level error categories, in the order the reviewer is offered them
CATEGORIES = ("accuracy", "fluency", "terminology", "style", "locale-convention")
#: how much an error weighs (MQM's minor / major / critical)
SEVERITIES = ("minor", "major", "critical")


@dataclass(frozen=True)
class ErrorCount:
    """How many errors of one category and severity one translator's (or engine's) texts had."""

    who: str  # a translator's name, or "mt:<engine>"
    category: str
    severity: str
    count: int


def check_error(category: str | None, severity: str | None) -> tuple[str, str] | None:
    """The (category, severity) a rejection names, or None; refuse unknown values."""
    if not category and not severity:
        return None
    if category not in CATEGORIES:
        raise ReviewError(N_("unknown error category %(category)s", category=repr(category)),
                          hint=N_("choose one of: %(choices)s", choices=", ".join(CATEGORIES)))
    if severity not in SEVERITIES:
        raise ReviewError(N_("unknown severity %(severity)s", severity=repr(severity)),
                          hint=N_("choose one of: %(choices)s", choices=", ".join(SEVERITIES)))
    return category, severity


def _engine_of(session: Session, translation: Translation) -> str | None:
    """The MT engine the text was drafted by, if it came from one."""
    drafted = session.scalars(select(PostEdit.draft_origin).where(
        PostEdit.translation_id == translation.id).order_by(PostEdit.id.desc())).first()
    for origin in (drafted, translation.origin):
        if origin and origin.startswith("mt:"):
            return origin[3:].split(" via ")[0]
    return None


def record_error(session: Session, translation: Translation, reviewer: User,
                 translator_id: int | None, error: tuple[str, str], comment: str) -> None:
    """Keep a rejection's category and severity beside its comment."""
    session.add(ReviewErrorRow(
        translation_id=translation.id, reviewer_id=reviewer.id, translator_id=translator_id,
        engine=_engine_of(session, translation), category=error[0], severity=error[1],
        comment=comment))


def error_counts(session: Session, languages: Sequence[str] | None = None
                 ) -> tuple[list[ErrorCount], list[ErrorCount]]:
    """Errors per translator and per engine: (by translator, by engine), most first."""
    query = select(ReviewErrorRow, Translation.lang).join(
        Translation, Translation.id == ReviewErrorRow.translation_id)
    if languages:
        query = query.where(Translation.lang.in_(languages))
    people: Counter[tuple[str, str, str]] = Counter()
    engines: Counter[tuple[str, str, str]] = Counter()
    for row, _lang in session.execute(query):
        name = row.translator.name if row.translator else "?"
        people[(name, row.category, row.severity)] += 1
        if row.engine:
            engines[(f"mt:{row.engine}", row.category, row.severity)] += 1
    return _listed(people), _listed(engines)


def _listed(counts: Counter[tuple[str, str, str]]) -> list[ErrorCount]:
    order = {c: i for i, c in enumerate(CATEGORIES)}
    return [ErrorCount(who, category, severity, n) for (who, category, severity), n in
            sorted(counts.items(), key=lambda kv: (kv[0][0], order.get(kv[0][1], 99),
                                                   -SEVERITIES.index(kv[0][2])))]
