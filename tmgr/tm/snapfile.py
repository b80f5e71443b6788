"""A stored index snapshot as a file beside a SQLite database, mapped into memory.

Reading a snapshot of a million units out of the database costs seconds (SQLite
walks hundreds of megabytes of overflow pages into one bytes object); a file mapped
with ``mmap`` costs nothing until a look-up touches its pages. The database row
stays the reference (other hosts, PostgreSQL): the file is a cache of it, named by
the row it copies (``<db>.tm-index/<lang>-<generation>-<epoch>-<size>.snapshot``),
written whole under another name and renamed, so a reader never sees half of one.
"""

from __future__ import annotations

import logging
import mmap
import os
import tempfile
from pathlib import Path

from sqlalchemy import Engine

_log = logging.getLogger(__name__)
_SUFFIX = ".snapshot"


def folder_for(engine: Engine) -> Path | None:
    """Where the snapshots of this database are kept: beside a SQLite file, else nowhere."""
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:" \
            or database.startswith("file:"):
        return None
    path = Path(database)
    return path.with_name(f"{path.name}.tm-index")


def _path(folder: Path, lang: str, key: tuple[int, ...]) -> Path:
    return folder / f"{lang}-{'-'.join(map(str, key))}{_SUFFIX}"


def read(folder: Path | None, lang: str, key: tuple[int, ...]) -> memoryview | None:
    """The snapshot of ``lang`` stored as ``key``, mapped read-only; None if there is none."""
    if folder is None:
        return None
    try:
        with open(_path(folder, lang, key), "rb") as file:
            mapped = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):  # absent, unreadable or empty
        return None
    return memoryview(mapped)


def write(folder: Path | None, lang: str, key: tuple[int, ...], data: bytes) -> None:
    """Store ``data`` as the snapshot of ``lang`` under ``key``; drop older ones. Best effort."""
    if folder is None:
        return
    target = _path(folder, lang, key)
    try:
        folder.mkdir(exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{lang}-", suffix=".part")
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, target)
        for older in folder.glob(f"{lang}-*{_SUFFIX}"):
            if older != target:
                older.unlink(missing_ok=True)
    except OSError as exc:
        _log.info("TM index snapshot file %s not written: %s", target, exc)
