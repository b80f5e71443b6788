"""Source revisions: every ingested version of a document, per-segment revision, diff base.

Adds ``source_revisions`` (one row per ingested version: when, by whom, path,
checksum, the reader's warnings and captions, what changed), ``segments.source_revision``
(the version a sentence's English arrived with), ``translations.source_basis`` (the
English a translation was made from while it differs from the current one) and
``documents.edited_fields`` (metadata an editor fixed by hand, kept on re-ingest).

Existing documents get revision 1 from what they hold (their path, checksum and
creation time; who ingested them is unknown); their segments are at revision 1; a
translation flagged ``source-changed`` takes its segment's previous English as basis.

Revision ID: i10_1
Revises: i14_1
Created: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "i10_1"
down_revision: str | Sequence[str] | None = "i14_1"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "source_revisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ingested_by", sa.String(length=80), nullable=True),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("checksum", sa.String(length=64), nullable=False),
        sa.Column("dated", sa.String(length=60), nullable=True),
        sa.Column("warnings", sa.Text(), server_default="[]", nullable=False),
        sa.Column("captions", sa.Text(), server_default="[]", nullable=False),
        sa.Column("changes", sa.Text(), server_default="[]", nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"], ondelete="CASCADE",
                                name=op.f("fk_source_revisions_document_id_documents")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_source_revisions")),
        sa.UniqueConstraint("document_id", "number",
                            name=op.f("uq_source_revisions_document_id")),
    )
    with op.batch_alter_table("source_revisions") as batch:
        batch.create_index(batch.f("ix_source_revisions_document_id"), ["document_id"])
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("edited_fields", sa.String(length=100), server_default="",
                                   nullable=False))
    with op.batch_alter_table("segments") as batch:
        batch.add_column(sa.Column("source_revision", sa.Integer(), server_default="1",
                                   nullable=False))
    with op.batch_alter_table("translations") as batch:
        batch.add_column(sa.Column("source_basis", sa.Text(), nullable=True))
    op.execute(
        "INSERT INTO source_revisions (document_id, number, created_at, path, checksum, "
        "warnings, captions, changes) SELECT id, 1, created_at, source_path, checksum, "
        "'[]', '[]', '[]' FROM documents ORDER BY id")
    op.execute(
        "UPDATE translations SET source_basis = (SELECT previous_source FROM segments "
        "WHERE segments.id = translations.segment_id) "
        "WHERE flags LIKE '%source-changed%'")


def downgrade() -> None:
    with op.batch_alter_table("translations") as batch:
        batch.drop_column("source_basis")
    with op.batch_alter_table("segments") as batch:
        batch.drop_column("source_revision")
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("edited_fields")
    with op.batch_alter_table("source_revisions") as batch:
        batch.drop_index(batch.f("ix_source_revisions_document_id"))
    op.drop_table("source_revisions")
