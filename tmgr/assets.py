"""Where the review UI's templates, static files and compiled catalogs are.

In a checkout they are ``web/`` at the top of the tree; in an installed wheel the
packaging maps that folder into the package as ``tmgr/web_assets`` (see setup.py).
"""

from __future__ import annotations

import functools
from importlib.resources import files
from pathlib import Path

from tmgr.errors import ConfigError

CHECKOUT_WEB = Path(__file__).resolve().parents[1] / "web"


@functools.cache
def web_root() -> Path:
    """The folder holding ``templates/``, ``static/`` and ``translations/``."""
    installed = Path(str(files("tmgr").joinpath("web_assets")))
    for candidate in (installed, CHECKOUT_WEB):
        if (candidate / "templates").is_dir():
            return candidate
    raise ConfigError("the review UI's templates are missing from this installation",
                      hint="reinstall tmgr from its wheel or run it from a full checkout")
