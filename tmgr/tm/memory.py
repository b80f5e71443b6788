"""Translation memory: what the team has already approved, reused for new segments.

A TM unit is an approved translation (of a segment of ours) or a stored
:class:`~tmgr.store.models.TMUnit` (imported from TMX...). Look-ups: exact (100),
in-context (101: the neighbouring segments match too) and fuzzy (word-level
Levenshtein similarity, see :mod:`tmgr.tm.index`), with what differs.

Fuzzy look-ups use an in-process index per database and language, cached and
checked against the ``tm_generation`` label that database triggers change on
every TM change, so several workers stay correct.
"""

from __future__ import annotations

import hashlib
import logging
import marshal
import struct
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from typing import cast

from sqlalchemy import Connection, Engine, String, delete, event, func, insert, select
from sqlalchemy import cast as sql_cast
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, SessionTransaction

from tmgr.formats.model import MemoryPair
from tmgr.store.db import SQLITE_BUSY_TIMEOUT_MS
from tmgr.store.models import (
    Document,
    Segment,
    State,
    TMGeneration,
    TMIndexSnapshot,
    TMUnit,
    Translation,
    utcnow,
)
from tmgr.tm import journal, snapfile
from tmgr.tm.diff import Piece, word_diff
from tmgr.tm.index import FuzzyIndex, Hit, Unit

IN_CONTEXT = 101.0
EXACT = 100.0
_CHUNK = 500
_log = logging.getLogger(__name__)
_REBUILD_SHARE = 0.2  # rebuild instead of patching when this share of units changed
_PATCH_AT_MOST = 10_000  # journal entries patched in without counting the units first


def source_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def exact_matches(session: Session, sources: Iterable[str], lang: str,
                  exclude_segment_ids: Iterable[int] = ()) -> dict[str, str]:
    """Approved ``lang`` translations of exactly these English sentences (newest wins).

    Stored TM units count too, below the team's own approved translations.
    """
    wanted = set(sources)
    if not wanted:
        return {}
    found: dict[str, str] = {}
    hashes = {source_hash(source): source for source in wanted}
    units = (select(TMUnit.source, TMUnit.target)
             .where(TMUnit.lang == lang, TMUnit.source_hash.in_(hashes))
             .order_by(TMUnit.created_at, TMUnit.id))
    for source, target in session.execute(units):
        if source in wanted and target.strip():
            found[source] = target
    excluded = set(exclude_segment_ids)
    query = (select(Segment.id, Segment.source, Translation.text)
             .join(Translation, Translation.segment_id == Segment.id)
             .where(Translation.lang == lang, Translation.state == State.APPROVED,
                    Segment.source.in_(wanted))
             .order_by(Translation.updated_at))
    for segment_id, source, text in session.execute(query):
        if segment_id not in excluded and text.strip():
            found[source] = text
    return found


@dataclass(frozen=True)
class TMMatch:
    """A translation-memory hit: ``score`` is 0..100 (101 for an in-context match).

    ``diff`` says, word by word, how the TM source differs from the looked-up text
    (``(op, text)`` pieces of :func:`tmgr.tm.diff.word_diff`, computed once here).
    """

    source: str
    target: str
    score: float
    segment_id: int | None = None
    document: str | None = None
    diff: tuple[Piece, ...] = ()
    origin: str = "translation"  # or "tm-unit"
    unit_id: int | None = None  # the TMUnit id for origin "tm-unit"


def fuzzy_matches(session: Session, source: str, lang: str, *, limit: int = 5,
                  threshold: float = 75.0, exclude_segment_id: int | None = None,
                  context: tuple[str | None, str | None] | None = None) -> list[TMMatch]:
    """The ``limit`` most similar TM units of ``source`` in ``lang``, best first.

    ``context`` is (previous source, next source) of the looked-up segment: an
    exact match whose neighbours are the same scores 101.
    """
    index = tm_index(session, lang)
    exclude = None
    if exclude_segment_id is not None:
        def exclude(unit: Unit) -> bool:
            return unit.segment_id == exclude_segment_id
    hits = index.search(source, limit=limit, threshold=threshold, exclude=exclude)
    matches = [_match(hit, source) for hit in hits]
    if context is not None:
        matches = _mark_in_context(session, matches, context)
    return matches


