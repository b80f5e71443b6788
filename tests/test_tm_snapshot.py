"""A worker starts from the TM index stored in the database, and answers what a scan answers."""

from __future__ import annotations

import marshal
import random
from pathlib import Path

import pytest
from sqlalchemy import select, update

from tests.test_migrations import _legacy_url
from tmgr.formats.model import MemoryPair
from tmgr.store.db import Database
from tmgr.store.models import Segment, State, TMGeneration, TMIndexSnapshot, Translation
from tmgr.tm import snapfile
from tmgr.tm.index import brute_force
from tmgr.tm.memory import add_tm_units, forget_tm_indexes, fuzzy_matches, tm_index

WORDS = ("regime Minsk Lukashenka talks Ukraine West sanctions Kremlin border exports "
         "China opposition prisoners election week said again new the of and").split()


def _sentences(rng: random.Random, count: int) -> list[str]:
    return [" ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 12)))
            for _ in range(count)]


def _queries(rng: random.Random, sentences: list[str], count: int) -> list[str]:
    found = []
    for _ in range(count):
        words = rng.choice(sentences).split()
        words[rng.randrange(len(words))] = rng.choice(WORDS)
        found.append(" ".join(words))
    return found


def _answers(database: Database, queries: list[str]) -> list[list[tuple[str, str, float]]]:
    with database.transaction() as session:
        return [[(m.source, m.target, m.score) for m in fuzzy_matches(session, q, "be")]
                for q in queries]


def _scanned(database: Database, queries: list[str]) -> list[list[tuple[str, str, float]]]:
    """What a brute-force scan over a freshly built index says."""
    forget_tm_indexes()
    with database.transaction() as session:
        session.execute(update(TMIndexSnapshot).values(data=b"stale"))  # so: built afresh
        index = tm_index(session, "be")
        units = [index.unit(key) for key in index.keys()]
        session.rollback()
    return [[(h.unit.source, h.unit.target, round(h.score, 1))
             for h in brute_force(units, q, limit=5, threshold=75)] for q in queries]


def _label(database: Database) -> tuple[int, int]:
    with database.transaction() as session:
        row = session.execute(select(TMGeneration.generation, TMGeneration.epoch)).one()
    return int(row[0]), int(row[1])


def _snapshot_label(database: Database) -> tuple[int, int] | None:
    with database.transaction() as session:
        row = session.execute(select(TMIndexSnapshot.generation, TMIndexSnapshot.epoch)
                              .where(TMIndexSnapshot.lang == "be")).one_or_none()
    return None if row is None else (int(row[0]), int(row[1]))


def test_a_new_worker_answers_from_the_stored_index(database: Database) -> None:
    rng = random.Random(11)
    sentences = _sentences(rng, 800)
    with database.transaction() as session:
        add_tm_units(session, [MemoryPair(s, "be", f"[be] {s}") for s in sentences])
    queries = _queries(rng, sentences, 40)
    forget_tm_indexes()
    first = _answers(database, queries)
    assert _snapshot_label(database) == _label(database)  # the build was stored
    forget_tm_indexes()  # a new worker
    assert _answers(database, queries) == first
    assert first == _scanned(database, queries)
    assert any(first)


def test_changes_made_after_the_snapshot_are_seen_by_a_new_worker(database: Database) -> None:
    rng = random.Random(12)
    sentences = _sentences(rng, 600)
    with database.transaction() as session:
        add_tm_units(session, [MemoryPair(s, "be", f"[be] {s}") for s in sentences])
    forget_tm_indexes()
    _answers(database, ["Minsk talks again"])
    stored = _snapshot_label(database)
    extra = _sentences(random.Random(13), 30)
    with database.transaction() as session:
        add_tm_units(session, [MemoryPair(s, "be", f"[be-new] {s}") for s in extra])
    assert _label(database) != stored
    forget_tm_indexes()
    got = _answers(database, extra)
    assert all(any(target == f"[be-new] {q}" and score == 100.0 for _, target, score in hits)
               for q, hits in zip(extra, got, strict=True))
    assert got == _scanned(database, extra)


