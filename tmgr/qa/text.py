"""The translation as a whole: unchanged source, length far off."""

from __future__ import annotations

from tmgr.qa.base import ERROR, WARNING, Check, register

MIN_LENGTH = 25  # shorter sources vary too much in length to judge
RATIO_RANGE = (0.5, 2.0)  # Belarusian and Russian run ~1.0-1.3 times the English


@register
class SameAsSource(Check):
    id = "same-as-source"
    name = "Unchanged source"
    severity = ERROR

    def check(self, source: str, target: str, lang: str) -> str | None:
        if target.strip() == source.strip() and any(c.isalpha() for c in source):
            return "the translation is identical to the English source"
        return None


@register
class LengthRatio(Check):
    id = "length-ratio"
    name = "Length far off"
    severity = WARNING

    def check(self, source: str, target: str, lang: str) -> str | None:
        if len(source.strip()) < MIN_LENGTH:
            return None
        ratio = len(target.strip()) / len(source.strip())
        low, high = RATIO_RANGE
        if ratio < low:
            return f"the translation is {ratio:.0%} of the source's length: something missing?"
        if ratio > high:
            return f"the translation is {ratio:.0%} of the source's length: something added?"
        return None
