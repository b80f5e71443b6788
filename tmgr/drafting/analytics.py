"""Post-editing analytics: which engine needs the least editing, per language.

Figures come from :class:`~tmgr.store.models.PostEdit` rows of approved translations,
aggregated in the database, so a report over many thousands of segments stays
quick. ``unchanged`` is a share (0-1), ``edit_distance`` and ``chrf`` are means
over segments, ``seconds_per_word`` counts only segments with a measured time
(null when none has one).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Integer, case, func, select
from sqlalchemy.orm import Session

from tmgr.errors import TmgrError
from tmgr.review.postedit import draft_engine
from tmgr.store.models import Document, PostEdit, Segment, Translation, User

GROUPINGS = ("engine", "translator", "document")
FIGURES = ("segments", "words", "unchanged", "edit_distance", "chrf", "seconds_per_word")


def mt_report(session: Session, *, since: date | None = None,
              by: str = "engine") -> list[dict[str, Any]]:
    """One row per engine × language (× translator or document, with ``by``)."""
    if by not in GROUPINGS:
        raise TmgrError(f"--by {by}: not a grouping", hint=f"use one of {', '.join(GROUPINGS)}")
    extra = {"translator": func.coalesce(User.name, ""), "document": Document.slug}.get(by)
    timed_words = func.sum(case((PostEdit.seconds.is_not(None), PostEdit.words), else_=0))
    columns = [PostEdit.draft_origin, Translation.lang,
               func.count(PostEdit.id), func.coalesce(func.sum(PostEdit.words), 0),
               func.avg(func.cast(PostEdit.unchanged, Integer)), func.avg(PostEdit.edit_distance),
               func.avg(PostEdit.chrf), func.sum(PostEdit.seconds), timed_words]
    query = (select(*columns, *([extra] if extra is not None else []))
             .join(Translation, Translation.id == PostEdit.translation_id)
             .join(Segment, Segment.id == Translation.segment_id)
             .join(Document, Document.id == Segment.document_id)
             .outerjoin(User, User.id == PostEdit.translator_id)
             .where(PostEdit.approved_at.is_not(None))
             .group_by(PostEdit.draft_origin, Translation.lang,
                       *([extra] if extra is not None else [])))
    if since is not None:
        query = query.where(PostEdit.approved_at >= datetime(since.year, since.month,
                                                             since.day, tzinfo=UTC))
    rows = [_row(by, *result) for result in session.execute(query)]
    return sorted(rows, key=lambda r: (r["lang"], r["edit_distance"] is None,
                                       r["edit_distance"] or 0, r["engine"], r.get(by) or ""))


def _row(by: str, origin: str, lang: str, segments: int, words: int, unchanged: Any,
         distance: Any, chrf: Any, seconds: Any, timed_words: Any,
         key: str | None = None) -> dict[str, Any]:
    row: dict[str, Any] = {"engine": draft_engine(origin), "lang": lang}
    if by != "engine":
        row[by] = key or None
    row.update({
        "segments": int(segments),
        "words": int(words or 0),
        "unchanged": round(float(unchanged), 3) if unchanged is not None else None,
        "edit_distance": round(float(distance), 1) if distance is not None else None,
        "chrf": round(float(chrf), 1) if chrf is not None else None,
        "seconds_per_word": round(float(seconds) / int(timed_words), 2)
        if seconds is not None and timed_words else None,
    })
    return row
