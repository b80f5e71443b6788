"""Post-editing records, drafting leases, unknown words; transliterated drafts emptied.

* ``post_edits``: the draft a translator started from and, once approved, the
  edit figures. Backfilled from the history where a real machine or memory draft
  is known (the last ``tm``/``mt:`` draft revision of a translation); nothing is
  invented where none is known, and the ``offline`` stand-in's transliterations
  are not drafts.
* ``draft_runs``: one live drafting run per document.
* ``translations.unknown_words`` and ``mt_cache.unknown_words``.
* Drafts of the ``offline`` stand-in (transliteration, not translation) that no
  person touched are taken out of the text boxes: the translation goes back to
  ``untranslated`` and the text stays in its history as a revision.

Revision ID: i12_1
Revises: i13_1
Created: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision: str = "i12_1"
down_revision: str | Sequence[str] | None = "i13_1"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STAND_IN = "mt:offline"
NOTE = "the offline stand-in's transliteration is not a draft: moved to the history"


def upgrade() -> None:
    op.create_table(
        "post_edits",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("translation_id", sa.Integer(), nullable=False),
        sa.Column("draft_text", sa.Text(), nullable=False),
        sa.Column("draft_origin", sa.String(length=64), nullable=False),
        sa.Column("drafted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("touched", sa.Boolean(), nullable=False),
        sa.Column("seconds", sa.Float(), nullable=True),
        sa.Column("final_text", sa.Text(), nullable=True),
        sa.Column("approved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("translator_id", sa.Integer(), nullable=True),
        sa.Column("words", sa.Integer(), nullable=True),
        sa.Column("edit_distance", sa.Float(), nullable=True),
        sa.Column("chrf", sa.Float(), nullable=True),
        sa.Column("unchanged", sa.Boolean(), nullable=True),
        sa.ForeignKeyConstraint(["translation_id"], ["translations.id"],
                                name=op.f("fk_post_edits_translation_id_translations"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["translator_id"], ["users.id"],
                                name=op.f("fk_post_edits_translator_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_post_edits")),
        sa.UniqueConstraint("translation_id", name=op.f("uq_post_edits_translation_id")),
    )
    op.create_index(op.f("ix_post_edits_approved_at"), "post_edits", ["approved_at"])
    op.create_table(
        "draft_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.String(length=36), nullable=False),
        sa.Column("engine", sa.String(length=32), nullable=False),
        sa.Column("languages", sa.String(length=100), nullable=False),
        sa.Column("started_by", sa.String(length=80), nullable=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("heartbeat_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("done", sa.Integer(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"],
                                name=op.f("fk_draft_runs_document_id_documents"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_draft_runs")),
        sa.UniqueConstraint("document_id", name=op.f("uq_draft_runs_document_id")),
    )
    with op.batch_alter_table("translations") as batch:
        batch.add_column(sa.Column("unknown_words", sa.Text(), nullable=True))
    with op.batch_alter_table("mt_cache") as batch:
        batch.add_column(sa.Column("unknown_words", sa.Text(), nullable=True))
    _backfill_post_edits()
    _empty_stand_in_drafts()


def _backfill_post_edits() -> None:
    """The last real draft revision of each translation, where the history has one."""
    connection = op.get_bind()
    rows = connection.execute(sa.text(
        "SELECT r.translation_id, r.new_text, r.origin, r.created_at, t.state "
        "FROM revisions r JOIN translations t ON t.id = r.translation_id "
        "WHERE r.new_state = 'draft' AND r.origin <> :stand_in "
        "AND (r.origin = 'tm' OR r.origin LIKE 'mt:%') ORDER BY r.id"),
        {"stand_in": STAND_IN}).all()
    latest = {row.translation_id: row for row in rows}
    for row in latest.values():
        connection.execute(sa.text(
            "INSERT INTO post_edits (translation_id, draft_text, draft_origin, drafted_at, "
            "touched) VALUES (:t, :text, :origin, :at, :touched)"),
            {"t": row.translation_id, "text": row.new_text, "origin": row.origin,
             "at": row.created_at, "touched": row.state != "draft"})


def _empty_stand_in_drafts() -> None:
    connection = op.get_bind()
    rows = connection.execute(sa.text(
        "SELECT id, text FROM translations WHERE state = 'draft' AND origin = :o"),
        {"o": STAND_IN}).all()
    now = datetime.now(UTC)
    for row in rows:
        connection.execute(sa.text(
            "INSERT INTO revisions (translation_id, created_at, old_text, new_text, "
            "old_state, new_state, origin, note) VALUES (:t, :now, :old, '', 'draft', "
            "'untranslated', NULL, :note)"),
            {"t": row.id, "now": now, "old": row.text, "note": NOTE})
        connection.execute(sa.text(
            "UPDATE translations SET text = '', state = 'untranslated', origin = NULL, "
            "version = version + 1, updated_at = :now WHERE id = :t"),
            {"t": row.id, "now": now})


def downgrade() -> None:
    # The emptied stand-in drafts stay emptied: their text is in the history.
    with op.batch_alter_table("mt_cache") as batch:
        batch.drop_column("unknown_words")
    with op.batch_alter_table("translations") as batch:
        batch.drop_column("unknown_words")
    op.drop_table("draft_runs")
    op.drop_index(op.f("ix_post_edits_approved_at"), table_name="post_edits")
    op.drop_table("post_edits")
