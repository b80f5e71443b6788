"""Numbers and dates: the costliest errors in news (a wrong figure, a wrong month)."""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal

from tmgr.qa.base import ERROR, WARNING, Check
from tmgr.qa.calendar import (
    english_months,
    english_number_words,
    english_numbers,
    english_style_decimals,
    show,
    target_months,
    target_number_words,
    target_numbers,
)
from tmgr.qa.messages import N_, Listing

_MONTH_NAMES = ("", N_("January"), N_("February"), N_("March"), N_("April"), N_("May"),
                N_("June"), N_("July"), N_("August"), N_("September"), N_("October"),
                N_("November"), N_("December"))


_MONTHS_EN = re.compile(r"\b([\w-]+)\s+months?\b", re.IGNORECASE)
# years in words: «паўтара года», «полтора года», «паўгода», «два з паловай гады»
_YEAR_WORDS = (
    (re.compile(r"\b(?:паўтара|полтора)\s+(?:года|гады|гадоў|лет)", re.IGNORECASE), "1.5"),
    (re.compile(r"\b(?:паўгода|полгода)\b", re.IGNORECASE), "0.5"),
    (re.compile(r"\b(?:два|два)\s+(?:з|с)\s+(?:паловай|половиной)\s+(?:гады|года)",
                re.IGNORECASE), "2.5"),
)
_YEARS_DIGITS = re.compile(r"(\d+(?:,\d+)?)\s*(?:года|гады|гадоў|год|лет)\b")


def _months_as_years(source: str, target: str, lang: str, missing: Counter[Decimal],
                     extra: Counter[Decimal]) -> tuple[Counter[Decimal], Counter[Decimal]]:
    """"18 months" rendered «паўтара года» or «1,5 года» is the same length of time."""
    years: Counter[Decimal] = Counter()
    for pattern, value in _YEAR_WORDS:
        years[Decimal(value)] += len(pattern.findall(target))
    for digits in _YEARS_DIGITS.findall(target):
        years[Decimal(digits.replace(",", "."))] += 1
    for phrase in _MONTHS_EN.findall(source):
        values = english_number_words(phrase) or english_numbers(phrase)
        for months in values:
            wanted = Decimal(months) / 12
            if months in missing and years[wanted] > 0:
                years[wanted] -= 1
                missing[months] -= 1
                extra[wanted] -= 1
    return +missing, +extra


def number_mismatch(source: str, target: str, lang: str) -> str | None:
    """What differs between the numbers of an English source and a BE/RU target."""
    wanted, have = english_numbers(source), target_numbers(target, lang)
    missing, extra = wanted - have, have - wanted
    target_words, source_words = target_number_words(target, lang), english_number_words(source)
    missing -= target_words  # "3" may be written "тры"
    extra -= source_words  # "three" may be written "3"
    # Numbers in words on both sides: "two" rendered "тры" is wrong, but a number word
    # the translation leaves out ("for the first time" is «упершыню») is not.
    word_missing = source_words - (have + target_words)
    word_extra = target_words - (wanted + source_words)
    if word_missing and word_extra:
        missing += word_missing
        extra += word_extra
    missing, extra = _months_as_years(source, target, lang, missing, extra)
    problems = []
    if missing:
        problems.append(N_("missing %(values)s", values=_listing(missing, "en")))
    if extra:
        problems.append(N_("not in the source %(values)s", values=_listing(extra, lang)))
    return Listing(problems, "; ") if problems else None


def _listing(values: Counter[Decimal], lang: str) -> str:
    return ", ".join(show(value, lang) for value in sorted(values.elements()))


class Numbers(Check):
    id = "numbers"
    name = N_("Numbers differ from the source")
    severity = ERROR

    def check(self, source: str, target: str, lang: str) -> str | None:
        problem = number_mismatch(source, target, lang)
        return N_("numbers differ from the source: %(problems)s",
                  problems=problem) if problem else None


class Dates(Check):
    id = "dates"
    name = N_("Months differ from the source")
    severity = ERROR

    def check(self, source: str, target: str, lang: str) -> str | None:
        # Sets, not counts: "Oct. 14 – Oct. 20" is "14–20 кастрычніка".
        wanted = Counter(set(english_months(source)))
        have = Counter(set(target_months(target, lang, expected=wanted)))
        if wanted == have:
            return None
        problems = []
        if wanted - have:
            problems.append(N_("missing %(values)s", values=Listing(
                _MONTH_NAMES[m] for m in sorted((wanted - have).elements()))))
        if have - wanted:
            problems.append(N_("not in the source %(values)s", values=Listing(
                _MONTH_NAMES[m] for m in sorted((have - wanted).elements()))))
        return N_("months differ from the source: %(problems)s",
                  problems=Listing(problems, "; "))


class NumberFormat(Check):
    id = "number-format"
    name = N_("English number format")
    severity = WARNING

    def check(self, source: str, target: str, lang: str) -> str | None:
        points = [n for n in english_style_decimals(target) if n in source]
        if points:
            return N_("%(number)s is written the English way: use a decimal comma "
                      "(%(fixed)s)", number=points[0], fixed=points[0].replace(".", ","))
        return None
