"""The registry: every check, in the order findings are listed.

A new check is a class in its theme module and a line here;
``tests/test_qa_checks.py`` fails if a ``@register``-ed class is missing.
"""

from __future__ import annotations

from tmgr.qa.base import Check
from tmgr.qa.crosslang import CrossLanguage
from tmgr.qa.glossary import DoNotTranslate, ForbiddenTerms, GlossaryTerms
from tmgr.qa.letters import ForeignLetters, MixedScript
from tmgr.qa.markup import Emails, Markup, Urls
from tmgr.qa.numbers import Dates, NumberFormat, Numbers
from tmgr.qa.punctuation import Brackets, DoubleSpace, EndPunctuation, OuterWhitespace, QuoteStyle
from tmgr.qa.text import LengthRatio, SameAsSource

CHECKS: tuple[type[Check], ...] = (
    CrossLanguage,
    GlossaryTerms, ForbiddenTerms, DoNotTranslate,
    MixedScript, ForeignLetters,
    Urls, Emails, Markup,
    Numbers, Dates, NumberFormat,
    EndPunctuation, Brackets, QuoteStyle, DoubleSpace, OuterWhitespace,
    SameAsSource, LengthRatio,
)