def segment_matches(session: Session, segment: Segment, lang: str, *, limit: int = 5,
                    threshold: float = 75.0) -> list[TMMatch]:
    """TM matches for one of our segments: in context, exact and fuzzy, itself excluded."""
    return fuzzy_matches(session, segment.source, lang, limit=limit, threshold=threshold,
                         exclude_segment_id=segment.id,
                         context=segment_context(session, segment.document_id,
                                                 segment.ordinal))


def segment_context(session: Session, document_id: int,
                    ordinal: int) -> tuple[str | None, str | None]:
    """The sources of the segments before and after one segment of a document."""
    rows = session.execute(select(Segment.ordinal, Segment.source).where(
        Segment.document_id == document_id, Segment.removed.is_(False),
        Segment.ordinal.in_((ordinal - 1, ordinal + 1)))).all()
    found = dict(rows)
    return found.get(ordinal - 1), found.get(ordinal + 1)


def _match(hit: Hit, query: str) -> TMMatch:
    kind, key = cast(tuple[str, int], hit.unit.key)
    return TMMatch(source=hit.unit.source, target=hit.unit.target,
                   score=round(hit.score, 1), segment_id=hit.unit.segment_id,
                   document=hit.unit.document, diff=tuple(word_diff(hit.unit.source, query)),
                   origin="translation" if kind == "t" else "tm-unit",
                   unit_id=key if kind == "u" else None)


def _mark_in_context(session: Session, matches: list[TMMatch],
                     context: tuple[str | None, str | None]) -> list[TMMatch]:
    marked = []
    for match in matches:
        if match.score == EXACT and _unit_context(session, match) == tuple(context):
            match = replace(match, score=IN_CONTEXT)
        marked.append(match)
    return sorted(marked, key=lambda m: -m.score)  # stable: ties keep their order


def _unit_context(session: Session, match: TMMatch) -> tuple[str | None, str | None]:
    if match.unit_id is not None:
        unit = session.get(TMUnit, match.unit_id)
        return (unit.context_before, unit.context_after) if unit else (None, None)
    segment = session.get(Segment, match.segment_id) if match.segment_id else None
    if segment is None:
        return None, None
    return segment_context(session, segment.document_id, segment.ordinal)


# --- TM units that are not segments (TMX import and export) ----------------------

def TMEntry(source: str, target: str, lang: str, origin: str | None = None,  # noqa: N802
            document: str | None = None, created_at: datetime | None = None,
            context_before: str | None = None,
            context_after: str | None = None) -> MemoryPair:
    """The old name and argument order of :class:`MemoryPair`, kept for existing callers."""
    return MemoryPair(source, lang, target, changed_at=created_at, origin=origin,
                      document=document, context_before=context_before,
                      context_after=context_after)


def add_tm_units(session: Session, units: Iterable[MemoryPair]) -> int:
    """Store units (TMX import...); skip empty ones and ones already stored. Returns how many.

    One query per 500 distinct sentences finds what is stored, and one multi-row
    INSERT adds the rest: linear in the number of units.
    """
    wanted = [u for u in units if u.source.strip() and u.target.strip()]
    hashes = sorted({source_hash(u.source) for u in wanted})
    stored: set[tuple[str, str, str]] = set()
    for start in range(0, len(hashes), _HASH_BATCH):
        stored.update((digest, lang, target) for digest, lang, target in session.execute(
            select(TMUnit.source_hash, TMUnit.lang, TMUnit.target)
            .where(TMUnit.source_hash.in_(hashes[start:start + _HASH_BATCH]))))
    rows = []
    for unit in wanted:
        key = (source_hash(unit.source), unit.lang, unit.target)
        if key in stored:
            continue
        stored.add(key)
        rows.append({"source": unit.source, "source_hash": key[0], "target": unit.target,
                     "lang": unit.lang, "origin": unit.origin, "document": unit.document,
                     "context_before": unit.context_before,
                     "context_after": unit.context_after,
                     "created_at": unit.changed_at or utcnow(),
                     "changed_by": (unit.changed_by or None) and unit.changed_by[:200]})
    if rows:
        session.execute(insert(TMUnit), rows)
    session.flush()
    return len(rows)


