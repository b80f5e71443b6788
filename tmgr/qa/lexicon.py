"""Every word form of a Hunspell dictionary, precomputed into an SQLite index.

Loading a Hunspell dictionary takes 40-90 ms a language (Russian: 146,000 stems);
a fresh ``tmgr qa`` or web worker paid that before its first check. The
dictionaries Debian ships for Belarusian, Russian and English use plain prefix
and suffix rules (``PFX``/``SFX``, one-letter flags), so every form and the stems
it comes from can be generated once: ``form -> stems`` in a read-only SQLite file
answers a batch of words in a millisecond without loading anything.

The index is built on first use (5-15 s a language) into
``TMGR_LEXICON_CACHE`` (default ``~/.cache/tmgr/lexicon``) and rebuilt when the
dictionary file changes; where it cannot be written, Hunspell itself answers.
``tests/qa/test_lexicon.py`` checks the index against Hunspell word by word.
"""

from __future__ import annotations

import os
import re
import sqlite3
import sys
import tempfile
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

from tmgr.config import lexicon_cache

FORMAT = 1  # bump when the generated data changes meaning
_CHUNK = 900  # SQLite variables per query


class Rule:
    """One affix entry: strip ``strip`` and add ``add`` where ``condition`` matches."""

    __slots__ = ("add", "condition", "prefix", "strip")

    def __init__(self, prefix: bool, strip: str, add: str, condition: str) -> None:
        self.prefix, self.strip, self.add = prefix, strip, add
        self.condition = None if condition == "." else re.compile(
            f"^(?:{condition})" if prefix else f"(?:{condition})$")

    def apply(self, word: str) -> str | None:
        if self.condition is not None and not self.condition.search(word):
            return None
        if self.prefix:
            return self.add + word[len(self.strip):] if word.startswith(self.strip) else None
        if self.strip and not word.endswith(self.strip):
            return None
        return (word[:-len(self.strip)] if self.strip else word) + self.add


def read_affixes(aff: Path) -> tuple[dict[str, tuple[bool, list[Rule]]], set[str]]:
    """flag -> (cross product, rules), and the flags of words valid only in compounds."""
    groups: dict[str, tuple[bool, list[Rule]]] = {}
    compound_only: set[str] = set()
    for line in aff.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[0] in ("ONLYINCOMPOUND", "NEEDAFFIX", "FORBIDDENWORD"):
            compound_only.add(parts[1])
        if not parts or parts[0] not in ("SFX", "PFX") or len(parts) < 4:
            continue
        if parts[1] not in groups:  # the header: SFX flag Y|N count
            groups[parts[1]] = (parts[2] == "Y", [])
            continue
        strip, add = ("" if p == "0" else p for p in parts[2:4])
        add = add.split("/", 1)[0]
        groups[parts[1]][1].append(Rule(parts[0] == "PFX", strip, add,
                                        parts[4] if len(parts) > 4 else "."))
    return groups, compound_only


def expand(dic: Path, aff: Path) -> Iterator[tuple[str, str]]:
    """Every (form, stem) the dictionary accepts: each stem, its affixed forms, and
    prefix + suffix where both rules allow the cross product."""
    groups, excluded = read_affixes(aff)
    with dic.open(encoding="utf-8") as lines:
        next(lines, None)  # the count
        for line in lines:
            entry = line.split(maxsplit=1)
            word, _, flags = (entry[0] if entry else "").partition("/")
            if not word or excluded & set(flags):
                continue
            yield word, word
            suffixed = []
            for flag in flags:
                cross, rules = groups.get(flag, (False, []))
                for rule in rules:
                    form = rule.apply(word)
                    if form is not None:
                        yield form, word
                        if not rule.prefix and cross:
                            suffixed.append(form)
            for flag in flags:
                cross, rules = groups.get(flag, (False, []))
                for rule in rules if cross else ():
                    if rule.prefix:
                        for form in suffixed:
                            if rule.condition is None or rule.condition.search(word):
                                made = rule.apply(form) if form.startswith(rule.strip) else None
                                if made is not None:
                                    yield made, word


