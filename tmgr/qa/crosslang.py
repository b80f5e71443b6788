"""Across languages: the BE and RU versions of a segment agree on numbers, dates, names."""

from __future__ import annotations

import re
from collections import Counter

from tmgr.qa.base import ERROR, Check, QAContext, register
from tmgr.qa.calendar import show, target_months, target_number_words, target_numbers
from tmgr.qa.terms import find_form, in_english

_LANGUAGE = {"be": "Belarusian", "ru": "Russian", "en": "English"}
LATIN_NAME = re.compile(r"\b[A-Z][A-Za-z0-9]+(?:[-.][A-Za-z0-9]+)*\b")


def _differences(mine: Counter, theirs: Counter, lang: str, what: str) -> str | None:
    if mine == theirs:
        return None
    only_mine = ", ".join(show(v, lang) if what == "numbers" else str(v)
                          for v in sorted((mine - theirs).elements()))
    only_theirs = ", ".join(show(v, lang) if what == "numbers" else str(v)
                            for v in sorted((theirs - mine).elements()))
    return f"{what}: this has {only_mine or 'nothing'} where it has {only_theirs or 'nothing'}"


def _values(text: str, lang: str) -> Counter:
    """Numbers in digits and in words ("2–3" and "две-три" agree)."""
    return target_numbers(text) + target_number_words(text, lang)


def _names(source: str, target: str, other: str, context: QAContext, lang: str,
           other_lang: str) -> str | None:
    for word in set(LATIN_NAME.findall(target)) ^ set(LATIN_NAME.findall(other)):
        if word in source:
            where = "this" if word in target else "it"
            return f"names: only {where} keeps “{word}”"
    for term in context.glossary:
        mine, theirs = term.approved(lang), term.approved(other_lang)
        if not mine or not theirs or not in_english(term.term, source):
            continue
        has_mine = any(find_form(form, target) for form in mine)
        has_theirs = any(find_form(form, other) for form in theirs)
        if has_mine != has_theirs:
            return f"names: “{term.term}” is in {'this' if has_mine else 'it'} only"
    return None


@register
class CrossLanguage(Check):
    id = "cross-language"
    name = "Versions disagree"
    severity = ERROR

    def check_in(self, source: str, target: str, lang: str, context: QAContext) -> str | None:
        for other_lang, other in sorted(context.other_translations.items()):
            problem = (
                _differences(_values(target, lang), _values(other, other_lang), lang, "numbers")
                or _differences(Counter(set(target_months(target, lang))),
                                Counter(set(target_months(other, other_lang))), lang, "months")
                or _names(source, target, other, context, lang, other_lang))
            if problem:
                name = _LANGUAGE.get(other_lang, other_lang)
                return f"disagrees with the {name} version, {problem}"
        return None
