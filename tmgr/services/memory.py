"""Translation memory: what the team has already approved, reused for new segments."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from sqlalchemy import select
from sqlalchemy.orm import Session

from tmgr.models import Document, Segment, State, Translation


def exact_matches(session: Session, sources: Iterable[str], lang: str,
                  exclude_segment_ids: Iterable[int] = ()) -> dict[str, str]:
    """Approved ``lang`` translations of exactly these English sentences (newest wins)."""
    wanted = set(sources)
    if not wanted:
        return {}
    excluded = set(exclude_segment_ids)
    query = (select(Segment.id, Segment.source, Translation.text)
             .join(Translation, Translation.segment_id == Segment.id)
             .where(Translation.lang == lang, Translation.state == State.APPROVED,
                    Segment.source.in_(wanted))
             .order_by(Translation.updated_at))
    found: dict[str, str] = {}
    for segment_id, source, text in session.execute(query):
        if segment_id not in excluded and text.strip():
            found[source] = text
    return found


@dataclass(frozen=True)
class TMMatch:
    """A translation-memory hit: ``score`` is 0..100 (101 for an in-context match)."""

    source: str
    target: str
    score: float
    segment_id: int | None = None
    document: str | None = None


def fuzzy_matches(session: Session, source: str, lang: str, *, limit: int = 5,
                  threshold: float = 75.0,
                  exclude_segment_id: int | None = None) -> list[TMMatch]:
    """The ``limit`` most similar approved translations of ``source`` into ``lang``."""
    query = (select(Segment.id, Segment.source, Translation.text, Document.slug)
             .join(Translation, Translation.segment_id == Segment.id)
             .join(Document, Document.id == Segment.document_id)
             .where(Translation.lang == lang, Translation.state == State.APPROVED))
    rows = [row for row in session.execute(query) if row[0] != exclude_segment_id]
    hits = process.extract(source, [row[1] for row in rows], scorer=fuzz.ratio,
                           score_cutoff=threshold, limit=limit)
    return [TMMatch(source=rows[i][1], target=rows[i][2], score=round(score, 1),
                    segment_id=rows[i][0], document=rows[i][3])
            for _, score, i in hits]
