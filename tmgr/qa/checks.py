"""The registry: every check, in the order its findings are listed.

A new check is a class in its theme module and a line here (nothing registers
itself on import); ``tests/test_qa_checks.py`` runs its contract over every entry.
"""

from __future__ import annotations

import functools

from tmgr.qa.base import Check
from tmgr.qa.crosslang import CrossLanguage
from tmgr.qa.glossary import DoNotTranslate, ForbiddenTerms, GlossaryTerms
from tmgr.qa.letters import ForeignLetters, MixedScript
from tmgr.qa.markup import Emails, Markup, Urls
from tmgr.qa.names import Names
from tmgr.qa.numbers import Dates, NumberFormat, Numbers
from tmgr.qa.otherlang import OtherLanguageWords
from tmgr.qa.punctuation import Brackets, DoubleSpace, EndPunctuation, OuterWhitespace, QuoteStyle
from tmgr.qa.spelling import Spelling
from tmgr.qa.text import EnglishLeft, LengthRatio, SameAsSource
from tmgr.qa.witness import Negation, Omission

CHECKS: tuple[type[Check], ...] = (
    GlossaryTerms, ForbiddenTerms, DoNotTranslate,
    CrossLanguage,
    MixedScript, ForeignLetters, OtherLanguageWords,
    Urls, Emails, Markup,
    Names,
    Numbers, Dates, NumberFormat,
    EndPunctuation, Brackets, QuoteStyle, DoubleSpace, OuterWhitespace,
    Spelling,
    SameAsSource, LengthRatio, EnglishLeft,
    Negation, Omission,
)


@functools.cache
def instances() -> dict[str, Check]:
    """One instance of every check of :data:`CHECKS`, by id, in its order."""
    return {cls.id: cls() for cls in CHECKS}


def registry() -> dict[str, Check]:
    """Every check by id, in the order of the explicit tuple :data:`CHECKS`."""
    return dict(instances())
