"""house word candidates: words from approved translations wait for a person's consent.

``house_words.status`` (accepted | candidate | rejected), ``seen_in`` (where the
word was seen) and ``approved_by`` (who approved that translation). Every word an
editor added stays accepted; every word learned automatically from an approved
translation becomes a candidate to review (the spelling check no longer takes it
until an editor or reviewer accepts it): approving used to add Russian words such
as «утверждая» to the Belarusian list. Columns only, no table rebuild (the
summary triggers of d1_1 stay).

Revision ID: i24_1
Revises: i21_1
Created: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "i24_1"
down_revision: str | Sequence[str] | None = "i21_1"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

AUTO_LEARNED = "learned automatically before review was required"


def upgrade() -> None:
    op.add_column("house_words", sa.Column("status", sa.String(length=16), nullable=False,
                                           server_default="accepted"))
    op.add_column("house_words", sa.Column("seen_in", sa.Text(), nullable=True))
    op.add_column("house_words", sa.Column("approved_by", sa.String(length=100),
                                           nullable=True))
    op.execute(sa.text("UPDATE house_words SET status = 'candidate', seen_in = :seen "
                       "WHERE origin = 'approved'").bindparams(seen=AUTO_LEARNED))


def downgrade() -> None:
    # Candidates and rejected words would silently join the list: refuse that.
    bind = op.get_bind()
    pending = bind.execute(sa.text(
        "SELECT COUNT(*) FROM house_words WHERE status <> 'accepted' AND origin <> 'approved'"
    )).scalar()
    if pending:
        raise RuntimeError(f"{pending} rejected or pending house word(s) would join the list: "
                           "back up the database (tmgr backup) before downgrading past i24_1")
    with op.batch_alter_table("house_words") as batch:
        batch.drop_column("approved_by")
        batch.drop_column("seen_in")
        batch.drop_column("status")
