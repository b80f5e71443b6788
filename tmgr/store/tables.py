"""Every table of a database, read and written generically (backup, restore, db copy).

Tables are reflected from the database itself, not taken from the models, so a
table that a migration adds is moved without any change here, and a database at
an older revision (0.1.0 included) is read as it is. Rows travel in batches, in
foreign-key order, as plain tuples of Python values.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Column, DateTime, MetaData, Table, func, select
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.pool import StaticPool

from tmgr.errors import SchemaError
from tmgr.releases import STAMP_TABLE
from tmgr.store import schema, search
from tmgr.store.db import READONLY, Database
from tmgr.store.summaries import SUMMARY_TABLES

BATCH_ROWS = 2_000
#: tables that are not data: Alembic's bookkeeping, which migrations write, the record
#: of the tmgr versions that upgraded this database (the target has its own), and the
#: desk's summaries, which triggers keep and :func:`tmgr.store.summaries.rebuild` fills again
#: (the full-text index, :func:`tmgr.store.search.is_search_table`, is left out likewise)
SKIPPED_TABLES = frozenset({schema.VERSION_TABLE, STAMP_TABLE, *SUMMARY_TABLES})

Row = tuple[Any, ...]
Progress = Callable[[int], None]


@dataclass(frozen=True)
class TableInfo:
    """A table's name and columns as they are moved."""

    name: str
    columns: tuple[str, ...]


def reflect_tables(connection: Connection) -> list[Table]:
    """The database's data tables, parents before children."""
    metadata = MetaData()
    metadata.reflect(connection)
    return [table for table in metadata.sorted_tables if table.name not in SKIPPED_TABLES
            and not search.is_search_table(table.name)]


def table_info(table: Table) -> TableInfo:
    return TableInfo(name=table.name, columns=tuple(column.name for column in table.columns))


def count_rows(connection: Connection, tables: Sequence[Table]) -> dict[str, int]:
    return {table.name: connection.execute(select(func.count()).select_from(table)).scalar_one()
            for table in tables}


def read_batches(connection: Connection, table: Table,
                 size: int = BATCH_ROWS) -> Iterator[list[Row]]:
    """The table's rows in primary-key order, ``size`` at a time, streamed."""
    order = list(table.primary_key.columns) or list(table.columns)
    result = connection.execution_options(stream_results=True, yield_per=size).execute(
        select(table).order_by(*order))
    for part in result.partitions(size):
        yield [tuple(row) for row in part]


def _datetime_fixer(column: Column[Any]) -> Callable[[Any], Any] | None:
    """Times move as UTC: aware for a time-zone column, naive UTC otherwise.

    SQLite keeps tmgr's UTC times without an offset; PostgreSQL answers in the
    session's time zone. Without this a copy would shift every time by the offset.
    """
    if not isinstance(column.type, DateTime):
        return None
    if column.type.timezone:
        def aware(value: Any) -> Any:
            if isinstance(value, datetime) and value.tzinfo is None:
                return value.replace(tzinfo=UTC)
            return value
        return aware

    def naive(value: Any) -> Any:
        if isinstance(value, datetime) and value.tzinfo is not None:
            return value.astimezone(UTC).replace(tzinfo=None)
        return value
    return naive


class TableWriter:
    """Inserts rows given in ``columns`` order into ``table``, fixing values for it."""

    def __init__(self, connection: Connection, table: Table, columns: Sequence[str]) -> None:
        missing = [name for name in columns if name not in table.columns]
        if missing:
            raise SchemaError(f"table {table.name} has no column "
                                     f"{', '.join(missing)} in the target database")
        self.connection = connection
        self.table = table
        self.columns = tuple(columns)
        self._fixers = [(index, fixer) for index, name in enumerate(self.columns)
                        if (fixer := _datetime_fixer(table.columns[name])) is not None]
        self.written = 0
        # PostgreSQL cannot store NUL in text: such values (stored by an older tmgr on
        # SQLite) lose that character, counted here per column, instead of the whole
        # move being refused.
        self._clean_nul = connection.dialect.name == "postgresql"
        self.cleaned: Counter[str] = Counter()

    def write(self, rows: Sequence[Row]) -> None:
        if not rows:
            return
        records = []
        for row in rows:
            values = list(row)
            for index, fixer in self._fixers:
                values[index] = fixer(values[index])
            if self._clean_nul:
                self._drop_nul(values)
            records.append(dict(zip(self.columns, values, strict=True)))
        self.connection.execute(self.table.insert(), records)
        self.written += len(rows)


    def _drop_nul(self, values: list[Any]) -> None:
        for index, value in enumerate(values):
            if isinstance(value, str) and "\x00" in value:
                values[index] = value.replace("\x00", "")
                self.cleaned[self.columns[index]] += 1


def defer_foreign_keys(connection: Connection) -> None:
    """Check foreign keys at commit (SQLite), so row order within a table does not matter."""
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("PRAGMA defer_foreign_keys=ON")


def clear_tables(connection: Connection, tables: Sequence[Table]) -> None:
    """Delete every row, children first (inside the caller's transaction)."""
    for table in reversed(tables):
        connection.execute(table.delete())


def reset_sequences(connection: Connection, tables: Sequence[Table]) -> None:
    """Point PostgreSQL's id sequences past the copied rows, so the next insert works."""
    if connection.dialect.name != "postgresql":
        return
    quote = connection.dialect.identifier_preparer.quote
    for table in tables:
        for column in table.primary_key.columns:
            sequence = connection.exec_driver_sql(
                "SELECT pg_get_serial_sequence(%(table)s, %(column)s)",
                {"table": quote(table.name), "column": column.name}).scalar()
            if sequence is None:
                continue
            connection.exec_driver_sql(
                f"SELECT setval(%(sequence)s, COALESCE(MAX({quote(column.name)}), 0) + 1, "
                f"false) FROM {quote(table.name)}", {"sequence": sequence})


@functools.cache
def seeded_rows(revision: str) -> dict[str, int]:
    """How many rows the migrations themselves put in each table at ``revision``."""
    fresh = Database("sqlite://", poolclass=StaticPool)
    try:
        schema.upgrade(fresh.engine, revision)
        with fresh.engine.connect() as connection:
            return count_rows(connection, reflect_tables(connection))
    finally:
        fresh.dispose()


def holds_data(engine: Engine) -> bool:
    """True when any table has rows beyond what the migrations put there."""
    status = schema.schema_status(engine)
    if status.is_empty:
        return False
    seeded = seeded_rows(status.current) if status.current in schema.known_revisions() else {}
    with snapshot(engine) as connection:
        counts = count_rows(connection, reflect_tables(connection))
    return any(count > seeded.get(name, 0) for name, count in counts.items())


@contextmanager
def snapshot(engine: Engine) -> Iterator[Connection]:
    """One read-only transaction that sees the database as it was when it began.

    Writers carry on meanwhile: SQLite in WAL mode and PostgreSQL's repeatable
    read both give a reader a consistent snapshot without blocking anyone.
    """
    if engine.dialect.name == "postgresql":
        options: dict[str, Any] = {"isolation_level": "REPEATABLE READ",
                                   "postgresql_readonly": True}
    else:
        options = {READONLY: True}
    with engine.connect().execution_options(**options) as connection, connection.begin():
        yield connection
