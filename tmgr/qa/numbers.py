"""Numbers and dates: the costliest errors in news (a wrong figure, a wrong month)."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal

from tmgr.qa.base import ERROR, WARNING, Check, register
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

_MONTH_NAMES = ("", "January", "February", "March", "April", "May", "June", "July",
                "August", "September", "October", "November", "December")


def number_mismatch(source: str, target: str, lang: str) -> str | None:
    """What differs between the numbers of an English source and a BE/RU target."""
    wanted, have = english_numbers(source), target_numbers(target, lang)
    missing, extra = wanted - have, have - wanted
    missing -= target_number_words(target, lang)  # "3" may be written "тры"
    extra -= english_number_words(source)  # "three" may be written "3"
    problems = []
    if missing:
        problems.append("missing " + _listing(missing, "en"))
    if extra:
        problems.append("not in the source " + _listing(extra, lang))
    return "; ".join(problems) if problems else None


def _listing(values: Counter[Decimal], lang: str) -> str:
    return ", ".join(show(value, lang) for value in sorted(values.elements()))


@register
class Numbers(Check):
    id = "numbers"
    name = "Numbers differ from the source"
    severity = ERROR

    def check(self, source: str, target: str, lang: str) -> str | None:
        problem = number_mismatch(source, target, lang)
        return f"numbers differ from the source: {problem}" if problem else None


@register
class Dates(Check):
    id = "dates"
    name = "Months differ from the source"
    severity = ERROR

    def check(self, source: str, target: str, lang: str) -> str | None:
        # Sets, not counts: "Oct. 14 – Oct. 20" is "14–20 кастрычніка".
        wanted = Counter(set(english_months(source)))
        have = Counter(set(target_months(target, lang, expected=wanted)))
        if wanted == have:
            return None
        problems = []
        if wanted - have:
            problems.append("missing " + ", ".join(_MONTH_NAMES[m] for m in
                                                   sorted((wanted - have).elements())))
        if have - wanted:
            problems.append("not in the source " + ", ".join(
                _MONTH_NAMES[m] for m in sorted((have - wanted).elements())))
        return "months differ from the source: " + "; ".join(problems)


@register
class NumberFormat(Check):
    id = "number-format"
    name = "English number format"
    severity = WARNING

    def check(self, source: str, target: str, lang: str) -> str | None:
        points = [n for n in english_style_decimals(target) if n in source]
        if points:
            return (f"{points[0]} is written the English way: use a decimal comma "
                    f"({points[0].replace('.', ',')})")
        return None
