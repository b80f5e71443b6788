"""The checks themselves (more arrive with the QA work)."""

from __future__ import annotations

from tmgr.qa.base import ERROR, WARNING, Check, register


@register
class DoubleSpace(Check):
    id = "double-space"
    name = "Double space"
    severity = WARNING

    def check(self, source: str, target: str, lang: str) -> str | None:
        if "  " in target and "  " not in source:
            return "the translation contains a double space"
        return None


@register
class SameAsSource(Check):
    id = "same-as-source"
    name = "Unchanged source"
    severity = ERROR

    def check(self, source: str, target: str, lang: str) -> str | None:
        if target.strip() == source.strip() and any(c.isalpha() for c in source):
            return "the translation is identical to the English source"
        return None
