"""Dates, plural rules and compiled catalogs from CLDR: Babel's heavier modules.

Kept apart from :mod:`tmgr.localedata` (codes and names, which the settings import)
so that a command which only reads its settings does not load them.
"""

from __future__ import annotations

import gettext
import re
from datetime import date

from babel import Locale
from babel.dates import format_date
from babel.messages.plurals import get_plural
from babel.support import Translations

from tmgr.localedata import locale_of

_ABBREVIATED_MONTH = re.compile(r"(?<!M)MMM(?!M)")
_SKELETON = "yMMMd"
_NARROW_NBSP = "\u202f"


def _widen(pattern: str) -> str:
    """Turn abbreviated months (MMM) into full ones (MMMM), leaving quoted text alone."""
    parts = pattern.split("'")
    parts[::2] = [_ABBREVIATED_MONTH.sub("MMMM", part) for part in parts[::2]]
    return "'".join(parts)


def _format(day: date, pattern: str, locale: Locale) -> str:
    return format_date(day, _widen(str(getattr(pattern, "pattern", pattern))), locale=locale)


def week_range(start: date, end: date, lang: str) -> str:
    """The week as ``lang`` writes it, with full month names.

    Uses CLDR's interval pattern for the ``yMMMd`` skeleton and widens its month
    field, e.g. be ``28 кастрычніка – 3 лістапада 2024``, ru ``28 октября — 3 ноября
    2024 г.``, within one month be ``4–10 лістапада 2024``. CLDR's narrow no-break
    spaces become plain spaces: the export's typography decides where spaces bind.
    """
    if end < start:
        start, end = end, start
    locale = locale_of(lang)
    if start == end:
        text = _format(start, locale.datetime_skeletons.get(_SKELETON, "d MMM y"), locale)
        return text.replace(_NARROW_NBSP, " ")
    intervals = locale.interval_formats.get(_SKELETON, {})
    field_ = "y" if start.year != end.year else "M" if start.month != end.month else "d"
    parts = intervals.get(field_)
    if not parts:
        fallback = locale.interval_formats.get(None, "{0} – {1}")
        single = locale.datetime_skeletons.get(_SKELETON, "d MMM y")
        text = fallback.format(_format(start, single, locale), _format(end, single, locale))
    else:
        text = _format(start, parts[0], locale) + _format(end, parts[1], locale)
    return text.replace(_NARROW_NBSP, " ")


def plural_forms(lang: str) -> str:
    """The gettext ``Plural-Forms`` header value for ``lang``, from CLDR."""
    return str(get_plural(locale_of(lang)))


def catalog(directory: str, lang: str) -> gettext.NullTranslations:
    """The compiled gettext catalog of ``lang`` under ``directory`` (CLDR plural rules
    from its header), or one that answers in the source language when there is none."""
    return Translations.load(directory, [lang])
