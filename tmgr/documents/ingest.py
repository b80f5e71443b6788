"""Documents: ingest sources into the database, look them up, describe them."""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session, selectinload

from tmgr.documents.revisions import (
    Changes,
    align_splits_and_merges,
    carry_over,
    current_revision,
    record_revision,
    similarity,
)
from tmgr.errors import NotFound, ReadOnlyArchive
from tmgr.qa.messages import N_
from tmgr.readers import ParsedBlock, ParsedCommentary, read_commentary
from tmgr.review.sitestrings import ensure_for_document
from tmgr.review.translations import ensure_translations
from tmgr.segment import sentence_spans
from tmgr.store.models import (
    ArchiveArticle,
    Block,
    Comment,
    Document,
    Revision,
    Segment,
    State,
    Translation,
)

CARRY_OVER_SIMILARITY = 0.6  # a changed sentence keeps its translation above this


@dataclass(frozen=True)
class SegmentChange:
    """A sentence that a replace turns into needs-editing, removes or restores."""

    segment_id: int
    source: str
    previous_source: str | None
    work: dict[str, str]  # lang -> state of the translations that hold work

    def as_dict(self) -> dict[str, Any]:
        return {"segment": self.segment_id, "source": self.source,
                "previous_source": self.previous_source, "work": self.work}


@dataclass
class IngestResult:
    """What ``ingest`` did with one file: added, unchanged, changed or replaced."""

    path: Path
    slug: str
    action: str
    segments: int = 0
    warnings: list[str] = field(default_factory=list)
    needs_editing: list[SegmentChange] = field(default_factory=list)
    removed: list[SegmentChange] = field(default_factory=list)
    restored: list[SegmentChange] = field(default_factory=list)
    revision: int | None = None  # the source revision stored (added, replaced)
    changes: dict[str, int] = field(default_factory=dict)  # counts by op: changed, split...
    parsed: ParsedCommentary | None = None


def slug_for(path: Path) -> str:
    """The document name every command uses: the file name without extension."""
    return path.stem


