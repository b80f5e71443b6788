"""glossary term key: one term per case-folded spelling, whatever the alphabet.

``glossary_terms.term`` was unique as typed while lookups lowered it with the
database's ``lower()``, which SQLite applies to ASCII only: ``Łódź`` could not be
found again (adding it twice failed with an IntegrityError, removing it said "no
term") and ``łódź`` could be added beside it. ``term_key`` holds the term
NFC-normalised, with single spaces, case-folded (Python's full case folding); it
is unique and lookups use it.

Twins an older tmgr let in are all kept: the first (lowest id) gets the key, each
later one the key followed by ``#<id>``, so it stays listed and can be removed by
its exact spelling.

Revision ID: i27b_1
Revises: i25a_1
Created: 2026-12-07
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "i27b_1"
down_revision: str | Sequence[str] | None = "i25a_1"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _key(term: str) -> str:  # frozen copy of tmgr.quality.glossary.term_key
    return unicodedata.normalize("NFC", " ".join(term.split())).casefold()


def upgrade() -> None:
    with op.batch_alter_table("glossary_terms") as batch:
        batch.add_column(sa.Column("term_key", sa.Text(), nullable=True))
    connection = op.get_bind()
    terms = sa.table("glossary_terms", sa.column("id", sa.Integer),
                     sa.column("term", sa.String), sa.column("term_key", sa.String))
    seen: set[str] = set()
    for term_id, term in connection.execute(sa.select(terms.c.id, terms.c.term)
                                            .order_by(terms.c.id)).all():
        key = _key(term)
        if key in seen:
            key = f"{key}#{term_id}"
        seen.add(key)
        connection.execute(terms.update().where(terms.c.id == term_id)
                           .values(term_key=key))
    with op.batch_alter_table("glossary_terms") as batch:
        batch.alter_column("term_key", existing_type=sa.Text(), nullable=False)
        batch.create_unique_constraint("uq_glossary_terms_term_key", ["term_key"])


def downgrade() -> None:
    with op.batch_alter_table("glossary_terms") as batch:
        batch.drop_constraint("uq_glossary_terms_term_key", type_="unique")
        batch.drop_column("term_key")
