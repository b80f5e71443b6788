"""Spelling and lemmas of Belarusian and Russian words, from Hunspell.

The one home of the Hunspell binding (pyhunspell, the binding Debian ships as
python3-hunspell; installed from PyPI into tmgr's environment). The
dictionaries are Debian's ``hunspell-be`` and ``hunspell-ru``. Hunspell's
stemming gives a word's dictionary forms ("Кіева" and "Кіеве" are "Кіеў",
"траўні" is "траўня"): the checks compare words by these lemmas instead of by
hand-written endings. ``bench/bench_morphology.py`` measures the alternatives
(pyenchant, Apertium's analysers, pymorphy3) against it.

Without the binding or a dictionary the spelling check finds nothing and words
are compared as they are written (plus the guesser for unknown words).
"""

from __future__ import annotations

import os
import threading
from functools import lru_cache
from pathlib import Path

try:  # the binding is compiled against libhunspell; say so rather than fail
    import hunspell as _hunspell
except ImportError:  # pragma: no cover - reported by `spelling_available`
    _hunspell = None

DICTIONARIES = {"be": "be_BY", "ru": "ru_RU"}
SEARCH_PATH = ("/usr/share/hunspell", "/usr/share/myspell", "/usr/share/myspell/dicts")
_GUESS_ENDINGS = "аеёиіоуыэюяьйaeiouy"
_ADJECTIVE_ENDINGS = {"ая", "яя", "ый", "ий", "ой", "ое", "ее", "ые", "ие", "ыя", "ае", "ых",
                      "іх", "их", "ым", "ім", "им", "ую", "юю", "ай", "ей", "ой"}


class Speller:
    """One Hunspell dictionary: is a word spelt right, its suggestions, its lemmas."""

    def __init__(self, dic: Path, aff: Path) -> None:
        self._lock = threading.Lock()  # a Hunspell handle is not thread-safe
        self._handle = _hunspell.HunSpell(str(dic), str(aff))
        self._encoding = self._handle.get_dic_encoding() or "UTF-8"

    def spell(self, word: str) -> bool:
        with self._lock:
            return bool(self._handle.spell(word))

    def suggest(self, word: str) -> list[str]:
        with self._lock:
            found = self._handle.suggest(word)
        return [s if isinstance(s, str) else s.decode(self._encoding) for s in found]

    def stems(self, word: str) -> list[str]:
        with self._lock:
            found = self._handle.stem(word)
        return [s if isinstance(s, str) else s.decode(self._encoding) for s in found]


def dictionary_folders() -> list[Path]:
    extra = os.environ.get("TMGR_HUNSPELL_PATH", "")
    return [Path(p) for p in extra.split(os.pathsep) if p] + [Path(p) for p in SEARCH_PATH]


@lru_cache(maxsize=8)
def speller(lang: str) -> Speller | None:
    """The Hunspell dictionary of ``lang``, or None when the binding or it is missing."""
    name = DICTIONARIES.get(lang)
    if _hunspell is None or name is None:
        return None
    for folder in dictionary_folders():
        dic, aff = folder / f"{name}.dic", folder / f"{name}.aff"
        if dic.is_file() and aff.is_file():
            return Speller(dic, aff)
    return None


def spelling_available(lang: str) -> bool:
    return speller(lang) is not None


@lru_cache(maxsize=200_000)
def is_known(word: str, lang: str) -> bool:
    """The dictionary knows ``word`` (as written, or in lower case at a sentence start)."""
    found = speller(lang)
    if found is None:
        return True
    return found.spell(word) or (word[:1].isupper() and found.spell(word.lower()))


@lru_cache(maxsize=20_000)
def suggestions(word: str, lang: str, limit: int = 5) -> tuple[str, ...]:
    found = speller(lang)
    return tuple(found.suggest(word)[:limit]) if found else ()


@lru_cache(maxsize=200_000)
def analyses(word: str, lang: str) -> tuple[str, ...]:
    """Hunspell's stems of ``word``, lower case, distinct (several: an ambiguous word)."""
    found = speller(lang)
    if found is None:
        return ()
    stems = found.stems(word) or (found.stems(word.lower()) if word[:1].isupper() else [])
    return tuple(dict.fromkeys(s.lower() for s in stems))


@lru_cache(maxsize=200_000)
def lemmas(word: str, lang: str) -> frozenset[str]:
    """The lower-case dictionary forms of ``word``; for a word Hunspell does not know,
    a guess: the word without its final vowel or adjective ending."""
    lowered = word.lower()
    stems = analyses(word, lang)
    if stems:
        return frozenset(s.lower() for s in stems) | {lowered}
    return frozenset({lowered, guess_stem(lowered)})


def guess_stem(word: str) -> str:
    """A guess for an out-of-vocabulary word (a name): strip the inflection."""
    if len(word) > 4 and word[-2:] in _ADJECTIVE_ENDINGS:
        return word[:-2]
    if len(word) > 3 and word[-1] in _GUESS_ENDINGS:
        return word[:-1]
    return word


def same_word(a: str, b: str, lang: str) -> bool:
    """``a`` and ``b`` are forms of one word (by lemma), e.g. "Кіеў" and "Кіеве"."""
    if a.lower() == b.lower():
        return True
    la, lb = lemmas(a, lang), lemmas(b, lang)
    if la & lb:
        return True
    known_a, known_b = is_known(a, lang), is_known(b, lang)
    if known_a and known_b:
        return False
    # A name the dictionary lacks: its forms share the guessed stem.
    ga, gb = guess_stem(a.lower()), guess_stem(b.lower())
    shorter, longer = sorted((ga, gb), key=len)
    return len(shorter) >= 3 and longer.startswith(shorter) and len(longer) - len(shorter) <= 3
