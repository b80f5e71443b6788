"""Letters: Latin look-alikes in Cyrillic words, and letters of the other language."""

from __future__ import annotations

import re

from tmgr.qa.base import ERROR, Check, register

WORD = re.compile(r"[^\W\d_]+")
FOREIGN_LETTERS = {
    "be": "иИщЩъЪїЇєЄґҐ",  # Russian (and Ukrainian) letters Belarusian does not use
    "ru": "іІўЎїЇєЄґҐ",  # Belarusian (and Ukrainian) letters Russian does not use
}
_LANGUAGE = {"be": "Belarusian", "ru": "Russian"}


def _is_cyrillic(char: str) -> bool:
    return "\u0400" <= char <= "\u04ff"


def _is_latin(char: str) -> bool:
    return char.isascii() or "\u00c0" <= char <= "\u024f"


def mixed_words(text: str) -> list[tuple[str, str]]:
    """Words mixing Latin and Cyrillic letters, with the letters of the minority script."""
    found = []
    for word in WORD.findall(text):
        cyrillic = [c for c in word if _is_cyrillic(c)]
        latin = [c for c in word if _is_latin(c)]
        if cyrillic and latin:
            odd = latin if len(latin) <= len(cyrillic) else cyrillic
            found.append((word, "".join(dict.fromkeys(odd))))
    return found


@register
class MixedScript(Check):
    id = "mixed-script"
    name = "Latin look-alike letters in Cyrillic words"
    severity = ERROR

    def check(self, source: str, target: str, lang: str) -> str | None:
        found = mixed_words(target)
        if not found:
            return None
        word, odd = found[0]
        script = "Latin" if any(_is_latin(c) for c in odd) else "Cyrillic"
        more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
        return f"«{word}» mixes scripts: {script} {', '.join(odd)}{more}"


@register
class ForeignLetters(Check):
    id = "foreign-letters"
    name = "Letters of the other language"
    severity = ERROR

    def check(self, source: str, target: str, lang: str) -> str | None:
        letters = FOREIGN_LETTERS.get(lang)
        if not letters:
            return None
        words = [w for w in WORD.findall(target) if any(c in letters for c in w)
                 and w not in source]
        if not words:
            return None
        odd = "".join(dict.fromkeys(c for w in words for c in w if c in letters))
        return (f"letters that {_LANGUAGE[lang]} does not use ({', '.join(odd)}) in "
                f"{', '.join(f'«{w}»' for w in dict.fromkeys(words))}")
