"""The concordance index: words → entries, forms found through the analysers."""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from heapq import merge

from tmgr.errors import QueryError
from tmgr.qa.messages import N_
from tmgr.qa.morphology import lemmas, same_word

WORD = re.compile(r"\w+(?:[’'-]\w+)*")
PREFIX = 4  # forms of one word share their first letters (a few stems excepted)
POOL = 200  # the shortest entries holding every word are ranked; the rest are not read
MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = 8
_EN_ENDINGS = ("ies", "ing", "ed", "es", "s", "’s", "'s")


@dataclass(frozen=True)
class Entry:
    """One pair of the TM or one approved translation."""

    source: str
    target: str
    lang: str
    where: str  # "tm:<origin>" or the document's slug
    article: str | None = None  # the archived article a unit was published in


@dataclass(frozen=True)
class Hit:
    """An entry the query found, with the words of each side that matched."""

    entry: Entry
    score: float
    source_words: tuple[str, ...]
    target_words: tuple[str, ...]


def fold(word: str) -> str:
    return word.lower().replace("’", "'")


@lru_cache(maxsize=100_000)
def english_stem(word: str) -> str:
    """A light English stem: negotiations, negotiation → negotiation; talks → talk."""
    for ending in _EN_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[:-len(ending)]
    return word


def _lemma_match(lang: str) -> Callable[[str, str], bool]:
    if lang == "en":
        return lambda a, b: english_stem(a) == english_stem(b)
    def match(a: str, b: str) -> bool:
        return bool(lemmas(a, lang) & lemmas(b, lang)) or same_word(a, b, lang, strict=True)
    return match


class ConcordanceIndex:
    """Every entry's words, per language side ("en" for the English of every entry)."""

    def __init__(self, entries: Sequence[Entry]) -> None:
        # numbered shortest first: a posting list in order is a list in rank order
        self.entries = sorted(entries, key=lambda e: len(e.source) + len(e.target))
        self._postings: dict[tuple[str, str], array[int]] = {}
        self._vocabulary: dict[tuple[str, str], set[str]] = {}
        for number, entry in enumerate(self.entries):
            self._add(number, "en", entry.source)
            self._add(number, entry.lang, entry.target)

    def _add(self, number: int, lang: str, text: str) -> None:
        for word in {fold(w) for w in WORD.findall(text)}:
            key = (lang, word)
            found = self._postings.get(key)
            if found is None:
                found = self._postings[key] = array("I")
                self._vocabulary.setdefault((lang, word[:PREFIX]), set()).add(word)
            found.append(number)

    def __len__(self) -> int:
        return len(self.entries)

    def forms(self, word: str, lang: str) -> set[str]:
        """The words of the index that are forms of ``word`` in ``lang``."""
        word = fold(word)
        candidates = self._vocabulary.get((lang, word[:PREFIX]), set())
        if len(word) < PREFIX:
            return {word} & candidates
        match = _lemma_match(lang)
        return {c for c in candidates if c == word or match(c, word)}

    def search(self, query: str, languages: Iterable[str], limit: int = 20) -> list[Hit]:
        """Entries holding every word of ``query`` (any form), best first."""
        words = check_query(query)
        side = "en" if is_latin(query) else None
        hits: list[Hit] = []
        for lang in ([side] if side else list(languages)):
            hits += self._search_side(query, words, lang, limit)
        hits.sort(key=lambda h: (-h.score, len(h.entry.source) + len(h.entry.target)))
        return hits[:limit]

    def _search_side(self, query: str, words: list[str], lang: str, limit: int) -> list[Hit]:
        forms = [self.forms(w, lang) for w in words]
        if not all(forms):
            return []
        lists = [[self._postings[(lang, f)] for f in each] for each in forms]
        order = sorted(range(len(lists)), key=lambda i: sum(map(len, lists[i])))
        others = [lists[i] for i in order[1:]]  # looked into, never copied whole
        pool: list[int] = []
        last = -1
        for number in merge(*lists[order[0]]):  # shortest entries first
            if number != last and all(_holds(other, number) for other in others):
                pool.append(number)
                if len(pool) >= POOL:
                    break
            last = number
        phrase, exact = fold(query.strip()), {fold(w) for w in words}
        scored = []
        for rank, number in enumerate(pool):
            entry = self.entries[number]
            text = fold(entry.source if lang == "en" else entry.target)
            present = {fold(w) for w in WORD.findall(text)}
            score = (2.0 if phrase in text else 0.0) + len(exact & present) / len(exact) \
                - rank / (10 * POOL)
            scored.append((score, number))
        scored.sort(key=lambda pair: (-pair[0], pair[1]))
        every = set().union(*forms)
        return [self._hit(self.entries[n], s, lang, every) for s, n in scored[:limit]]

    @staticmethod
    def _hit(entry: Entry, score: float, lang: str, forms: set[str]) -> Hit:
        text = entry.source if lang == "en" else entry.target
        words = tuple(w for w in WORD.findall(text) if fold(w) in forms)
        return Hit(entry, score, words if lang == "en" else (),
                   words if lang != "en" else ())


def _holds(postings: Sequence[array[int]], number: int) -> bool:
    """Whether entry ``number`` is in one of ``postings`` (each in ascending order)."""
    for posting in postings:
        at = bisect_left(posting, number)
        if at < len(posting) and posting[at] == number:
            return True
    return False


def is_latin(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isascii() for c in letters) * 2 > len(letters)


def check_query(query: str) -> list[str]:
    """The words of ``query``; a clear refusal for what cannot be looked up."""
    if len(query) > MAX_QUERY_CHARS:
        raise QueryError(N_("a look-up of %(count)s characters is too long",
                            count=len(query)),
                         hint=N_("look up a word or a phrase of at most %(limit)s characters",
                                 limit=MAX_QUERY_CHARS))
    words = WORD.findall(query)
    if not words:
        raise QueryError(N_("nothing to look up: give a word or a phrase"),
                         hint=N_("patterns such as .* are not searched; type words"))
    if len(words) > MAX_QUERY_WORDS:
        raise QueryError(N_("a look-up of %(count)s words is too long", count=len(words)),
                         hint=N_("look up at most %(limit)s words", limit=MAX_QUERY_WORDS))
    return words
