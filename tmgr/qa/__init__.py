"""Quality checks: one small class per check, a registry, two severities.

``check_translation(source, target, lang)`` runs every registered check and
returns its findings; an ``error`` blocks approval unless a reviewer overrides it.
"""

from __future__ import annotations

from tmgr.qa.base import ERROR, WARNING, Check, Finding, check_translation, register, registry
from tmgr.qa import checks as _checks  # noqa: F401  (registers the checks)

__all__ = ["ERROR", "WARNING", "Check", "Finding", "check_translation", "register",
           "registry"]