def test_an_unreadable_snapshot_is_rebuilt_not_trusted(database: Database) -> None:
    rng = random.Random(14)
    sentences = _sentences(rng, 300)
    with database.transaction() as session:
        add_tm_units(session, [MemoryPair(s, "be", f"[be] {s}") for s in sentences])
    forget_tm_indexes()
    queries = _queries(rng, sentences, 20)
    expected = _answers(database, queries)
    with database.transaction() as session:
        session.execute(update(TMIndexSnapshot).values(data=b"\x00not an index"))
    forget_tm_indexes()
    assert _answers(database, queries) == expected


def test_an_upgraded_010_database_gets_its_first_snapshot_from_its_own_memory(
        backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    """Migration i15_1 adds an empty snapshot table; the first look-up fills it from the
    0.1.0 rows, and a new worker then answers the same from it."""
    database = Database(_legacy_url(backend, tmp_path, request))
    try:
        database.upgrade()
        with database.transaction() as session:
            assert session.scalars(select(TMIndexSnapshot)).all() == []
            approved = session.execute(
                select(Segment.source, Translation.text).join(Translation)
                .where(Translation.state == State.APPROVED, Translation.lang == "be")).all()
        assert approved, "the 0.1.0 fixture has approved Belarusian translations"
        queries = [source for source, _ in approved]
        forget_tm_indexes()
        first = _answers(database, queries)
        assert all(any(score == 100.0 for _, _, score in hits) for hits in first)
        assert _snapshot_label(database) == _label(database)
        forget_tm_indexes()
        assert _answers(database, queries) == first
    finally:
        forget_tm_indexes()
        database.dispose()


def test_units_removed_and_replaced_after_the_snapshot_are_gone_for_a_new_worker(
        database: Database) -> None:
    """A new worker patches the stored index (removed, changed and added units) without
    decoding it whole: its answers still equal a scan of the memory as it is now."""
    from sqlalchemy import delete

    from tmgr.store.models import TMUnit

    rng = random.Random(15)
    sentences = _sentences(rng, 500)
    with database.transaction() as session:
        add_tm_units(session, [MemoryPair(s, "be", f"[be] {s}") for s in sentences])
    forget_tm_indexes()
    _answers(database, ["Minsk talks again"])  # builds and stores the snapshot
    stored = _snapshot_label(database)
    dropped = sentences[:10]
    with database.transaction() as session:
        session.execute(delete(TMUnit).where(TMUnit.source.in_(dropped)))
        add_tm_units(session, [MemoryPair(s, "be", f"[be-again] {s}") for s in dropped[:5]])
    assert _label(database) != stored
    queries = dropped + _queries(rng, sentences, 20)
    forget_tm_indexes()  # a new worker: the stored index plus what changed since
    got = _answers(database, queries)
    assert got == _scanned(database, queries)
    for source, hits in zip(dropped, got, strict=False):
        exact = [target for hit_source, target, _ in hits if hit_source == source]
        assert exact == ([f"[be-again] {source}"] if source in dropped[:5] else [])


def test_a_new_worker_maps_the_snapshot_file_beside_a_sqlite_database(
        database: Database) -> None:
    folder = snapfile.folder_for(database.engine)
    if folder is None:
        pytest.skip("snapshot files are kept beside SQLite databases only")
    rng = random.Random(21)
    sentences = _sentences(rng, 500)
    with database.transaction() as session:
        add_tm_units(session, [MemoryPair(s, "be", f"[be] {s}") for s in sentences])
    queries = _queries(rng, sentences, 20)
    forget_tm_indexes()
    expected = _answers(database, queries)
    files = list(folder.glob("be-*.snapshot"))
    assert len(files) == 1

    forget_tm_indexes()  # a new worker: from the file
    assert _answers(database, queries) == expected
    files[0].unlink()
    forget_tm_indexes()  # no file: from the database, and the file is written again
    assert _answers(database, queries) == expected
    assert [f.name for f in folder.glob("be-*.snapshot")] == [files[0].name]
    files[0].write_bytes(b"\x00garbage" * 10)
    forget_tm_indexes()  # a damaged file is not trusted
    assert _answers(database, queries) == expected == _scanned(database, queries)


def test_approved_translations_changed_after_the_snapshot_are_seen_by_a_new_worker(
        database: Database, sample_doc: str) -> None:
    """Approving, editing and un-approving translations after the snapshot: the change
    journal lists them, and a new worker's answers follow (and equal a scan)."""
    from tmgr.documents.ingest import get_document
    from tmgr.review.translations import change_translation

    def set_translation(ordinal: int, text: str, state: State) -> str:
        with database.transaction() as session:
            segment = get_document(session, sample_doc).segments[ordinal]
            change_translation(session, segment.translation("be"), text=text, state=state,
                               origin="human")
            return segment.source

    first = set_translation(1, "Рэжым зноў сігналізуе.", State.APPROVED)
    second = set_translation(2, "Дыктатар шукае гарантый.", State.APPROVED)
    forget_tm_indexes()
    assert [target for _, target, score in _answers(database, [first])[0]
            if score >= 100] == ["Рэжым зноў сігналізуе."]
    third = set_translation(3, "Захад чакае.", State.APPROVED)
    set_translation(1, "Рэжым Лукашэнкі зноў сігналізуе.", State.APPROVED)
    set_translation(2, "Чарнавік.", State.DRAFT)
    forget_tm_indexes()  # a new worker: the stored index plus the journal's changes
    got = _answers(database, [first, second, third])
    assert [[target for _, target, score in hits if score >= 100] for hits in got] == [
        ["Рэжым Лукашэнкі зноў сігналізуе."], [], ["Захад чакае."]]
    assert got == _scanned(database, [first, second, third])


def test_a_worker_behind_a_pruned_journal_starts_again_from_the_newer_snapshot(
        database: Database) -> None:
    """Storing a snapshot prunes the journal rows every snapshot holds; a worker whose
    index is older than what is left cannot patch from it and must not miss a change."""
    from tmgr.store.models import TMChange
    from tmgr.tm import memory

    rng = random.Random(31)
    sentences = _sentences(rng, 300)
    with database.transaction() as session:
        add_tm_units(session, [MemoryPair(s, "be", f"[be] {s}") for s in sentences])
    forget_tm_indexes()
    _answers(database, ["Minsk talks again"])
    behind = dict(memory._cache)  # this worker's index, at the snapshot's position
    middle = _sentences(random.Random(32), 20)
    with database.transaction() as session:
        add_tm_units(session, [MemoryPair(s, "be", f"[be-middle] {s}") for s in middle])
    _scanned(database, [])  # another worker rebuilds and stores a newer snapshot: pruned
    with database.transaction() as session:
        oldest = session.scalar(select(TMChange.id).order_by(TMChange.id))
        newest = session.scalar(select(TMIndexSnapshot.journal))
    assert oldest == newest  # only the row at the newest snapshot's position is left
    late = _sentences(random.Random(33), 5)
    with database.transaction() as session:
        add_tm_units(session, [MemoryPair(s, "be", f"[be-late] {s}") for s in late])
    memory._cache.clear()
    memory._cache.update(behind)
    queries = middle[:5] + late
    got = _answers(database, queries)
    assert got == _scanned(database, queries)
    assert all(any(score == 100.0 for _, _, score in hits) for hits in got)


def test_a_snapshot_stored_before_the_journal_is_stored_again_with_its_position(
        database: Database) -> None:
    """A snapshot of the older layout (no journal position) of the memory as it is now
    is stored again with the journal's position, so later changes are patched in."""
    rng = random.Random(41)
    sentences = _sentences(rng, 300)
    with database.transaction() as session:
        add_tm_units(session, [MemoryPair(s, "be", f"[be] {s}") for s in sentences])
    forget_tm_indexes()
    queries = _queries(rng, sentences, 10)
    expected = _answers(database, queries)
    with database.transaction() as session:  # as an older worker stored it
        data = session.scalar(select(TMIndexSnapshot.data))
        assert data is not None and data[-16:-8] == b"TMGRJNL1"
        session.execute(update(TMIndexSnapshot).values(
            journal=None, data=data[:-16] + marshal.dumps({"t": {}, "u": {}})))
    forget_tm_indexes()
    assert _answers(database, queries) == expected
    with database.transaction() as session:
        assert session.scalar(select(TMIndexSnapshot.journal)) is not None
        assert session.scalar(select(TMIndexSnapshot.data))[-16:-8] == b"TMGRJNL1"
    late = _sentences(random.Random(42), 5)
    with database.transaction() as session:
        add_tm_units(session, [MemoryPair(s, "be", f"[be-late] {s}") for s in late])
    forget_tm_indexes()
    got = _answers(database, late)
    assert all(any(t == f"[be-late] {q}" for _, t, _ in hits)
               for q, hits in zip(late, got, strict=True))
    assert got == _scanned(database, late)
