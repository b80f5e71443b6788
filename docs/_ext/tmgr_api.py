"""``.. tmgr-api::`` writes the API reference by walking the ``tmgr`` package.

No module path is written down anywhere: every module found in the folder of
``tmgr`` gets its section, so modules that move or appear are documented where they
are. Each section is the module's docstring (through autodoc) and a list of its
public classes and functions, each with its parameters and the first line of its
docstring. Left out: the migration scripts (Alembic loads them, they are not an
API), ``__main__``, and the old import paths of moved modules (``tmgr/_moved.py``),
which only point elsewhere. The entry points (``tmgr.cli``, ``tmgr.web``) show their
docstrings only: the command-line reference and the JSON API page describe them.

A full autodoc of every member (4,400 objects) took half a minute of CPU; this list
keeps the whole docs build within a few seconds.
"""

from __future__ import annotations

import importlib
import inspect
from pathlib import Path
from types import ModuleType

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import nested_parse_with_titles

import tmgr

SKIP_PARTS = {"__main__", "migrations", "versions"}
ENTRY_POINTS = ("tmgr.cli", "tmgr.web")


def modules(package: str = "tmgr") -> list[str]:
    """Every module of the package, sorted, found in its folder (``pkgutil`` would miss
    the folders without an ``__init__.py``, such as ``tmgr/archive``)."""
    root = importlib.import_module(package)
    moved = set(getattr(importlib.import_module(f"{package}._moved"), "MOVED", {}))
    names = set()
    for folder in map(Path, root.__path__):
        for path in folder.rglob("*.py"):
            parts = (package, *path.relative_to(folder).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            name = ".".join(parts)
            if SKIP_PARTS & set(parts) or name in moved or not all(
                    part.isidentifier() for part in parts):
                continue
            names.add(name)
    return sorted(names)


def _parameters(obj: object) -> str:
    try:
        signature = inspect.signature(obj)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return "(...)"
    names = []
    for parameter in signature.parameters.values():
        prefix = {inspect.Parameter.VAR_POSITIONAL: "*",
                  inspect.Parameter.VAR_KEYWORD: "**"}.get(parameter.kind, "")
        names.append(prefix + parameter.name)
    return "(" + ", ".join(names) + ")"


def _summary(obj: object) -> str:
    doc = inspect.getdoc(obj) or ""
    first = doc.split("\n\n")[0].replace("\n", " ").strip()
    return first


def public_members(module: ModuleType) -> list[tuple[str, object]]:
    """The classes and functions a module defines (not imports) and does not hide."""
    exported = getattr(module, "__all__", None)
    found = []
    for name, obj in vars(module).items():
        if name.startswith("_") or (exported is not None and name not in exported):
            continue
        if not (inspect.isclass(obj) or inspect.isfunction(obj)):
            continue
        if getattr(obj, "__module__", None) != module.__name__:
            continue
        found.append((name, obj))
    return sorted(found)


def module_lines(name: str) -> list[str]:
    module = importlib.import_module(name)
    lines = [name, "-" * (len(name) + 4), "", f".. automodule:: {name}", "   :no-members:", ""]
    if name.startswith(ENTRY_POINTS):
        return lines
    for member, obj in public_members(module):
        kind = "class" if inspect.isclass(obj) else "def"
        lines.append(f"* ``{kind} {member}{_parameters(obj)}``")
        summary = _summary(obj)
        if summary:
            lines += ["", "  " + summary]
        lines.append("")
    return lines


class TmgrApiDirective(SphinxDirective):
    """Insert one section per module of ``tmgr``."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        source: list[str] = []
        for name in modules(tmgr.__name__):
            source += module_lines(name)
        container = nodes.section()
        container.document = self.state.document
        nested_parse_with_titles(self.state, StringList(source, "tmgr-api"), container)
        return list(container.children)


def setup(app: Sphinx) -> dict[str, object]:
    app.add_directive("tmgr-api", TmgrApiDirective)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