_HASH_BATCH = 500


def iter_tm_units(session: Session, lang: str | None = None) -> Iterator[MemoryPair]:
    """Every TM unit: approved translations (with their neighbours) then stored units."""
    documents = session.execute(select(Document.id, Document.slug).order_by(Document.slug))
    for document_id, slug in documents.all():
        sources = dict(session.execute(select(Segment.ordinal, Segment.source).where(
            Segment.document_id == document_id, Segment.removed.is_(False))).all())
        query = (select(Segment.ordinal, Segment.source, Translation.text, Translation.lang,
                        Translation.updated_at)
                 .join(Translation, Translation.segment_id == Segment.id)
                 .where(Segment.document_id == document_id,
                        Translation.state == State.APPROVED)
                 .order_by(Segment.ordinal, Translation.lang))
        if lang is not None:
            query = query.where(Translation.lang == lang)
        for ordinal, source, text, unit_lang, updated_at in session.execute(query):
            if text.strip():
                yield MemoryPair(source, unit_lang, text, changed_at=updated_at,
                                 origin="tmgr", document=slug,
                                 context_before=sources.get(ordinal - 1),
                                 context_after=sources.get(ordinal + 1))
    units = select(TMUnit).order_by(TMUnit.id)
    if lang is not None:
        units = units.where(TMUnit.lang == lang)
    for unit in session.scalars(units):
        yield MemoryPair(unit.source, unit.lang, unit.target, changed_at=unit.created_at,
                         changed_by=unit.changed_by, origin=unit.origin, document=unit.document,
                         context_before=unit.context_before,
                         context_after=unit.context_after)


# --- the cached fuzzy index ------------------------------------------------------

# What each unit looks like, by kind ("t": an approved translation, "u": a stored unit)
# and id: plain dicts, so a snapshot's load and the comparison with now run in C.
_Fingerprints = dict[str, dict[int, str]]


@dataclass
class _Cached:
    index: FuzzyIndex
    label: tuple[int, int]
    #: the change journal's position the index holds (None: a snapshot of an older
    #: layout, patched once by comparing ``fingerprints``)
    journal: int | None
    fingerprints: bytes = b""  # as an older snapshot stored them, read when needed
    changed_since_snapshot: int = 0


_cache: dict[tuple[str, str], _Cached] = {}
_lock = threading.Lock()
_SNAPSHOT_AFTER = 2000  # units patched in since the stored snapshot before storing anew
_SNAPSHOT_LOCK_WAIT_MS = 200  # SQLite: how long storing a snapshot may wait for the lock
#: a stored snapshot: the index's length, the index (read in place), the fingerprints
_FRAME = struct.Struct("<Q")
#: what a snapshot stores after the index now: its journal position instead of
#: fingerprints (an older worker cannot read it as fingerprints, so it rebuilds). Read
#: from the snapshot's tail, not from the row's ``journal`` column: SQLite keeps that
#: column after the blob, and reading it walks every overflow page of the blob.
_POSITION = struct.Struct("<8sQ")
_POSITION_MARK = b"TMGRJNL1"


