"""The editable data files shipped in ``tmgr/data``, and their checked loading.

The files are the reader's rules (``boilerplate.toml``, ``metadata_*.toml``...),
typography, segmentation, prompts and the starter glossary; the modules that
consume them (readers, :mod:`tmgr.localedata`, :mod:`tmgr.typography`) find them
with :func:`data_file` and read TOML with :func:`load_toml`, so a broken file is a
:class:`ConfigError` naming it, never a traceback.
"""

from __future__ import annotations

import re
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

from tmgr.errors import ConfigError

_EDIT_HINT = "fix the file; its format is described in the comments at its top"


def data_file(name: str) -> Path:
    """The path of a data file shipped in ``tmgr/data``."""
    return Path(str(resources.files(__name__).joinpath(name)))


def load_toml(path: Path) -> dict[str, Any]:
    """Read a TOML file, turning any problem into a ConfigError naming the file."""
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror}",
                          hint="check the path and permissions") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path} is not valid TOML: {exc}", hint=_EDIT_HINT) from exc


def table(data: dict[str, Any], key: str, allowed: set[str], source: Path) -> dict[str, Any]:
    """The sub-table ``key`` of ``data`` (empty when absent), checking its keys."""
    value = data.get(key, {})
    if not isinstance(value, dict):
        raise ConfigError(f"{source}: [{key}] must be a table", hint=_EDIT_HINT)
    unknown = sorted(set(value) - allowed)
    if unknown:
        raise ConfigError(f"{source}: unknown key(s) in [{key}]: {', '.join(unknown)}",
                          hint=f"allowed keys are {', '.join(sorted(allowed))}")
    return value


def strings(section: dict[str, Any], key: str, where: str, source: Path) -> tuple[str, ...]:
    """The list of strings ``section[key]`` (empty when absent)."""
    value = section.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(f"{source}: {where}.{key} must be a list of non-empty strings",
                          hint=_EDIT_HINT)
    return tuple(value)


def patterns(texts: tuple[str, ...], where: str, source: Path) -> tuple[re.Pattern[str], ...]:
    """Compile case-insensitive regular expressions, naming the bad one on error."""
    compiled = []
    for text in texts:
        try:
            compiled.append(re.compile(text, re.IGNORECASE))
        except re.error as exc:
            raise ConfigError(f"{source}: bad regular expression in {where}: {text!r} ({exc})",
                              hint=_EDIT_HINT) from exc
    return tuple(compiled)
