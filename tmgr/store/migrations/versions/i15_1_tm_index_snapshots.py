"""Stored fuzzy-index snapshots, so the first TM look-up after a start is quick.

Revision ID: i15_1
Revises: 0002
Created: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "i15_1"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "tm_index_snapshots",
        sa.Column("lang", sa.String(length=16), nullable=False),
        sa.Column("generation", sa.BigInteger(), nullable=False),
        sa.Column("epoch", sa.BigInteger(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("lang", name=op.f("pk_tm_index_snapshots")),
    )


def downgrade() -> None:
    # A cache of what the other tables hold: dropping it loses no work.
    op.drop_table("tm_index_snapshots")