def tm_index(session: Session, lang: str) -> FuzzyIndex:
    """The fuzzy index of ``lang``'s TM, rebuilt or patched when the TM label changed.

    A worker's first look-up starts from the snapshot stored in the database
    (:class:`~tmgr.store.models.TMIndexSnapshot`) when there is one: as it is if the TM
    has not changed since, patched with what the change journal
    (:mod:`tmgr.tm.journal`) lists since otherwise. A full build stores a new snapshot.
    """
    # the journal's position in the same statement: the memory is at least that new
    row = session.execute(select(TMGeneration.generation, TMGeneration.epoch,
                                 journal.newest()).where(TMGeneration.id == 1)).one_or_none()
    label = None if row is None else (int(row[0]), int(row[1]))
    upto = 0 if row is None else int(row[2] or 0)
    cache_key = (session.get_bind().engine.url.render_as_string(hide_password=False), lang)
    with _lock:
        cached = _cache.get(cache_key)
        if cached is not None and label is not None and cached.label == label:
            return cached.index
        if cached is None and label is not None:
            cached = _from_snapshot(session, lang)
            if cached is not None and cached.label == label:
                if cached.journal is None:  # an older layout's, of the memory as it is now
                    cached.journal, cached.changed_since_snapshot = upto, _SNAPSHOT_AFTER
                    _store_after(session, lang, cached, label)  # stored with its position
                _cache[cache_key] = cached
                return cached.index
        cached = _refresh(session, lang, cached, label, upto)
        if label is not None and cached.changed_since_snapshot >= _SNAPSHOT_AFTER:
            _store_after(session, lang, cached, label)
        if label is not None:
            cached.label = label
            _cache[cache_key] = cached
        return cached.index


def forget_tm_indexes() -> None:
    """Drop every cached index (tests, or after restoring a database from a backup)."""
    with _lock:
        _cache.clear()


def _refresh(session: Session, lang: str, cached: _Cached | None,
             label: tuple[int, int] | None, upto: int) -> _Cached:
    """The index brought up to date to journal position ``upto`` (read before the
    units: see :mod:`tmgr.tm.journal`): patched from the journal, else rebuilt."""
    if cached is None or label is None or cached.label[1] != label[1]:
        return _build(session, lang, upto)
    if cached.journal is None:  # a snapshot of the older layout: compare fingerprints once
        return _patch(session, lang, cached, _fingerprints(session, lang), upto)
    patched = _patch_from_journal(session, lang, cached, upto)
    if patched is None:  # pruned past this worker's index: the stored one is newer
        stored = _from_snapshot(session, lang)
        if stored is not None and stored.label[1] == label[1] and stored.journal is not None:
            patched = _patch_from_journal(session, lang, stored, upto)
    return patched if patched is not None else _build(session, lang, upto)


def _patch_from_journal(session: Session, lang: str, cached: _Cached,
                        upto: int) -> _Cached | None:
    """Apply the journal's changes after the index's position; None if some are gone."""
    since = cast(int, cached.journal)
    if upto < since or not journal.complete_after(session, since):
        return None
    keys = journal.changed(session, lang, since, upto)
    if len(keys) > _PATCH_AT_MOST and len(keys) > _REBUILD_SHARE * max(
            _unit_count(session, lang), 1):
        return _build(session, lang, upto)
    cached.index.remove(keys)
    cached.index.add(_load_units(session, lang, keys=keys))
    cached.journal = upto
    cached.changed_since_snapshot += len(keys)
    return cached


def _unit_count(session: Session, lang: str) -> int:
    translations = select(func.count()).select_from(Translation).where(
        Translation.lang == lang, Translation.state == State.APPROVED)
    units = select(func.count()).select_from(TMUnit).where(TMUnit.lang == lang)
    return int(session.scalar(translations) or 0) + int(session.scalar(units) or 0)


