"""Old import paths of modules that moved, kept importable so that code written
against them (other branches, embedders) keeps working.

An import of an old name loads the new module and registers it under both names,
so ``tmgr.services.memory.fuzzy_matches is tmgr.tm.memory.fuzzy_matches``. The
finder is lazy: nothing is imported until someone asks for an old name.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import sys
from types import ModuleType

MOVED = {
    "tmgr.tmindex": "tmgr.tm.index",
    "tmgr.services.memory": "tmgr.tm.memory",
    "tmgr.services.diffs": "tmgr.tm.diff",
    "tmgr.db": "tmgr.store.db",
    "tmgr.models": "tmgr.store.models",
    "tmgr.schema": "tmgr.store.schema",
    "tmgr.schema_head": "tmgr.store.schema_head",
    "tmgr.tables": "tmgr.store.tables",
    "tmgr.summaries": "tmgr.store.summaries",
    "tmgr.backup": "tmgr.store.backup",
    "tmgr.restore": "tmgr.store.restore",
    "tmgr.quickstatus": "tmgr.store.quickstatus",
    "tmgr.deskrules": "tmgr.store.deskrules",
    "tmgr.search": "tmgr.store.search",
    "tmgr.dbcopy": "tmgr.store.copy",
    "tmgr.migrations": "tmgr.store.migrations",
    "tmgr.ingest": "tmgr.readers",
}


class _AliasLoader(importlib.abc.Loader):
    def __init__(self, target: str) -> None:
        self.target = target

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType:
        return importlib.import_module(self.target)

    def exec_module(self, module: ModuleType) -> None:
        """The target module is already executed by :meth:`create_module`."""


class MovedFinder(importlib.abc.MetaPathFinder):
    """Finds each old name in :data:`MOVED` as its new module."""

    def find_spec(self, fullname: str, path: object = None,
                  target: object = None) -> importlib.machinery.ModuleSpec | None:
        new = MOVED.get(fullname)
        if new is None:
            return None
        return importlib.util.spec_from_loader(fullname, _AliasLoader(new))


def install() -> None:
    if not any(isinstance(finder, MovedFinder) for finder in sys.meta_path):
        sys.meta_path.insert(0, MovedFinder())