def cache_folder() -> Path:
    return lexicon_cache()


def _signature(dic: Path, aff: Path) -> str:
    parts = [str(FORMAT)]
    for path in (dic, aff):
        stat = path.stat()
        parts += [str(path.resolve()), str(stat.st_size), str(stat.st_mtime_ns)]
    return "|".join(parts)


def build(dic: Path, aff: Path, target: Path) -> None:
    """Write the index of ``dic``/``aff`` to ``target`` (atomically: a reader never
    sees half a file)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    stems: dict[str, set[str]] = {}
    for form, stem in expand(dic, aff):
        stems.setdefault(form, set()).add(stem)
    handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
    os.close(handle)
    try:
        with sqlite3.connect(temporary) as db:
            db.execute("CREATE TABLE forms (form TEXT PRIMARY KEY, stems TEXT NOT NULL)"
                       " WITHOUT ROWID")
            db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
            db.executemany("INSERT INTO forms VALUES (?, ?)",
                           ((form, "\n".join(sorted(found))) for form, found in stems.items()))
            db.execute("INSERT INTO meta VALUES ('source', ?)", (_signature(dic, aff),))
        db.close()
        os.replace(temporary, target)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


class Lexicon:
    """The read-only index of one dictionary: which forms exist, and their stems."""

    def __init__(self, path: Path) -> None:
        self._lock = threading.Lock()
        self._db = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True,
                                   check_same_thread=False)
        self._db.execute("PRAGMA mmap_size = 1073741824")  # reads without a syscall each

    def lookup(self, words: Iterable[str]) -> dict[str, tuple[str, ...]]:
        """form -> its stems, for the ``words`` the dictionary has (others are absent)."""
        wanted = list(dict.fromkeys(words))
        found: dict[str, tuple[str, ...]] = {}
        with self._lock:
            for start in range(0, len(wanted), _CHUNK):
                chunk = wanted[start:start + _CHUNK]
                marks = ",".join("?" * len(chunk))
                for form, stems in self._db.execute(
                        f"SELECT form, stems FROM forms WHERE form IN ({marks})", chunk):
                    found[form] = tuple(stems.split("\n"))
        return found

    def source(self) -> str | None:
        with self._lock:
            row = self._db.execute("SELECT value FROM meta WHERE key = 'source'").fetchone()
        return row[0] if row else None


def index_built(dic: Path, aff: Path) -> bool:
    """The index of ``dic`` exists and is current (what ``tmgr doctor`` asks)."""
    path = cache_folder() / f"{dic.stem}.sqlite3"
    if not path.is_file():
        return False
    try:
        return Lexicon(path).source() == _signature(dic, aff)
    except sqlite3.Error:
        return False


def open_lexicon(dic: Path, aff: Path) -> Lexicon | None:
    """The index of a dictionary, built first if missing or stale; None when it
    cannot be built (a read-only home): the caller falls back to Hunspell."""
    path = cache_folder() / f"{dic.stem}.sqlite3"
    signature = _signature(dic, aff)
    for attempt in range(2):
        if path.is_file():
            try:
                lexicon = Lexicon(path)
                if lexicon.source() == signature:
                    return lexicon
            except sqlite3.Error:
                pass
        if attempt == 0:
            _say(f"tmgr: preparing the word index of {dic.stem} in {path.parent} "
                 "(first use only; 5-15 s)")
            try:
                build(dic, aff, path)
            except (OSError, sqlite3.Error) as exc:
                _say(f"tmgr: cannot write the word index to {path.parent} "
                     f"({getattr(exc, 'strerror', None) or exc}); spelling asks Hunspell "
                     "directly (slower); set TMGR_LEXICON_CACHE to a writable folder")
                return None
    return None


def _say(line: str) -> None:
    """One progress or warning line on stderr (the CLI's and the server's log)."""
    print(line, file=sys.stderr, flush=True)
