"""Full-text search over titles, English sources and translations (migration ``i25b_1``).

SQLite searches with FTS5 tables over the rows themselves, kept in step by
``search_*`` triggers; PostgreSQL with GIN indexes on ``to_tsvector('simple', ...)``,
which it keeps itself. Every word of a query must appear, as a word or the start
of one, in the title, in one English sentence, or in one translation of a document.

The FTS tables hold nothing of their own: backups leave them out, and a restore or
``tmgr db copy`` loads the rows with the triggers off and rebuilds them once
(:func:`suspended`), as it does the summaries.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Integer, column, inspect, text
from sqlalchemy.engine import Connection

from tmgr.store.summaries import sqlite_triggers_dropped

#: the FTS5 tables (SQLite) and what each one indexes
FTS_TABLES = ("search_titles", "search_sources", "search_translations")
MAX_WORDS = 8
_WORD = re.compile(r"\w+")

_SQLITE = (
    "SELECT rowid AS document_id FROM search_titles WHERE search_titles MATCH :q "
    "UNION SELECT s.document_id FROM search_sources AS f JOIN segments AS s "
    "ON s.id = f.rowid WHERE search_sources MATCH :q AND NOT s.removed "
    "UNION SELECT s.document_id FROM search_translations AS f "
    "JOIN translations AS t ON t.id = f.rowid JOIN segments AS s ON s.id = t.segment_id "
    "WHERE search_translations MATCH :q AND NOT s.removed")
_VECTOR = "to_tsvector('simple'::regconfig, {}) @@ to_tsquery('simple'::regconfig, :q)"
_POSTGRESQL = (
    f"SELECT id AS document_id FROM documents WHERE {_VECTOR.format('title')} "
    f"UNION SELECT document_id FROM segments WHERE {_VECTOR.format('source')} "
    "AND NOT removed "
    "UNION SELECT s.document_id FROM translations AS t JOIN segments AS s "
    f"ON s.id = t.segment_id WHERE {_VECTOR.format('t.text')} AND NOT s.removed")


def is_search_table(name: str) -> bool:
    """An FTS table or one of the tables FTS5 keeps beside it (never backed up)."""
    return any(name == fts or name.startswith(f"{fts}_") for fts in FTS_TABLES)


def words_of(query: str) -> list[str]:
    """The words a query searches for (case folded, the first few)."""
    return [w.casefold() for w in _WORD.findall(query)][:MAX_WORDS]


def _postgresql_query(words: list[str]) -> str:
    # a database made with no locale lowers only ASCII: the capitalised form too
    def one(word: str) -> str:
        forms = dict.fromkeys([word, word[:1].upper() + word[1:], word.upper()])
        return "(" + " | ".join(f"{form}:*" for form in forms) + ")"
    return " & ".join(one(w) for w in words)


def matching_documents(dialect: str, query: str) -> Any:
    """A select of the ids of documents matching ``query`` (None: no words in it)."""
    words = words_of(query)
    if not words:
        return None
    if dialect == "postgresql":
        sql, bound = _POSTGRESQL, _postgresql_query(words)
    else:
        sql, bound = _SQLITE, " ".join(f'"{w}"*' for w in words)
    return text(sql).bindparams(q=bound).columns(column("document_id", Integer))


def _present(connection: Connection) -> list[str]:
    names = set(inspect(connection).get_table_names())
    return [name for name in FTS_TABLES if name in names]


def rebuild(connection: Connection) -> None:
    """Index every row again (SQLite; PostgreSQL's indexes need nothing)."""
    if connection.dialect.name != "sqlite":
        return
    for name in _present(connection):
        connection.exec_driver_sql(f"INSERT INTO {name}({name}) VALUES ('rebuild')")


def differences(connection: Connection) -> list[str]:
    """FTS tables out of step with their rows (SQLite's integrity check; empty: in step)."""
    if connection.dialect.name != "sqlite":
        return []
    found = []
    for name in _present(connection):
        try:
            connection.exec_driver_sql(
                f"INSERT INTO {name}({name}, rank) VALUES ('integrity-check', 1)")
        except Exception as exc:  # noqa: BLE001 - SQLite reports a mismatch as an error
            found.append(f"{name}: {str(exc).splitlines()[0]}")
    return found


@contextmanager
def suspended(connection: Connection) -> Iterator[None]:
    """The index's triggers off while a restore or a copy loads every row; one
    rebuild at the end, in the caller's transaction."""
    if connection.dialect.name != "sqlite":
        yield
        return
    with sqlite_triggers_dropped(connection, "search_"):
        yield
    rebuild(connection)


def drop_index(connection: Connection) -> None:
    """Drop the FTS tables (SQLite), before a restore drops every other table."""
    if connection.dialect.name == "sqlite":
        for name in _present(connection):
            connection.exec_driver_sql(f"DROP TABLE {name}")
