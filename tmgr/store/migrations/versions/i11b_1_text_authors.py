"""Who wrote a text: ``translations.author_id`` and ``revisions.author_id``.

The four-eyes rule asks who wrote the words being approved. Until now that was
the last person who changed them, so a reviewer who reverted to the translator's
text (or made a one-click QA fix) became its author. The author is now stored:
a revision's ``author_id`` is who wrote its ``new_text`` (for a revert, the author
of the revision brought back), and a translation's ``author_id`` the author of
its current text.

Backfill from the history: a revision that changed the words was written by its
user; a legacy revert (note ``reverted to revision N``) by revision N's author;
a translation by the author of its last revision that changed the words, else
nobody (machine and memory drafts).

Revision ID: i11b_1
Revises: i12_1
Created: 2026-12-01
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "i11b_1"
down_revision: str | Sequence[str] | None = "i12_1"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_REVERT = re.compile(r"reverted to revision (\d+)$")


def upgrade() -> None:
    # Plain ADD COLUMN (no table rebuild on SQLite, which would drop the TM triggers).
    for table in ("revisions", "translations"):
        name = f"fk_{table}_author_id_users"
        if op.get_bind().dialect.name == "sqlite":
            op.execute(f"ALTER TABLE {table} ADD COLUMN author_id INTEGER "
                       f"CONSTRAINT {name} REFERENCES users (id)")
            continue
        op.add_column(table, sa.Column(
            "author_id", sa.Integer(),
            sa.ForeignKey("users.id", name=name), nullable=True))
    _backfill(op.get_bind())


def _backfill(connection: sa.Connection) -> None:
    """Fill the authors in; the memory is unchanged, so its label is put back after."""
    label = connection.execute(sa.text(
        "SELECT id, generation, epoch FROM tm_generation")).all()
    rows = connection.execute(sa.text(
        "SELECT id, translation_id, user_id, old_text, new_text, note FROM revisions "
        "ORDER BY id")).all()
    author: dict[int, int | None] = {}
    text_author: dict[int, int | None] = {}
    for rev_id, translation_id, user_id, old_text, new_text, note in rows:
        match = _REVERT.match(note or "")
        if match and int(match.group(1)) in author:
            author[rev_id] = author[int(match.group(1))]
        elif old_text != new_text:
            author[rev_id] = user_id
        else:  # a state change only: the words keep their author
            author[rev_id] = text_author.get(translation_id)
        if old_text != new_text or match:
            text_author[translation_id] = author[rev_id]
    for rev_id, user_id in author.items():
        if user_id is not None:
            connection.execute(sa.text("UPDATE revisions SET author_id = :a WHERE id = :i"),
                               {"a": user_id, "i": rev_id})
    for translation_id, user_id in text_author.items():
        if user_id is not None:
            connection.execute(sa.text("UPDATE translations SET author_id = :a "
                                       "WHERE id = :i"), {"a": user_id, "i": translation_id})
    for row_id, generation, epoch in label:
        connection.execute(sa.text("UPDATE tm_generation SET generation = :g, epoch = :e "
                                   "WHERE id = :i"), {"g": generation, "e": epoch, "i": row_id})


# 0002's triggers on translations, frozen here: SQLite's table rebuild drops them.
_SQLITE_TRANSLATION_TRIGGERS = (
    "CREATE TRIGGER IF NOT EXISTS tm_tr_insert AFTER INSERT ON translations "
    "WHEN NEW.state = 'approved' BEGIN UPDATE tm_generation SET generation = abs(random()); END",
    "CREATE TRIGGER IF NOT EXISTS tm_tr_update AFTER UPDATE ON translations "
    "WHEN OLD.state = 'approved' OR NEW.state = 'approved' "
    "BEGIN UPDATE tm_generation SET generation = abs(random()); END",
    "CREATE TRIGGER IF NOT EXISTS tm_tr_delete AFTER DELETE ON translations "
    "WHEN OLD.state = 'approved' BEGIN UPDATE tm_generation SET generation = abs(random()); END",
)


def downgrade() -> None:
    for table in ("translations", "revisions"):
        if op.get_bind().dialect.name == "sqlite":
            # a column in a foreign key can only go with a rebuild of the table
            with op.batch_alter_table(table, recreate="always") as batch:
                batch.drop_column("author_id")
            if table == "translations":
                for statement in _SQLITE_TRANSLATION_TRIGGERS:
                    op.execute(statement)
        else:
            op.drop_constraint(f"fk_{table}_author_id_users", table, type_="foreignkey")
            op.drop_column(table, "author_id")
