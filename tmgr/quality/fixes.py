"""One-click fixes for QA findings whose correction is certain.

Each fixer takes the English source, the translation and its language and
returns the corrected text, or ``None`` when it cannot be sure. Only certain
cases are fixed: a word is changed when every odd letter in it has exactly one
counterpart; anything else is left for a person. Exports apply the script fixes
(:func:`fix_scripts`) to approved text and refuse what is still mixed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from tmgr.qa.morphology import is_known, spelling_available

WORD = re.compile(r"[^\W\d_]+(?:[’'][^\W\d_]+)*")

# Latin letters that look exactly like a Cyrillic one (Belarusian adds і/І).
_LATIN_TO_CYRILLIC = dict(zip("aceopxyABCEHKMOPTXy", "асеорхуАВСЕНКМОРТХу", strict=True))
_LATIN_TO_CYRILLIC_BE = {**_LATIN_TO_CYRILLIC, "i": "і", "I": "І"}
_CYRILLIC_TO_LATIN = {**{v: k for k, v in _LATIN_TO_CYRILLIC.items()}, "і": "i", "І": "I"}

# Letters of the other language with one certain counterpart, and the letters
# before which the counterpart would differ (Russian «ди» is Belarusian «дзі»).
_FOREIGN = {
    "be": {"ъ": "’", "Ъ": "’", "щ": "шч", "Щ": "Шч", "и": "і", "И": "І"},
    "ru": {"і": "и", "І": "И"},
}
_HARD_BEFORE_I = set("жшчрцдтЖШЧРЦДТ")


def _is_cyrillic(char: str) -> bool:
    return "\u0400" <= char <= "\u04ff"


def _is_latin(char: str) -> bool:
    return char.isascii() and char.isalpha()


def _fix_word(word: str, lang: str, source: str) -> str | None:
    """The word in one script, or None when it is not certain which."""
    cyrillic = sum(map(_is_cyrillic, word))
    latin = sum(map(_is_latin, word))
    if not (cyrillic and latin):
        return word
    if cyrillic > latin:
        table = _LATIN_TO_CYRILLIC_BE if lang == "be" else _LATIN_TO_CYRILLIC
        fixed = "".join(table.get(c, c) if _is_latin(c) else c for c in word)
        return fixed if not any(map(_is_latin, fixed)) else None
    fixed = "".join(_CYRILLIC_TO_LATIN.get(c, c) if _is_cyrillic(c) else c for c in word)
    # a Latin word is certain only when the English has it
    return fixed if not any(map(_is_cyrillic, fixed)) and fixed in source else None


def fix_scripts(source: str, text: str, lang: str) -> tuple[str, list[str]]:
    """Latin look-alikes in Cyrillic words (and the reverse) made one script.

    Returns the text with every certain word fixed, and the mixed words left
    (which no fix is sure of). In Belarusian a lone Latin «i» between Cyrillic
    words is the conjunction «і».
    """
    left: list[str] = []

    def one(match: re.Match[str]) -> str:
        word = match.group(0)
        fixed = _fix_word(word, lang, source)
        if fixed is None:
            left.append(word)
            return word
        if lang == "be" and word in ("i", "I") and _between_cyrillic(text, match):
            return "і" if word == "i" else "І"
        return fixed

    return WORD.sub(one, text), left


def _between_cyrillic(text: str, match: re.Match[str]) -> bool:
    before = WORD.findall(text[:match.start()])
    after = WORD.findall(text[match.end():])
    return bool(before and after and _is_cyrillic(before[-1][-1])
                and _is_cyrillic(after[0][0]))


def fix_lookalikes(source: str, text: str, lang: str) -> str | None:
    """Every certain word made one script; an uncertain one is left for a person and
    does not hold back the others."""
    fixed, _ = fix_scripts(source, text, lang)
    return fixed if fixed != text else None


def fix_foreign_letters(source: str, text: str, lang: str) -> str | None:
    """Russian letters in Belarusian (ъ, щ, и) and Belarusian і in Russian, word by
    word: a word is changed only when every odd letter has one counterpart and the
    result is a word of the language's lexicons («Минск» → «Мінск»; «сигнализирует»
    stays, «сігналізірует» is no word); words the English has too are names."""
    table = _FOREIGN.get(lang)
    if not table:
        return None

    def one(match: re.Match[str]) -> str:
        word = match.group(0)
        if word in source or not any(c in table for c in word):
            return word
        out = []
        for i, char in enumerate(word):
            if char in "иИ" and lang == "be" and i and word[i - 1] in _HARD_BEFORE_I:
                return word
            out.append(table.get(char, char))
        fixed = "".join(out)
        return fixed if _is_word(fixed, lang) else word

    fixed = WORD.sub(one, text)
    return fixed if fixed != text else None


def _is_word(word: str, lang: str) -> bool:
    """``word`` is a word of ``lang``'s lexicons (without them nothing is certain)."""
    return spelling_available(lang) and is_known(word, lang)


_QUOTES = '"“”'


def fix_quotes(source: str, text: str, lang: str) -> str | None:
    """Straight and English double quotes as «…», quotes inside quotes as „…“.

    Certain only when every quote can be told opening or closing and they pair up.
    """
    if not any(q in text for q in _QUOTES):
        return None
    out, depth = [], 0
    for i, char in enumerate(text):
        if char not in _QUOTES + "«»„":
            out.append(char)
            continue
        before = text[i - 1] if i else " "
        opening = char in "«„" or (char != "»" and (before.isspace() or before in "([{—–-/«„"))
        if char == "”" or char == "»":
            opening = False
        if opening:
            out.append("«" if depth == 0 else "„")
            depth += 1
        else:
            if depth == 0:
                return None
            depth -= 1
            out.append("»" if depth == 0 else "“")
    if depth:
        return None
    fixed = "".join(out)
    return fixed if fixed != text else None


_SPACES = re.compile(r"(?<=\S) {2,}(?=\S)")


def fix_double_spaces(source: str, text: str, lang: str) -> str | None:
    fixed = _SPACES.sub(" ", text)
    return fixed if fixed != text else None


Fixer = Callable[[str, str, str], "str | None"]

#: the check a finding comes from → the fix that answers it
FIXERS: dict[str, Fixer] = {
    "mixed-script": fix_lookalikes,
    "foreign-letters": fix_foreign_letters,
    "quote-style": fix_quotes,
    "double-space": fix_double_spaces,
}


def available_fixes(source: str, text: str, lang: str, checks: Iterable[str]) -> dict[str, str]:
    """For each of ``checks`` that has a certain fix on this text: the fixed text."""
    found = {}
    for check in checks:
        fixer = FIXERS.get(check)
        fixed = fixer(source, text, lang) if fixer else None
        if fixed is not None:
            found[check] = fixed
    return found
