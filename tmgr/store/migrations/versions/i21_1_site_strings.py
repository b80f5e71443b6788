"""site strings: the site's own words (sections, status lines, authors, labels) in the database.

Three new tables: ``site_strings``, ``site_string_translations`` and
``site_string_changes``. They are seeded with the Belarusian and Russian wordings
``tmgr/data/metadata_be.toml`` and ``metadata_ru.toml`` shipped (approved: they were
what export used), and every section, status line and author an existing document
uses that the files do not name is carried in as a string to translate. No row of
any other table changes.

Revision ID: i21_1
Revises: i27b_1
Created: 2026-12-07
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa
from alembic import op

revision: str = "i21_1"
down_revision: str | Sequence[str] | None = "i27b_1"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DATA = Path(__file__).resolve().parents[3] / "data"
LANGUAGES = ("be", "ru")
#: file table → site string kind
TABLES = {"sections": "section", "status_lines": "status_line", "authors": "author",
          "labels": "label"}
#: the English of the labels (as tmgr.documents.articles.DEFAULT_LABELS)
LABEL_SOURCES = {"byline": "by {authors}", "byline_many": "by {authors} (several authors)",
                 "and": " and ", "draft": "DRAFT, not for publication: text in ⟦…⟧ is "
                                          "not approved yet"}
_AUTHOR_SEPARATORS = re.compile(r"\s*(?:,\s*and\s+|,\s*|\s+and\s+|\s*&\s*)\s*")


def _fold(text: str) -> str:
    return " ".join(text.replace("’", "'").split()).casefold().rstrip(".")


def _create_tables() -> None:
    op.create_table(
        "site_strings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("key", sa.String(length=300), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("removed_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_site_strings")),
        sa.UniqueConstraint("kind", "key", name=op.f("uq_site_strings_kind")),
    )
    op.create_table(
        "site_string_translations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("site_string_id", sa.Integer(), nullable=False),
        sa.Column("lang", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("state", sa.Enum("untranslated", "draft", "needs_editing", "translated",
                                   "approved", name="translation_state", native_enum=False,
                                   length=16), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["site_string_id"], ["site_strings.id"],
                                name=op.f("fk_site_string_translations_site_string_id_site_strings"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["author_id"], ["users.id"],
                                name=op.f("fk_site_string_translations_author_id_users"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_site_string_translations")),
        sa.UniqueConstraint("site_string_id", "lang",
                            name=op.f("uq_site_string_translations_site_string_id")),
    )
    op.create_index(op.f("ix_site_string_translations_site_string_id"),
                    "site_string_translations", ["site_string_id"])
    op.create_table(
        "site_string_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("site_string_id", sa.Integer(), nullable=False),
        sa.Column("lang", sa.String(length=16), nullable=True),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["site_string_id"], ["site_strings.id"],
                                name=op.f("fk_site_string_changes_site_string_id_site_strings"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"],
                                name=op.f("fk_site_string_changes_user_id_users"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_site_string_changes")),
    )
    op.create_index(op.f("ix_site_string_changes_site_string_id"), "site_string_changes",
                    ["site_string_id"])


def _shipped() -> dict[tuple[str, str], dict[str, str]]:
    """(kind, English) → {lang: wording}, from the shipped files."""
    found: dict[tuple[str, str], dict[str, str]] = {}
    for lang in LANGUAGES:
        path = DATA / f"metadata_{lang}.toml"
        data = tomllib.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
        for table, kind in TABLES.items():
            for english, wording in data.get(table, {}).items():
                found.setdefault((kind, english), {})[lang] = wording
    return found


def _used(bind: sa.Connection) -> list[tuple[str, str]]:
    """(kind, English) of every section, status line and author a document uses."""
    rows = bind.execute(sa.text("SELECT section, status_line, author FROM documents")).all()
    used: list[tuple[str, str]] = []
    for section, status, author in rows:
        used += [("section", section)] if section else []
        used += [("status_line", status)] if status else []
        used += [("author", name) for name in _AUTHOR_SEPARATORS.split((author or "").strip())
                 if name]
    return used


def upgrade() -> None:
    _create_tables()
    bind = op.get_bind()
    now = datetime.now(UTC)
    strings = sa.table("site_strings", sa.column("id", sa.Integer), sa.column("kind"),
                       sa.column("key"), sa.column("source"), sa.column("created_at"))
    translations = sa.table("site_string_translations", sa.column("site_string_id"),
                            sa.column("lang"), sa.column("text"), sa.column("state"),
                            sa.column("updated_at"))
    changes = sa.table("site_string_changes", sa.column("site_string_id"), sa.column("lang"),
                       sa.column("action"), sa.column("text"), sa.column("state"),
                       sa.column("created_at"))
    shipped = _shipped()
    seen = {(kind, _fold(key)) for kind, key in shipped}
    entries: list[tuple[str, str, dict[str, str]]] = [(k, e, w) for (k, e), w in shipped.items()]
    for kind, english in _used(bind):
        if (kind, _fold(english)) not in seen:
            seen.add((kind, _fold(english)))
            entries.append((kind, english, {}))
    for kind, english, wordings in entries:
        source = LABEL_SOURCES.get(english, english) if kind == "label" else english
        new_id = bind.execute(sa.insert(strings).values(
            kind=kind, key=english, source=source, created_at=now).returning(strings.c.id)
        ).scalar_one()
        action = "seeded" if wordings else "carried"
        bind.execute(sa.insert(changes).values(site_string_id=new_id, lang=None,
                                               action=action, text=source, state="",
                                               created_at=now))
        for lang in LANGUAGES:
            text = wordings.get(lang, "")
            state = "approved" if text else "untranslated"
            bind.execute(sa.insert(translations).values(
                site_string_id=new_id, lang=lang, text=text, state=state, updated_at=now))


def downgrade() -> None:
    # Translations made in the tables would be lost: refuse, unless nobody changed any.
    bind = op.get_bind()
    made = bind.execute(sa.text("SELECT COUNT(*) FROM site_string_changes "
                                "WHERE action NOT IN ('seeded', 'carried')")).scalar()
    if made:
        raise RuntimeError(f"{made} site string change(s) would be lost: back up the "
                           "database (tmgr backup) before downgrading past i21_1")
    op.drop_index(op.f("ix_site_string_changes_site_string_id"), table_name="site_string_changes")
    op.drop_table("site_string_changes")
    op.drop_index(op.f("ix_site_string_translations_site_string_id"),
                  table_name="site_string_translations")
    op.drop_table("site_string_translations")
    op.drop_table("site_strings")
