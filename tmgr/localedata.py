"""What a language writes around the text: week ranges, plural rules, header tables.

Dates come from Babel's CLDR data; the names of sections, status lines and
authors, and the labels of published texts, are data in
``tmgr/data/metadata_<lang>.toml`` (an instance may add or override entries in
``<instance>/metadata_<lang>.toml``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.messages.plurals import get_plural

from tmgr.data import data_file, load_toml
from tmgr.errors import ConfigError

_ABBREVIATED_MONTH = re.compile(r"(?<!M)MMM(?!M)")
_SKELETON = "yMMMd"
_NARROW_NBSP = "\u202f"


def _locale(lang: str) -> Locale:
    try:
        return Locale.parse(lang)
    except (UnknownLocaleError, ValueError) as exc:
        raise ConfigError(f"unknown language code {lang!r}") from exc


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
    locale = _locale(lang)
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
    return str(get_plural(_locale(lang)))


def language_name(lang: str) -> str:
    """The English name of ``lang`` (Belarusian, Russian...)."""
    return _locale(lang).get_display_name("en") or lang


@dataclass(frozen=True)
class MetadataTable:
    """How one language names sections, status lines and authors, and labels its texts."""

    lang: str
    sections: Mapping[str, str] = field(default_factory=dict)
    status_lines: Mapping[str, str] = field(default_factory=dict)
    authors: Mapping[str, str] = field(default_factory=dict)
    labels: Mapping[str, str] = field(default_factory=dict)
    source: str = ""  # where the table comes from, for error messages

    def section(self, english: str) -> str | None:
        return _lookup(self.sections, english)

    def status_line(self, english: str) -> str | None:
        return _lookup(self.status_lines, english)

    def author(self, english: str) -> str | None:
        return _lookup(self.authors, english)

    def label(self, name: str, **values: str) -> str:
        template = self.labels.get(name)
        if template is None:
            raise ConfigError(f"no label {name!r} for {self.lang}",
                              hint=f"add it under [labels] in {self.source}")
        return template.format(**values)


def _fold(text: str) -> str:
    return " ".join(text.replace("’", "'").split()).casefold().rstrip(".")


def _lookup(table: Mapping[str, str], english: str) -> str | None:
    folded = _fold(english)
    return next((value for key, value in table.items() if _fold(key) == folded), None)


@functools.lru_cache(maxsize=16)
def _shipped(lang: str) -> tuple[dict[str, Any], str]:
    path = data_file(f"metadata_{lang}.toml")
    return (load_toml(path) if path.is_file() else {}), f"tmgr/data/{path.name}"


def load_metadata(lang: str, instance_path: Path | None = None) -> MetadataTable:
    """The table for ``lang``: the shipped one, with the instance's entries on top."""
    data, source = _shipped(lang)
    merged = {key: dict(data.get(key, {})) for key in
              ("sections", "status_lines", "authors", "labels")}
    local = instance_path / f"metadata_{lang}.toml" if instance_path else None
    if local is not None and local.is_file():
        extra = load_toml(local)
        for key, values in merged.items():
            values.update(extra.get(key, {}))
        source = f"{source} or {local}"
    return MetadataTable(lang=lang, source=source, **merged)
