"""Quality checks: one small class per check, a registry, two severities.

``check_translation(source, target, lang)`` runs every registered check and
returns its findings; an ``error`` blocks approval unless a reviewer overrides it.
Checks live in one module per theme: numbers, markup, punctuation, letters,
text, glossary and crosslang.
"""

from __future__ import annotations

from tmgr.qa import checks as _checks  # noqa: F401  (registers the checks)
from tmgr.qa.base import (
    ERROR,
    WARNING,
    Check,
    Finding,
    QAContext,
    check_translation,
    register,
    registry,
)
from tmgr.qa.terms import Term

__all__ = ["ERROR", "WARNING", "Check", "Finding", "QAContext", "Term", "check_translation",
           "register", "registry"]
