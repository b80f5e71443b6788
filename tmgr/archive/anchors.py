"""What two sentences in different languages share: numbers, names, quotes, marks.

A :class:`Features` is computed once per sentence (or paragraph); ``anchor_score``
compares two groups of them and says how strongly their anchors agree, from -1
(they disagree: different numbers) through 0 (nothing to compare) to 1.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from tmgr.qa.translit import romanise, skeleton

_DIGIT_GROUP = re.compile(r"(?<=\d)[\s\u00a0\u202f,](?=\d{3}(?!\d))")
_NUMBER = re.compile(r"\d+")
_CAPITALISED = re.compile(r"\b[A-ZА-ЯЁІЎ][\w'’-]{2,}")
_WORD = re.compile(r"[^\W\d_]{3,}")
_QUOTES = re.compile(r"[«»“”„\"]")
#: English words that open sentences and are never names
_NOT_NAMES = frozenset("""the this that these those there here its his her their our
however meanwhile moreover yet also although while when where what which who why how
after before during since until under over among between despite according but and for
from with without thus therefore nevertheless instead indeed still such some many most
all both each every any only even then now today last next first finally earlier later
in on at as by to it he she they we you if an not no""".split())
# folds that let Belarusian, Russian and English spellings of one name meet
_FOLDS = (("dz", "d"), ("c", "t"), ("o", "a"), ("v", "u"), ("w", "u"), ("y", "i"),
          ("e", "i"), ("kh", "h"), ("g", "h"), ("ts", "t"))


@dataclass(frozen=True)
class Features:
    """The anchors of one sentence or paragraph, and its length in characters."""

    length: int
    numbers: frozenset[str]
    names: frozenset[str]
    quoted: bool
    question: bool
    stems: frozenset[str]


def name_key(word: str, lang: str) -> str:
    """A short key under which a name's spellings in en, be and ru meet."""
    latin = word if lang == "en" else romanise(word, lang)
    key = skeleton(latin)
    for old, new in _FOLDS:
        key = key.replace(old, new)
    return key[:4]


@lru_cache(maxsize=200_000)
def features(text: str, lang: str) -> Features:
    """The anchors of ``text`` written in ``lang``."""
    numbers = frozenset(_NUMBER.findall(_DIGIT_GROUP.sub("", text)))
    first = re.match(r"\W*\w+", text)  # a sentence's first word is capitalised anyway
    rest = text[first.end():] if first else text
    names = frozenset(name_key(word, lang) for word in _CAPITALISED.findall(rest)
                      if word.casefold() not in _NOT_NAMES)
    stems = frozenset(word.casefold()[:5] for word in _WORD.findall(text))
    return Features(len(text), numbers, frozenset(n for n in names if len(n) >= 3),
                    bool(_QUOTES.search(text)), text.rstrip().endswith("?"), stems)


def merged(parts: Sequence[Features]) -> Features:
    """The features of several sentences read as one."""
    if len(parts) == 1:
        return parts[0]
    return Features(sum(p.length for p in parts) + len(parts) - 1,
                    frozenset().union(*(p.numbers for p in parts)),
                    frozenset().union(*(p.names for p in parts)),
                    any(p.quoted for p in parts), parts[-1].question,
                    frozenset().union(*(p.stems for p in parts)))


def _overlap(a: frozenset[str], b: frozenset[str]) -> float | None:
    if not a and not b:
        return None
    return 2 * len(a & b) / (len(a) + len(b))


def anchor_score(a: Features, b: Features) -> float:
    """How well the anchors of ``a`` and ``b`` agree: -1..1, 0 when there are none."""
    score, weight = 0.0, 0.0
    numbers = _overlap(a.numbers, b.numbers)
    if numbers is not None:
        score, weight = score + 3 * (2 * numbers - 1), weight + 3
    if a.names and b.names:
        names = _overlap(a.names, b.names) or 0.0
        score, weight = score + 2 * (2 * names - 1), weight + 2
    elif len(a.names) + len(b.names) >= 2:  # names on one side only
        score, weight = score - 0.5, weight + 1
    if a.quoted or b.quoted:
        score, weight = score + (0.5 if a.quoted == b.quoted else -0.5), weight + 0.5
    if a.question or b.question:
        score, weight = score + (0.5 if a.question == b.question else -0.5), weight + 0.5
    return score / weight if weight else 0.0


def stem_similarity(a: Features, b: Features) -> float:
    """Share of word stems two texts of one language have in common (0..1)."""
    return _overlap(a.stems, b.stems) or 0.0
