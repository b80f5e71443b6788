"""Covering indexes for the desk's history queries (dashboard, status: pace, activity).

The weekly charts and the pace projection group the last weeks' revisions by user,
state and day, with the words of their segments. Without these indexes each
revision, translation and segment row is read whole (texts included) to find three
small numbers; with them the queries read the indexes only. Indexes hold no data
of their own: upgrading adds them, downgrading drops them, no row changes.

Revision ID: p1_1
Revises: q1_1
Created: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "p1_1"
down_revision: str | Sequence[str] | None = "q1_1"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES = (
    ("ix_revisions_activity", "revisions",
     ["created_at", "new_state", "old_state", "user_id", "translation_id"]),
    ("ix_translations_id_segment_id", "translations", ["id", "segment_id"]),
    ("ix_segments_id_words", "segments", ["id", "words"]),
)


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)
    if op.get_bind().dialect.name == "sqlite":
        # SQLite prefers a table's rowid to a covering index unless it knows the rows'
        # sizes; `tmgr ingest` refreshes these statistics after each batch.
        for _name, table, _columns in INDEXES:
            op.execute(f"ANALYZE {table}")


def downgrade() -> None:
    for name, table, _columns in INDEXES:
        op.drop_index(name, table_name=table)
