"""The core stays pure: formats, QA, MT, readers and segmentation load no ORM, web or use case.

Each package is imported in a fresh interpreter, so what another test imported
cannot hide a dependency; the modules it pulled in are then compared with the
layers it must not reach.
"""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys

import pytest

PURE_PACKAGES = ("tmgr.formats", "tmgr.qa", "tmgr.mt", "tmgr.readers", "tmgr.segment",
                 "tmgr.states", "tmgr.ingest")
FORBIDDEN = ("sqlalchemy", "flask", "werkzeug", "alembic", "tmgr.services", "tmgr.models",
             "tmgr.db", "tmgr.web", "tmgr.cli", "tmgr.schema")


def _modules_of(package: str) -> list[str]:
    """The package and every module in it, so a submodule imported lazily is checked too."""
    module = __import__(package, fromlist=["_"])
    names = [package]
    if hasattr(module, "__path__"):
        names += [info.name for info in pkgutil.walk_packages(module.__path__, package + ".")]
    return names


def _loaded_after_import(module: str) -> list[str]:
    code = (f"import sys, json; import {module}; "
            "print(json.dumps(sorted(sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                         text=True).stdout
    return json.loads(out)


@pytest.mark.parametrize("module", [m for p in PURE_PACKAGES for m in _modules_of(p)])
def test_core_module_loads_no_outer_layer(module: str) -> None:
    loaded = _loaded_after_import(module)
    reached = sorted(name for name in loaded
                     if any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN))
    assert not reached, f"{module} pulls in {', '.join(reached)}"


def test_state_is_one_class_everywhere() -> None:
    from tmgr import models
    from tmgr.formats import model
    from tmgr.states import State

    assert models.State is State
    assert model.State is State


def test_moved_modules_answer_at_their_old_paths() -> None:
    """Code written against the old layout keeps working: same module objects."""
    import importlib

    from tmgr._moved import MOVED

    for old, new in MOVED.items():
        assert importlib.import_module(old) is importlib.import_module(new)
