"""The UI languages and messages in them: a service's message, a QA finding.

The services and checks write English (an :func:`~tmgr.qa.messages.N_` message is a
template the catalogs translate); pages, the API and the error handler say them here.
"""

from __future__ import annotations

from typing import Any

from flask_babel import gettext

from tmgr.qa.messages import translate

#: the languages the UI speaks (the header's choice, kept in the session and the account)
UI_LANGUAGES = ("en", "be", "ru")


def said(text: str | None) -> str | None:
    """A service's message in the UI language (an :func:`~tmgr.qa.messages.N_` message is
    translated; plain English, e.g. from a library, is shown as it is)."""
    return None if text is None else translate(text, gettext)


def finding_message(finding: Any) -> str:
    """A QA finding's message in the UI language (the checks write English templates)."""
    return translate(finding.message, gettext)


def finding_json(finding: Any) -> dict[str, Any]:
    """A finding as the API sends it: message in the UI language, key, suggestions."""
    return {"check": finding.check, "severity": finding.severity,
            "message": finding_message(finding), "key": finding.key,
            "suggestions": list(finding.suggestions),
            "replaces": getattr(finding, "target_word", finding.key)}
