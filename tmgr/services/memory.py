"""Translation memory: what the team has already approved, reused for new segments."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from tmgr.models import MemoryEntry, Segment, State, Translation


def exact_matches(session: Session, sources: Iterable[str], lang: str,
                  exclude_segment_ids: Iterable[int] = ()) -> dict[str, str]:
    """Approved ``lang`` translations of exactly these English sentences (newest wins).

    Pairs imported into the memory (TMX) fill in for sentences no segment has approved.
    """
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
    imported = (select(MemoryEntry.source, MemoryEntry.target)
                .where(MemoryEntry.lang == lang, MemoryEntry.source.in_(wanted - set(found)))
                .order_by(MemoryEntry.changed_at.desc().nulls_last(), MemoryEntry.id.desc()))
    for source, target in session.execute(imported):  # pairs imported from TMX
        found.setdefault(source, target)
    return found
