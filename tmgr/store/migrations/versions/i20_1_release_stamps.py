"""Which tmgr versions upgraded the database, so an older tmgr can name the newer one.

A tmgr that finds a schema revision it does not know cannot say which release made
it from the revision alone; ``tmgr db upgrade`` (and ``tmgr init``) record their
version here, and the refusal names it ("written by tmgr 0.3.0").

Revision ID: i20_1
Revises: i23_1
Created: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "i20_1"
down_revision: str | Sequence[str] | None = "i23_1"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "tmgr_releases",
        sa.Column("version", sa.String(length=32), nullable=False),
        sa.Column("revision", sa.String(length=64), nullable=False),
        sa.Column("upgraded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("version", name=op.f("pk_tmgr_releases")),
    )


def downgrade() -> None:
    # Bookkeeping of upgrades only: dropping it loses no work.
    op.drop_table("tmgr_releases")
