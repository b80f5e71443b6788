"""review errors: a rejection records its MQM category and severity.

A new, empty table ``review_errors`` (one row per rejection that names a category);
existing rejections stay what they were (comments and history notes). No table is
rebuilt, so the summary triggers of d1_1 stay.

Revision ID: i23_1
Revises: i24_1
Created: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "i23_1"
down_revision: str | Sequence[str] | None = "i24_1"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "review_errors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("translation_id", sa.Integer(), nullable=False),
        sa.Column("reviewer_id", sa.Integer(), nullable=True),
        sa.Column("translator_id", sa.Integer(), nullable=True),
        sa.Column("engine", sa.String(length=64), nullable=True),
        sa.Column("category", sa.String(length=32), nullable=False),
        sa.Column("severity", sa.String(length=16), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["translation_id"], ["translations.id"],
                                name=op.f("fk_review_errors_translation_id_translations"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["reviewer_id"], ["users.id"],
                                name=op.f("fk_review_errors_reviewer_id_users"),
                                ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["translator_id"], ["users.id"],
                                name=op.f("fk_review_errors_translator_id_users"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_errors")),
    )
    op.create_index(op.f("ix_review_errors_translation_id"), "review_errors",
                    ["translation_id"])


def downgrade() -> None:
    bind = op.get_bind()
    used = bind.execute(sa.text("SELECT COUNT(*) FROM review_errors")).scalar()
    if used:
        raise RuntimeError(f"{used} categorised rejection(s) would be lost: back up the "
                           "database (tmgr backup) before downgrading past i23_1")
    op.drop_index(op.f("ix_review_errors_translation_id"), table_name="review_errors")
    op.drop_table("review_errors")
