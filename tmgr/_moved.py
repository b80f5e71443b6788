"""Old import paths of modules that moved, kept importable so that code written
against them (other branches, embedders) keeps working.

An import of an old name loads the new module and registers it under both names,
so ``tmgr.services.memory.fuzzy_matches is tmgr.tm.memory.fuzzy_matches``. The
finder is lazy: nothing is imported until someone asks for an old name. A package
that is gone altogether (``tmgr.services``, whose use cases now live in the domain
packages) answers as an empty package, so that its old modules resolve under it.
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
    # issue 26: the use cases left tmgr/services/ for the domain packages
    "tmgr.services.documents": "tmgr.documents.ingest",
    "tmgr.services.sources": "tmgr.documents.revisions",
    "tmgr.services.addsource": "tmgr.documents.add",
    "tmgr.services.docmeta": "tmgr.documents.metadata",
    "tmgr.services.articles": "tmgr.documents.articles",
    "tmgr.services.snapshot": "tmgr.documents.snapshot",
    "tmgr.services.listing": "tmgr.documents.listing",
    "tmgr.services.translations": "tmgr.review.translations",
    "tmgr.services.review": "tmgr.review.actions",
    "tmgr.services.editor": "tmgr.review.editor",
    "tmgr.services.replace": "tmgr.review.replace",
    "tmgr.services.reviewerrors": "tmgr.review.mqm",
    "tmgr.services.locks": "tmgr.review.locks",
    "tmgr.services.postedit": "tmgr.review.postedit",
    "tmgr.services.concordance": "tmgr.review.concordance",
    "tmgr.services.termhints": "tmgr.review.termhints",
    "tmgr.services.sitestrings": "tmgr.review.sitestrings",
    "tmgr.services.drafts": "tmgr.drafting.drafts",
    "tmgr.services.suggest": "tmgr.drafting.suggest",
    "tmgr.services.draftlease": "tmgr.drafting.lease",
    "tmgr.services.draftreport": "tmgr.drafting.report",
    "tmgr.services.mtcache": "tmgr.drafting.cache",
    "tmgr.services.mtcontext": "tmgr.drafting.context",
    "tmgr.services.mtreport": "tmgr.drafting.analytics",
    "tmgr.services.llmreview": "tmgr.drafting.llmreview",
    "tmgr.services.export": "tmgr.exchange.export",
    "tmgr.services.imports": "tmgr.exchange.imports",
    "tmgr.services.import_rules": "tmgr.exchange.import_rules",
    "tmgr.services.sync": "tmgr.exchange.sync",
    "tmgr.services.sitexchange": "tmgr.exchange.sitexchange",
    "tmgr.services.mtgate": "tmgr.exchange.gate",
    "tmgr.services.archive": "tmgr.exchange.archive",
    "tmgr.services.archivelearn": "tmgr.exchange.archivelearn",
    "tmgr.services.archivereview": "tmgr.exchange.archivereview",
    "tmgr.services.desk": "tmgr.desk.assignments",
    "tmgr.services.progress": "tmgr.desk.progress",
    "tmgr.services.dashboard": "tmgr.desk.dashboard",
    "tmgr.services.week": "tmgr.desk.week",
    "tmgr.services.desktable": "tmgr.desk.desktable",
    "tmgr.services.users": "tmgr.people.users",
    "tmgr.services.permissions": "tmgr.people.permissions",
    "tmgr.services.notify": "tmgr.people.notifications",
    "tmgr.services.webhooks": "tmgr.people.webhooks",
    "tmgr.services.outbox": "tmgr.people.outbox",
    "tmgr.services.mailtext": "tmgr.people.mailtext",
    "tmgr.services.doctor": "tmgr.people.doctor",
    "tmgr.services.qa": "tmgr.quality.checks",
    "tmgr.services.words": "tmgr.quality.words",
    "tmgr.services.fixes": "tmgr.quality.fixes",
    "tmgr.services.glossary": "tmgr.quality.glossary",
    "tmgr.services.glossaryedit": "tmgr.quality.glossaryedit",
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

#: old packages that no longer exist: each still imports, as an empty package, so that
#: the old names of the modules it held (in MOVED) resolve under it
GONE_PACKAGES = frozenset({"tmgr.services"})


class _AliasLoader(importlib.abc.Loader):
    def __init__(self, target: str) -> None:
        self.target = target

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType:
        return importlib.import_module(self.target)

    def exec_module(self, module: ModuleType) -> None:
        """The target module is already executed by :meth:`create_module`."""


class _EmptyPackageLoader(importlib.abc.Loader):
    """An old package kept only so that its old submodules' names resolve."""

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> None:
        """The default module object will do."""

    def exec_module(self, module: ModuleType) -> None:
        module.__doc__ = (f"Former package; its modules moved (see {__name__}.MOVED).")


class MovedFinder(importlib.abc.MetaPathFinder):
    """Finds each old name in :data:`MOVED` as its new module, and each gone package."""

    def find_spec(self, fullname: str, path: object = None,
                  target: object = None) -> importlib.machinery.ModuleSpec | None:
        if fullname in GONE_PACKAGES:
            return importlib.util.spec_from_loader(fullname, _EmptyPackageLoader(),
                                                   is_package=True)
        new = MOVED.get(fullname)
        if new is None:
            return None
        return importlib.util.spec_from_loader(fullname, _AliasLoader(new))


def install() -> None:
    if not any(isinstance(finder, MovedFinder) for finder in sys.meta_path):
        sys.meta_path.insert(0, MovedFinder())
