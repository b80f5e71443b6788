"""The one word diff: it rebuilds both texts, cuts words as the TM does, and bounds its work."""

from __future__ import annotations

import random

import pytest

from tmgr.errors import TooLarge
from tmgr.tm import diff
from tmgr.tm.diff import DELETE, EQUAL, INSERT, check_diff_input, word_diff
from tmgr.tm.tokens import pieces, tokenize

WORDS = ["Minsk", "talks", "the", "regime", "1,000", "12:30", "so-called", "Лукашэнка's",
         ",", ".", "«", "»", "again", "once", "пад'езд"]


def _old_and_new(found: list[tuple[str, str]]) -> tuple[str, str]:
    old = "".join(text for op, text in found if op != INSERT)
    new = "".join(text for op, text in found if op != DELETE)
    return old, new


def test_a_changed_word_is_shown_as_the_old_word_then_the_new() -> None:
    assert word_diff("Першая версія.", "Другая версія.") == [
        (DELETE, "Першая"), (INSERT, "Другая"), (EQUAL, " версія.")]
    assert word_diff("The regime once again signals.", "The regime again signals.") == [
        (EQUAL, "The regime "), (DELETE, "once "), (EQUAL, "again signals.")]


def test_a_space_between_two_changes_does_not_split_them() -> None:
    assert word_diff("one two three", "four five six") == [
        (DELETE, "one two three"), (INSERT, "four five six")]


@pytest.mark.parametrize("seed", range(5))
def test_the_diff_gives_back_both_texts(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(400):
        old = " ".join(rng.choice(WORDS) for _ in range(rng.randrange(12)))
        new = " ".join(rng.choice(WORDS) for _ in range(rng.randrange(12)))
        new += rng.choice(["", "  ", "\n"])
        found = word_diff(old, new)
        assert _old_and_new(found) == (old, new)
        assert all(text for _, text in found)
        assert all(a[0] != b[0] for a, b in zip(found, found[1:], strict=False))


def test_diff_and_fuzzy_score_cut_words_alike() -> None:
    text = "On 12:30 the so-called «talks» cost 1,000 roubles, Лукашэнка's aide said."
    assert [p for p in pieces(text) if p.strip()] == tokenize(text)
    assert "".join(pieces(text)) == text


def test_a_huge_input_is_answered_coarsely_not_slowly() -> None:
    """100,000 words each side: the differing middle is one deletion and one insertion."""
    rng = random.Random(3)
    old = " ".join(rng.choice(WORDS) for _ in range(100_000))
    new = " ".join(rng.choice(WORDS) for _ in range(100_000))
    found = word_diff("Same start. " + old, "Same start. " + new)
    assert found[0] == (EQUAL, "Same start. ")
    assert [op for op, _ in found[1:]] == [DELETE, INSERT]
    assert _old_and_new(found) == ("Same start. " + old, "Same start. " + new)
    assert len(pieces(old)) * len(pieces(new)) > diff.MAX_CELLS


def test_a_long_text_with_a_small_edit_is_still_exact() -> None:
    """Common head and tail are set aside first, so work depends on what changed."""
    words = [f"w{i}" for i in range(30_000)]
    changed = list(words)
    changed[15_000] = "CHANGED"
    found = word_diff(" ".join(words), " ".join(changed))
    assert [(op, text) for op, text in found if op != EQUAL] == [
        (DELETE, "w15000"), (INSERT, "CHANGED")]


def test_requests_are_bounded() -> None:
    check_diff_input("a" * diff.MAX_DIFF_CHARS, "")
    with pytest.raises(TooLarge, match="too long to compare"):
        check_diff_input("short", "a" * (diff.MAX_DIFF_CHARS + 1))