def _from_snapshot(session: Session, lang: str) -> _Cached | None:
    """The stored index: mapped from its file when there is one, else read from the row."""
    stored = session.execute(select(TMIndexSnapshot.generation, TMIndexSnapshot.epoch,
                                    func.length(TMIndexSnapshot.data))
                             .where(TMIndexSnapshot.lang == lang)).one_or_none()
    if stored is None:
        return None
    label = (int(stored[0]), int(stored[1]))
    folder = snapfile.folder_for(session.get_bind().engine)
    view = snapfile.read(folder, lang, (*label, int(stored[2] or 0)))
    if view is None:
        data = session.scalar(select(TMIndexSnapshot.data).where(
            TMIndexSnapshot.lang == lang, TMIndexSnapshot.generation == label[0],
            TMIndexSnapshot.epoch == label[1]))
        if data is None:
            return None
        snapfile.write(folder, lang, (*label, len(data)), data)  # the next worker maps it
        view = memoryview(data)
    (size,) = _FRAME.unpack_from(view) if len(view) >= _FRAME.size else (-1,)
    if not 0 <= size <= len(view) - _FRAME.size:
        return None
    index = FuzzyIndex.from_bytes(view[_FRAME.size:_FRAME.size + size])
    if index is None:
        return None
    tail = view[_FRAME.size + size:]
    if len(tail) == _POSITION.size and bytes(tail[:len(_POSITION_MARK)]) == _POSITION_MARK:
        return _Cached(index, label, _POSITION.unpack(tail)[1])
    return _Cached(index, label, None, bytes(tail))  # an older layout: its fingerprints


def _store_after(session: Session, lang: str, cached: _Cached,
                 label: tuple[int, int]) -> None:
    """Store the index once the caller's transaction is over (it may hold the write lock).

    The bytes are taken now, so they are the index as of ``label``.
    """
    raw_index = cached.index.to_bytes()
    position = cached.journal
    data = b"".join((_FRAME.pack(len(raw_index)), raw_index,
                     _POSITION.pack(_POSITION_MARK, position or 0)))
    engine = session.get_bind().engine

    def store(_session: Session, transaction: SessionTransaction) -> None:
        if transaction.parent is None and _store_snapshot(engine, lang, data, label,
                                                          position):
            cached.changed_since_snapshot = 0

    event.listen(session, "after_transaction_end", store, once=True)


