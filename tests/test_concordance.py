"""Concordance: a word or phrase in any form, in English, Belarusian or Russian, ranked."""

from __future__ import annotations

import pytest

from tmgr.concordance import ConcordanceIndex, Entry
from tmgr.errors import QueryError

ENTRIES = [
    Entry("Minsk calls for negotiations with Ukraine.", "Мінск заклікае да перамоў з Украінай.",
          "be", "a"),
    Entry("The negotiations in Minsk failed.", "Перамовы ў Мінску праваліліся.", "be", "b"),
    Entry("Minsk hosted the talks.", "Минск принял переговоры.", "ru", "tm:old.tmx"),
    Entry("Vilnius is far from Minsk, and the talks are held there.",
          "Вільня далёка ад Мінска.", "be", "c"),
]


def test_english_forms_and_the_exact_phrase_first() -> None:
    index = ConcordanceIndex(ENTRIES)
    hits = index.search("negotiation", ["be", "ru"])
    assert [h.entry.where for h in hits] == ["a", "b"] or \
        [h.entry.where for h in hits] == ["b", "a"]
    assert {w.lower() for h in hits for w in h.source_words} == {"negotiations"}
    talks = index.search("the talks", ["be", "ru"])
    assert [h.entry.where for h in talks][0] == "tm:old.tmx", "the exact phrase ranks first"


def test_belarusian_and_russian_in_any_inflected_form() -> None:
    index = ConcordanceIndex(ENTRIES)
    found = index.search("Мінск", ["be"])
    assert {h.entry.where for h in found} == {"a", "b", "c"}
    assert {w for h in found for w in h.target_words} == {"Мінск", "Мінску", "Мінска"}
    assert [h.entry.where for h in index.search("перамовы", ["be"])] in (["b", "a"], ["a", "b"])
    assert [h.entry.where for h in index.search("переговоры", ["ru"])] == ["tm:old.tmx"]


@pytest.mark.parametrize("query", [".*", "x" * 10_000, "a b c d e f g h i j"])
def test_patterns_and_huge_queries_get_a_clear_answer(query: str) -> None:
    with pytest.raises(QueryError) as refused:
        ConcordanceIndex(ENTRIES).search(query, ["be"])
    assert refused.value.hint
