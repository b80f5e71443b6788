"""Glossary terms as the checks see them, and how a term is found in a text.

English terms match whole words, case-insensitively, with possessive endings
("Lukashenka’s"). Belarusian and Russian renderings match inflected forms: each
word of the term matches a word that starts with its stem (the word without an
adjective ending or one final vowel, ь or й) and runs at most a few letters longer ("Мінск" finds
"Мінску", "Беларусь" finds "Беларусі", "Ціханоўская" finds "Ціханоўскай").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

WORD = re.compile(r"[^\W\d_]+(?:[’'-][^\W\d_]+)*")
_ENDINGS = "аеёиіоуыэюяьйaeiouy"
_ADJECTIVE_ENDINGS = {"ая", "яя", "ый", "ий", "ой", "ое", "ее", "ые", "ие", "ыя", "ае"}
_MAX_EXTRA = 4  # letters an inflected form may add to the stem


@dataclass(frozen=True)
class Term:
    """An English term with its approved and forbidden renderings per language."""

    term: str
    translations: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    forbidden: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    do_not_translate: bool = False
    note: str = ""

    def approved(self, lang: str) -> tuple[str, ...]:
        if self.do_not_translate:
            return (self.term,)
        return self.translations.get(lang, ())


@lru_cache(maxsize=4096)
def english_pattern(term: str) -> re.Pattern[str]:
    words = [re.escape(word) for word in term.split()]
    return re.compile(r"(?<![\w-])" + r"\s+".join(words) + r"(?:[’']s)?(?![\w-])",
                      re.IGNORECASE)


def in_english(term: str, text: str) -> bool:
    """True when the English ``term`` occurs in ``text`` as whole words."""
    return bool(term.strip()) and english_pattern(term).search(text) is not None


def stem(word: str) -> str:
    """The word without its inflected ending: an adjective ending, or one final vowel."""
    lowered = word.lower()
    if len(lowered) > 4 and lowered[-2:] in _ADJECTIVE_ENDINGS:
        return lowered[:-2]
    if len(lowered) > 3 and lowered[-1] in _ENDINGS:
        return lowered[:-1]
    return lowered


def _word_matches(form: str, word: str, exact: bool, max_extra: int = _MAX_EXTRA) -> bool:
    form, word = form.lower(), word.lower()
    if exact or not any(c.isalpha() and ord(c) > 0x3FF for c in form):
        return word == form
    root = stem(form)
    return word.startswith(root) and len(word) - len(root) <= max_extra


def find_form(form: str, text: str, *, exact: bool = False,
              max_extra: int = _MAX_EXTRA) -> str | None:
    """The words of ``text`` that are ``form`` (inflected, unless ``exact``), or None.

    ``max_extra`` bounds how many letters an inflection may add to the stem.
    """
    wanted = WORD.findall(form)
    if not wanted:
        return None
    words = WORD.findall(text)
    for start in range(len(words) - len(wanted) + 1):
        window = words[start:start + len(wanted)]
        if all(_word_matches(f, w, exact, max_extra) for f, w in zip(wanted, window, strict=False)):
            return " ".join(window)
    return None
