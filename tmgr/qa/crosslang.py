"""Across languages: the BE and RU versions of a segment agree on numbers, dates, names.

The other version is compared only when a person confirmed it (the caller passes
``translated`` or ``approved`` texts, never MT drafts), and a disagreement is
reported only on the side that differs from the English: a correct translation
is never blamed for the other language's mistake.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from tmgr.qa.base import ERROR, Check, QAContext
from tmgr.qa.calendar import (
    english_months,
    english_number_words,
    english_numbers,
    show,
    target_months,
    target_number_words,
    target_numbers,
)
from tmgr.qa.glossary import index as glossary_index
from tmgr.qa.glossary import related_terms
from tmgr.qa.letters import without_quoted_names
from tmgr.qa.messages import N_, Listing
from tmgr.qa.terms import english_hits, find_form

_LANGUAGE = {"be": N_("Belarusian"), "ru": N_("Russian"), "en": N_("English")}
LATIN_NAME = re.compile(r"\b[A-Z][A-Za-z0-9]+(?:[-.][A-Za-z0-9]+)*\b")


@lru_cache(maxsize=20_000)
def _values(text: str, lang: str) -> Counter:
    """Numbers in digits and in words ("2–3" and "две-три" agree)."""
    text = without_quoted_names(text)  # «Первый канал» is a name, not a number
    return target_numbers(text, lang) + target_number_words(text, lang)


def _english_values(source: str) -> Counter:
    return english_numbers(source) + english_number_words(source)


def _closer(mine: Counter, theirs: Counter, english: Counter) -> bool:
    """The other side agrees with the English at least as well as this side does
    and strictly better: then this side is the one that differs."""
    def distance(values: Counter) -> int:
        return sum(((values - english) + (english - values)).values())
    return distance(theirs) < distance(mine)


@lru_cache(maxsize=20_000)
def _numbers(source: str, target: str, other: str, lang: str, other_lang: str) -> str | None:
    mine, theirs = _values(target, lang), _values(other, other_lang)
    if mine == theirs or not _closer(mine, theirs, _english_values(source)):
        return None
    return N_("numbers: this has %(mine)s where it has %(theirs)s",
              mine=Listing(show(v, lang) for v in sorted((mine - theirs).elements()))
              or N_("nothing"),
              theirs=Listing(show(v, lang) for v in sorted((theirs - mine).elements()))
              or N_("nothing"))


@lru_cache(maxsize=20_000)
def _months(source: str, target: str, other: str, lang: str, other_lang: str) -> str | None:
    english = Counter(set(english_months(source)))
    mine = Counter(set(target_months(target, lang, expected=english)))
    theirs = Counter(set(target_months(other, other_lang, expected=english)))
    if mine == theirs or not _closer(mine, theirs, english):
        return None
    return N_("months: this has %(mine)s where it has %(theirs)s",
              mine=Listing(sorted((mine - theirs).elements())) or N_("nothing"),
              theirs=Listing(sorted((theirs - mine).elements())) or N_("nothing"))


def _names(source: str, target: str, other: str, context: QAContext, lang: str,
           other_lang: str) -> str | None:
    for word in sorted(set(LATIN_NAME.findall(target)) ^ set(LATIN_NAME.findall(other))):
        if word in source and word not in target:
            return N_("names: only it keeps “%(name)s”", name=word)
    for term in glossary_index(context.glossary).terms_in(source):
        mine, theirs = term.approved(lang), term.approved(other_lang)
        if not mine or not theirs or not english_hits(term.term, source, target):
            continue
        related = related_terms(term, context.glossary)
        mine = (*mine, *(f for r in related for f in r.approved(lang)))
        theirs = (*theirs, *(f for r in related for f in r.approved(other_lang)))
        has_mine = any(find_form(form, target, lang=lang, derived=True) for form in mine)
        has_theirs = any(find_form(form, other, lang=other_lang, derived=True)
                         for form in theirs)
        if has_theirs and not has_mine:
            return N_("names: “%(term)s” is in it only", term=term.term)
    return None


class CrossLanguage(Check):
    id = "cross-language"
    name = N_("Versions disagree")
    severity = ERROR

    def check_in(self, source: str, target: str, lang: str, context: QAContext) -> str | None:
        for other_lang, other in sorted(context.other_translations.items()):
            problem = (_numbers(source, target, other, lang, other_lang)
                       or _months(source, target, other, lang, other_lang)
                       or _names(source, target, other, context, lang, other_lang))
            if problem:
                return N_("disagrees with the %(language)s version, %(problem)s",
                          language=_LANGUAGE.get(other_lang, other_lang), problem=problem)
        return None
