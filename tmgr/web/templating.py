"""Template helpers: state and origin labels, language names, dates in the UI language."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from babel import Locale
from flask import Flask
from flask_babel import format_date, format_datetime, get_locale
from flask_babel import lazy_gettext as _l

from tmgr.localedata import week_range
from tmgr.services import permissions as perm
from tmgr.states import State
from tmgr.tm.diff import word_diff

STATE_LABELS = {
    State.UNTRANSLATED: _l("untranslated"),
    State.DRAFT: _l("draft"),
    State.NEEDS_EDITING: _l("needs editing"),
    State.TRANSLATED: _l("translated"),
    State.APPROVED: _l("approved"),
}
ROLE_LABELS = {
    "translator": _l("translator"), "reviewer": _l("reviewer"), "editor": _l("editor"),
    "publisher": _l("publisher"), "admin": _l("admin"),
}
UI_LANGUAGE_NAMES = {"en": "English", "be": "Беларуская", "ru": "Русский"}


def state_label(state: State | str) -> str:
    return str(STATE_LABELS[State(state) if isinstance(state, str) else state])


def origin_label(origin: str | None) -> str:
    """human, TM, MT (engine) or pivot, in the UI language."""
    if not origin:
        return ""
    if origin == "human":
        return str(_l("human"))
    if origin == "tm":
        return str(_l("TM"))
    if origin.startswith("mt:"):
        engine = origin[3:]
        if " via " in engine:  # mt:google via ru
            return str(_l("MT via pivot (%(engine)s)", engine=engine.split(" via ")[0]))
        return str(_l("MT (%(engine)s)", engine=engine))
    return origin


def language_name(code: str) -> str:
    """``be`` as the UI language calls it, e.g. "беларуская"."""
    try:
        return Locale.parse(code).get_display_name(str(get_locale() or "en")) or code
    except (ValueError, TypeError):
        return code


def week_label(document: Any) -> str:
    """The document's week as the UI language writes it (English: as the source has it)."""
    ui = str(get_locale() or "en")
    if ui == "en" or not (document.week_start and document.week_end):
        return document.week_text or ""
    return week_range(document.week_start, document.week_end, ui)


def when(value: datetime | date | None, fmt: str = "short") -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return format_datetime(value, fmt)
    return format_date(value, "medium")


def register(app: Flask) -> None:
    app.jinja_env.filters.update(state_label=state_label, origin_label=origin_label,
                                 language_name=language_name, when=when, word_diff=word_diff,
                                 week_label=week_label)
    app.jinja_env.globals.update(State=State, STATES=list(State), perm=perm,
                                 state_class={s: s.value.replace("_", "-") for s in State},
                                 ROLE_LABELS=ROLE_LABELS,
                                 UI_LANGUAGE_NAMES=UI_LANGUAGE_NAMES)

    @app.context_processor
    def _globals() -> dict[str, Any]:
        labels = {s.value: state_label(s) for s in State}
        return {"ui_locale": str(get_locale() or "en"),
                "state_labels_json": json.dumps(labels, ensure_ascii=False)}
