"""The fuzzy index's candidate pruning never drops a match: it equals a brute-force scan.

Property tests at small sizes over a tiny vocabulary, so that texts share many
tokens (the hard case for the prefix filter and the shared-key count): short and
long texts, repeated tokens, thresholds from the lowest the index serves to 100,
units added and removed after the build, and the index read back from a snapshot;
and in a database, changes made after the stored snapshot (the change journal).
"""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from tmgr.formats.model import MemoryPair
from tmgr.store.db import Database
from tmgr.store.models import TMIndexSnapshot, TMUnit
from tmgr.tm.index import FuzzyIndex, Hit, Unit, brute_force
from tmgr.tm.memory import add_tm_units, forget_tm_indexes, source_hash, tm_index

WORDS = ["Minsk", "regime", "talks", "the", "of", ",", ".", "2024", "Kyiv", "border"]

texts = st.lists(st.sampled_from(WORDS), min_size=1, max_size=14).map(" ".join)
thresholds = st.sampled_from([75.0, 80.0, 85.0, 90.0, 95.0, 100.0])
SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def _units(sources: list[str], start: int = 0) -> list[Unit]:
    return [Unit(("u", start + i), MemoryPair(source, "be", f"[be] {source} {i}",
                                              changed_at=datetime.fromtimestamp(i, UTC)))
            for i, source in enumerate(sources)]


def _seen(hits: list[Hit]) -> list[tuple[object, float]]:
    return [(hit.unit.key, round(hit.score, 6)) for hit in hits]


@SETTINGS
@given(st.lists(texts, min_size=1, max_size=60), st.lists(texts, min_size=1, max_size=8),
       thresholds)
def test_a_look_up_finds_exactly_what_scoring_every_unit_finds(
        sources: list[str], queries: list[str], threshold: float) -> None:
    units = _units(sources)
    index = FuzzyIndex.build(units)
    for query in queries + sources[:3]:
        assert _seen(index.search(query, limit=5, threshold=threshold)) == \
            _seen(brute_force(units, query, limit=5, threshold=threshold))


@SETTINGS
@given(st.lists(texts, min_size=1, max_size=40), st.lists(texts, min_size=1, max_size=20),
       st.lists(texts, min_size=1, max_size=6), thresholds)
def test_units_added_and_removed_later_and_a_stored_index_answer_the_same(
        first: list[str], later: list[str], queries: list[str], threshold: float) -> None:
    units = _units(first) + _units(later, start=len(first))
    removed = {unit.key for unit in units[::3]}
    kept = [unit for unit in units if unit.key not in removed]

    built = FuzzyIndex.build(units[:len(first)])
    built.add(units[len(first):])
    built.remove(removed)
    stored = FuzzyIndex.from_bytes(FuzzyIndex.build(units[:len(first)]).to_bytes())
    assert stored is not None
    stored.add(units[len(first):])  # into the overlay of a snapshot read in place
    stored.remove(removed)
    for query in queries + later[:2]:
        expected = _seen(brute_force(kept, query, limit=5, threshold=threshold))
        assert _seen(built.search(query, limit=5, threshold=threshold)) == expected
        assert _seen(stored.search(query, limit=5, threshold=threshold)) == expected


def test_a_one_word_memory_still_finds_its_one_word_match() -> None:
    units = _units(["Minsk", "Minsk .", "talks", "the talks"])
    index = FuzzyIndex.from_bytes(FuzzyIndex.build(units).to_bytes())
    assert index is not None
    assert [hit.unit.source for hit in index.search("Minsk", threshold=75)] == ["Minsk"]
    assert [hit.unit.source for hit in index.search("talks", threshold=50)] == [
        "talks", "the talks"]


def test_a_match_exactly_at_the_threshold_is_found() -> None:
    """4 of 5 tokens is 80: a threshold of 80 keeps it (rapidfuzz's own cutoff rounding
    once dropped it, in the index and in its scan alike)."""
    units = _units(["Minsk Minsk Minsk Minsk"])
    index = FuzzyIndex.build(units)
    query = "Minsk Minsk Minsk Minsk Minsk"
    assert _seen(index.search(query, threshold=80.0)) == [(("u", 0), 80.0)]
    assert _seen(index.scan(query, threshold=80.0)) == [(("u", 0), 80.0)]


