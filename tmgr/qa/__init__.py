"""Quality checks: one small class per check, a registry, two severities.

``check_translation(source, target, lang)`` (:mod:`tmgr.qa.run`) runs every check of
the registry (the explicit tuple ``tmgr.qa.checks.CHECKS``, over the base class of
:mod:`tmgr.qa.base`) and returns its findings; an ``error`` blocks approval unless a
reviewer overrides it. Checks live in one module per theme: numbers, markup, punctuation, letters,
text, glossary and crosslang.
"""

from __future__ import annotations

from tmgr.qa.base import ERROR, WARNING, Check, Finding, QAContext
from tmgr.qa.checks import registry
from tmgr.qa.run import check_document, check_translation
from tmgr.qa.terms import Term

__all__ = ["ERROR", "WARNING", "Check", "Finding", "QAContext", "Term", "check_document",
           "check_translation", "registry"]
