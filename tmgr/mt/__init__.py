"""Machine translation: one engine per module over deep-translator, and their registry.

deep-translator is imported only inside this package. ``create_engine(name,
settings)`` gives a ready engine; ``describe_engines`` is what ``tmgr engines``
prints.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from tmgr.config import Settings
from tmgr.errors import ConfigError
from tmgr.localedata import SOURCE_LANGUAGE
from tmgr.mt.apertium import Apertium
from tmgr.mt.base import REASONS, Context, Draft, Engine
from tmgr.mt.config import DEFAULT_ENGINE, load_engine_config
from tmgr.mt.deepl import DeepL
from tmgr.mt.google import Google
from tmgr.mt.libre import Libre
from tmgr.mt.llm import LLM
from tmgr.mt.microsoft import Microsoft
from tmgr.mt.mymemory import MyMemory
from tmgr.mt.offline import Offline
from tmgr.mt.yandex import Yandex

#: every engine, in the order ``tmgr engines`` lists them
ENGINES: dict[str, type[Engine]] = {
    cls.name: cls for cls in (Google, MyMemory, DeepL, Libre, Yandex, Microsoft, Apertium, LLM,
                     Offline)
}
#: the pivot language of "drafts via Russian"
PIVOT_LANGUAGE = "ru"


def default_engine_name(settings: Settings) -> str:
    """``[mt] engine`` from the config file, else ``google``."""
    name = settings.get("mt.engine", DEFAULT_ENGINE)
    if name not in ENGINES:
        raise ConfigError(f"[mt] engine: unknown engine {name!r}",
                          hint=f"engines: {', '.join(ENGINES)}")
    return str(name)


def create_engine(name: str | None, settings: Settings,
                  env: Mapping[str, str] | None = None) -> Engine:
    """The engine called ``name`` (default: the configured one), with its settings."""
    name = name or default_engine_name(settings)
    cls = ENGINES.get(name.lower())
    if cls is None:
        raise ConfigError(f"unknown engine {name!r}",
                          hint=f"choose one of {', '.join(ENGINES)} (`tmgr engines`)")
    return cls(load_engine_config(settings, cls.name, rate=cls.default_rate, env=env))


def language_pairs(languages: Sequence[str]) -> list[tuple[str, str]]:
    """en→each target; with Russian a target, ru→each other target (the pivot) and back."""
    pairs = [(SOURCE_LANGUAGE, lang) for lang in languages]
    if PIVOT_LANGUAGE in languages:
        others = [lang for lang in languages if lang != PIVOT_LANGUAGE]
        pairs += [(PIVOT_LANGUAGE, lang) for lang in others]
        pairs += [(lang, PIVOT_LANGUAGE) for lang in others]
    return pairs


def _public_url(url: str | None) -> str | None:
    """``url`` without user, password, query or fragment (they may hold credentials)."""
    if not url:
        return None
    parts = urlsplit(url)
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit((parts.scheme, netloc, parts.path, "", ""))


def describe(engine: Engine, pairs: Sequence[tuple[str, str]], *,
             default: bool = False) -> dict[str, Any]:
    """One engine as ``tmgr engines --json`` shows it: never its key."""
    return {
        "name": engine.name,
        "label": engine.label,
        "default": default,
        "configured": engine.configured,
        "missing": engine.missing_setting(),
        "external": engine.external,
        "url": _public_url(engine.url) if engine.external else None,
        "api_key": ("set" if engine.config.api_key else "not set") if engine.takes_key else None,
        "url_variable": engine.config.url_variable if engine.external else None,
        "api_key_variable": engine.config.key_variable if engine.takes_key else None,
        "max_chars": engine.limit,
        "supports": {f"{src}→{tgt}": engine.supports(src, tgt) for src, tgt in pairs},
    }


def describe_engines(settings: Settings, languages: Sequence[str],
                     env: Mapping[str, str] | None = None) -> list[dict[str, Any]]:
    """Every engine, configured or not, with the language pairs it supports."""
    default = default_engine_name(settings)
    pairs = language_pairs(languages)
    return [describe(create_engine(name, settings, env), pairs, default=name == default)
            for name in ENGINES]


__all__ = ["ENGINES", "PIVOT_LANGUAGE", "REASONS", "Context", "Draft", "Engine", "create_engine",
           "default_engine_name", "describe", "describe_engines", "language_pairs"]
