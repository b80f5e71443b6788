"""``tmgr db copy --to URL``: every row of the configured database into an empty one.

This is how a team moves from the embedded SQLite to PostgreSQL (or back). The
source is read in one consistent snapshot, so the server may keep running; the
target is written in one transaction, so a failed copy leaves it empty.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from tmgr.errors import BackupError, TmgrError
from tmgr.store import schema, search, summaries, tables, tmchanges
from tmgr.store.db import Database

#: (rows done so far in this batch, total rows)
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class CopyResult:
    revision: str
    rows: dict[str, int]
    #: "table.column" -> values whose NUL characters PostgreSQL could not store
    cleaned: dict[str, int] = field(default_factory=dict)

    @property
    def total_rows(self) -> int:
        return sum(self.rows.values())


def _same_database(source: Database, target: Database) -> bool:
    a, b = make_url(source.url), make_url(target.url)
    return (a.get_backend_name(), a.host, a.port, a.database) == \
        (b.get_backend_name(), b.host, b.port, b.database)


def _prepare_target(target: Database, revision: str) -> None:
    """An empty target gets the source's schema through the migrations; others are refused."""
    try:
        status = target.schema_status()
    except TmgrError as exc:
        raise BackupError(f"cannot reach the target database: {exc.message.split(': ', 1)[-1]}",
                          hint="check the --to URL; nothing was copied") from exc
    if status.is_empty:
        schema.upgrade(target.engine, revision)
        return
    if status.current != revision:
        found = status.current or "tmgr 0.1.0, no schema version"
        raise BackupError(f"the target database has tables at another schema revision "
                          f"({found}; the source is at {revision})",
                          hint="copy into an empty database")
    if tables.holds_data(target.engine):
        raise BackupError("the target database is not empty",
                          hint="copy into an empty database (nothing was changed)")


def _copy_rows(source: Database, target: Database, progress: Progress | None,
               cleaned: dict[str, int]) -> dict[str, int]:
    with tables.snapshot(source.engine) as reader, target.engine.begin() as writer:
        source_tables = tables.reflect_tables(reader)
        expected = tables.count_rows(reader, source_tables)
        total = sum(expected.values())
        present = tables.reflect_tables(writer)
        by_name = {table.name: table for table in present}
        tables.defer_foreign_keys(writer)
        with summaries.suspended(writer), search.suspended(writer), \
                tmchanges.suspended(writer):  # once, at the end; the journal as it was
            tables.clear_tables(writer, present)  # the rows the migrations seeded
            for table in source_tables:
                if table.name not in by_name:
                    raise BackupError(f"the target has no table {table.name}",
                                      hint="copy into an empty database")
                sink = tables.TableWriter(writer, by_name[table.name],
                                          tables.table_info(table).columns)
                for batch in tables.read_batches(reader, table):
                    sink.write(batch)
                    if progress:
                        progress(len(batch), total)
                cleaned.update({f"{table.name}.{c}": n for c, n in sink.cleaned.items()})
            copied = tables.count_rows(writer, present)
            wrong = [f"{name} {copied.get(name)} of {count}" for name, count in expected.items()
                     if copied.get(name) != count]
            if wrong:
                raise BackupError(f"row counts differ after the copy: {', '.join(wrong)}",
                                  hint="the copy was rolled back")
        tables.reset_sequences(writer, present)
    return expected


def copy_database(source: Database, target: Database,
                  progress: Progress | None = None) -> CopyResult:
    """Copy every row of ``source`` (at this tmgr's schema) into the empty ``target``."""
    if _same_database(source, target):
        raise BackupError("--to names the configured database itself",
                          hint="give the URL of another, empty database")
    revision = schema.head_revision()
    _prepare_target(target, revision)
    cleaned: dict[str, int] = {}
    try:
        rows = _copy_rows(source, target, progress, cleaned)
    except DBAPIError as exc:
        raise BackupError(f"database error during the copy: {schema.one_line(exc.orig)}",
                          hint="the copy was rolled back; the target is left empty") \
            from exc
    return CopyResult(revision=revision, rows=rows, cleaned=cleaned)
