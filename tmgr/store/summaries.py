"""The desk's summary tables: what they hold, computed again from the rows they sum.

``progress_counts`` and ``daily_activity`` (see :mod:`tmgr.store.models` and migration
``d1_1``) are kept exact by triggers as translations, segments and revisions
change. They hold nothing of their own, so backups leave them out; a restore or a
copy fills them again with :func:`rebuild`, and :func:`differences` compares
them with a count from scratch (``tmgr db summaries``, the tests).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import inspect
from sqlalchemy.engine import Connection

from tmgr.store.db import Database

#: tables whose rows are sums of other tables' rows
SUMMARY_TABLES = ("progress_counts", "daily_activity", "stage_words")

# SQLite keeps times as text: one it cannot read still counts, on a day no chart shows
_DAY = {"sqlite": "COALESCE(date(r.created_at), date(substr(r.created_at, 1, 19)), "
                  "'1970-01-01')",
        "postgresql": "CAST((r.created_at AT TIME ZONE 'UTC') AS date)"}

_PROGRESS = (
    "SELECT s.document_id, t.lang, t.state, COUNT(*), COALESCE(SUM(s.words), 0), "
    "COUNT(t.mt_error) FROM segments AS s JOIN translations AS t ON t.segment_id = s.id "
    "WHERE NOT s.removed GROUP BY s.document_id, t.lang, t.state")
_ACTIVITY = (
    "SELECT {day}, r.user_id, r.old_state, r.new_state, COUNT(*), COALESCE(SUM(s.words), 0) "
    "FROM revisions AS r JOIN translations AS t ON t.id = r.translation_id "
    "JOIN segments AS s ON s.id = t.segment_id "
    "WHERE r.user_id IS NOT NULL AND r.old_state <> r.new_state "
    "GROUP BY {day}, r.user_id, r.old_state, r.new_state")
# per translation, person and stage (translated, approved): each day a person took it
# there (not by a bulk replace) and the day they last did so before it
_STAGES = (
    "SELECT day, user_id, new_state, prev_day, SUM(words) FROM ("
    "SELECT c.day AS day, c.user_id AS user_id, c.new_state AS new_state, "
    "COALESCE(LAG(c.day) OVER (PARTITION BY c.tid, c.user_id, c.new_state "
    "ORDER BY c.day), {never}) AS prev_day, s.words AS words "
    "FROM (SELECT DISTINCT r.translation_id AS tid, r.user_id AS user_id, "
    "r.new_state AS new_state, {day} AS day FROM revisions AS r "
    "WHERE r.user_id IS NOT NULL AND r.new_state IN ('translated', 'approved') "
    "AND (r.note IS NULL OR (substr(r.note, 1, 9) <> 'replace r' "
    "AND substr(r.note, 1, 17) <> 'undo of replace r'))) AS c "
    "JOIN translations AS t ON t.id = c.tid JOIN segments AS s ON s.id = t.segment_id"
    ") AS d GROUP BY day, user_id, new_state, prev_day")
_NEVER = {"sqlite": "'0001-01-01'", "postgresql": "DATE '0001-01-01'"}
_STORED = {
    "progress_counts": "SELECT document_id, lang, state, segments, words, mt_failed "
                       "FROM progress_counts",
    "daily_activity": "SELECT day, user_id, old_state, new_state, revisions, words "
                      "FROM daily_activity",
    "stage_words": "SELECT day, user_id, new_state, prev_day, words FROM stage_words",
}
_COLUMNS = {
    "progress_counts": "document_id, lang, state, segments, words, mt_failed",
    "daily_activity": "day, user_id, old_state, new_state, revisions, words",
    "stage_words": "day, user_id, new_state, prev_day, words",
}
#: how many leading columns of each table are its key
_KEYS = {"progress_counts": 3, "daily_activity": 4, "stage_words": 4}


def _from_scratch(connection: Connection) -> dict[str, str]:
    day = _DAY.get(connection.dialect.name, _DAY["sqlite"])
    never = _NEVER.get(connection.dialect.name, _NEVER["sqlite"])
    return {"progress_counts": _PROGRESS, "daily_activity": _ACTIVITY.format(day=day),
            "stage_words": _STAGES.format(day=day, never=never)}


def rebuild(connection: Connection) -> None:
    """Count both tables again from their rows (inside the caller's transaction).

    A database at a revision before the tables existed is left as it is (its
    upgrade fills them).
    """
    present = set(inspect(connection).get_table_names())
    if not {"progress_counts", "daily_activity"} <= present:
        return
    for table, query in _from_scratch(connection).items():
        if table not in present:  # stage_words came later (i25h_1)
            continue
        connection.exec_driver_sql(f"DELETE FROM {table}")
        connection.exec_driver_sql(f"INSERT INTO {table} ({_COLUMNS[table]}) {query}")


@contextmanager
def sqlite_triggers_dropped(connection: Connection, prefix: str) -> Iterator[None]:
    """SQLite's triggers named ``prefix…`` dropped for the block and created again after
    it, in the caller's transaction (a rollback brings them back as well)."""
    saved = connection.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
        "AND name LIKE ? ESCAPE '\\'", (prefix.replace("_", "\\_") + "%",)).all()
    for name, _sql in saved:
        connection.exec_driver_sql(f"DROP TRIGGER {name}")
    yield
    for _name, sql in saved:
        connection.exec_driver_sql(sql)


