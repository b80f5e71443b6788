"""archive: published commentaries, their sentence links and what they teach.

Three new tables, empty after the upgrade (``tmgr archive import`` fills them):
``archive_articles`` (read-only published articles), ``archive_links`` (sentence
links with a confidence and a review status, pointing at the memory unit made from
them) and ``archive_candidates`` (house-word and glossary candidates awaiting a
person). No existing table changes, so the summary triggers of d1_1 stay.

Revision ID: i25a_1
Revises: i27a_1
Created: 2026-12-07
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "i25a_1"
down_revision: str | Sequence[str] | None = "i27a_1"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "archive_articles",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=200), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("section", sa.String(length=200), nullable=True),
        sa.Column("week_text", sa.String(length=100), nullable=True),
        sa.Column("week_start", sa.Date(), nullable=True),
        sa.Column("languages", sa.String(length=32), nullable=False),
        sa.Column("checksum", sa.String(length=64), nullable=False),
        sa.Column("texts", sa.Text(), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_archive_articles")),
        sa.UniqueConstraint("slug", name=op.f("uq_archive_articles_slug")),
    )
    op.create_table(
        "archive_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("lang", sa.String(length=16), nullable=False),
        sa.Column("en_start", sa.Integer(), nullable=False),
        sa.Column("en_end", sa.Integer(), nullable=False),
        sa.Column("target_start", sa.Integer(), nullable=False),
        sa.Column("target_end", sa.Integer(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("target", sa.Text(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("tm_unit_id", sa.Integer(), nullable=True),
        sa.Column("reviewed_by_id", sa.Integer(), nullable=True),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["article_id"], ["archive_articles.id"],
                                name=op.f("fk_archive_links_article_id_archive_articles"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["tm_unit_id"], ["tm_units.id"],
                                name=op.f("fk_archive_links_tm_unit_id_tm_units"),
                                ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["reviewed_by_id"], ["users.id"],
                                name=op.f("fk_archive_links_reviewed_by_id_users"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_archive_links")),
    )
    op.create_index(op.f("ix_archive_links_article_id"), "archive_links", ["article_id"])
    op.create_index("ix_archive_links_status_lang", "archive_links", ["status", "lang"])
    op.create_table(
        "archive_candidates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("lang", sa.String(length=16), nullable=False),
        sa.Column("term", sa.String(length=200), nullable=False),
        sa.Column("rendering", sa.String(length=200), nullable=False),
        sa.Column("seen", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_archive_candidates")),
        sa.UniqueConstraint("kind", "lang", "term", "rendering",
                            name=op.f("uq_archive_candidates_kind")),
    )


def downgrade() -> None:
    # The archive can be imported again from its files; the memory units it made stay.
    op.drop_table("archive_candidates")
    op.drop_index("ix_archive_links_status_lang", table_name="archive_links")
    op.drop_index(op.f("ix_archive_links_article_id"), table_name="archive_links")
    op.drop_table("archive_links")
    op.drop_table("archive_articles")
