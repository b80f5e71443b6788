"""The head revision of tmgr's migrations, read from their files (stdlib only).

A command checks the database's recorded revision against it before working,
without loading Alembic (or SQLAlchemy: see :mod:`tmgr.store.quickstatus`).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_REVISION_LINE = re.compile(r"^(down_revision|revision)\s*(?::[^=]*)?=\s*(.+?)\s*$", re.M)


@functools.cache
def quick_head() -> str | None:
    """The head revision read from the migration files' headers, without loading Alembic.

    None when a file does not follow the usual header (then ask Alembic).
    """
    revisions: dict[str, tuple[str, ...]] = {}
    for path in sorted((MIGRATIONS / "versions").glob("*.py")):
        found = dict(_REVISION_LINE.findall(path.read_text(encoding="utf-8")))
        revision = re.fullmatch(r"['\"]([^'\"]+)['\"]", found.get("revision", ""))
        down = found.get("down_revision", "")
        parents = re.findall(r"['\"]([^'\"]+)['\"]", down)
        if revision is None or not (parents or down == "None"):
            return None
        revisions[revision.group(1)] = tuple(parents)
    children = {parent for parents in revisions.values() for parent in parents}
    heads = [revision for revision in revisions if revision not in children]
    return heads[0] if len(heads) == 1 else None
