"""Spelling and lemmas of Belarusian and Russian words, from Hunspell.

The one home of the Hunspell binding (pyhunspell, the binding Debian ships as
python3-hunspell; installed from PyPI into tmgr's environment). The
dictionaries are Debian's ``hunspell-be`` and ``hunspell-ru``. Hunspell's
stemming gives a word's dictionary forms ("Кіева" and "Кіеве" are "Кіеў",
"траўні" is "траўня"): the checks compare words by these lemmas instead of by
hand-written endings. Apertium's analysers from Debian's ``apertium-bel-rus``
(``lt-proc``, one long-lived process per language) are the second lexicon: a
word either knows is spelt right, and the lemmas of both count ("перамовах",
which Hunspell's 2012 Belarusian dictionary lacks, is "перамовы"; "Крамля" is
"Крэмль" to Apertium only).
``bench/bench_morphology.py`` measures the alternatives (pyenchant, Debian's
python3-hunspell, Apertium alone, pymorphy3) on the same words.

Without the binding or a dictionary the spelling check finds nothing and words
are compared as they are written (plus the guesser for unknown words).
"""

from __future__ import annotations

import atexit
import re
import shutil
import subprocess
import threading
from functools import lru_cache
from pathlib import Path

from tmgr.config import apertium_path, hunspell_paths

try:  # the binding is compiled against libhunspell; say so rather than fail
    import hunspell as _hunspell
except ImportError:  # pragma: no cover - reported by `spelling_available`
    _hunspell = None

DICTIONARIES = {"be": "be_BY", "ru": "ru_RU", "en": "en_US"}
SEARCH_PATH = ("/usr/share/hunspell", "/usr/share/myspell", "/usr/share/myspell/dicts")
_GUESS_ENDINGS = "аеёиіоуыэюяьйaeiouy"
_ADJECTIVE_ENDINGS = {"ая", "яя", "ый", "ий", "ой", "ое", "ее", "ые", "ие", "ыя", "ае", "ых",
                      "іх", "их", "ым", "ім", "им", "ую", "юю", "ай", "ей"}


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


APERTIUM_ANALYSERS = {"be": "bel-rus.automorf.bin", "ru": "rus-bel.automorf.bin"}
APERTIUM_FOLDER = Path("/usr/share/apertium/apertium-bel-rus")
_ANALYSIS = re.compile(r"\^([^/$]*)/([^$]*)\$")


