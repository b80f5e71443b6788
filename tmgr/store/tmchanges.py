"""The TM change journal's triggers (migration ``i25g_1``), off while every row is loaded.

A restore or a copy writes the journal's own rows as they were; its triggers would
add a row for every approved translation and TM unit loaded beside them (and the
row counts would no longer agree). The stored index snapshots come along with the
journal positions they were built at, so the restored journal stays their truth.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection

from tmgr.store.summaries import sqlite_triggers_dropped

PREFIX = "tm_journal_"


@contextmanager
def suspended(connection: Connection) -> Iterator[None]:
    """The journal's triggers off for the block, in the caller's transaction (a rollback
    brings them back as well)."""
    dialect = connection.dialect.name
    if dialect == "sqlite":
        with sqlite_triggers_dropped(connection, PREFIX):
            yield
    elif dialect == "postgresql":
        saved = connection.exec_driver_sql(
            "SELECT c.relname, t.tgname FROM pg_trigger AS t "
            "JOIN pg_class AS c ON c.oid = t.tgrelid "
            "WHERE NOT t.tgisinternal AND t.tgname LIKE 'tm\\_journal\\_%%'").all()
        for table, name in saved:
            connection.exec_driver_sql(f"ALTER TABLE {table} DISABLE TRIGGER {name}")
        yield
        for table, name in saved:
            connection.exec_driver_sql(f"ALTER TABLE {table} ENABLE TRIGGER {name}")
    else:
        yield
