"""What the editor shows: the article in reading order, and the side panel of a segment."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased, selectinload

from tmgr.documents.ingest import get_document
from tmgr.drafting.suggest import suggestions
from tmgr.qa import Finding
from tmgr.qa.morphology import warm_up
from tmgr.qa.spelling import with_suggestions
from tmgr.quality.checks import OverrideInfo, check_segment, current_overrides, qa_data
from tmgr.quality.fixes import available_fixes
from tmgr.quality.glossary import qa_terms
from tmgr.review.termhints import TermHint, source_pieces, term_hints
from tmgr.review.translations import get_translation, segment_by_id
from tmgr.store.models import Block, Comment, Document, Revision, Segment, State, Translation, User
from tmgr.tm.diff import Piece, word_diff
from tmgr.tm.memory import TMMatch, segment_matches

MT_PREFIX = "mt:"
CONFIRMED = (State.TRANSLATED, State.APPROVED)


@dataclass
class ReviewInfo:
    """What review adds to a translation's findings: overrides that still apply, certain
    one-click fixes (check → fixed text), who wrote the words and who approved them."""

    overrides: dict[str, OverrideInfo] = field(default_factory=dict)
    fixes: dict[str, str] = field(default_factory=dict)
    author: str | None = None
    approved_by: str | None = None


def review_info(session: Session | None, translation: Translation,
                findings: list[Finding], overrides: dict[str, OverrideInfo] | None = None
                ) -> ReviewInfo:
    """The :class:`ReviewInfo` of one translation (overrides looked up if not given)."""
    if overrides is None:
        overrides = (current_overrides(session, [translation]).get(translation.id, {})
                     if session is not None else {})
    author = translation.author.name if translation.author else None
    approver = translation.updated_by.name if translation.updated_by else None
    return ReviewInfo(
        overrides, available_fixes(translation.segment.source, translation.text,
                                   translation.lang, [f.check for f in findings]),
        author, approver if translation.state == State.APPROVED else None)


@dataclass
class SegmentRow:
    """One segment with its translation into the editor's language."""

    segment: Segment
    translation: Translation
    updated_by: str | None
    findings: list[Finding]
    review: ReviewInfo = field(default_factory=ReviewInfo)
    pieces: list[tuple[str, TermHint | None]] = field(default_factory=list)

    @property
    def unfinished(self) -> bool:
        return self.translation.state < State.TRANSLATED


@dataclass
class BlockRow:
    block: Block
    rows: list[SegmentRow] = field(default_factory=list)


def editor_blocks(session: Session, slug: str, lang: str) -> tuple[Document, list[BlockRow]]:
    """The document's blocks in reading order, each with its segment rows (two queries)."""
    warm_up([lang])  # the analysers load while the database is read
    document = get_document(session, slug)
    blocks = {b.id: BlockRow(b) for b in session.scalars(
        select(Block).where(Block.document_id == document.id).order_by(Block.position))}
    changer, writer = aliased(User), aliased(User)
    query = (select(Segment, Translation, changer.name, writer.name)
             .join(Translation, Translation.segment_id == Segment.id)
             .outerjoin(changer, changer.id == Translation.updated_by_id)
             .outerjoin(writer, writer.id == Translation.author_id)
             .where(Segment.document_id == document.id, Segment.removed.is_(False),
                    Translation.lang == lang)
             .order_by(Segment.ordinal))
    others: dict[int, dict[str, str]] = {}
    for segment_id, other_lang, text in session.execute(  # confirmed by a person only
            select(Translation.segment_id, Translation.lang, Translation.text)
            .join(Segment, Segment.id == Translation.segment_id)
            .where(Segment.document_id == document.id, Segment.removed.is_(False),
                   Translation.lang != lang, Translation.state.in_(CONFIRMED))):
        others.setdefault(segment_id, {})[other_lang] = text
    data = qa_data(session)
    glossary = qa_terms(session)
    found = list(session.execute(query))
    overrides = current_overrides(session, [row[1] for row in found])
    every = data.check_many((segment.source, translation.text, lang,
                             others.get(segment.id, {})) for segment, translation, _, _ in found)
    for (segment, translation, name, author), findings in zip(found, every, strict=True):
        info = ReviewInfo(overrides.get(translation.id, {}),
                          available_fixes(segment.source, translation.text, lang,
                                          [f.check for f in findings]),
                          author, name if translation.state == State.APPROVED else None)
        if segment.block_id is not None:  # only a removed segment has no block
            blocks[segment.block_id].rows.append(SegmentRow(
                segment, translation, name, findings, info,
                source_pieces(segment.source, glossary, lang)))
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
    tm: list[tuple[TMMatch, list[Piece]]]  # each match with what differs from the segment
    history: list[HistoryEntry]
    comments: list[Comment]
    source_diff: list[Piece] | None
    suggestions: list[Any] = field(default_factory=list)
    review: ReviewInfo = field(default_factory=ReviewInfo)
    terms: list[TermHint] = field(default_factory=list)
    # from the English the translation was made from, when that is not the last one
    basis_diff: list[Piece] | None = None


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
    findings = with_suggestions(check_segment(session, translation), lang)
    drafts = mt_drafts(translation)
    return Panel(
        segment=segment, translation=translation,
        findings=findings,
        mt=drafts,
        tm=[(m, list(m.diff)) for m in matches],
        history=history, comments=comments,
        source_diff=(word_diff(segment.previous_source, segment.source)
                     if segment.previous_source else None),
        suggestions=suggestions(session, segment, lang),
        review=review_info(session, translation, findings),
        terms=term_hints(segment.source, qa_terms(session), lang,
                         drafts=[translation.text, *(d.text for d in drafts)]),
        basis_diff=basis_diff(segment, translation))


def basis_diff(segment: Segment, translation: Translation) -> list[Piece] | None:
    """The word diff from the English this translation was made from, when the source
    changed more than once since (else the last change's diff says it all)."""
    basis = translation.source_basis
    if not basis or basis == segment.previous_source or basis == segment.source:
        return None
    return word_diff(basis, segment.source)
