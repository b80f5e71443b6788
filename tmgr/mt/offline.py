"""A deterministic offline stand-in for the engine contract tests: it transliterates.

Its output is not a translation, so it never goes into a text box: ``tmgr draft``
and the editor refuse it (``drafts = False``). For drafts on this machine use
``apertium`` (ru→be, be→ru).
"""

from __future__ import annotations

import math
import re

from tmgr.mt.base import Engine

_TOKEN = re.compile(r"(\[X\d+X\])")
_LATIN = {
    "shch": "щ", "sh": "ш", "ch": "ч", "zh": "ж", "kh": "х", "ts": "ц", "ya": "я",
    "yu": "ю", "yo": "ё", "a": "а", "b": "б", "c": "к", "d": "д", "e": "е", "f": "ф",
    "g": "г", "h": "х", "i": "и", "j": "дж", "k": "к", "l": "л", "m": "м", "n": "н",
    "o": "о", "p": "п", "q": "к", "r": "р", "s": "с", "t": "т", "u": "у", "v": "в",
    "w": "в", "x": "кс", "y": "ы", "z": "з",
}
#: Belarusian spelling on top of the Russian-style letters
_BELARUSIAN = str.maketrans({"и": "і", "И": "І", "щ": "шч", "Щ": "Шч", "ъ": "’", "Ъ": "’"})
_LATIN_RE = re.compile("|".join(sorted(_LATIN, key=len, reverse=True)), re.IGNORECASE)


def _latin_to_cyrillic(text: str) -> str:
    def swap(match: re.Match[str]) -> str:
        letters = match.group()
        cyrillic = _LATIN[letters.lower()]
        return cyrillic.capitalize() if letters[0].isupper() else cyrillic
    return _LATIN_RE.sub(swap, text)


def transliterate(text: str, target: str) -> str:
    """Latin letters to Cyrillic, spelled the ``target`` way; tokens stay as they are."""
    parts = _TOKEN.split(text)
    for index in range(0, len(parts), 2):  # odd indexes are tokens
        converted = _latin_to_cyrillic(parts[index])
        parts[index] = converted.translate(_BELARUSIAN) if target == "be" else converted
    return "".join(parts)


class Offline(Engine):
    """Deterministic transliteration, labelled as such."""

    name = "offline"
    label = "offline stand-in: transliterates, does not translate (engine tests only)"
    external = False
    drafts = False
    max_chars = 5000
    default_rate = math.inf
    languages = {"english": "en", "russian": "ru", "belarusian": "be"}

    def _request(self, text: str, source: str, target: str) -> object:
        return transliterate(text, target)
