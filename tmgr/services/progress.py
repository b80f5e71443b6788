"""Progress per document and language: segments and words per state."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tmgr.models import Document, Segment, State, Translation


@dataclass
class Progress:
    """How far one document is in one language."""

    slug: str
    lang: str
    segments: dict[State, int] = field(default_factory=lambda: {s: 0 for s in State})
    words: dict[State, int] = field(default_factory=lambda: {s: 0 for s in State})
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


@dataclass
class DocumentRow:
    """A document with its :class:`Progress` per language (the documents page, the API)."""

    document: Document
    progress: dict[str, Progress]

    @property
    def least_approved(self) -> float:
        return min((p.percent_approved for p in self.progress.values()), default=0.0)


def document_rows(session: Session, languages: Sequence[str]) -> list[DocumentRow]:
    """Every document with its :class:`Progress` per language (the `tmgr status` figures)."""
    from tmgr.services.documents import list_documents

    documents = list_documents(session)
    table = {d.slug: DocumentRow(d, {}) for d in documents}
    for entry in progress(session, documents, languages):
        table[entry.slug].progress[entry.lang] = entry
    return list(table.values())
