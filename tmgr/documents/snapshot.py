"""A light, read-only view of documents for export: plain objects in a few queries.

Exports read many documents and change nothing, so they skip the ORM's identity
map: five queries per batch of documents, whatever their size.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from tmgr.store.models import Block, Comment, Document, Segment, State, Translation, User
from tmgr.text import xml_safe

BATCH = 200  # documents per round of queries


@dataclass
class TranslationView:
    text: str
    state: State
    origin: str | None
    version: int
    updated_at: datetime | None
    updated_by: str | None


@dataclass
class SegmentView:
    id: int
    key: str
    source: str
    start: int
    end: int
    previous_source: str | None
    translations: dict[str, TranslationView] = field(default_factory=dict)
    comments: dict[str, list[str]] = field(default_factory=dict)  # lang -> "name: text"
    ordinal: int = 0  # reading order in the document; the editor numbers from 1


@dataclass
class BlockView:
    id: int
    position: int
    kind: str
    text: str
    segments: list[SegmentView] = field(default_factory=list)


@dataclass
class DocumentView:
    id: int
    slug: str
    title: str
    section: str | None
    status_line: str | None
    author: str | None
    week_text: str | None
    week_start: date | None
    week_end: date | None
    updated_at: datetime | None
    blocks: list[BlockView] = field(default_factory=list)

    @property
    def segments(self) -> Iterator[tuple[BlockView, SegmentView]]:
        for block in self.blocks:
            for segment in block.segments:
                yield block, segment


def _documents(session: Session, ids: Sequence[int]) -> dict[int, DocumentView]:
    rows = session.execute(select(
        Document.id, Document.slug, Document.title, Document.section, Document.status_line,
        Document.author, Document.week_text, Document.week_start, Document.week_end,
        Document.updated_at).where(Document.id.in_(ids)))
    return {row.id: DocumentView(*row) for row in rows}


def _fill(session: Session, views: dict[int, DocumentView], languages: Sequence[str]) -> None:
    blocks: dict[int, BlockView] = {}
    for block in session.execute(select(Block.id, Block.document_id, Block.position, Block.kind,
                                      Block.text).where(Block.document_id.in_(views))
                               .order_by(Block.document_id, Block.position)):
        blocks[block.id] = BlockView(block.id, block.position, block.kind, block.text)
        views[block.document_id].blocks.append(blocks[block.id])
    segments: dict[int, SegmentView] = {}
    for segment in session.execute(select(
            Segment.id, Segment.block_id, Segment.key, Segment.source, Segment.start_offset,
            Segment.end_offset, Segment.previous_source, Segment.ordinal)
            .where(Segment.document_id.in_(views), Segment.removed.is_(False))
            .order_by(Segment.block_id, Segment.position)):
        segments[segment.id] = SegmentView(segment.id, segment.key, segment.source,
                                           segment.start_offset, segment.end_offset,
                                           segment.previous_source, ordinal=segment.ordinal)
        blocks[segment.block_id].segments.append(segments[segment.id])
    editor = aliased(User)
    for segment_id, lang, text, state, origin, version, updated_at, name in session.execute(
            select(Translation.segment_id, Translation.lang, Translation.text,
                   Translation.state, Translation.origin, Translation.version,
                   Translation.updated_at, editor.name)
            .join(Segment, Segment.id == Translation.segment_id)
            .outerjoin(editor, editor.id == Translation.updated_by_id)
            .where(Segment.document_id.in_(views), Segment.removed.is_(False),
                   Translation.lang.in_(languages))):
        # xml_safe: text stored before tmgr refused control characters must not break export
        segments[segment_id].translations[lang] = TranslationView(
            xml_safe(text), state, origin, version, updated_at, name)
    for segment_id, lang, text, name in session.execute(
            select(Comment.segment_id, Comment.lang, Comment.text, User.name)
            .join(Segment, Segment.id == Comment.segment_id)
            .outerjoin(User, User.id == Comment.user_id)
            .where(Segment.document_id.in_(views), Segment.removed.is_(False),
                   Comment.lang.in_(languages))
            .order_by(Comment.created_at, Comment.id)):
        segments[segment_id].comments.setdefault(lang, []).append(
            xml_safe(f"{name}: {text}" if name else text))


def iter_views(session: Session, document_ids: Sequence[int],
               languages: Sequence[str]) -> Iterator[DocumentView]:
    """The documents (in the order given) with blocks, segments, translations, comments."""
    for start in range(0, len(document_ids), BATCH):
        batch = list(document_ids[start:start + BATCH])
        views = _documents(session, batch)
        _fill(session, views, languages)
        yield from (views[doc_id] for doc_id in batch)