def normalize_source(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def segment_key(source: str, seen: dict[str, int]) -> str:
    """A key that survives re-ingest: a hash of the sentence, numbered on repeats."""
    digest = hashlib.sha1(normalize_source(source).encode("utf-8")).hexdigest()[:12]
    seen[digest] = seen.get(digest, 0) + 1
    return digest if seen[digest] == 1 else f"{digest}-{seen[digest]}"


def get_document(session: Session, slug: str) -> Document:
    """The document called ``slug``, or :class:`NotFound` naming the known ones."""
    document = session.scalars(select(Document).where(Document.slug == slug)).one_or_none()
    if document is None and session.scalar(select(ArchiveArticle.id).where(
            ArchiveArticle.slug == slug)) is not None:
        raise ReadOnlyArchive(
            N_("%(doc)s is a published article from the archive: it is read-only",
               doc=repr(slug)),
            hint=N_("archived articles are not edited, drafted or exported again; their "
                    "translations are in the memory already"), slug=slug)
    if document is None:
        raise NotFound(N_("no document %(doc)s", doc=repr(slug)),
                       hint=N_("`tmgr status` lists the documents; `tmgr ingest FILE` adds one"))
    return document


def get_segment(session: Session, segment_id: int, *, slug: str | None = None) -> Segment:
    """Segment ``segment_id`` (of document ``slug`` when given), or :class:`NotFound`."""
    segment = session.get(Segment, segment_id)
    if slug is None:
        if segment is None:
            raise NotFound(N_("no segment with id %(num)s", num=segment_id))
        return segment
    document = get_document(session, slug)
    if segment is None or segment.document_id != document.id:
        raise NotFound(N_("document %(doc)s has no segment %(num)s", doc=slug, num=segment_id))
    return segment


def list_documents(session: Session, slugs: Sequence[str] = ()) -> list[Document]:
    """The named documents (each must exist), or all of them by week and slug."""
    if slugs:
        return [get_document(session, slug) for slug in slugs]
    query = select(Document).order_by(Document.week_start.desc().nulls_last(), Document.slug)
    return list(session.scalars(query))


def load_document(session: Session, slug: str) -> Document:
    """A document with blocks, segments and translations loaded in a few queries."""
    document = get_document(session, slug)
    session.scalars(
        select(Segment).where(Segment.document_id == document.id)
        .options(selectinload(Segment.translations))).all()
    return document


def _checksum(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _apply_metadata(document: Document, parsed: ParsedCommentary, path: Path,
                    checksum: str) -> None:
    """Take the source's metadata, except fields an editor fixed by hand."""
    edited = set(filter(None, (document.edited_fields or "").split(",")))
    values = {"title": parsed.title, "section": parsed.section,
              "status_line": parsed.status_line, "author": parsed.author}
    for name, value in values.items():
        if name not in edited:
            setattr(document, name, value)
    if "week" not in edited:
        document.week_text = parsed.week.text if parsed.week else None
        document.week_start = parsed.week.start if parsed.week else None
        document.week_end = parsed.week.end if parsed.week else None
    document.source_path = str(path)
    document.checksum = checksum


def _build_blocks(document: Document, parsed: ParsedCommentary,
                  reuse: dict[str, Segment] | None = None) -> list[Segment]:
    """Append the parsed blocks and their segments; ``reuse`` maps keys to old segments."""
    seen: dict[str, int] = {}
    segments: list[Segment] = []
    for position, parsed_block in enumerate(parsed.blocks):
        block = Block(position=position, kind=parsed_block.kind, text=parsed_block.text)
        document.blocks.append(block)
        for index, (start, end) in enumerate(sentence_spans(parsed_block.text)):
            source = parsed_block.text[start:end]
            key = segment_key(source, seen)
            segment = reuse.pop(key, None) if reuse is not None else None
            if segment is None:
                segment = Segment(key=key, source=source)
                document.segments.append(segment)
            segment.block, segment.position, segment.ordinal = block, index, len(segments)
            segment.start_offset, segment.end_offset = start, end
            segment.words = len(source.split())
            segments.append(segment)
    return segments


@dataclass(frozen=True)
class SourceFile:
    """A source file read and parsed, before any transaction (:func:`read_source`)."""

    parsed: ParsedCommentary
    checksum: str


def read_source(path: Path) -> SourceFile:
    """Read and parse ``path``: the part of an ingest that needs no database lock."""
    return SourceFile(read_commentary(path), _checksum(path))


def ingest_file(session: Session, path: Path, languages: Sequence[str], *,
                replace: bool = False, ingested_by: str | None = None,
                source: SourceFile | None = None) -> IngestResult:
    """Store one commentary; the same file twice changes nothing.

    A file whose text changed is left alone unless ``replace``: then segments
    whose sentence is unchanged keep their translations, sentences that changed
    a little (or were split or merged) keep theirs as ``needs_editing``, and the
    rest start afresh. Every stored version is a :class:`SourceRevision`.
    ``source``: the file already read (:func:`read_source`, outside the transaction).
    """
    source = source or read_source(path)
    parsed, checksum = source.parsed, source.checksum
    slug = slug_for(path)
    existing = session.scalars(select(Document).where(Document.slug == slug)).one_or_none()
    result = IngestResult(path=path, slug=slug, action="added", warnings=list(parsed.warnings),
                          parsed=parsed)
    if existing is not None and existing.checksum == checksum:
        result.action, result.segments = "unchanged", len(existing.segments)
        return result
    if existing is not None and not replace:
        result.action, result.segments = "changed", len(existing.segments)
        return result
    changes: Changes | None = None
    if existing is None:
        document = Document(slug=slug)
        _apply_metadata(document, parsed, path, checksum)
        segments = _build_blocks(document, parsed)
        session.add(document)
    else:
        document, changes = existing, Changes()
        parsed = _keep_edited_title(existing, parsed)
        segments = _replace_content(session, existing, parsed, result, changes)
        _apply_metadata(document, parsed, path, checksum)
        result.action, result.changes = "replaced", changes.counts()
    revision = record_revision(document, parsed, str(path), checksum, changes, ingested_by)
    result.revision = revision.number
    session.flush()
    ensure_translations(session, document, languages)
    ensure_for_document(session, document, languages)  # new wordings: site strings to translate
    session.flush()
    result.segments = len(segments)
    return result


def _keep_edited_title(document: Document, parsed: ParsedCommentary) -> ParsedCommentary:
    """An editor's headline stays the title block when the source is read again."""
    if "title" not in (document.edited_fields or "").split(",") or not document.title:
        return parsed
    body = [block for block in parsed.blocks if block.kind != "title"]
    return replace(parsed, title=document.title,
                   blocks=[ParsedBlock("title", document.title), *body])


def _replace_content(session: Session, document: Document, parsed: ParsedCommentary,
                     result: IngestResult, changes: Changes) -> list[Segment]:
    old_blocks = list(document.blocks)
    live = {segment.key: segment for segment in document.segments}
    revision = current_revision(document)
    with session.no_autoflush:
        segments = _build_blocks(document, parsed,
                                 reuse={**_removed_segments(session, document), **live})
        kept = {id(segment) for segment in segments}
        leftovers = {key: old for key, old in live.items() if id(old) not in kept}
        fresh = [segment for segment in segments if segment.id is None]
        for segment in fresh:
            segment.source_revision = revision
        carried = align_splits_and_merges(session, fresh, leftovers, changes)
        carried += _carry_over_changed(session, fresh, leftovers, changes)
    session.flush()
    result.needs_editing = [_change(new, old.source) for old, new in carried
                            if any(t.state == State.NEEDS_EDITING for t in new.translations)]
    result.restored = [_restore(session, segment) for segment in segments if segment.removed]
    changes.items += [{"op": "removed", "old": old.source, "new": None}
                      for old in leftovers.values() if id(old) not in changes.merged_away]
    result.removed = [_remove(session, old) for old in leftovers.values()]
    for old, new in carried:
        _move_comments(session, old, new)
        document.segments.remove(old)
    session.flush()
    for block in old_blocks:
        document.blocks.remove(block)
    session.flush()
    session.expire(document, ["segments"])
    return segments


def _removed_segments(session: Session, document: Document) -> dict[str, Segment]:
    """The document's segments whose sentences left the source earlier, by key."""
    rows = session.scalars(select(Segment).where(Segment.document_id == document.id,
                                                 Segment.removed.is_(True))
                           .options(selectinload(Segment.translations)))
    return {segment.key: segment for segment in rows}


def _work(segment: Segment) -> list[Translation]:
    return [t for t in segment.translations if t.state > State.UNTRANSLATED]


def _change(segment: Segment, was: str | None = None) -> SegmentChange:
    return SegmentChange(segment_id=segment.id, source=segment.source, previous_source=was,
                         work={t.lang: t.state.value
                               for t in sorted(_work(segment), key=lambda t: t.lang)})


def _note_history(session: Session, translation: Translation, note: str) -> None:
    """A revision that changes nothing but says what happened to the sentence."""
    revision = Revision(old_text=translation.text, new_text=translation.text,
                        old_state=translation.state, new_state=translation.state,
                        origin=translation.origin, note=note)
    revision.translation = translation
    session.add(revision)


def _remove(session: Session, segment: Segment) -> SegmentChange:
    """Mark a sentence that left the source removed; its translations stay, in history."""
    change = _change(segment)
    segment.removed, segment.block = True, None
    for translation in _work(segment):
        _note_history(session, translation, "sentence removed from the source; "
                                            "kept in case it comes back")
    return change


def _restore(session: Session, segment: Segment) -> SegmentChange:
    """A removed sentence is back in the source: so is its work, as it was."""
    segment.removed = False
    for translation in _work(segment):
        _note_history(session, translation, "sentence back in the source; restored")
    return _change(segment)


def _move_comments(session: Session, old: Segment, new: Segment) -> None:
    """Comments on a changed sentence follow its translations to the new version."""
    session.execute(update(Comment).where(Comment.segment_id == old.id)
                    .values(segment_id=new.id))


def _carry_over_changed(session: Session, fresh: list[Segment], leftovers: dict[str, Segment],
                        changes: Changes) -> list[tuple[Segment, Segment]]:
    """Give each new sentence not yet aligned the translations of its closest old one."""
    carried: list[tuple[Segment, Segment]] = []
    for segment in fresh:
        if id(segment) in changes.aligned:
            continue
        candidates = [old for old in leftovers.values() if id(old) not in changes.merged_away]
        old = _closest(segment.source, candidates) if candidates else None
        if old is None:
            changes.add("added", None, segment.source)
            continue
        carried.append((leftovers.pop(old.key), segment))
        carry_over(session, old, segment, note=f"source changed; it was: {old.source}")
        changes.add("changed", old.source, segment.source)
    return carried


def _closest(source: str, candidates: Any) -> Segment | None:
    best, best_ratio = None, CARRY_OVER_SIMILARITY
    for candidate in candidates:
        ratio = similarity(source, candidate.source, best_ratio)
        if ratio > best_ratio:
            best, best_ratio = candidate, ratio
    return best


def translation_dict(translation: Translation) -> dict[str, Any]:
    return {
        "state": translation.state.value,
        "text": translation.text,
        "origin": translation.origin,
        "version": translation.version,
        "mt_error": translation.mt_error,
        "unknown_words": (translation.unknown_words or "").split(),
        "flags": sorted(translation.flag_set),
        "source_basis": translation.source_basis,
        "updated_by": translation.updated_by.name if translation.updated_by else None,
        "updated_at": translation.updated_at.isoformat() if translation.updated_at else None,
    }


def removed_segments(session: Session, document: Document) -> list[Segment]:
    """Segments whose sentences left the source, kept with their work, in old order."""
    return sorted(_removed_segments(session, document).values(), key=lambda s: s.ordinal)


def _segment_dict(segment: Segment, languages: Sequence[str]) -> dict[str, Any]:
    translations = {t.lang: translation_dict(t) for t in segment.translations
                    if t.lang in languages}
    return {"id": segment.id, "key": segment.key, "source": segment.source,
            "previous_source": segment.previous_source,
            "source_revision": segment.source_revision, "translations": translations}


def document_dict(document: Document, languages: Sequence[str],
                  removed: Sequence[Segment] = ()) -> dict[str, Any]:
    """The document as ``tmgr show --json`` prints it."""
    blocks = [{"kind": block.kind, "text": block.text,
               "segments": [_segment_dict(segment, languages) for segment in block.segments]}
              for block in document.blocks]
    return {
        "slug": document.slug,
        "title": document.title,
        "section": document.section,
        "status_line": document.status_line,
        "author": document.author,
        "week": {"text": document.week_text,
                 "start": document.week_start.isoformat() if document.week_start else None,
                 "end": document.week_end.isoformat() if document.week_end else None},
        "deadline": document.deadline.isoformat() if document.deadline else None,
        "no_external_mt": document.no_external_mt,
        "source_path": document.source_path,
        "source_revision": max((r.number for r in document.source_revisions), default=None),
        "edited_fields": sorted(filter(None, (document.edited_fields or "").split(","))),
        "ingest_warnings": ingest_warnings(document),
        "blocks": blocks,
        "removed_segments": [_segment_dict(segment, languages) for segment in removed],
    }


#: which metadata field a reader warning is about (an editor's fix answers it)
_WARNING_FIELDS = (("no headline found", "title"), ("no week range", "week"),
                   ("week range ", "week"), ("no status line", "status_line"),
                   ("new status line", "status_line"), ("new section name", "section"))


def ingest_warnings(document: Document) -> list[str]:
    """What the reader reported about the current source, less what an editor fixed."""
    if not document.source_revisions:
        return []
    edited = set(filter(None, (document.edited_fields or "").split(",")))
    return [warning for warning in json.loads(document.source_revisions[-1].warnings or "[]")
            if not any(warning.startswith(prefix) and name in edited
                       for prefix, name in _WARNING_FIELDS)]
