"""The core stays pure: formats, QA, MT, readers and segmentation load no ORM, web or use case.

Each package is imported in a fresh interpreter, so what another test imported
cannot hide a dependency; the modules it pulled in are then compared with the
layers it must not reach. And each library has one home: the source is read for
the imports of a library outside the place that owns it.
"""

from __future__ import annotations

import ast
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

PURE_PACKAGES = ("tmgr.formats", "tmgr.qa", "tmgr.mt", "tmgr.readers", "tmgr.segment",
                 "tmgr.states", "tmgr.ingest", "tmgr.data")
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


TMGR = Path(__file__).resolve().parents[1] / "tmgr"
#: library -> the package (a folder of tmgr/) or module that alone may import it;
#: None: no module may (the library is not a dependency of tmgr)
LIBRARY_HOMES: dict[str, str | None] = {
    "lxml": "formats",  # the one safe XML stack, tmgr/formats/xmlsafe.py, and the XML formats
    "xml": "formats",  # the standard library's XML parsers are not safe on hostile files
    "defusedxml": None,  # TBX goes through the same stack as XLIFF and TMX
}


def _imported_libraries(path: Path) -> set[str]:
    """The top-level names of what ``path`` imports (absolute imports only)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names


def _home_of(path: Path) -> str:
    relative = path.relative_to(TMGR)
    return relative.parts[0] if len(relative.parts) > 1 else relative.stem


def test_each_library_is_imported_only_in_its_home() -> None:
    strays = sorted(f"{path.relative_to(TMGR.parent)} imports {library}"
                    for path in TMGR.rglob("*.py")
                    for library in _imported_libraries(path) & set(LIBRARY_HOMES)
                    if LIBRARY_HOMES[library] != _home_of(path))
    assert not strays, "; ".join(strays)


def test_the_library_rule_sees_the_xml_formats() -> None:
    """The scan finds lxml where it is used, so an empty result above means something."""
    assert "lxml" in _imported_libraries(TMGR / "formats" / "xmlsafe.py")
    assert "lxml" in _imported_libraries(TMGR / "formats" / "tbx.py")
