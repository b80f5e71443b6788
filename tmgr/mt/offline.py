"""A deterministic offline stand-in for tests and demos: it transliterates, it does not translate.

Nothing leaves the machine, so it also runs on documents marked "no external MT".
It is never the default engine; its drafts say ``mt:offline``.
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
    label = "offline stand-in: transliterates, does not translate (tests, demos)"
    external = False
    max_chars = 5000
    default_rate = math.inf
    languages = {"english": "en", "russian": "ru", "belarusian": "be"}

    def _request(self, text: str, source: str, target: str) -> object:
        return transliterate(text, target)
