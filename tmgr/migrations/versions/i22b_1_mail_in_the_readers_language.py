"""Mail in the reader's language, and digests per document.

``users.ui_lang`` keeps the UI language a user chose (en, be, ru; empty: English),
so that notifications and e-mails are written in it; ``users.mail_digest`` is the
user's choice to get the non-urgent news about one document in one e-mail per
``TMGR_DIGEST_MINUTES``. ``mail_outbox`` gains what a message is about (``user_id``,
``kind``, ``document_id``, ``params``) so that it is rendered in the recipient's
language when it is delivered. 0.1.0 rows keep every value; plain ``ADD COLUMN``s,
no table rebuild (SQLite's triggers stay).

Revision ID: i22b_1
Revises: i20_1
Created: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "i22b_1"
down_revision: str | Sequence[str] | None = "i20_1"
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


def upgrade() -> None:
    for table, columns in COLUMNS.items():
        for column in columns:
            op.add_column(table, column)


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table, columns in COLUMNS.items():
        for column in columns:
            if sqlite:  # SQLite 3.35+ drops a column in place, keeping the triggers
                op.execute(f"ALTER TABLE {table} DROP COLUMN {column.name}")
            else:
                op.drop_column(table, column.name)
