"""End punctuation, quotes, brackets and spaces."""

from __future__ import annotations

import re

from tmgr.qa.base import ERROR, WARNING, Check
from tmgr.qa.messages import N_

_CLOSERS = "\"'»“”’)]… \u00a0"
_END = {".": N_("a full stop"), "?": N_("a question mark"), "!": N_("an exclamation mark"),
        ":": N_("a colon"), ";": N_("a semicolon"), "…": N_("an ellipsis"),
        "": N_("no end punctuation")}
_PAIRS = (("(", ")"), ("[", "]"), ("«", "»"))


def end_mark(text: str) -> str:
    """The sentence-final mark of ``text`` after closing quotes and brackets, or ''."""
    stripped = text.rstrip(_CLOSERS)
    if stripped.endswith("..."):
        return "…"
    return stripped[-1] if stripped and stripped[-1] in _END else ""


class EndPunctuation(Check):
    id = "end-punctuation"
    name = N_("End punctuation differs")
    severity = WARNING

    def check(self, source: str, target: str, lang: str) -> str | None:
        wanted, have = end_mark(source), end_mark(target)
        if wanted == have or {wanted, have} <= {".", "…"}:
            return None
        return N_("the source ends with %(source)s, the translation with %(target)s",
                  source=_END[wanted], target=_END[have])


class Brackets(Check):
    id = "brackets"
    name = N_("Unbalanced brackets or quotes")
    severity = ERROR

    def check(self, source: str, target: str, lang: str) -> str | None:
        for opening, closing in _PAIRS:
            depth = 0
            for char in target:
                depth += (char == opening) - (char == closing)
                if depth < 0:
                    break
            if depth != 0:
                return N_("unbalanced %(pair)s in the translation", pair=opening + closing)
        if target.count('"') % 2:
            return N_('an odd number of " in the translation')
        if target.count("„") != target.count("“") and "„" in target:
            return N_("unbalanced %(pair)s in the translation", pair="„“")
        return None


class QuoteStyle(Check):
    id = "quote-style"
    name = N_("Straight or English quotes")
    severity = WARNING

    def check(self, source: str, target: str, lang: str) -> str | None:
        if lang not in ("be", "ru"):
            return None
        if '"' in target:
            return N_('straight quotes ("): use « » (and „ “ inside them)')
        if "”" in target or ("“" in target and "„" not in target):
            return N_("English quotes (“ ”): use « » (and „ “ inside them)")
        if _outer_low_quote(target):
            return N_("„ “ as the outer quotes: use « » (and „ “ inside them)")
        return None


def _outer_low_quote(text: str) -> bool:
    """A „ opens a quotation outside any «…»."""
    depth = 0
    for char in text:
        if char == "«":
            depth += 1
        elif char == "»":
            depth = max(0, depth - 1)
        elif char == "„" and depth == 0:
            return True
    return False


class DoubleSpace(Check):
    id = "double-space"
    name = N_("Double space")
    severity = WARNING

    def check(self, source: str, target: str, lang: str) -> str | None:
        if "  " in target and "  " not in source:
            return N_("the translation contains a double space")
        return None


class OuterWhitespace(Check):
    id = "whitespace"
    name = N_("Leading or trailing whitespace")
    severity = WARNING

    def check(self, source: str, target: str, lang: str) -> str | None:
        if target[:1].isspace() and not source[:1].isspace():
            return N_("the translation starts with a space")
        if target[-1:].isspace() and not source[-1:].isspace():
            return N_("the translation ends with a space")
        if re.search(r"\s[,.;:!?](?!\.)", target) and not re.search(r"\s[,.;:!?]", source):
            return N_("a space before punctuation")
        return None
