"""The UI languages and messages in them: a service's message, a QA finding.

The services and checks write English (an :func:`~tmgr.qa.messages.N_` message is a
template the catalogs translate); pages, the API and the error handler say them here.
"""

from __future__ import annotations

from typing import Any

from flask_babel import get_locale, get_translations, gettext

from tmgr.qa.messages import Listing, Templates, translate

#: the languages the UI speaks (the header's choice, kept in the session and the account)
UI_LANGUAGES = ("en", "be", "ru")


_TEMPLATES: dict[str, Templates] = {}


def _templates() -> Templates | None:
    """The UI language's catalog as templates stored English is recognised by (None: English)."""
    locale = str(get_locale() or "en")
    if locale not in _TEMPLATES:
        messages = getattr(get_translations(), "_catalog", None)
        if not messages:
            return None
        _TEMPLATES[locale] = Templates(messages)
    return _TEMPLATES[locale]


def said(text: str | None) -> str | None:
    """A service's message in the UI language: an :func:`~tmgr.qa.messages.N_` message is
    translated, and so is plain English that is one of the catalog's templates (an engine's
    failure stored as text); anything else, e.g. a library's words, is shown as it is."""
    if text is None:
        return None
    if not isinstance(text, Listing) and (templates := _templates()) is not None:
        text = templates.recognise(text)
    return translate(text, gettext)


#: why an engine failed, as :class:`~tmgr.errors.MTError` names it; a stored failure
#: reads "<reason>: <message>" (tmgr.drafting.drafts)
MT_REASONS = ("unavailable", "rate-limited", "unsupported-language", "bad-answer", "too-long",
              "not-configured", "blocked")


def mt_failure(stored: str | None) -> str:
    """An engine's failure kept with a translation, in the UI language (its reason code,
    which is for scripts, left off)."""
    if not stored:
        return ""
    reason, colon, message = stored.partition(": ")
    return said(message if colon and reason in MT_REASONS else stored) or ""


def finding_message(finding: Any) -> str:
    """A QA finding's message in the UI language (the checks write English templates)."""
    return translate(finding.message, gettext)


def finding_json(finding: Any) -> dict[str, Any]:
    """A finding as the API sends it: message in the UI language, key, suggestions."""
    return {"check": finding.check, "severity": finding.severity,
            "message": finding_message(finding), "key": finding.key,
            "suggestions": list(finding.suggestions),
            "replaces": getattr(finding, "target_word", finding.key)}
