"""Source revisions: what each re-ingest of a document changed, sentence by sentence.

Small functions the re-ingest (``tmgr.documents.ingest``) calls: record a
version, carry a changed sentence's translations over with the English they were
made from (the diff base), and align split and merged sentences to their
predecessors so their translations are offered, not dropped.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

from sqlalchemy.orm import Session

from tmgr.readers import ParsedCommentary
from tmgr.review.translations import change_translation
from tmgr.store.models import Document, Segment, SourceRevision, State, Translation

#: joined pieces at least this similar to their predecessor(s) are a split or a merge
ALIGN_SIMILARITY = 0.8
MAX_PIECES = 4


@dataclass
class Changes:
    """What a new version changed, as stored in ``SourceRevision.changes``."""

    items: list[dict[str, Any]] = field(default_factory=list)
    aligned: set[int] = field(default_factory=set)  # id() of new segments already matched
    merged_away: set[int] = field(default_factory=set)  # id() of old segments merged into one

    def add(self, op: str, old: Any, new: Any) -> None:
        self.items.append({"op": op, "old": old, "new": new})

    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for item in self.items:
            counts[item["op"]] = counts.get(item["op"], 0) + 1
        return counts


def record_revision(document: Document, parsed: ParsedCommentary, path: str, checksum: str,
                    changes: Changes | None, ingested_by: str | None) -> SourceRevision:
    """Add the next :class:`SourceRevision` of ``document``."""
    number = max((r.number for r in document.source_revisions), default=0) + 1
    revision = SourceRevision(
        number=number, ingested_by=ingested_by, path=path, checksum=checksum,
        dated=parsed.dated, warnings=json.dumps(parsed.warnings, ensure_ascii=False),
        captions=json.dumps(parsed.captions, ensure_ascii=False),
        changes=json.dumps(changes.items if changes else [], ensure_ascii=False))
    document.source_revisions.append(revision)
    return revision


def current_revision(document: Document) -> int:
    """The number of the version of ``document`` about to be stored (the next one)."""
    return max((r.number for r in document.source_revisions), default=0) + 1


def carry_over(session: Session, old: Segment, new: Segment, *, note: str) -> None:
    """Move ``old``'s translations to ``new`` for a second look (needs_editing).

    Each translation keeps the English it was made from as ``source_basis`` (the
    first changed version, not the last, when the English changed again since).
    """
    new.previous_source = old.source
    for translation in list(old.translations):
        new.translations.append(translation)
        mark_source_changed(session, translation, old.source, note)


def mark_source_changed(session: Session, translation: Translation, old_source: str,
                        note: str) -> None:
    """Flag a translation whose English changed; human work goes to needs_editing."""
    translation.set_flag("source-changed")
    if translation.state > State.UNTRANSLATED and translation.source_basis is None:
        translation.source_basis = old_source
    if translation.state > State.DRAFT:
        change_translation(session, translation, text=translation.text,
                           state=State.NEEDS_EDITING, origin=translation.origin, note=note)


#: up to this many characters a side, difflib's exact ratio (well under 0.1 s); longer
#: sentences are compared in linear time (issue 27: 14,000 characters took 16 s)
EXACT_SIMILARITY_LIMIT = 1500


def similarity(a: str, b: str, at_least: float = 0.0) -> float:
    """How alike two sentences are, from 0 to 1, in time bounded by their length.

    Short ones: difflib's character ratio (what a reader would call similar). Long
    ones: the Dice coefficient of their character trigrams, linear in the length.
    Below ``at_least`` the answer may be any lower number (cheap upper bounds first).
    """
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    if 2 * min(len(a), len(b)) / (len(a) + len(b)) < at_least:
        return 0.0  # the length ratio bounds both measures from above
    if max(len(a), len(b)) > EXACT_SIMILARITY_LIMIT:
        return _trigram_dice(a, b)
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if matcher.quick_ratio() < at_least:
        return 0.0
    return matcher.ratio()


def _trigram_dice(a: str, b: str) -> float:
    grams_a = Counter(a[i:i + 3] for i in range(len(a) - 2))
    grams_b = Counter(b[i:i + 3] for i in range(len(b) - 2))
    total = sum(grams_a.values()) + sum(grams_b.values())
    return 2 * sum((grams_a & grams_b).values()) / total if total else 0.0


def _similar(a: str, b: str) -> float:
    return similarity(a, b, ALIGN_SIMILARITY)


def _runs(items: Sequence[Segment]) -> Iterable[list[Segment]]:
    """Runs of 2..MAX_PIECES segments in a row (by reading order)."""
    for start in range(len(items)):
        for size in range(2, MAX_PIECES + 1):
            run = list(items[start:start + size])
            pairs = zip(run, run[1:], strict=False)
            if len(run) == size and all(b.ordinal == a.ordinal + 1 for a, b in pairs):
                yield run


def align_splits_and_merges(session: Session, fresh: Sequence[Segment],
                            leftovers: dict[str, Segment],
                            changes: Changes) -> list[tuple[Segment, Segment]]:
    """Match new sentences that split or merge old ones; return (old, new) pairs.

    A split: one old sentence ≈ several new ones in a row; its translations go to the
    first piece (needs_editing), every piece shows the old English. A merge: several
    old sentences in a row ≈ one new one; their translations are joined onto it; the
    first old segment pairs with it, the others stay in ``leftovers`` (marked in
    ``changes.merged_away``) for the caller to retire with their history.
    """
    used: list[Segment] = []
    pairs: list[tuple[Segment, Segment]] = []
    for old in sorted(leftovers.values(), key=lambda s: s.ordinal):
        pieces = next((run for run in _runs(fresh) if not _taken(run, changes)
                       and _similar(" ".join(s.source for s in run), old.source)
                       >= ALIGN_SIMILARITY), None)
        if pieces is None:
            continue
        carry_over(session, old, pieces[0],
                   note=f"source split into {len(pieces)} sentences; it was: {old.source}")
        for piece in pieces:
            piece.previous_source = old.source
            changes.aligned.add(id(piece))
        changes.add("split", old.source, [piece.source for piece in pieces])
        used.append(old)
        pairs.append((old, pieces[0]))
    for old in used:
        leftovers.pop(old.key)
    olds = sorted(leftovers.values(), key=lambda s: s.ordinal)
    for new in fresh:
        if id(new) in changes.aligned:
            continue
        run = next((run for run in _runs(olds) if not any(o in used for o in run)
                    and _similar(" ".join(s.source for s in run), new.source)
                    >= ALIGN_SIMILARITY), None)
        if run is not None:
            _merge_into(session, run, new)
            changes.aligned.add(id(new))
            changes.add("merged", [o.source for o in run], new.source)
            used += run
            pairs.append((run[0], new))
            leftovers.pop(run[0].key)
            changes.merged_away.update(id(old) for old in run[1:])
    return pairs


def _taken(run: Sequence[Segment], changes: Changes) -> bool:
    return any(id(segment) in changes.aligned for segment in run)


def _merge_into(session: Session, run: Sequence[Segment], new: Segment) -> None:
    joined = " ".join(old.source for old in run)
    first, rest = run[0], run[1:]
    texts: dict[str, list[str]] = {}
    for old in run:
        for translation in old.translations:
            if translation.text:
                texts.setdefault(translation.lang, []).append(translation.text)
    new.previous_source = joined
    for translation in list(first.translations):
        new.translations.append(translation)
        merged = " ".join(texts.get(translation.lang, []))
        translation.set_flag("source-changed")
        if merged and translation.source_basis is None:
            translation.source_basis = joined
        if merged:
            change_translation(session, translation, text=merged, state=State.NEEDS_EDITING,
                               origin=translation.origin,
                               note=f"{len(run)} sentences merged into one; they were: {joined}")
    del rest  # their translations were joined above; the old segments are retired


def revision_dict(revision: SourceRevision) -> dict[str, Any]:
    """One version of the source, as ``tmgr show --history --json`` prints it."""
    changes = json.loads(revision.changes or "[]")
    return {"number": revision.number, "created_at": revision.created_at.isoformat(),
            "ingested_by": revision.ingested_by, "path": revision.path,
            "checksum": revision.checksum, "dated": revision.dated,
            "warnings": json.loads(revision.warnings or "[]"),
            "captions": json.loads(revision.captions or "[]"), "changes": changes}
