"""The desk's figures for many documents at once, computed by the database.

:func:`desk_lines` answers what :func:`tmgr.desk.assignments.desk_rows` answers (stage,
due date, overdue, at risk, who) for every document × language a dashboard, a
queue or a week shows, in one query over the summary table (``progress_counts``)
and the assignments: the stage and due-date rules of :mod:`tmgr.store.deskrules` are
written here as SQL, and only the risk projection (arithmetic on a row's numbers)
runs in Python, through the same function the desk uses. No document, progress or
assignment object is built, so ten years of documents cost a few thousand small
rows (``bench/bench_documents.py``); the tests hold both paths to the same answers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import and_, case, func, literal, or_, select, true, union_all
from sqlalchemy.orm import Session, aliased

from tmgr.store import deskrules as rules
from tmgr.store.models import Assignment, Document, ProgressCount, State, User

_BEFORE = [s for s in State if s < State.TRANSLATED]
#: the sums each line carries, in :class:`DeskLine`'s order: column, and states (None: all)
_SUMS: dict[str, list[State] | None] = {
    "segments": None, "approved_segments": [State.APPROVED],
    "translated_segments": [State.TRANSLATED], "before_segments": _BEFORE,
    "editing_segments": [State.NEEDS_EDITING],
    "words": None, "approved_words": [State.APPROVED], "translated_words": [State.TRANSLATED],
    "before_words": _BEFORE, "editing_words": [State.NEEDS_EDITING],
    "mt_failed": None}


@dataclass(frozen=True)
class DocumentRef:
    """What a desk line shows of its document."""

    id: int
    slug: str
    title: str


@dataclass
class DeskLine:
    """One document × language as the desk sees it, as plain values (no ORM objects)."""

    document: DocumentRef
    lang: str
    stage: str
    due: date | None
    overdue: bool
    at_risk: bool
    projected: date | None
    translator: str | None
    reviewer: str | None
    translator_id: int | None
    reviewer_id: int | None
    review_due: date | None
    publication_due: date | None
    assigned: bool
    segments: int
    approved_segments: int
    translated_segments: int
    before_segments: int  # not yet translated (needing editing included)
    editing_segments: int  # needing editing
    words: int
    approved_words: int
    translated_words: int
    before_words: int
    editing_words: int
    mt_failed: int

    @property
    def percent_approved(self) -> float:
        return 100.0 * self.approved_words / self.words if self.words else 0.0

    @property
    def unapproved(self) -> int:
        return self.segments - self.approved_segments

    @property
    def assignee(self) -> str | None:
        """Who the work waits for now: the translator, then the reviewer."""
        return self.reviewer if self.stage == "review" else (
            self.translator if self.stage == "translation" else None)


def _figures(languages: Sequence[str], where: Sequence[Any]) -> Any:
    """Per document and language: the sums of the summary table the rules read."""
    pc = ProgressCount

    def total(column: Any, states: list[State] | None = None) -> Any:
        if states is None:
            return func.coalesce(func.sum(column), 0)
        return func.coalesce(func.sum(case((pc.state.in_(states), column), else_=0)), 0)

    sums = [total(pc.mt_failed if name == "mt_failed" else
                  getattr(pc, name.split("_")[-1]), states).label(name)
            for name, states in _SUMS.items()]
    query = select(pc.document_id.label("doc"), pc.lang.label("lang"), *sums)
    if where:  # only the documents wanted are summed
        query = query.where(pc.document_id.in_(select(Document.id).where(*where)))
    return (query.where(pc.lang.in_(list(languages)), pc.segments != 0)
            .group_by(pc.document_id, pc.lang).subquery())


def _stage(f: Any, a: Any) -> Any:
    """:func:`tmgr.store.deskrules.stage_of` in SQL."""
    segments = func.coalesce(f.c.segments, 0)
    approved = func.coalesce(f.c.approved_segments, 0)
    translated = func.coalesce(f.c.translated_segments, 0)
    published = and_(a.exported_at.is_not(None),
                     or_(a.approved_at.is_(None), a.exported_at >= a.approved_at))
    return case((and_(segments > 0, approved < segments),
                 case((translated == segments - approved, "review"), else_="translation")),
                (published, "published"), else_="publication")


def _due(stage: Any, a: Any) -> Any:
    """:func:`tmgr.store.deskrules.due_of` in SQL."""
    publication = func.coalesce(a.publication_due, Document.deadline)
    return case((stage == "translation",
                 func.coalesce(a.translation_due, a.review_due, publication)),
                (stage == "review", func.coalesce(a.review_due, publication)),
                else_=publication)


def lines_query(languages: Sequence[str], today: date, where: Sequence[Any] = ()) -> Any:
    """The select of every document × language ``where`` keeps, with the rules' columns,
    in the desk's order (week descending, no week last, then slug)."""
    langs = union_all(*(select(literal(code).label("lang"), literal(n).label("n"))
                        for n, code in enumerate(languages))).subquery()
    f = _figures(languages, where)
    a = aliased(Assignment)
    translator, reviewer = aliased(User), aliased(User)
    stage = _stage(f, a)
    due = _due(stage, a)
    return (select(
        Document.id, Document.slug, Document.title, langs.c.lang,
        stage.label("stage"), due.label("due"),
        and_(due.is_not(None), due < today, stage != "published").label("overdue"),
        translator.name, reviewer.name, a.translator_id, a.reviewer_id, a.review_due,
        func.coalesce(a.publication_due, Document.deadline).label("publication_due"),
        a.id.is_not(None).label("assigned"), a.updated_at,
        *(func.coalesce(f.c[name], 0).label(name) for name in _SUMS))
        .select_from(Document).join(langs, true())
        .outerjoin(f, and_(f.c.doc == Document.id, f.c.lang == langs.c.lang))
        .outerjoin(a, and_(a.document_id == Document.id, a.lang == langs.c.lang))
        .outerjoin(translator, translator.id == a.translator_id)
        .outerjoin(reviewer, reviewer.id == a.reviewer_id)
        .where(*where)
        .order_by(Document.week_start.desc().nulls_last(), Document.slug, langs.c.n))


def desk_lines(session: Session, languages: Sequence[str], today: date,
               pace: dict[tuple[int, State], float] | None = None,
               where: Sequence[Any] = ()) -> list[DeskLine]:
    """A :class:`DeskLine` per document × language ``where`` keeps (conditions on
    :class:`Document`); ``pace`` None: no risk projected (as ``desk_rows``)."""
    if not languages:
        return []
    lines = []
    for row in session.execute(lines_query(languages, today, where)):
        (doc, slug, title, lang, stage, due, overdue, t_name, r_name, t_id, r_id,
         review_due, pub_due, assigned, updated) = row[:15]
        numbers = [int(n) for n in row[15:]]
        projected, at_risk = None, False
        if pace is not None and assigned:
            user_id = t_id if stage == "translation" else r_id
            left = (numbers[8] if stage == "translation"  # words not yet translated
                    else numbers[7] if stage == "review" else 0)  # translated words
            projected, at_risk = rules.risk(stage, user_id, left, due, bool(overdue),
                                            updated, pace, today)
        lines.append(DeskLine(
            DocumentRef(doc, slug, title), lang, stage, due, bool(overdue), at_risk, projected,
            t_name, r_name, t_id, r_id, review_due, pub_due, bool(assigned), *numbers))
    return lines


__all__ = ["DeskLine", "DocumentRef", "desk_lines", "lines_query"]
