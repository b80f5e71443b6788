"""Confirmations of unedited machine translation, kept in the document's history.

``unedited_confirmations`` holds each editor's confirmation that a text may be
published although more of its approved words than ``TMGR_UNEDITED_MT_WARN`` are
unedited machine or memory drafts: who (user and name), when, the language, the
share at that moment (words, unedited words, percent) and the warning and block
thresholds then in force. A new table only: no 0.1.0 row changes, no table is
rebuilt (SQLite's summary triggers stay). A downgrade that would lose
confirmations is refused.

Revision ID: i22c_1
Revises: i22b_1
Created: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "i22c_1"
down_revision: str | Sequence[str] | None = "i22b_1"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "unedited_confirmations",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("document_id", sa.Integer(), sa.ForeignKey(
            "documents.id", ondelete="CASCADE",
            name="fk_unedited_confirmations_document_id_documents"), nullable=False),
        sa.Column("lang", sa.String(16), nullable=False),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey(
            "users.id", name="fk_unedited_confirmations_user_id_users"), nullable=True),
        sa.Column("confirmed_by", sa.String(80), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("words", sa.Integer(), nullable=False),
        sa.Column("unedited_words", sa.Integer(), nullable=False),
        sa.Column("percent", sa.Float(), nullable=False),
        sa.Column("warn_percent", sa.Float(), nullable=True),
        sa.Column("block_percent", sa.Float(), nullable=True),
        sa.Column("via", sa.String(20), nullable=False),
    )
    op.create_index("ix_unedited_confirmations_document", "unedited_confirmations",
                    ["document_id", "lang"])


def downgrade() -> None:
    kept = op.get_bind().execute(
        sa.text("SELECT count(*) FROM unedited_confirmations")).scalar()
    if kept:
        raise RuntimeError(f"{kept} confirmation(s) of unedited machine translation would "
                           "be lost: stay at this revision")
    op.drop_index("ix_unedited_confirmations_document", table_name="unedited_confirmations")
    op.drop_table("unedited_confirmations")
