"""house words and learned names: what the spelling and names checks add to the dictionaries.

Two new tables, empty after the upgrade: ``tmgr words learn`` fills them from the
approved translations a database already holds.

Revision ID: i11a_1
Revises: i9_1
Created: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "i11a_1"
down_revision: str | Sequence[str] | None = "i9_1"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "house_words",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("lang", sa.String(length=16), nullable=False),
        sa.Column("word", sa.String(length=200), nullable=False),
        sa.Column("origin", sa.String(length=16), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"],
                                name=op.f("fk_house_words_user_id_users"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_house_words")),
        sa.UniqueConstraint("lang", "word", name=op.f("uq_house_words_lang")),
    )
    op.create_table(
        "learned_names",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("lang", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("rendering", sa.String(length=200), nullable=False),
        sa.Column("seen", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_learned_names")),
        sa.UniqueConstraint("lang", "name", "rendering", name=op.f("uq_learned_names_lang")),
    )


def downgrade() -> None:
    # Words and names are derived or re-addable data, not translations: safe to drop.
    op.drop_table("learned_names")
    op.drop_table("house_words")