class Apertium:
    """An ``lt-proc`` analyser kept running; asked one batch of words at a time."""

    def __init__(self, binary: str, analyser: Path) -> None:
        self._lock = threading.Lock()
        self._process = subprocess.Popen([binary, "-z", str(analyser)], stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        atexit.register(self.close)

    def analyse(self, words: list[str]) -> dict[str, tuple[str, ...]]:
        """word -> its lemmas (empty for a word the analyser does not know)."""
        if not words:
            return {}
        payload = "\n".join(words).encode("utf-8") + b"\0"
        with self._lock:
            try:
                assert self._process.stdin and self._process.stdout
                self._process.stdin.write(payload)
                self._process.stdin.flush()
                out = b""
                while not out.endswith(b"\0"):
                    chunk = self._process.stdout.read1(65536)  # type: ignore[attr-defined]  # a BufferedReader
                    if not chunk:
                        raise OSError("lt-proc stopped")
                    out += chunk
            except (OSError, ValueError):
                return {}
        result: dict[str, tuple[str, ...]] = {}
        for surface, readings in _ANALYSIS.findall(out[:-1].decode("utf-8", "replace")):
            if readings.startswith("*"):
                result[surface] = ()
            else:
                result[surface] = tuple(dict.fromkeys(
                    r.split("<", 1)[0].rstrip("¹²³").lower() for r in readings.split("/")))
        return result

    def close(self) -> None:
        """End the analyser process (at exit)."""
        for stream in (self._process.stdin, self._process.stdout):
            if stream is not None:
                stream.close()
        if self._process.poll() is None:
            self._process.terminate()
        self._process.wait(timeout=5)


@lru_cache(maxsize=8)
def apertium(lang: str) -> Apertium | None:
    """The Apertium analyser of ``lang``, or None when lt-proc or its data is missing."""
    binary, name = shutil.which("lt-proc"), APERTIUM_ANALYSERS.get(lang)
    folder = Path(apertium_path() or APERTIUM_FOLDER)
    if binary is None or name is None or not (folder / name).is_file():
        return None
    try:
        return Apertium(binary, folder / name)
    except OSError:
        return None


_apertium_cache: dict[tuple[str, str], tuple[str, ...]] = {}
WORDS = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


@lru_cache(maxsize=20_000)
def prime_text(text: str, lang: str) -> None:
    """:func:`prime` the words of ``text`` (once per text)."""
    prime(WORDS.findall(text), lang)


def prime(words: list[str], lang: str) -> None:
    """Ask Apertium about every word of a text Hunspell does not know, in one batch."""
    analyser = apertium(lang) if lang in APERTIUM_ANALYSERS else None
    found = speller(lang)
    if analyser is None or found is None:
        return
    wanted = []
    for word in dict.fromkeys(p for w in words for p in (w, *w.split("-"))):
        if (word, lang) not in _apertium_cache:
            wanted.append(word)
            if word[:1].isupper():
                wanted.append(word.lower())
    if not wanted:
        return
    answers = analyser.analyse(wanted)
    if len(_apertium_cache) > 200_000:
        _apertium_cache.clear()
    for word in wanted:
        _apertium_cache[(word, lang)] = answers.get(word, ())


def apertium_lemmas(word: str, lang: str) -> tuple[str, ...]:
    """Apertium's lemmas of ``word`` (empty: unknown to it, or no analyser)."""
    key = (word, lang)
    if key not in _apertium_cache:
        analyser = apertium(lang)
        found = analyser.analyse([word]) if analyser else {}
        if len(_apertium_cache) > 200_000:
            _apertium_cache.clear()
        _apertium_cache[key] = found.get(word, ())
    return _apertium_cache[key]


def dictionary_folders() -> list[Path]:
    return [Path(p) for p in hunspell_paths()] + [Path(p) for p in SEARCH_PATH]


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


def is_english_word(word: str) -> bool:
    """``word`` in lower case is an English dictionary word (not a proper name)."""
    found = speller("en")
    return found is not None and found.spell(word.lower())


@lru_cache(maxsize=200_000)
def hunspell_knows(word: str, lang: str) -> bool:
    found = speller(lang)
    return found is not None and found.spell(word)


@lru_cache(maxsize=200_000)
def is_known(word: str, lang: str) -> bool:
    """The dictionary knows ``word`` (as written, or in lower case at a sentence start)."""
    if speller(lang) is None:
        return True
    if hunspell_knows(word, lang) or (word[:1].isupper() and hunspell_knows(word.lower(), lang)):
        return True
    return bool(apertium_lemmas(word, lang))


@lru_cache(maxsize=20_000)
def suggestions(word: str, lang: str, limit: int = 5) -> tuple[str, ...]:
    found = speller(lang)
    return tuple(found.suggest(word)[:limit]) if found else ()


@lru_cache(maxsize=200_000)
def analyses(word: str, lang: str) -> tuple[str, ...]:
    """Hunspell's stems of ``word``, lower case, distinct (several: an ambiguous word)."""
    found = speller(lang)
    stems = (found.stems(word) or (found.stems(word.lower()) if word[:1].isupper() else [])
             if found else [])
    # Both analysers: Hunspell's stems and Apertium's lemmas (each lacks words and
    # forms the other has: «Крамля» is Крэмль only to Apertium, «Лукашэнку» is
    # Лукашэнка only to Hunspell).
    return tuple(dict.fromkeys(s.lower() for s in (*stems, *apertium_lemmas(word, lang))))


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


def same_word(a: str, b: str, lang: str, *, strict: bool = False) -> bool:
    """``a`` and ``b`` are forms of one word (by lemma), e.g. "Кіеў" and "Кіеве";
    ``strict`` accepts a guessed stem only when both guesses are the same."""
    if a.lower() == b.lower():
        return True
    la, lb = lemmas(a, lang), lemmas(b, lang)
    if la & lb:
        return True
    known_a, known_b = is_known(a, lang), is_known(b, lang)
    if known_a and known_b and not (a[:1].isupper() and b[:1].isupper()):
        return False
    # A name (the dictionaries lack many, and stem others oddly): its forms share
    # the guessed stem.
    ga, gb = guess_stem(a.lower()), guess_stem(b.lower())
    if strict:
        return ga == gb and len(ga) >= 3
    shorter, longer = sorted((ga, gb), key=len)
    return len(shorter) >= 3 and longer.startswith(shorter) and len(longer) - len(shorter) <= 3