def _store_snapshot(engine: Engine, lang: str, data: bytes, label: tuple[int, int],
                    position: int | None) -> bool:
    """Store a snapshot on its own short transaction; False if that is not possible now.

    Best effort, never waiting long for a lock: the next build tries again.
    """
    sqlite = engine.dialect.name == "sqlite"
    try:
        with engine.connect() as connection:
            if sqlite:  # on the driver's connection: no transaction begins for it
                _driver_sql(connection, f"PRAGMA busy_timeout={_SNAPSHOT_LOCK_WAIT_MS}")
            try:
                with connection.begin():
                    connection.execute(delete(TMIndexSnapshot)
                                       .where(TMIndexSnapshot.lang == lang))
                    connection.execute(insert(TMIndexSnapshot).values(
                        lang=lang, generation=label[0], epoch=label[1], data=data,
                        created_at=utcnow(), journal=position))
                    journal.prune(connection)
            finally:
                if sqlite:
                    _driver_sql(connection, f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    except SQLAlchemyError as exc:
        _log.info("TM index snapshot for %s not stored now: %s", lang, exc)
        return False
    snapfile.write(snapfile.folder_for(engine), lang, (*label, len(data)), data)
    return True


def _driver_sql(connection: Connection, sql: str) -> None:
    cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(sql)
    finally:
        cursor.close()


def _fingerprint_dict(fingerprints: bytes) -> _Fingerprints:
    found = marshal.loads(fingerprints)
    if not isinstance(found, dict) or set(found) != {"t", "u"}:
        raise ValueError("fingerprints of another layout")
    return found


def _fingerprints(session: Session, lang: str) -> _Fingerprints:
    """What each unit of ``lang`` looks like now, to tell which ones changed.

    The stored moments are read as text (no parsing into datetimes, which would cost
    more than the query at 200,000 units) and joined to the version in SQL.
    """
    translations = select(Translation.id, sql_cast(Translation.version, String) + "|"
                          + sql_cast(Translation.updated_at, String)) \
        .where(Translation.lang == lang, Translation.state == State.APPROVED)
    units = select(TMUnit.id, sql_cast(TMUnit.created_at, String)).where(TMUnit.lang == lang)
    return {"t": dict(session.execute(translations).all()),
            "u": dict(session.execute(units).all())}


def _build(session: Session, lang: str, upto: int) -> _Cached:
    units = list(_load_units(session, lang, keys=None))
    # A full build is always worth storing (also when a patch turned into one).
    return _Cached(FuzzyIndex.build(units), (0, 0), upto,
                   changed_since_snapshot=_SNAPSHOT_AFTER)


def _patch(session: Session, lang: str, cached: _Cached,
           fingerprints: _Fingerprints, upto: int) -> _Cached:
    """Patch an older layout's snapshot by comparing every unit's fingerprint (once)."""
    try:
        old = _fingerprint_dict(cached.fingerprints)
    except (EOFError, ValueError, TypeError):
        return _build(session, lang, upto)
    gone: list[tuple[str, int]] = []
    fresh: list[tuple[str, int]] = []
    for kind, now in fingerprints.items():
        then = old[kind]
        for key in {key for key, _ in then.items() ^ now.items()}:  # added, changed, gone
            if key in then:
                gone.append((kind, key))
            if key in now:
                fresh.append((kind, key))
    total = sum(len(now) for now in fingerprints.values())
    if len(gone) + len(fresh) > _REBUILD_SHARE * max(total, 1):
        return _build(session, lang, upto)
    cached.index.remove(gone)
    cached.index.add(_load_units(session, lang, keys=fresh))
    cached.fingerprints, cached.journal = b"", upto
    # stored anew at once, with its journal position, so no worker compares again
    cached.changed_since_snapshot = _SNAPSHOT_AFTER
    return cached


def _load_units(session: Session, lang: str,
                keys: list[tuple[str, int]] | None) -> Iterator[Unit]:
    """Units of ``lang`` (all, or just these keys) ready for the index."""
    wanted = {"t": None, "u": None} if keys is None else {
        "t": [k for kind, k in keys if kind == "t"], "u": [k for kind, k in keys if kind == "u"]}
    for kind, ids in wanted.items():
        if ids == []:
            continue
        chunks = [None] if ids is None else [ids[i:i + _CHUNK]
                                             for i in range(0, len(ids), _CHUNK)]
        for chunk in chunks:
            yield from (_unit_rows(session, lang, chunk) if kind == "t"
                        else _tm_unit_rows(session, lang, chunk))


def _unit_rows(session: Session, lang: str, ids: list[int] | None) -> Iterator[Unit]:
    query = (select(Translation.id, Segment.id, Segment.source, Translation.text,
                    Document.slug, Translation.updated_at)
             .join(Segment, Translation.segment_id == Segment.id)
             .join(Document, Document.id == Segment.document_id)
             .where(Translation.lang == lang, Translation.state == State.APPROVED))
    if ids is not None:
        query = query.where(Translation.id.in_(ids))
    for translation_id, segment_id, source, text, slug, updated_at in session.execute(query):
        if text.strip():
            yield Unit(("t", translation_id),
                       MemoryPair(source, lang, text, changed_at=updated_at, document=slug),
                       segment_id)


def _tm_unit_rows(session: Session, lang: str, ids: list[int] | None) -> Iterator[Unit]:
    query = (select(TMUnit.id, TMUnit.source, TMUnit.target, TMUnit.document, TMUnit.origin,
                    TMUnit.created_at).where(TMUnit.lang == lang))
    if ids is not None:
        query = query.where(TMUnit.id.in_(ids))
    for unit_id, source, target, document, origin, created_at in session.execute(query):
        yield Unit(("u", unit_id), MemoryPair(source, lang, target, changed_at=created_at,
                                              origin=origin, document=document or origin))


__all__ = ["EXACT", "IN_CONTEXT", "MemoryPair", "TMEntry", "TMMatch", "add_tm_units",
           "exact_matches", "forget_tm_indexes", "fuzzy_matches", "iter_tm_units",
           "segment_context", "segment_matches", "tm_index"]
