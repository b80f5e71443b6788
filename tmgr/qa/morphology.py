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
import sys
import threading
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from tmgr.config import apertium_path, hunspell_paths
from tmgr.qa.lexicon import Lexicon, open_lexicon
from tmgr.qa.ltproc import stop

try:  # the binding is compiled against libhunspell; say so rather than fail
    import hunspell as _hunspell
except ImportError:  # pragma: no cover - reported by `spelling_available`
    _hunspell = None

DICTIONARIES = {"be": "be_BY", "ru": "ru_RU", "en": "en_US"}
#: the Debian package of each dictionary, named when one is missing
DICTIONARY_PACKAGES = {"be": "hunspell-be", "ru": "hunspell-ru", "en": "hunspell-en-us"}
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
    """An ``lt-proc`` analyser kept running; asked one batch of words at a time.

    The process starts at once and loads its data while Python goes on; a batch
    is sent (:meth:`send`) before other work and read (:meth:`receive`) after it.
    """

    def __init__(self, binary: str, analyser: Path) -> None:
        self._lock = threading.Lock()
        self._process = subprocess.Popen([binary, "-z", str(analyser)], stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self._pending: list[list[str]] = []
        atexit.register(self.close)

    def analyse(self, words: list[str]) -> dict[str, tuple[str, ...]]:
        """word -> its lemmas (empty for a word the analyser does not know)."""
        self.send(words)
        return self.receive()

    def send(self, words: list[str]) -> None:
        """Start analysing ``words`` (read the answer with :meth:`receive`)."""
        if not words:
            return
        payload = "\n".join(words).encode("utf-8") + b"\0"
        with self._lock:
            try:
                assert self._process.stdin
                self._process.stdin.write(payload)
                self._process.stdin.flush()
                self._pending.append(words)
            except (OSError, ValueError):
                pass

    def receive(self) -> dict[str, tuple[str, ...]]:
        """The answers to every batch sent and not yet received."""
        out = b""
        with self._lock:
            batches, self._pending = len(self._pending), []
            try:
                assert self._process.stdout
                while out.count(b"\0") < batches:
                    chunk = self._process.stdout.read1(65536)  # type: ignore[attr-defined]  # a BufferedReader
                    if not chunk:
                        raise OSError("lt-proc stopped")
                    out += chunk
            except (OSError, ValueError):
                return {}
        result: dict[str, tuple[str, ...]] = {}
        for surface, readings in _ANALYSIS.findall(out.replace(b"\0", b"\n")
                                                   .decode("utf-8", "replace")):
            if readings.startswith("*"):
                result[surface] = ()
            else:
                result[surface] = tuple(dict.fromkeys(
                    r.split("<", 1)[0].rstrip("¹²³").lower() for r in readings.split("/")))
        return result

    def close(self) -> None:
        """End the analyser process (at exit)."""
        stop(self._process)


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


_primed: set[tuple[str, str]] = set()


def prime_text(text: str, lang: str) -> None:
    """:func:`prime` the words of ``text`` (once per text)."""
    if (text, lang) in _primed:
        return
    prime(WORDS.findall(text), lang)
    _remember_primed([(text, lang)])


def _remember_primed(texts: Iterable[tuple[str, str]]) -> None:
    if len(_primed) > 50_000:
        _primed.clear()
    _primed.update(texts)


def prime_texts(texts: Iterable[tuple[str, str]]) -> None:
    """:func:`prime` the words of many ``(text, lang)`` at once: one lexicon query and
    one analyser batch a language for a whole document."""
    texts = [pair for pair in dict.fromkeys(texts) if pair not in _primed]
    words: dict[str, list[str]] = {}
    for text, lang in texts:
        found = WORDS.findall(text)
        if lang == "en":  # the English asks only whether a capitalised word is a name
            words.setdefault(lang, []).extend(w.lower() for w in found if w[:1].isupper())
            continue
        words.setdefault(lang, []).extend(found)
        latin = [w for w in found if w.isascii() and w.islower()]
        if latin:  # English words in a translation: the clause check
            words.setdefault("en", []).extend(latin)
    for lang in words:  # every analyser starts before any answer is awaited
        analyser = apertium(lang) if lang in APERTIUM_ANALYSERS else None
        if analyser is not None:
            analyser.send(_apertium_wanted(words[lang], lang))
    for lang, found in words.items():
        _prime_forms(found, lang)
        analyser = apertium(lang) if lang in APERTIUM_ANALYSERS else None
        if analyser is not None:
            _remember(analyser.receive(), lang)
    _remember_primed(texts)


def prime(words: list[str], lang: str) -> None:
    """Look up every word of a text in the lexicon and ask Apertium, in one batch each."""
    _prime_forms(words, lang)
    analyser = apertium(lang) if lang in APERTIUM_ANALYSERS else None
    wanted = _apertium_wanted(words, lang) if analyser is not None else []
    if wanted and analyser is not None:
        _remember(analyser.analyse(wanted), lang)


def _apertium_wanted(words: list[str], lang: str) -> list[str]:
    wanted = []
    for word in dict.fromkeys(p for w in words for p in (w, *w.split("-"))):
        if (word, lang) not in _apertium_cache:
            wanted.append(word)
            if word[:1].isupper():
                wanted.append(word.lower())
    for word in wanted:  # asked: a word missing from the answer is unknown to it
        _apertium_cache.setdefault((word, lang), ())
    return wanted


def _remember(answers: dict[str, tuple[str, ...]], lang: str) -> None:
    if len(_apertium_cache) > 200_000:
        _apertium_cache.clear()
    for word, found in answers.items():
        _apertium_cache[(word, lang)] = found


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
def dictionary_files(lang: str) -> tuple[Path, Path] | None:
    """The ``.dic`` and ``.aff`` of ``lang``'s Hunspell dictionary, if installed."""
    name = DICTIONARIES.get(lang)
    if name is None:
        return None
    for folder in dictionary_folders():
        dic, aff = folder / f"{name}.dic", folder / f"{name}.aff"
        if dic.is_file() and aff.is_file():
            return dic, aff
    _say_once(f"tmgr: no Hunspell dictionary for {lang}, so its spelling check finds "
              f"nothing; install the Debian package {DICTIONARY_PACKAGES[lang]}")
    return None


@lru_cache(maxsize=32)
def _say_once(line: str) -> None:
    """One line on stderr, once per process (the CLI's and the server's log)."""
    print(line, file=sys.stderr, flush=True)


@lru_cache(maxsize=8)
def speller(lang: str) -> Speller | None:
    """The Hunspell dictionary of ``lang``, or None when the binding or it is missing
    (loaded only for suggestions, or where the lexicon index cannot be built)."""
    files = dictionary_files(lang)
    if files is not None and _hunspell is None:
        _say_once("tmgr: the Hunspell binding is not installed, so spelling suggestions are "
                  "off; install the Debian packages libhunspell-dev and gcc, then reinstall "
                  "tmgr (tmgr doctor checks it)")
    if _hunspell is None or files is None:
        return None
    return Speller(*files)


@lru_cache(maxsize=8)
def lexicon(lang: str) -> Lexicon | None:
    """The precomputed forms of ``lang``'s Hunspell dictionary (built on first use)."""
    files = dictionary_files(lang)
    return open_lexicon(*files) if files else None


def warm_up(languages: Iterable[str]) -> None:
    """Start the analysers of ``languages`` and open their lexicons now, so that they
    load while the caller reads the database (``lt-proc`` starts in the background)."""
    for lang in (*languages, "en"):
        if lang in APERTIUM_ANALYSERS:
            apertium(lang)
        lexicon(lang)


def hunspell_binding() -> bool:
    """The Hunspell binding imported (it is compiled against Debian's libhunspell)."""
    return _hunspell is not None


def prepare_lexicons() -> list[str]:
    """Build the lexicon index of every installed dictionary now (``make`` does)."""
    return [lang for lang in DICTIONARIES if lexicon(lang) is not None]


_forms_cache: dict[tuple[str, str], tuple[str, ...] | None] = {}


def _case_variants(word: str) -> tuple[str, ...]:
    """The dictionary spellings Hunspell accepts ``word`` for: as written; a
    capitalised word also in lower case; an all-capitals one also capitalised."""
    if len(word) > 1 and word.isupper():
        return word, word.capitalize(), word.lower()
    if word[:1].isupper() and word[1:] == word[1:].lower():
        return word, word.lower()
    return (word,)


def _prime_forms(words: Iterable[str], lang: str) -> None:
    """Look up ``words`` (and their parts and case variants) in one lexicon query."""
    index = lexicon(lang)
    if index is None:
        return
    wanted = [v for w in dict.fromkeys(p for word in words for p in (word, *word.split("-")))
              for v in _case_variants(w) if (v, lang) not in _forms_cache]
    if not wanted:
        return
    found = index.lookup(wanted)
    if len(_forms_cache) > 400_000:
        _forms_cache.clear()
    for form in wanted:
        _forms_cache[(form, lang)] = found.get(form)


def _stems_of(form: str, lang: str) -> tuple[str, ...] | None:
    """The dictionary stems of ``form`` exactly as written (None: not a form)."""
    key = (form, lang)
    if key not in _forms_cache:
        _prime_forms([form], lang)
    return _forms_cache.get(key)


def dictionary_stems(word: str, lang: str) -> tuple[str, ...] | None:
    """Hunspell's stems of ``word`` (None when the dictionary rejects it)."""
    if lexicon(lang) is None:
        found = speller(lang)
        if found is None or not found.spell(word):
            return None
        return tuple(found.stems(word))
    stems: list[str] = []
    known = False
    for variant in _case_variants(word):
        found_stems = _stems_of(variant, lang)
        if found_stems is not None:
            known = True
            stems.extend(found_stems)
    return tuple(dict.fromkeys(stems)) if known else None


def spelling_available(lang: str) -> bool:
    return dictionary_files(lang) is not None and (
        _hunspell is not None or lexicon(lang) is not None)


def is_english_word(word: str) -> bool:
    """``word`` in lower case is an English dictionary word (not a proper name)."""
    return hunspell_knows(word.lower().replace("’", "'"), "en")


def known_forms(words: Iterable[str], lang: str) -> set[str]:
    """Which of ``words`` the dictionary accepts (one query for all: near misses)."""
    words = list(words)
    index = lexicon(lang)
    if index is None:
        return {w for w in words if hunspell_knows(w, lang)}
    return set(index.lookup(words))


@lru_cache(maxsize=200_000)
def hunspell_knows(word: str, lang: str) -> bool:
    return dictionary_stems(word, lang) is not None


@lru_cache(maxsize=200_000)
def is_known(word: str, lang: str) -> bool:
    """The dictionary knows ``word`` (as written, or in lower case at a sentence start)."""
    if not spelling_available(lang):
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
    stems = dictionary_stems(word, lang) or (
        dictionary_stems(word.lower(), lang) if word[:1].isupper() else None) or ()
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
