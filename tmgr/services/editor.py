"""What the editor shows: the article in reading order, and the side panel of a segment."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased, selectinload

from tmgr.models import Block, Comment, Document, Revision, Segment, State, Translation, User
from tmgr.qa import Finding, check_translation
from tmgr.services.documents import get_document
from tmgr.services.glossary import qa_terms
from tmgr.services.qa import check_segment
from tmgr.services.translations import get_translation, segment_by_id
from tmgr.tm.diff import word_diff
from tmgr.tm.memory import segment_matches

MT_PREFIX = "mt:"


@dataclass
class SegmentRow:
    """One segment with its translation into the editor's language."""

    segment: Segment
    translation: Translation
    updated_by: str | None
    findings: list[Finding]

    @property
    def unfinished(self) -> bool:
        return self.translation.state < State.TRANSLATED


@dataclass
class BlockRow:
    block: Block
    rows: list[SegmentRow] = field(default_factory=list)


def editor_blocks(session: Session, slug: str, lang: str) -> tuple[Document, list[BlockRow]]:
    """The document's blocks in reading order, each with its segment rows (two queries)."""
    document = get_document(session, slug)
    blocks = {b.id: BlockRow(b) for b in session.scalars(
        select(Block).where(Block.document_id == document.id).order_by(Block.position))}
    author = aliased(User)
    query = (select(Segment, Translation, author.name)
             .join(Translation, Translation.segment_id == Segment.id)
             .outerjoin(author, author.id == Translation.updated_by_id)
             .where(Segment.document_id == document.id, Segment.removed.is_(False),
                    Translation.lang == lang)
             .order_by(Segment.ordinal))
    others: dict[int, dict[str, str]] = {}
    for segment_id, other_lang, text in session.execute(
            select(Translation.segment_id, Translation.lang, Translation.text)
            .join(Segment, Segment.id == Translation.segment_id)
            .where(Segment.document_id == document.id, Segment.removed.is_(False),
                   Translation.lang != lang)):
        others.setdefault(segment_id, {})[other_lang] = text
    glossary = qa_terms(session)
    for segment, translation, name in session.execute(query):
        findings = check_translation(segment.source, translation.text, lang, glossary=glossary,
                                     other_translations=others.get(segment.id))
        blocks[segment.block_id].rows.append(SegmentRow(segment, translation, name, findings))
    return document, list(blocks.values())


@dataclass
class HistoryEntry:
    revision: Revision
    user: str | None
    diff: list[tuple[str, str]]


@dataclass
class MTDraft:
    origin: str
    text: str
    when: datetime | None


@dataclass
class Panel:
    """Everything the side panel shows for one segment in one language."""

    segment: Segment
    translation: Translation
    findings: list[Finding]
    mt: list[MTDraft]
    tm: list[tuple[object, list[tuple[str, str]]]]
    history: list[HistoryEntry]
    comments: list[Comment]
    source_diff: list[tuple[str, str]] | None
    # from the English the translation was made from, when that is not the last one
    basis_diff: list[tuple[str, str]] | None = None


def mt_drafts(translation: Translation) -> list[MTDraft]:
    """The latest machine draft per engine, newest first (the current text if it is one)."""
    seen: dict[str, MTDraft] = {}
    if (translation.origin or "").startswith(MT_PREFIX) and translation.text:
        seen[translation.origin or ""] = MTDraft(translation.origin or "", translation.text,
                                                 translation.updated_at)
    for revision in reversed(translation.revisions):
        origin = revision.origin or ""
        if origin.startswith(MT_PREFIX) and revision.new_text and origin not in seen:
            seen[origin] = MTDraft(origin, revision.new_text, revision.created_at)
    return list(seen.values())


def segment_panel(session: Session, segment_id: int, lang: str) -> Panel:
    """MT drafts, TM matches with what differs, history with diffs, comments, QA."""
    segment = segment_by_id(session, segment_id)
    translation = get_translation(session, segment_id, lang)
    matches = segment_matches(session, segment, lang)
    history = [HistoryEntry(r, r.user.name if r.user else None, word_diff(r.old_text, r.new_text))
               for r in reversed(translation.revisions)]
    comments = list(session.scalars(
        select(Comment).where(Comment.segment_id == segment_id, Comment.lang == lang)
        .options(selectinload(Comment.user)).order_by(Comment.id)))
    return Panel(
        segment=segment, translation=translation,
        findings=check_segment(session, translation),
        mt=mt_drafts(translation),
        tm=[(m, list(m.diff)) for m in matches],
        history=history, comments=comments,
        source_diff=(word_diff(segment.previous_source, segment.source)
                     if segment.previous_source else None),
        basis_diff=basis_diff(segment, translation))


def basis_diff(segment: Segment, translation: Translation) -> list[tuple[str, str]] | None:
    """The word diff from the English this translation was made from, when the source
    changed more than once since (else the last change's diff says it all)."""
    basis = translation.source_basis
    if not basis or basis == segment.previous_source or basis == segment.source:
        return None
    return word_diff(basis, segment.source)
