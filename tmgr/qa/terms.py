"""Glossary terms as the checks see them, and how a term is found in a text.

English terms match whole words, case-insensitively, with possessive endings
("Lukashenka’s"). Belarusian and Russian renderings match inflected forms by
their lemmas from Hunspell (:mod:`tmgr.qa.morphology`): "Кіеў" finds "Кіева" and
"Кіеве", "Лукашэнка" finds "Лукашэнку"; names the dictionary lacks fall back to
a guessed stem ("Ціханоўская" finds "Ціханоўскай").
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from tmgr.qa.morphology import lemmas, same_word

WORD = re.compile(r"[^\W\d_]+(?:[’'-][^\W\d_]+)*")


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
    words = term.split()
    return (bool(words) and words[0].lower() in text.lower()  # cheap: most terms are absent
            and english_pattern(term).search(text) is not None)


def _derived(a: str, b: str, lang: str) -> bool:
    """``a`` and ``b`` are derived from one root ("Беларусь" and "беларускі",
    "Кіеў" and "кіеўскі"): their lemmas share a long common beginning."""
    for la in lemmas(a, lang):
        for lb in lemmas(b, lang):
            shorter = min(len(la), len(lb))
            common = len(os.path.commonprefix([la, lb]))
            if shorter >= 4 and common >= max(4, shorter - 2) and common >= 0.7 * shorter:
                return True
    return False


def _word_matches(form: str, word: str, lang: str, exact: bool, derived: bool,
                  strict: bool) -> bool:
    if form.lower() == word.lower():
        return True
    if exact or form[:1].lower() != word[:1].lower() or not _is_cyrillic_word(form):
        return False  # inflection and derivation keep the first letter
    return (same_word(form, word, lang, strict=strict)
            or (derived and _derived(form, word, lang)))


@lru_cache(maxsize=4096)
def _is_cyrillic_word(form: str) -> bool:
    return any(c.isalpha() and ord(c) > 0x3FF for c in form)


@lru_cache(maxsize=100_000)
def find_form(form: str, text: str, *, exact: bool = False, lang: str = "",
              derived: bool = False, strict: bool = False) -> str | None:
    """The words of ``text`` that are ``form`` (any inflection, unless ``exact``), or None.

    Words are compared by their lemmas from the analyser of ``lang`` (guessed for
    names it lacks); ``derived`` also accepts a word of the same root ("грамадзяне
    Беларусі" for "беларускія грамадзяне"). The words of a several-word form may
    come in any order. ``strict`` compares words the analyser lacks by equal
    guessed stems only (for forbidden variants, which are near misses by nature).
    """
    wanted = WORD.findall(form)
    if not wanted:
        return None
    first = word_initials(text)  # a form's words keep their first letter in every case
    if any(w[:1].lower() not in first for w in wanted):
        return None
    lang = lang or _script_language(form)
    words = WORD.findall(text)
    size = len(wanted)
    for start in range(len(words) - size + 1):
        window = words[start:start + size]
        if all(any(_word_matches(f, w, lang, exact, derived, strict) for w in window)
               for f in wanted):
            return " ".join(window)
    return None


@lru_cache(maxsize=20_000)
def word_initials(text: str) -> frozenset[str]:
    return frozenset(w[:1].lower() for w in WORD.findall(text))


def _script_language(form: str) -> str:
    """A guess of the language of a form given without one: і/ў are Belarusian."""
    return "be" if any(c in "іўІЎ" for c in form) else "ru"


_QUOTED = re.compile(r"[\"“„«]([^\"“”„«»]{2,80})[\"”“»]")


@lru_cache(maxsize=100_000)
def english_hits(term: str, source: str, target: str) -> bool:
    """``term`` occurs in ``source`` outside a quoted Latin name that the translation
    keeps as it is ("Belarus Business Harbor" is a name, not the term "Belarus")."""
    if not in_english(term, source):
        return False
    kept = source
    for match in _QUOTED.finditer(source):
        name = match.group(1)
        if name in target and not any(ord(c) > 0x24F for c in name):
            kept = kept.replace(match.group(0), " ")
    return in_english(term, kept)