@contextmanager
def suspended(connection: Connection) -> Iterator[None]:
    """The summaries' triggers off while a restore or a copy loads every row, and the
    summaries counted once at the end, in the caller's transaction.

    A bulk load through the triggers costs a summary upsert per row (PostgreSQL's
    driver inserts row by row); counting once at the end is cheaper and as exact.
    Should the load fail, the transaction's rollback brings the triggers back too.
    """
    with triggers_suspended(connection, "summary_"):
        yield
    rebuild(connection)


@contextmanager
def triggers_suspended(connection: Connection, prefix: str) -> Iterator[None]:
    """The triggers named ``prefix…`` off for the block, in the caller's transaction (a
    rollback brings them back too): dropped and re-created on SQLite, disabled on
    PostgreSQL."""
    dialect = connection.dialect.name
    if dialect == "sqlite":
        with sqlite_triggers_dropped(connection, prefix):
            yield
    elif dialect == "postgresql":
        pattern = prefix.replace("_", "\\_") + "%%"
        saved = connection.exec_driver_sql(
            "SELECT c.relname, t.tgname FROM pg_trigger AS t "
            "JOIN pg_class AS c ON c.oid = t.tgrelid "
            f"WHERE NOT t.tgisinternal AND t.tgname LIKE '{pattern}'").all()
        for table, name in saved:
            connection.exec_driver_sql(f"ALTER TABLE {table} DISABLE TRIGGER {name}")
        yield
        for table, name in saved:
            connection.exec_driver_sql(f"ALTER TABLE {table} ENABLE TRIGGER {name}")
    else:
        yield


def _keyed(rows: Any, key: int) -> dict[tuple[str, ...], tuple[int, ...]]:
    """Rows as key → numbers, all-zero rows left out (a summary row may fall to zero)."""
    table = {}
    for row in rows:
        numbers = tuple(int(n) for n in row[key:])
        if any(numbers):
            table[tuple(str(v) for v in row[:key])] = numbers
    return table


def differences(connection: Connection) -> list[str]:
    """Where the stored summaries differ from a count from scratch (empty: they agree)."""
    found = []
    present = set(inspect(connection).get_table_names())
    for table, query in _from_scratch(connection).items():
        if table not in present:
            continue
        key = _KEYS[table]
        stored = _keyed(connection.exec_driver_sql(_STORED[table]), key)
        counted = _keyed(connection.exec_driver_sql(query), key)
        for row in sorted(stored.keys() | counted.keys()):
            if stored.get(row) != counted.get(row):
                found.append(f"{table} {'/'.join(row)}: stored {stored.get(row)}, "
                             f"counted {counted.get(row)}")
    return found


def check(database: Database) -> list[str]:
    """:func:`differences`, read in one snapshot of ``database``."""
    with database.engine.connect() as connection:
        return differences(connection)


def repair(database: Database) -> None:
    """:func:`rebuild` in a transaction of its own."""
    with database.engine.begin() as connection:
        rebuild(connection)
