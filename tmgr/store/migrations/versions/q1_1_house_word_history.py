"""house word history: removing a word keeps it, with who removed or restored it, when, why.

``house_words.removed_at`` (NULL for every existing word: all stay in the list) and
a new, empty table ``house_word_changes``.

Revision ID: q1_1
Revises: i10_1
Created: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "q1_1"
down_revision: str | Sequence[str] | None = "i10_1"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("house_words") as batch:
        batch.add_column(sa.Column("removed_at", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "house_word_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("word_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["word_id"], ["house_words.id"],
                                name=op.f("fk_house_word_changes_word_id_house_words"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"],
                                name=op.f("fk_house_word_changes_user_id_users"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_house_word_changes")),
    )
    op.create_index(op.f("ix_house_word_changes_word_id"), "house_word_changes", ["word_id"])


def downgrade() -> None:
    # Removed words would come back into the list without their history: refuse to
    # lose that silently, drop only what nobody has used.
    bind = op.get_bind()
    used = bind.execute(sa.text("SELECT COUNT(*) FROM house_word_changes")).scalar()
    if used:
        raise RuntimeError(f"{used} house word removal(s)/restoration(s) would be lost: "
                           "back up the database (tmgr backup) before downgrading past q1_1")
    op.drop_index(op.f("ix_house_word_changes_word_id"), table_name="house_word_changes")
    op.drop_table("house_word_changes")
    with op.batch_alter_table("house_words") as batch:
        batch.drop_column("removed_at")
