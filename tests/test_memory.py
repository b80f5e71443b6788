"""Translation memory on SQLite and PostgreSQL: exact, in-context, fuzzy, TM units."""

from __future__ import annotations

import random
from datetime import UTC, datetime

from tmgr.documents.ingest import get_document
from tmgr.formats.model import MemoryPair
from tmgr.review.translations import change_translation
from tmgr.store.db import Database
from tmgr.store.models import State
from tmgr.tm.index import FuzzyIndex, Unit, brute_force
from tmgr.tm.memory import (
    add_tm_units,
    exact_matches,
    forget_tm_indexes,
    fuzzy_matches,
    iter_tm_units,
    segment_matches,
    tm_index,
)

WORDS = ("regime Minsk Lukashenka talks Ukraine West sanctions Kremlin border exports China "
         "army the of to in and is again once ready peace signals with its support").split()


def _approve(database: Database, slug: str, ordinal: int, lang: str, text: str) -> None:
    with database.transaction() as session:
        segment = get_document(session, slug).segments[ordinal]
        change_translation(session, segment.translation(lang), text=text,
                           state=State.APPROVED, origin="human")


def test_fuzzy_matches_find_edited_sentences_with_the_difference(
        database: Database, sample_doc: str) -> None:
    _approve(database, sample_doc, 1, "be", "Рэжым Лукашэнкі зноў сігналізуе пра гатоўнасць.")
    with database.transaction() as session:
        source = get_document(session, sample_doc).segments[1].source
        query = source.replace("once again", "again")
        matches = fuzzy_matches(session, query, "be")
    assert [m.target for m in matches] == ["Рэжым Лукашэнкі зноў сігналізуе пра гатоўнасць."]
    assert 75 <= matches[0].score < 100
    assert [(op, text.strip()) for op, text in matches[0].diff
            if op != "equal"] == [("delete", "once")]


def test_every_worker_sees_a_change_made_by_another(db_url: str, sample_doc: str) -> None:
    first, second = Database(db_url), Database(db_url)
    try:
        with first.transaction() as session:
            source = get_document(session, sample_doc).segments[2].source
            assert fuzzy_matches(session, source, "ru") == []
        _approve(second, sample_doc, 2, "ru", "Диктатор добивается гарантий.")
        with first.transaction() as session:
            assert [m.score for m in fuzzy_matches(session, source, "ru")] == [100.0]
        with second.transaction() as session:
            segment = get_document(session, sample_doc).segments[2]
            change_translation(session, segment.translation("ru"), text="Черновик.",
                               state=State.DRAFT, origin="human")
        with first.transaction() as session:
            assert fuzzy_matches(session, source, "ru") == []
    finally:
        first.dispose()
        second.dispose()


def test_in_context_match_scores_101(database: Database, sample_doc: str) -> None:
    _approve(database, sample_doc, 3, "be", "Мінск заклікае пачаць працэс як мага хутчэй.")
    with database.transaction() as session:
        document = get_document(session, sample_doc)
        segment = document.segments[3]
        assert [m.score for m in segment_matches(session, segment, "be")] == []  # itself
        context = (document.segments[2].source, document.segments[4].source)
        found = fuzzy_matches(session, segment.source, "be", context=context)
        plain = fuzzy_matches(session, segment.source, "be", context=("x", "y"))
    assert [m.score for m in found] == [101.0]
    assert [m.score for m in plain] == [100.0]


def test_tm_units_count_in_exact_and_fuzzy_lookups(database: Database) -> None:
    units = [MemoryPair("Minsk calls for talks.", "be", "Мінск заклікае да перамоў.",
                        origin="tmx:old.tmx", document="2019-archive"),
             MemoryPair("Minsk calls for talks.", "be", "Мінск заклікае да перамоў."),
             MemoryPair("Minsk calls for talks.", "ru", "Минск призывает к переговорам.")]
    with database.transaction() as session:
        assert add_tm_units(session, units) == 2
        assert add_tm_units(session, units) == 0
    with database.transaction() as session:
        assert exact_matches(session, ["Minsk calls for talks."], "be") == {
            "Minsk calls for talks.": "Мінск заклікае да перамоў."}
        found = fuzzy_matches(session, "Minsk calls for new talks.", "ru")
        listed = list(iter_tm_units(session, "be"))
    assert [(m.target, m.origin) for m in found] == [("Минск призывает к переговорам.",
                                                      "tm-unit")]
    assert [(u.source, u.document) for u in listed] == [("Minsk calls for talks.",
                                                          "2019-archive")]


def test_index_results_equal_a_brute_force_scan(database: Database) -> None:
    rng = random.Random(5)
    sentences = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 14)))
                 for _ in range(1500)]
    with database.transaction() as session:
        add_tm_units(session, [MemoryPair(s, "be", f"[be] {s}") for s in sentences])
    forget_tm_indexes()
    with database.transaction() as session:
        index = tm_index(session, "be")
        units = [index.unit(key) for key in index.keys()]
        for _ in range(60):
            words = rng.choice(sentences).split()
            words[rng.randrange(len(words))] = rng.choice(WORDS)
            query = " ".join(words)
            for threshold in (75, 90):
                expected = brute_force(units, query, limit=5, threshold=threshold)
                got = fuzzy_matches(session, query, "be", limit=5, threshold=threshold)
                assert [(h.unit.source, round(h.score, 1)) for h in expected] == \
                       [(m.source, m.score) for m in got]


def test_index_add_and_remove_keep_it_equal_to_a_scan() -> None:
    rng = random.Random(9)
    units = [Unit(("u", i), MemoryPair(" ".join(rng.choice(WORDS)
                                                for _ in range(rng.randint(3, 9))), "be", "t",
                                       changed_at=datetime.fromtimestamp(i, UTC)))
             for i in range(400)]
    index = FuzzyIndex.build(units[:200])
    index.add(units[200:])
    index.remove([("u", i) for i in range(0, 400, 3)])
    kept = [u for u in units if u.key[1] % 3]
    for unit in units[::7]:
        assert index.search(unit.source) == brute_force(kept, unit.source)
