"""``tmgr restore``: a backup becomes the database's contents, all of it or nothing.

The backup is loaded into a fresh database first and the target is switched only
when the load is complete, so a failure or a ``kill -9`` at any moment leaves the
target as it was:

- SQLite: the rows go into a new file beside the database, which SQLite's online
  backup then copies over the target in one transaction (a crash during the copy
  is rolled back by SQLite's journal, as any interrupted transaction is).
- PostgreSQL: dropping the old tables, creating the backup's schema and loading
  the rows is one transaction (PostgreSQL's DDL is transactional).
"""

from __future__ import annotations

import os
import sqlite3
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, MetaData
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from tmgr.config import restore_pause_marker
from tmgr.errors import BackupError, TmgrError
from tmgr.store import schema, search, summaries, tables, tmchanges
from tmgr.store.backup import BackupFile, Manifest, Progress, write_backup
from tmgr.store.db import Database


def _pause_for_tests() -> None:
    """Tests only: wait just before the switch (a test kills the process there to show
    the target is left as it was); see :func:`tmgr.config.restore_pause_marker`."""
    marker = restore_pause_marker()
    if not marker:
        return
    Path(marker).write_text(str(os.getpid()), encoding="ascii")
    while Path(marker).exists():
        time.sleep(0.05)


@dataclass(frozen=True)
class RestoreResult:
    manifest: Manifest
    revision: str
    safety_backup: Path | None
    #: "table.column" -> values whose NUL characters PostgreSQL could not store
    cleaned: dict[str, int] = field(default_factory=dict)

    @property
    def needs_upgrade(self) -> bool:
        return self.revision != schema.head_revision()


def _check_target(target: Database, *, force: bool, safety_path: Path | None) -> Path | None:
    """Refuse a target that holds data unless ``force``; return the safety backup."""
    try:
        status = target.schema_status()
    except TmgrError as exc:
        raise BackupError(exc.message, hint="nothing was restored") from exc
    if status.is_empty or not tables.holds_data(target.engine):
        return None
    if not force:
        raise BackupError("the target database is not empty",
                          hint="restore into an empty database, or add --force to "
                               "replace its contents (a backup of them is kept)")
    if safety_path is None:
        return None
    write_backup(target, safety_path)
    return safety_path


def _load(connection: Connection, backup: BackupFile, progress: Progress | None
          ) -> Counter[str]:
    """Write every row of the backup into the (empty) tables of ``connection``."""
    present = tables.reflect_tables(connection)
    by_name = {table.name: table for table in present}
    tables.defer_foreign_keys(connection)
    cleaned: Counter[str] = Counter()
    with summaries.suspended(connection), search.suspended(connection), \
            tmchanges.suspended(connection):  # once, at the end; the journal as it was
        tables.clear_tables(connection, present)  # the rows the migrations seeded
        for entry in backup.manifest.tables:
            if entry.name not in by_name:
                raise BackupError(f"table {entry.name} of the backup does not exist in "
                                  f"schema revision {backup.manifest.revision}",
                                  hint="the file is damaged; nothing was restored")
            writer = tables.TableWriter(connection, by_name[entry.name], entry.columns)
            for batch in backup.batches(entry):
                writer.write(batch)
                if progress:
                    progress(len(batch), backup.manifest.total_rows)
            cleaned.update({f"{entry.name}.{c}": n for c, n in writer.cleaned.items()})
        counts = tables.count_rows(connection, present)
        wrong = [f"{e.name} {counts.get(e.name)} of {e.rows}"
                 for e in backup.manifest.tables if counts.get(e.name) != e.rows]
        if wrong:
            raise BackupError(f"row counts differ after the restore: {', '.join(wrong)}",
                              hint="nothing was restored")
    tables.reset_sequences(connection, present)
    return cleaned


def _sqlite_path(target: Database) -> Path:
    name = make_url(target.url).database
    if not name or name == ":memory:":
        raise BackupError("restore needs a database file", hint="set TMGR_DATABASE_URL")
    return Path(name)


@contextmanager
def _staging_file(path: Path) -> Iterator[Path]:
    """A new, empty file beside ``path`` (same disk), removed afterwards."""
    staging = path.with_name(f".{path.name}.restore-{os.getpid()}.part")
    for leftover in (staging, *(Path(f"{staging}{s}") for s in ("-wal", "-shm", "-journal"))):
        leftover.unlink(missing_ok=True)
    try:
        yield staging
    finally:
        for leftover in (staging, *(Path(f"{staging}{s}") for s in ("-wal", "-shm"))):
            leftover.unlink(missing_ok=True)


def _restore_sqlite(target: Database, backup: BackupFile, progress: Progress | None
                    ) -> Counter[str]:
    path = _sqlite_path(target)
    path.parent.mkdir(parents=True, exist_ok=True)
    with _staging_file(path) as staging_path:
        staging = Database(f"sqlite:///{staging_path}")
        try:
            schema.upgrade(staging.engine, backup.manifest.revision)
            with staging.engine.begin() as connection:
                cleaned = _load(connection, backup, progress)
        finally:
            staging.dispose()
        _pause_for_tests()
        target.dispose()  # the switch: one transaction of SQLite's online backup
        with closing(sqlite3.connect(staging_path)) as source, \
                closing(sqlite3.connect(path, timeout=60)) as destination:
            source.backup(destination)
    return cleaned


def _restore_postgresql(target: Database, backup: BackupFile, progress: Progress | None
                        ) -> Counter[str]:
    with target.engine.connect() as connection, connection.begin():
        metadata = MetaData()
        metadata.reflect(connection)
        metadata.drop_all(connection)
        schema.migrate(connection, backup.manifest.revision)
        cleaned = _load(connection, backup, progress)
        _pause_for_tests()
        return cleaned  # the switch: the commit


def restore_backup(target: Database, path: Path, *, force: bool = False,
                   safety_path: Path | None = None,
                   progress: Progress | None = None) -> RestoreResult:
    """Restore ``path`` into ``target``: an empty database, or any with ``force``."""
    backup = BackupFile(path)
    try:
        backup.verify()
        safety = _check_target(target, force=force, safety_path=safety_path)
        if target.engine.dialect.name == "sqlite":
            cleaned = _restore_sqlite(target, backup, progress)
        else:
            cleaned = _restore_postgresql(target, backup, progress)
    except DBAPIError as exc:
        raise BackupError(f"database error during the restore: {schema.one_line(exc.orig)}",
                          hint="nothing was restored; the database is as it was") from exc
    except sqlite3.Error as exc:
        raise BackupError(f"database error while switching to the restored copy: {exc}",
                          hint="nothing was restored; the database is as it was") from exc
    finally:
        backup.close()
    return RestoreResult(manifest=backup.manifest, revision=backup.manifest.revision,
                         safety_backup=safety, cleaned=dict(cleaned))
