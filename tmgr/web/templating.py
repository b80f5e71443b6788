"""Template helpers: state and origin labels, language names, dates in the UI language."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from flask import Flask, g, has_request_context
from flask_babel import format_date, format_datetime, get_locale, get_translations
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from tmgr.localedata import language_name
from tmgr.localedata.cldr import week_range
from tmgr.people import permissions as perm
from tmgr.states import State
from tmgr.tm.diff import word_diff
from tmgr.web.messages import finding_message, mt_failure, said
from tmgr.web.notes import history_note

STATE_LABELS = {
    State.UNTRANSLATED: _l("untranslated"),
    State.DRAFT: _l("draft"),
    State.NEEDS_EDITING: _l("needs editing"),
    State.TRANSLATED: _l("translated"),
    State.APPROVED: _l("approved"),
}
ERROR_CATEGORY_LABELS = {
    "accuracy": _l("accuracy (meaning)"), "fluency": _l("fluency (grammar, spelling)"),
    "terminology": _l("terminology"), "style": _l("style"),
    "locale-convention": _l("locale convention (dates, numbers, quotes)"),
}
SEVERITY_LABELS = {"minor": _l("minor"), "major": _l("major"), "critical": _l("critical")}
ROLE_LABELS = {
    "translator": _l("translator"), "reviewer": _l("reviewer"), "editor": _l("editor"),
    "publisher": _l("publisher"), "admin": _l("admin"),
}
UI_LANGUAGE_NAMES = {"en": "English", "be": "Беларуская", "ru": "Русский"}


def _per_request(name: str, make: Callable[[], Any]) -> Any:
    """``make()``, made once per request (kept on ``g`` as ``name``); outside a request,
    made each time."""
    if not has_request_context():
        return make()
    found = g.get(name)
    if found is None:
        found = make()
        setattr(g, name, found)
    return found


def catalog() -> Any:
    """The request's translations, found once per request.

    Flask-Babel finds them again on every call (a handful of context look-ups each);
    the documents page of 500 documents makes some 20,000 calls, which cost more
    than all its queries.
    """
    return _per_request("_tmgr_catalog", get_translations)


def state_label(state: State | str) -> str:
    labels = _per_request("_tmgr_state_labels",
                          lambda: {s: str(label) for s, label in STATE_LABELS.items()})
    return str(labels[State(state) if isinstance(state, str) else state])


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


def ui_language_name(code: str) -> str:
    """``be`` as the UI language calls it, e.g. "беларуская"."""
    return language_name(code, str(get_locale() or "en"))


def week_label(document: Any) -> str:
    """The document's week as the UI language writes it (English: as the source has it)."""
    ui = str(get_locale() or "en")
    if ui == "en" or not (document.week_start and document.week_end):
        return document.week_text or ""
    return week_range(document.week_start, document.week_end, ui)


def mark_words(text: str, words: list[str]) -> list[tuple[str, bool]]:
    """``text`` in pieces, the whole-word occurrences of ``words`` marked: the editor
    highlights misspellings inline with it."""
    if not words:
        return [(text, False)]
    pattern = re.compile(r"(?<![\w’'-])(" + "|".join(re.escape(w) for w in words)
                         + r")(?![\w’'-])")
    pieces, last = [], 0
    for match in pattern.finditer(text):
        pieces += [(text[last:match.start()], False), (match.group(0), True)]
        last = match.end()
    return [*pieces, (text[last:], False)]


def when(value: datetime | date | None, fmt: str = "short") -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return format_datetime(value, fmt)
    return format_date(value, "medium")


def mark_unknown(text: str, words: Any) -> Markup:
    """``text`` with the words an MT engine did not know in ``<mark class="unknown">``."""
    wanted = [w for w in (words.split() if isinstance(words, str) else words or ()) if w]
    if not wanted:
        return Markup.escape(text)
    pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(w) for w in wanted) + r")(?!\w)")
    pieces, cursor = [], 0
    for match in pattern.finditer(text):
        pieces.append(Markup.escape(text[cursor:match.start()]))
        pieces.append(Markup('<mark class="unknown">%s</mark>') % match.group())
        cursor = match.end()
    pieces.append(Markup.escape(text[cursor:]))
    return Markup("").join(pieces)


def register(app: Flask) -> None:
    # the templates' _() and ngettext() through the request's catalog (see catalog())
    app.jinja_env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=lambda s: catalog().ugettext(s),
        ngettext=lambda s, p, n: catalog().ungettext(s, p, n),
        pgettext=lambda c, s: catalog().upgettext(c, s),
        npgettext=lambda c, s, p, n: catalog().unpgettext(c, s, p, n),
        newstyle=True)
    app.jinja_env.filters.update(state_label=state_label, origin_label=origin_label,
                                 language_name=ui_language_name, when=when, word_diff=word_diff,
                                 week_label=week_label, finding_message=finding_message,
                                 mark_words=mark_words, mark_unknown=mark_unknown,
                                 history_note=history_note, said=said, mt_failure=mt_failure)
    app.jinja_env.globals.update(State=State, STATES=list(State), perm=perm,
                                 state_class={s: s.value.replace("_", "-") for s in State},
                                 ROLE_LABELS=ROLE_LABELS,
                                 ERROR_CATEGORY_LABELS=ERROR_CATEGORY_LABELS,
                                 SEVERITY_LABELS=SEVERITY_LABELS,
                                 UI_LANGUAGE_NAMES=UI_LANGUAGE_NAMES)

    @app.context_processor
    def _globals() -> dict[str, Any]:
        labels = {s.value: state_label(s) for s in State}
        return {"ui_locale": str(get_locale() or "en"),
                "state_labels_json": json.dumps(labels, ensure_ascii=False)}
