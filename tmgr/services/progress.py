"""Progress per document and language: segments and words per state (one query)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tmgr.deskrules import Progress
from tmgr.models import Document, Segment, Translation


def progress(session: Session, documents: Sequence[Document],
             languages: Sequence[str]) -> list[Progress]:
    """One :class:`Progress` per document × language, in the given order, in one query."""
    by_id = {d.id: d for d in documents}
    table = {(d.id, lang): Progress(d.slug, lang) for d in documents for lang in languages}
    if not table:
        return []
    query = (
        select(Segment.document_id, Translation.lang, Translation.state,
               func.count(), func.coalesce(func.sum(Segment.words), 0),
               func.count(Translation.mt_error))
        .join(Translation, Translation.segment_id == Segment.id)
        .where(Segment.document_id.in_(by_id), Segment.removed.is_(False),
               Translation.lang.in_(languages))
        .group_by(Segment.document_id, Translation.lang, Translation.state))
    for doc_id, lang, state, count, words, failed in session.execute(query):
        entry = table[(doc_id, lang)]
        entry.segments[state] += count
        entry.words[state] += int(words)
        entry.mt_failed += failed
    return list(table.values())


__all__ = ["Progress", "progress"]
