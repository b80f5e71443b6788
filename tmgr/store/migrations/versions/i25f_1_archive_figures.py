"""archive figures: each archived article's English segments and words, and a week index.

``archive_articles`` gains ``segments`` and ``words`` (the English sentences and
words of the article, as the documents count them), filled here from each stored
article's ``texts``, so an existing archive counts in the editors' figures at once
(``--include-archive``, ``?archive=1``) without a new import. An index on
``(week_start, id)`` keeps the archive list in week order cheap, and one on
``(languages, segments, words)`` lets the figures sum without reading the articles'
texts (SQLite keeps columns added later behind them). Plain ADD COLUMN:
no table is rebuilt (SQLite's summary triggers stay); the downgrade drops only the
new columns and index.

Revision ID: i25f_1
Revises: i22c_1
Created: 2026-12-08
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "i25f_1"
down_revision: str | Sequence[str] | None = "i25h_1"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_NEW = ("segments", "words")


def _figures(texts: str) -> tuple[int, int]:
    """English sentences and words of one stored article (``texts`` as imported)."""
    try:
        paragraphs = json.loads(texts or "{}").get("en") or []
    except ValueError:
        return 0, 0
    sentences = [str(s) for paragraph in paragraphs for s in paragraph]
    return len(sentences), sum(len(s.split()) for s in sentences)


def upgrade() -> None:
    for name in _NEW:
        op.add_column("archive_articles", sa.Column(name, sa.Integer(), nullable=False,
                                                    server_default="0"))
    op.create_index("ix_archive_articles_week", "archive_articles", ["week_start", "id"])
    op.create_index("ix_archive_articles_figures", "archive_articles",
                    ["languages", "segments", "words"])
    bind = op.get_bind()
    rows = bind.execute(sa.text("SELECT id, texts FROM archive_articles")).all()
    update = sa.text("UPDATE archive_articles SET segments = :segments, words = :words "
                     "WHERE id = :id")
    for article_id, texts in rows:
        segments, words = _figures(texts)
        bind.execute(update, {"id": article_id, "segments": segments, "words": words})


def downgrade() -> None:
    op.drop_index("ix_archive_articles_figures", table_name="archive_articles")
    op.drop_index("ix_archive_articles_week", table_name="archive_articles")
    for name in _NEW:
        if op.get_bind().dialect.name == "sqlite":
            op.execute(f"ALTER TABLE archive_articles DROP COLUMN {name}")
        else:
            op.drop_column("archive_articles", name)
