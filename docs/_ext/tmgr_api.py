"""``.. tmgr-api::`` writes the API reference by walking the ``tmgr`` package.

No module path is written down anywhere: every module that ``pkgutil`` finds under
``tmgr`` gets its section (its docstring and its documented public members, through
autodoc), so modules that move or appear are documented where they are. Left out:
the migration scripts (Alembic loads them, they are not an API), ``__main__`` and the
old import paths of moved modules (``tmgr/_moved.py``), which only point elsewhere.
"""

from __future__ import annotations

import importlib
import pkgutil

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import nested_parse_with_titles

import tmgr

SKIP_PARTS = {"__main__", "migrations", "versions"}


def modules(package: str = "tmgr") -> list[str]:
    """Every importable module of the package, sorted, the package itself first."""
    root = importlib.import_module(package)
    moved = set(getattr(importlib.import_module(f"{package}._moved"), "MOVED", {}))
    names = [package]
    for info in pkgutil.walk_packages(root.__path__, prefix=f"{package}."):
        parts = info.name.split(".")
        if SKIP_PARTS & set(parts) or info.name in moved:
            continue
        names.append(info.name)
    return sorted(names)


class TmgrApiDirective(SphinxDirective):
    """Insert one section per module of ``tmgr``, each an ``automodule``."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        source: list[str] = []
        for name in modules(tmgr.__name__):
            source += [name, "-" * (len(name) + 4), "", f".. automodule:: {name}", ""]
        container = nodes.section()
        container.document = self.state.document
        nested_parse_with_titles(self.state, StringList(source, "tmgr-api"), container)
        return list(container.children)


def setup(app: Sphinx) -> dict[str, object]:
    app.add_directive("tmgr-api", TmgrApiDirective)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
