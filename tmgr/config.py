"""Settings: environment variables first, then an optional TOML file, then defaults.

This is the one module that reads the process environment. :func:`load_settings`:

``TMGR_DATABASE_URL``  SQLAlchemy URL (default: SQLite file ``instance/tmgr.sqlite3``)
``TMGR_LANGUAGES``     target languages, comma-separated (default ``be,ru``)
``TMGR_INSTANCE``      the instance folder (default ``./instance``)
``TMGR_CONFIG``        a TOML file (default ``<instance>/tmgr.toml`` when it exists)

The TOML file takes the same settings in lower case without the prefix
(``database_url = "..."``, ``languages = ["be", "ru"]``) and free-form tables for
the subsystems (``[mt.google]`` and so on), available as :attr:`Settings.extra`.

The other variables are read when they are used, so a running server or test
sees a change at once: :func:`environment` (the MT engines' ``TMGR_<ENGINE>_*``),
:func:`password_hash_method`, :func:`debug_requested`, :func:`mail_environment`,
:func:`web_environment`, :func:`digest_minutes`, :func:`apertium_path` and
:func:`hunspell_paths`.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tmgr.errors import ConfigError
from tmgr.localedata import parse_languages

DEFAULT_LANGUAGES = ("be", "ru")
DEFAULT_PASSWORD_HASH = "scrypt"


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


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
    except OSError as exc:
        raise ConfigError(f"cannot read config file {path}: {exc.strerror}") from exc


def _merged(base: Mapping[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    """``base`` with ``over`` laid on top, table by table (``{"mt": {"google": ...}}``)."""
    merged = dict(base)
    for key, value in over.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
            merged[key] = _merged(merged[key], value)
        else:
            merged[key] = value
    return merged


def load_settings(env: Mapping[str, str] | None = None,
                  overrides: Mapping[str, Any] | None = None) -> Settings:
    """Build :class:`Settings` from ``env`` (default: ``os.environ``) and the config file.

    ``overrides`` (what an embedder or a test passes to ``create_app``) wins over
    both: the same keys as the config file (``database_url``, ``languages``,
    tables such as ``{"review": {"four_eyes": False}}``), plus ``instance_path``
    and ``config`` (a TOML file to read instead of ``TMGR_CONFIG``).
    """
    env = os.environ if env is None else env
    overrides = dict(overrides or {})
    instance = Path(overrides.pop("instance_path", None) or env.get("TMGR_INSTANCE")
                    or "instance").resolve()
    config_path = overrides.pop("config", None) or env.get("TMGR_CONFIG")
    data: dict[str, Any] = {}
    if config_path:
        data = _read_toml(Path(config_path))
    elif (instance / "tmgr.toml").is_file():
        data = _read_toml(instance / "tmgr.toml")
    url = (overrides.get("database_url") or env.get("TMGR_DATABASE_URL")
           or data.get("database_url"))
    if not url:
        url = f"sqlite:///{instance / 'tmgr.sqlite3'}"
    languages = parse_languages(overrides.get("languages") or env.get("TMGR_LANGUAGES")
                                or data.get("languages") or DEFAULT_LANGUAGES)
    data = _merged(data, overrides)
    return Settings(instance_path=instance, database_url=url, languages=languages,
                    extra=data)


def environment() -> Mapping[str, str]:
    """The process environment, as the MT engines read their ``TMGR_<ENGINE>_*`` keys."""
    return os.environ


def _variable(name: str) -> str | None:
    return os.environ.get(name) or None


def password_hash_method() -> str:
    """werkzeug's hashing method for new passwords: TMGR_PASSWORD_HASH, else scrypt."""
    return _variable("TMGR_PASSWORD_HASH") or DEFAULT_PASSWORD_HASH


def llm_review_requested() -> tuple[str, str] | None:
    """TMGR_LLM_REVIEW=1: the llm engine's (URL, model) to review with, else None."""
    if (_variable("TMGR_LLM_REVIEW") or "").strip() != "1":
        return None
    return _variable("TMGR_LLM_URL") or "", _variable("TMGR_LLM_MODEL") or ""


def debug_requested() -> bool:
    """TMGR_DEBUG: show tracebacks (same as ``tmgr --debug``)."""
    return bool(_variable("TMGR_DEBUG"))


def mail_environment() -> dict[str, str | None]:
    """TMGR_SMTP_URL, TMGR_MAIL_FROM, TMGR_BASE_URL as ``[mail]`` keys (None: unset)."""
    return {"smtp_url": _variable("TMGR_SMTP_URL"), "mail_from": _variable("TMGR_MAIL_FROM"),
            "base_url": _variable("TMGR_BASE_URL")}


def digest_minutes() -> int:
    """TMGR_DIGEST_MINUTES: how long non-urgent news about one document is collected
    into one e-mail for the users who chose digests (default 15)."""
    value = (_variable("TMGR_DIGEST_MINUTES") or "15").strip()
    if not value.isdigit() or int(value) > 24 * 60:
        raise ConfigError(f"TMGR_DIGEST_MINUTES must be a number of minutes from 0 to 1440, "
                          f"not {value!r}")
    return int(value)


def web_environment() -> dict[str, str | None]:
    """TMGR_SECRET_KEY, TMGR_SECURE_COOKIES, TMGR_TRUSTED_PROXIES as ``[web]`` keys."""
    return {"secret_key": _variable("TMGR_SECRET_KEY"),
            "secure_cookies": _variable("TMGR_SECURE_COOKIES"),
            "trusted_proxies": _variable("TMGR_TRUSTED_PROXIES")}


def restore_pause_marker() -> str | None:
    """TMGR_TEST_RESTORE_PAUSE (tests only): a file `tmgr restore` creates just before it
    switches to the restored copy, then waits while the file exists."""
    return _variable("TMGR_TEST_RESTORE_PAUSE")


def apertium_path() -> str | None:
    """TMGR_APERTIUM_PATH: the folder of Apertium's analysers (None: the default)."""
    return _variable("TMGR_APERTIUM_PATH")


def lexicon_cache() -> Path:
    """TMGR_LEXICON_CACHE: where the precomputed Hunspell word forms are kept (default
    ``$XDG_CACHE_HOME/tmgr/lexicon``, else ``~/.cache/tmgr/lexicon``)."""
    configured = _variable("TMGR_LEXICON_CACHE")
    if configured:
        return Path(configured)
    base = _variable("XDG_CACHE_HOME")
    return (Path(base) if base else Path.home() / ".cache") / "tmgr" / "lexicon"


def hunspell_paths() -> list[str]:
    """TMGR_HUNSPELL_PATH: extra dictionary folders, searched first."""
    return [path for path in (_variable("TMGR_HUNSPELL_PATH") or "").split(os.pathsep) if path]


def unedited_mt_thresholds() -> tuple[str | None, str | None]:
    """TMGR_UNEDITED_MT_WARN and TMGR_UNEDITED_MT_BLOCK as written (None: unset, off);
    :func:`tmgr.exchange.gate.parse_thresholds` reads them."""
    return _variable("TMGR_UNEDITED_MT_WARN"), _variable("TMGR_UNEDITED_MT_BLOCK")
