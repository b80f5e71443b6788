"""Settings: environment variables first, then an optional TOML file, then defaults.

Environment variables:

``TMGR_DATABASE_URL``  SQLAlchemy URL (default: SQLite file ``instance/tmgr.sqlite3``)
``TMGR_LANGUAGES``     target languages, comma-separated (default ``be,ru``)
``TMGR_INSTANCE``      the instance folder (default ``./instance``)
``TMGR_CONFIG``        a TOML file (default ``<instance>/tmgr.toml`` when it exists)

The TOML file takes the same settings in lower case without the prefix
(``database_url = "..."``, ``languages = ["be", "ru"]``) and free-form tables for
the subsystems (``[mt.google]`` and so on), available as :attr:`Settings.extra`.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tmgr.errors import ConfigError

SOURCE_LANGUAGE = "en"
DEFAULT_LANGUAGES = ("be", "ru")


@dataclass(frozen=True)
class Settings:
    """Everything tmgr needs to know about where it runs."""

    instance_path: Path
    database_url: str
    languages: tuple[str, ...] = DEFAULT_LANGUAGES
    extra: Mapping[str, Any] = field(default_factory=dict)

    def get(self, dotted: str, default: Any = None) -> Any:
        """Look up ``a.b.c`` in the TOML file's tables."""
        node: Any = self.extra
        for part in dotted.split("."):
            if not isinstance(node, Mapping) or part not in node:
                return default
            node = node[part]
        return node


def parse_languages(value: str | list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Validate language codes against Babel's CLDR data; keep their order."""
    from babel import Locale, UnknownLocaleError  # CLDR data loads only when needed

    codes = value.split(",") if isinstance(value, str) else list(value)
    result: list[str] = []
    for raw in codes:
        code = raw.strip()
        if not code:
            continue
        try:
            Locale.parse(code)
        except (UnknownLocaleError, ValueError) as exc:
            raise ConfigError(f"unknown language code {code!r}",
                              hint="use ISO 639 codes such as be, ru, uk") from exc
        if code == SOURCE_LANGUAGE:
            raise ConfigError("English is the source language, not a target")
        if code not in result:
            result.append(code)
    if not result:
        raise ConfigError("no target languages configured", hint="set TMGR_LANGUAGES=be,ru")
    return tuple(result)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
    except OSError as exc:
        raise ConfigError(f"cannot read config file {path}: {exc.strerror}") from exc


def load_settings(env: Mapping[str, str] | None = None) -> Settings:
    """Build :class:`Settings` from ``env`` (default: ``os.environ``)."""
    env = os.environ if env is None else env
    instance = Path(env.get("TMGR_INSTANCE") or "instance").resolve()
    config_path = env.get("TMGR_CONFIG")
    data: dict[str, Any] = {}
    if config_path:
        data = _read_toml(Path(config_path))
    elif (instance / "tmgr.toml").is_file():
        data = _read_toml(instance / "tmgr.toml")
    url = env.get("TMGR_DATABASE_URL") or data.get("database_url")
    if not url:
        url = f"sqlite:///{instance / 'tmgr.sqlite3'}"
    languages = parse_languages(env.get("TMGR_LANGUAGES") or data.get("languages")
                                or DEFAULT_LANGUAGES)
    return Settings(instance_path=instance, database_url=url, languages=languages,
                    extra=data)
