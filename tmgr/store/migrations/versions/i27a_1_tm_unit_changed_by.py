"""Who approved an imported memory pair: ``tm_units.changed_by``.

A TMX unit's ``changeid`` (with its ``changedate``, already kept as ``created_at``)
says who approved the pair in the tool it came from; tmgr keeps it so that the
memory exported again still says so. Upgrading adds an empty column (0.1.0 units did
not keep it), downgrading drops it; no other row changes. A plain ``ADD COLUMN``:
no table rebuild, so SQLite's triggers on ``tm_units`` stay.

Revision ID: i27a_1
Revises: d1_1
Created: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "i27a_1"
down_revision: str | Sequence[str] | None = "d1_1"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("tm_units", sa.Column("changed_by", sa.String(200), nullable=True))


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        # SQLite 3.35+ drops a column in place, keeping the table's triggers
        op.execute("ALTER TABLE tm_units DROP COLUMN changed_by")
    else:
        op.drop_column("tm_units", "changed_by")
