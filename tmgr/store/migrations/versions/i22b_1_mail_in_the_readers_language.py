"""Mail in the reader's language, and digests per document.

``users.ui_lang`` keeps the UI language a user chose (en, be, ru; empty: English),
so that notifications and e-mails are written in it; ``users.mail_digest`` is the
user's choice to get the non-urgent news about one document in one e-mail per
``TMGR_DIGEST_MINUTES``. ``mail_outbox`` gains what a message is about (``user_id``,
``kind``, ``document_id``, ``params``) so that it is rendered in the recipient's
language when it is delivered. The glossary page gets ``glossary_terms.domain`` and
``glossary_changes``, the history of every change (a removed term's last record is
kept there). 0.1.0 rows keep every value; plain ``ADD COLUMN``s, no table rebuild
(SQLite's triggers stay); a downgrade that would lose glossary history is refused.

Revision ID: i22b_1
Revises: i25b_1
Created: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "i22b_1"
down_revision: str | Sequence[str] | None = "i25b_1"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = {
    "users": (sa.Column("ui_lang", sa.String(8), nullable=True),
              sa.Column("mail_digest", sa.Boolean(), nullable=False,
                        server_default=sa.false())),
    "mail_outbox": (sa.Column("user_id", sa.Integer(), nullable=True),
                    sa.Column("kind", sa.String(32), nullable=True),
                    sa.Column("document_id", sa.Integer(), nullable=True),
                    sa.Column("params", sa.Text(), nullable=True)),
}


COLUMNS["glossary_terms"] = (sa.Column("domain", sa.String(100), nullable=False,
                                        server_default=""),)


def upgrade() -> None:
    for table, columns in COLUMNS.items():
        for column in columns:
            op.add_column(table, column)
    op.create_table(
        "glossary_changes",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("term", sa.String(200), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("before", sa.Text(), nullable=True),
        sa.Column("after", sa.Text(), nullable=True),
        sa.Column("user_id", sa.Integer(), sa.ForeignKey(
            "users.id", name="fk_glossary_changes_user_id_users"), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_glossary_changes_term", "glossary_changes", ["term"])


def downgrade() -> None:
    kept = op.get_bind().execute(sa.text("SELECT count(*) FROM glossary_changes")).scalar()
    if kept:
        raise RuntimeError(f"{kept} glossary change(s) would be lost: export the glossary "
                           "history first, or stay at this revision")
    op.drop_index("ix_glossary_changes_term", table_name="glossary_changes")
    op.drop_table("glossary_changes")
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table, columns in COLUMNS.items():
        for column in columns:
            if sqlite:  # SQLite 3.35+ drops a column in place, keeping the triggers
                op.execute(f"ALTER TABLE {table} DROP COLUMN {column.name}")
            else:
                op.drop_column(table, column.name)
