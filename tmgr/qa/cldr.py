"""The CLDR names the checks use (months, countries, cities), precomputed from Babel.

Loading Babel's locale data costs 30-50 ms a language in a fresh process; the
checks need only three small tables of it, kept in ``tmgr/data/cldr_names.json``.
``python -m tmgr.qa.cldr`` writes that file from the installed Babel;
``tests/test_qa_speed_data.py`` fails when it no longer matches Babel.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from tmgr.localedata import find_locale  # Babel's one home

DATA = Path(__file__).resolve().parents[1] / "data" / "cldr_names.json"
LANGUAGES = ("en", "be", "ru")


def from_babel(languages: tuple[str, ...] = LANGUAGES) -> dict[str, Any]:
    """The tables, read from Babel: per language, month -> wide names (format and
    stand-alone), territory code -> name, time zone -> exemplar city."""
    tables: dict[str, Any] = {}
    for lang in languages:
        locale = find_locale(lang)
        if locale is None:
            raise LookupError(f"CLDR has no data for {lang!r}")
        months: dict[str, list[str]] = {}
        for context in ("format", "stand-alone"):
            for month, name in locale.months[context]["wide"].items():
                names = months.setdefault(str(month), [])
                if name not in names:
                    names.append(name)
        tables[lang] = {
            "months": months,
            "territories": {code: name for code, name in sorted(locale.territories.items())},
            "cities": {zone: data["city"] for zone, data in sorted(locale.time_zones.items())
                       if data.get("city")},
        }
    return tables


@lru_cache(maxsize=1)
def _tables() -> dict[str, Any]:
    try:
        return json.loads(DATA.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return from_babel()


@lru_cache(maxsize=16)
def _language(lang: str) -> dict[str, Any]:
    if lang in _tables():
        return _tables()[lang]
    try:  # a language the file lacks: ask Babel
        return from_babel((lang,))[lang]
    except (ValueError, LookupError):
        return {}


def table(lang: str, name: str) -> dict[str, Any]:
    """One table (``months``, ``territories`` or ``cities``) of ``lang``; empty for a
    language CLDR does not know."""
    return _language(lang).get(name, {})


def write(path: Path = DATA) -> None:
    path.write_text(json.dumps(from_babel(), ensure_ascii=False, indent=0, sort_keys=True)
                    + "\n", encoding="utf-8")


if __name__ == "__main__":
    write()
