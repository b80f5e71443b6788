"""Progress per document and language: segments and words per state (one query)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from tmgr.documents.ingest import list_documents
from tmgr.store.deskrules import Progress
from tmgr.store.models import Document, ProgressCount

#: from this many documents on, reading every row beats a long IN list
MANY = 500


def progress(session: Session, documents: Sequence[Document],
             languages: Sequence[str]) -> list[Progress]:
    """One :class:`Progress` per document × language, in the given order, in one query.

    The figures are the summary table the database keeps (``progress_counts``),
    so this reads a few rows per document, however long the documents are.
    """
    table = {(d.id, lang): Progress(d.slug, lang) for d in documents for lang in languages}
    if not table:
        return []
    query = (select(ProgressCount.document_id, ProgressCount.lang, ProgressCount.state,
                    ProgressCount.segments, ProgressCount.words, ProgressCount.mt_failed)
             .where(ProgressCount.lang.in_(languages), ProgressCount.segments != 0))
    if len(documents) < MANY:
        query = query.where(ProgressCount.document_id.in_([d.id for d in documents]))
    for doc_id, lang, state, count, words, failed in session.execute(query):
        entry = table.get((doc_id, lang))
        if entry is None:
            continue
        entry.segments[state] += count
        entry.words[state] += words
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
    documents = list_documents(session)
    table = {d.slug: DocumentRow(d, {}) for d in documents}
    for entry in progress(session, documents, languages):
        table[entry.slug].progress[entry.lang] = entry
    return list(table.values())


__all__ = ["DocumentRow", "Progress", "document_rows", "progress"]
