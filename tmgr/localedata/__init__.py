"""Languages, the one home of Babel: codes, names and header tables.

Language codes are checked against Babel's CLDR data (:func:`parse_languages`) and
against the configured languages (:func:`require_configured`); names come from CLDR
too. Week ranges, plural rules and compiled catalogs need Babel's heavier modules and
live in :mod:`tmgr.localedata.cldr`, so loading the settings (which import this
module) does not load them. The names of sections, status lines and
authors, and the labels of published texts, are data in
``tmgr/data/metadata_<lang>.toml`` (an instance may add or override entries in
``<instance>/metadata_<lang>.toml``).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError

from tmgr.data import data_file, load_toml
from tmgr.errors import ConfigError, TmgrError

SOURCE_LANGUAGE = "en"


def find_locale(lang: str) -> Locale | None:
    """CLDR's data for ``lang`` (months, territories, names...), or None if it has none."""
    try:
        return Locale.parse(lang)
    except (UnknownLocaleError, ValueError, LookupError, TypeError):
        return None


def locale_of(lang: str) -> Locale:
    """CLDR's data for ``lang``, or ConfigError for a code it does not know."""
    locale = find_locale(lang)
    if locale is None:
        raise ConfigError(f"unknown language code {lang!r}",
                          hint="use ISO 639 codes such as be, ru, uk")
    return locale


def language_name(lang: str, in_lang: str = "en") -> str:
    """How ``in_lang`` names ``lang``: ``Belarusian``, or ``беларуская`` in ``be``.

    A code CLDR does not know is its own name.
    """
    locale = find_locale(lang)
    if locale is None:
        return lang
    try:
        return locale.get_display_name(in_lang) or lang
    except (ValueError, LookupError, TypeError):
        return lang


def parse_languages(value: str | Iterable[str]) -> tuple[str, ...]:
    """Target languages (``be,ru`` or a list) checked against CLDR, in order, once each."""
    codes = value.split(",") if isinstance(value, str) else list(value)
    result: list[str] = []
    for raw in codes:
        code = raw.strip()
        if not code:
            continue
        locale_of(code)
        if code == SOURCE_LANGUAGE:
            raise ConfigError("English is the source language, not a target")
        if code not in result:
            result.append(code)
    if not result:
        raise ConfigError("no target languages configured", hint="set TMGR_LANGUAGES=be,ru")
    return tuple(result)


def require_configured(codes: Iterable[str], configured: Sequence[str], *, where: str = "",
                       error: type[TmgrError] = ConfigError) -> tuple[str, ...]:
    """``codes`` (stripped, once each), or ``error`` naming those not in ``configured``.

    ``where`` (a file name...) prefixes the message; a web page passes ``NotFound``,
    an account form ``AccountError``.
    """
    chosen = tuple(dict.fromkeys(code.strip() for code in codes if code.strip()))
    unknown = [code for code in chosen if code not in configured]
    if unknown:
        raise error(f"{where + ': ' if where else ''}language {', '.join(unknown)} "
                    "is not configured", hint=f"configured: {', '.join(configured)}")
    return chosen


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
