"""full-text search: titles, English sources and translations, with the database's engine;
indexes for the documents list's order and "My work" (rejected back to its translator).

- SQLite: three FTS5 tables over the rows themselves (external content, so no text is
  stored twice): ``search_titles`` (documents.title), ``search_sources``
  (segments.source) and ``search_translations`` (translations.text), kept in step by
  ``search_*`` triggers, filled here from the existing rows.
- PostgreSQL: GIN indexes on ``to_tsvector('simple', ...)`` of the same three columns;
  the database keeps them in step itself.

The index holds nothing of its own: backups leave the FTS tables out and a restore
or a copy rebuilds them (:mod:`tmgr.store.search`). Downgrading drops only the index.

Revision ID: i25b_1
Revises: i20_1
Created: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "i25b_1"
down_revision: str | Sequence[str] | None = "i20_1"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (FTS table, content table, column); frozen here, a change is a new migration
_INDEXED = (("search_titles", "documents", "title", "doc"),
            ("search_sources", "segments", "source", "seg"),
            ("search_translations", "translations", "text", "tr"))
_TOKENIZER = "unicode61 remove_diacritics 0"


def _sqlite_upgrade() -> None:
    for fts, table, column, short in _INDEXED:
        op.execute(f"CREATE VIRTUAL TABLE {fts} USING fts5({column}, content='{table}', "
                   f"content_rowid='id', tokenize='{_TOKENIZER}')")
        add = f"INSERT INTO {fts}(rowid, {column}) VALUES (new.id, new.{column});"
        drop = (f"INSERT INTO {fts}({fts}, rowid, {column}) "
                f"VALUES ('delete', old.id, old.{column});")
        op.execute(f"CREATE TRIGGER search_{short}_insert AFTER INSERT ON {table} "
                   f"BEGIN {add} END")
        op.execute(f"CREATE TRIGGER search_{short}_delete AFTER DELETE ON {table} "
                   f"BEGIN {drop} END")
        op.execute(f"CREATE TRIGGER search_{short}_update AFTER UPDATE OF {column} "
                   f"ON {table} BEGIN {drop} {add} END")
        op.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")


def upgrade() -> None:
    op.create_index("ix_documents_week", "documents", ["week_start", "id"])
    op.create_index("ix_documents_section", "documents", ["section"])
    op.create_index("ix_revisions_user_state", "revisions",
                    ["user_id", "new_state", "translation_id"])
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_upgrade()
        return
    for fts, table, column, _short in _INDEXED:
        op.execute(f"CREATE INDEX ix_{fts} ON {table} "
                   f"USING gin (to_tsvector('simple'::regconfig, {column}))")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for fts, _table, _column, short in _INDEXED:
            for event in ("insert", "delete", "update"):
                op.execute(f"DROP TRIGGER IF EXISTS search_{short}_{event}")
            op.execute(f"DROP TABLE IF EXISTS {fts}")
    else:
        for fts, _table, _column, _short in _INDEXED:
            op.execute(f"DROP INDEX IF EXISTS ix_{fts}")
    op.drop_index("ix_revisions_user_state", "revisions")
    op.drop_index("ix_documents_section", "documents")
    op.drop_index("ix_documents_week", "documents")
