"""URLs, e-mail addresses and markup must come through unchanged."""

from __future__ import annotations

import re
from collections import Counter

from tmgr.qa.base import ERROR, Check
from tmgr.qa.messages import N_, Listing

URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"«»“”]+[^\s<>\"«»“”.,;:!?)\]]")
EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
PLACEHOLDER = re.compile(r"\{[\w.]*\}|%(?:\([\w]+\))?[sdif]|\[\[[^\]]+\]\]")
MARKDOWN = re.compile(r"\*\*|__|`")


def _difference(pattern: re.Pattern[str], source: str, target: str) -> str | None:
    in_source, in_target = pattern.findall(source), pattern.findall(target)
    if not in_source and not in_target:  # most texts: nothing to compare
        return None
    wanted, have = Counter(in_source), Counter(in_target)
    if wanted == have:
        return None
    missing, extra = wanted - have, have - wanted
    parts = []
    if missing:
        parts.append(N_("missing %(values)s", values=", ".join(sorted(missing))))
    if extra:
        parts.append(N_("changed or added %(values)s", values=", ".join(sorted(extra))))
    return Listing(parts, "; ")


class Urls(Check):
    id = "urls"
    name = N_("URLs missing or altered")
    severity = ERROR

    def check(self, source: str, target: str, lang: str) -> str | None:
        problem = _difference(URL, source, target)
        return N_("URLs differ from the source: %(problems)s",
                  problems=problem) if problem else None


class Emails(Check):
    id = "emails"
    name = N_("E-mail addresses missing or altered")
    severity = ERROR

    def check(self, source: str, target: str, lang: str) -> str | None:
        problem = _difference(EMAIL, source, target)
        return N_("e-mail addresses differ from the source: %(problems)s",
                  problems=problem) if problem else None


class Markup(Check):
    id = "markup"
    name = N_("Markup missing or altered")
    severity = ERROR

    def check(self, source: str, target: str, lang: str) -> str | None:
        for pattern, what in ((TAG, N_("tags")), (PLACEHOLDER, N_("placeholders")),
                              (MARKDOWN, N_("Markdown marks"))):
            problem = _difference(pattern, source, target)
            if problem:
                return N_("%(what)s differ from the source: %(problems)s", what=what,
                          problems=problem)
        return None
