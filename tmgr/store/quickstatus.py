"""``tmgr status`` read straight from SQLite through the standard library, at once.

Loading SQLAlchemy and the models takes longer than the whole answer on a small
database, so for a plain SQLite file at this tmgr's schema revision the figures
are read here with :mod:`sqlite3` (one read transaction, the same queries the
services run) and put through the same rules (:mod:`tmgr.store.deskrules`). Anything
else — PostgreSQL, another revision, a missing file, a name that is no document,
any driver error — returns None and the caller goes through the services, which
also say what is wrong. ``tests/test_desk.py`` holds both to the same rows.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from tmgr.states import State
from tmgr.store import schema_head
from tmgr.store.deskrules import PACE_DAYS, DeskFigures, Progress, desk_figures

BUSY_TIMEOUT_S = 15.0  # as tmgr.store.db: wait for a writer's commit rather than fail


@dataclass(frozen=True)
class _Assignment:
    translator_id: int | None
    reviewer_id: int | None
    translation_due: date | None
    review_due: date | None
    publication_due: date | None
    approved_at: datetime | None
    exported_at: datetime | None
    updated_at: datetime | None = None


def sqlite_path(url: str) -> Path | None:
    """The file of a plain ``sqlite:///FILE`` URL; None for any other kind of URL."""
    for prefix in ("sqlite:///", "sqlite+pysqlite:///"):
        if url.startswith(prefix):
            name = url[len(prefix):]
            if name and name != ":memory:" and not set(name) & set("?%#") \
                    and not name.startswith("file:"):
                return Path(name)
    return None


def status_figures(url: str, slugs: Sequence[str], languages: Sequence[str],
                   today: date | None = None) -> list[DeskFigures] | None:
    """What ``tmgr status`` shows, or None when the services must answer instead."""
    path = sqlite_path(url)
    if path is None or not path.is_file():
        return None
    head = schema_head.quick_head()
    if head is None:
        return None
    try:
        connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    except sqlite3.Error:
        return None
    try:
        connection.execute("BEGIN")  # one consistent read; never takes the write lock
        versions = [row[0] for row in connection.execute("SELECT version_num FROM "
                                                         "alembic_version")]
        if versions != [head]:
            return None
        return _figures(connection, slugs, languages, today or date.today())
    except sqlite3.Error:
        return None
    finally:
        connection.close()  # ends the read transaction


_Documents = list[tuple[int, str, date | None]]


def _documents(connection: sqlite3.Connection, slugs: Sequence[str]) -> _Documents | None:
    query = "SELECT id, slug, deadline FROM documents"
    if not slugs:
        rows = connection.execute(f"{query} ORDER BY week_start DESC NULLS LAST, slug")
        return [(i, slug, _date(deadline)) for i, slug, deadline in rows]
    found: _Documents = []
    for slug in slugs:
        row = connection.execute(f"{query} WHERE slug = ?", (slug,)).fetchone()
        if row is None:
            return None  # the services name the known documents
        found.append((row[0], row[1], _date(row[2])))
    return found


def _figures(connection: sqlite3.Connection, slugs: Sequence[str],
             languages: Sequence[str], today: date) -> list[DeskFigures] | None:
    documents = _documents(connection, slugs)
    if documents is None:
        return None
    wanted = {doc_id for doc_id, _, _ in documents}
    assigned = {(row[0], row[1]): _Assignment(
        row[2], row[3], _date(row[4]), _date(row[5]), _date(row[6]), _datetime(row[7]),
        _datetime(row[8]), _datetime(row[9])) for row in connection.execute(
            "SELECT document_id, lang, translator_id, reviewer_id, translation_due, "
            "review_due, publication_due, approved_at, exported_at, updated_at "
            "FROM assignments")
        if row[0] in wanted}
    names: dict[int, str] = dict(connection.execute("SELECT id, name FROM users")) \
        if assigned else {}
    pace = _pace(connection, today)
    table = _progress(connection, documents, languages, all_documents=not slugs)
    rows = []
    for doc_id, _slug, deadline in documents:
        for lang in languages:
            rows.append(desk_figures(table[(doc_id, lang)], deadline,
                                     assigned.get((doc_id, lang)), names, pace, today))
    return rows


def _progress(connection: sqlite3.Connection, documents: _Documents,
              languages: Sequence[str], all_documents: bool
              ) -> dict[tuple[int, str], Progress]:
    table = {(doc_id, lang): Progress(slug, lang)
             for doc_id, slug, _ in documents for lang in languages}
    marks = ", ".join("?" * len(languages))
    where, params = f"lang IN ({marks})", list[str | int](languages)
    if not all_documents:
        ids = sorted({doc_id for doc_id, _, _ in documents})
        where += f" AND document_id IN ({', '.join('?' * len(ids))})"
        params += ids
    # the summary the database's triggers keep (tmgr.desk.progress reads the same)
    query = ("SELECT document_id, lang, state, segments, words, mt_failed "
             f"FROM progress_counts WHERE segments != 0 AND {where}")
    for doc_id, lang, state, count, words, failed in connection.execute(query, params):
        entry = table.get((doc_id, lang))
        if entry is None:
            continue
        entry.segments[State(state)] += count
        entry.words[State(state)] += int(words)
        entry.mt_failed += failed
    return table


def _pace(connection: sqlite3.Connection, today: date, days: int = PACE_DAYS
          ) -> dict[tuple[int, State], float]:
    """As :func:`tmgr.desk.assignments.recent_pace`: words per day translated or approved."""
    rows = connection.execute(
        "SELECT user_id, new_state, sum(words) FROM daily_activity "
        "WHERE day >= ? AND new_state IN (?, ?) "
        "GROUP BY user_id, new_state HAVING sum(revisions) != 0",
        ((today - timedelta(days=days)).isoformat(), State.TRANSLATED.value,
         State.APPROVED.value))
    return {(user_id, State(state)): float(words or 0) / days
            for user_id, state, words in rows}


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value[:10]) if value else None


def _datetime(value: str | None) -> datetime | None:
    """As SQLAlchemy reads SQLite's DateTime: the stored wall time, without a zone."""
    return datetime.fromisoformat(value).replace(tzinfo=None) if value else None
