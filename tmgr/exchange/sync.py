"""``tmgr sync``: PO catalogs in ``locales/<lang>/<slug>.po`` kept in step with tmgr.

Catalogs edited in the folder are imported first (as the given user); then every
catalog is regenerated. A catalog that cannot be imported cleanly (malformed,
conflicting, edited with no user to record, or edited in ways the user may not make) is left
untouched, so nothing written there by hand is ever lost. The user has the
editor's rights (:func:`tmgr.people.permissions.require_change`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.orm import Session

from tmgr.documents.ingest import list_documents
from tmgr.documents.snapshot import iter_views
from tmgr.errors import TmgrError
from tmgr.exchange.export import build_catalog
from tmgr.exchange.imports import ImportReport, check_catalog_text, check_language, import_catalog
from tmgr.formats.po import PoFormat
from tmgr.store.models import User

PO = PoFormat()


@dataclass
class SyncResult:
    """What sync imported, what it will write, and what it left alone (path → why)."""

    imports: list[ImportReport] = field(default_factory=list)
    files: dict[Path, bytes] = field(default_factory=dict)
    left_alone: dict[Path, str] = field(default_factory=dict)


def catalog_path(root: Path, lang: str, slug: str) -> Path:
    return root / lang / f"{slug}{PO.extension}"


def _import_one(session: Session, path: Path, user: User | None,
                languages: Sequence[str], result: SyncResult, four_eyes: bool) -> None:
    report = ImportReport(name=str(path), format=PO.name)
    try:
        catalogs = PO.load(path.read_bytes(), str(path))
        with session.begin_nested() as savepoint:
            for catalog in catalogs:
                if user is not None:
                    check_language(user, catalog.target_lang, languages, str(path))
                check_catalog_text(catalog, str(path))
                import_catalog(session, catalog, user, report, four_eyes=four_eyes)
            if user is None and report.updated:
                savepoint.rollback()
                result.left_alone[path] = (f"{report.updated} edited entries to import: "
                                           "run `tmgr sync --as USER`")
                return
    except OSError as exc:
        result.left_alone[path] = f"cannot read it: {exc.strerror}"
        return
    except TmgrError as exc:
        result.left_alone[path] = str(exc)
        return
    if report.conflicts:
        result.left_alone[path] = f"{len(report.conflicts)} conflict(s); resolve them first"
    result.imports.append(report)


def sync_catalogs(session: Session, root: Path, languages: Sequence[str],
                  user: User | None, *, four_eyes: bool = True) -> SyncResult:
    """Import edited catalogs under ``root``, then produce every catalog; the caller writes
    ``files`` (after committing) and reports ``left_alone``."""
    result = SyncResult()
    for lang in languages:
        for path in sorted((root / lang).glob(f"*{PO.extension}")):
            _import_one(session, path, user, languages, result, four_eyes)
    session.flush()
    documents = list_documents(session)
    for view in iter_views(session, [doc.id for doc in documents], languages):
        for lang in languages:
            path = catalog_path(root, lang, view.slug)
            if path not in result.left_alone:
                result.files[path] = PO.dump([build_catalog(view, lang)])
    return result
