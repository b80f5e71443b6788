"""segments.removed: a sentence that left the source is kept, not deleted.

``tmgr ingest --replace`` used to delete the segments of removed sentences with
their translations. Now they are marked ``removed`` (and lose their block: they
have no place in the text) and come back with their work when the sentence
returns. Every existing segment is in its source: ``removed`` starts false.

Revision ID: i9_1
Revises: i15_1
Created: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from tmgr.errors import SchemaError

revision: str = "i9_1"
down_revision: str | Sequence[str] | None = "i15_1"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# SQLite rebuilds the table to change a column, which drops its triggers: these are
# 0002's triggers on segments, frozen here, put back after the rebuild.
_SQLITE_SEGMENT_TRIGGERS = (
    "CREATE TRIGGER IF NOT EXISTS tm_segment_delete AFTER DELETE ON segments "
    "BEGIN UPDATE tm_generation SET generation = abs(random()); END",
    "CREATE TRIGGER IF NOT EXISTS tm_segment_source AFTER UPDATE OF source ON segments "
    "BEGIN UPDATE tm_generation SET generation = abs(random()), epoch = abs(random()); END",
)


def _restore_sqlite_triggers() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for statement in _SQLITE_SEGMENT_TRIGGERS:
            op.execute(statement)


def upgrade() -> None:
    with op.batch_alter_table("segments") as batch:
        batch.add_column(sa.Column("removed", sa.Boolean(), nullable=False,
                                   server_default=sa.false()))
        batch.alter_column("block_id", existing_type=sa.Integer(), nullable=True)
        batch.create_index("ix_segments_removed", ["removed"], unique=False)
    _restore_sqlite_triggers()


def downgrade() -> None:
    # Removed segments have no block to go back to; dropping them would delete
    # translators' work, so the downgrade refuses while there are any.
    bind = op.get_bind()
    kept = bind.execute(sa.text("SELECT count(*) FROM segments WHERE removed")).scalar()
    if kept:
        raise SchemaError(f"{kept} removed segments hold work that the older schema "
                          "cannot keep", hint="restore a backup instead of downgrading")
    with op.batch_alter_table("segments") as batch:
        batch.drop_index("ix_segments_removed")
        batch.alter_column("block_id", existing_type=sa.Integer(), nullable=False)
        batch.drop_column("removed")
    _restore_sqlite_triggers()