def test_a_very_long_segment_finds_itself_and_its_near_copy() -> None:
    words = [f"w{n % 300}" for n in range(1200)]  # more probed lists than a byte counts
    long_text = " ".join(words)
    near = " ".join(words[:-5] + ["x"] * 5)
    units = _units([long_text, near, "Minsk talks ."])
    index = FuzzyIndex.build(units)
    assert _seen(index.search(long_text)) == _seen(brute_force(units, long_text))
    assert [hit.unit.source for hit in index.search(long_text)] == [long_text, near]


# --- changes made to the memory after a stored snapshot (the database's change journal) ---

changes = st.lists(st.tuples(st.sampled_from(["add", "drop", "retarget", "resource", "move"]),
                             st.integers(min_value=0, max_value=10_000), texts),
                   min_size=1, max_size=25)


def _now_in_the_database(session: Session, lang: str) -> list[Unit]:
    """The memory as it is now, read straight from the table: what a scan must score."""
    rows = session.execute(select(TMUnit.id, TMUnit.source, TMUnit.target, TMUnit.document,
                                  TMUnit.origin, TMUnit.created_at)
                           .where(TMUnit.lang == lang)).all()
    return [Unit(("u", unit_id), MemoryPair(source, lang, target, changed_at=created_at,
                                            origin=origin, document=document or origin))
            for unit_id, source, target, document, origin, created_at in rows]


def _change(session: Session, kind: str, pick: int, text: str) -> None:
    ids = session.scalars(select(TMUnit.id).order_by(TMUnit.id)).all()
    unit_id = ids[pick % len(ids)] if ids else None
    if kind == "add" or unit_id is None:
        add_tm_units(session, [MemoryPair(text, "be", f"[be-later {pick}] {text}",
                                          changed_at=datetime.fromtimestamp(pick, UTC))])
    elif kind == "drop":
        session.execute(delete(TMUnit).where(TMUnit.id == unit_id))
    elif kind == "retarget":
        session.execute(update(TMUnit).where(TMUnit.id == unit_id)
                        .values(target=f"[be-edited {pick}] {text}"))
    elif kind == "resource":
        session.execute(update(TMUnit).where(TMUnit.id == unit_id)
                        .values(source=text, source_hash=source_hash(text)))
    else:  # to the other language and back: out of this index, then into it again
        session.execute(update(TMUnit).where(TMUnit.id == unit_id)
                        .values(lang="ru" if pick % 2 else "be"))


def _looked_up(database: Database, queries: list[str],
               threshold: float) -> tuple[list[list[tuple[object, float]]],
                                          list[list[tuple[object, float]]]]:
    with database.transaction() as session:
        index = tm_index(session, "be")
        now = _now_in_the_database(session, "be")
        return ([_seen(index.search(q, threshold=threshold)) for q in queries],
                [_seen(brute_force(now, q, threshold=threshold)) for q in queries])


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.lists(texts, min_size=1, max_size=30), changes, changes,
       st.lists(texts, min_size=1, max_size=5), thresholds)
def test_changes_after_a_stored_snapshot_answer_what_a_scan_of_the_memory_answers(
        database: Database, first: list[str], later: list[str], more: list[str],
        queries: list[str], threshold: float) -> None:
    """A new worker starts from the stored index and patches in what the change journal
    lists since (added, removed, edited, re-sourced units, units moved between languages);
    a running worker patches again after more changes: both equal a scan of the table."""
    with database.transaction() as session:  # each example starts from an empty memory
        session.execute(delete(TMUnit))
        session.execute(delete(TMIndexSnapshot))
        add_tm_units(session, [unit.pair for unit in _units(first)])
    forget_tm_indexes()
    _looked_up(database, queries, threshold)  # the first worker builds and stores the index
    for changed in (later, more):
        with database.transaction() as session:
            for kind, pick, text in changed:
                _change(session, kind, pick, text)
        if changed is later:
            forget_tm_indexes()  # a new worker: the stored snapshot, then the journal
        got, expected = _looked_up(database, queries + first[:2], threshold)
        assert got == expected
