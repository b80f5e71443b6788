"""Engine settings: ``TMGR_<ENGINE>_URL`` / ``TMGR_<ENGINE>_API_KEY`` and ``[mt]`` tables.

The environment wins over the TOML file. Tunables live in ``[mt]`` (for every
engine) and ``[mt.<engine>]`` (for one)::

    [mt]
    engine = "google"      # the default engine of `tmgr draft`
    workers = 16           # concurrent requests per run
    timeout = 10           # seconds per HTTP request
    attempts = 6           # tries per text on 429, 5xx, timeouts, connection errors
    backoff = 0.25         # first back-off in seconds (doubles, with full jitter)
    backoff_max = 10
    breaker_threshold = 10 # failures in a row that open the circuit breaker
    breaker_cooldown = 30  # seconds before a dead service is tried again

    [mt.google]
    rate = 100             # requests per second
    url = "https://translate.google.com/m"

API keys are wrapped in :class:`Secret` so that no ``repr``, log line or error
message can show them by accident.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from tmgr.config import Settings, environment
from tmgr.errors import ConfigError

DEFAULT_ENGINE = "google"

#: defaults shared by every engine; ``rate`` comes from the engine class
DEFAULTS: dict[str, float] = {
    "workers": 16,
    "timeout": 10.0,
    "attempts": 6,
    "backoff": 0.25,
    "backoff_max": 10.0,
    "breaker_threshold": 10,
    "breaker_cooldown": 30.0,
}
_INTEGERS = {"workers", "attempts", "breaker_threshold", "max_chars"}


class Secret:
    """A credential that prints as ``********``; :meth:`reveal` gives the value."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "Secret('********')"

    __str__ = __repr__

    def __bool__(self) -> bool:
        return bool(self._value)


@dataclass(frozen=True)
class EngineConfig:
    """Everything one engine needs to run; built by :func:`load_engine_config`."""

    name: str
    url: str | None = None
    api_key: Secret | None = None
    rate: float = math.inf
    workers: int = 16
    timeout: float = 10.0
    attempts: int = 6
    backoff: float = 0.25
    backoff_max: float = 10.0
    breaker_threshold: int = 10
    breaker_cooldown: float = 30.0
    max_chars: int | None = None
    options: Mapping[str, Any] = field(default_factory=dict)

    @property
    def url_variable(self) -> str:
        return env_name(self.name, "URL")

    @property
    def key_variable(self) -> str:
        return env_name(self.name, "API_KEY")


def env_name(engine: str, suffix: str) -> str:
    """``TMGR_GOOGLE_URL`` for ``("google", "URL")``."""
    return f"TMGR_{engine.upper()}_{suffix}"


def _number(name: str, key: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ConfigError(f"[mt.{name}] {key} must be a number, not {value!r}")
    if value <= 0:
        raise ConfigError(f"[mt.{name}] {key} must be greater than 0")
    if key in _INTEGERS:
        if value != int(value):
            raise ConfigError(f"[mt.{name}] {key} must be a whole number")
        return int(value)
    return float(value)


def _text(name: str, key: str, value: Any) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ConfigError(f"[mt.{name}] {key} must be a string")
    return value.strip() or None


def load_engine_config(settings: Settings, name: str, *, rate: float,
                       env: Mapping[str, str] | None = None) -> EngineConfig:
    """Settings of engine ``name``: environment, then ``[mt.<name>]``, then ``[mt]``."""
    env = environment() if env is None else env
    common = settings.get("mt", {}) or {}
    own = settings.get(f"mt.{name}", {}) or {}
    if not isinstance(common, Mapping) or not isinstance(own, Mapping):
        raise ConfigError("[mt] and [mt.<engine>] must be tables")
    values: dict[str, Any] = {}
    for key, default in {**DEFAULTS, "rate": rate, "max_chars": None}.items():
        raw = own.get(key, common.get(key, default) if key != "rate" else default)
        values[key] = default if raw is None else _number(name, key, raw)
    url = env.get(env_name(name, "URL")) or _text(name, "url", own.get("url"))
    secret = env.get(env_name(name, "API_KEY")) or _text(name, "api_key", own.get("api_key"))
    options = {k: v for k, v in own.items()
               if k not in values and k not in {"url", "api_key"} and not isinstance(v, Mapping)}
    if region := env.get(env_name(name, "REGION")):
        options["region"] = region.strip()
    if model := env.get(env_name(name, "MODEL")):
        options["model"] = model.strip()
    return EngineConfig(name=name, url=url.strip() if url else None,
                        api_key=Secret(secret.strip()) if secret and secret.strip() else None,
                        options=options, **values)
