"""A journal of TM changes, so a worker patches a stored index with only what changed.

Triggers on ``translations`` (approved rows) and ``tm_units`` write one row per
changed unit (language, kind, id) to ``tm_changes``; a stored index snapshot keeps
the journal position it was built at (``tm_index_snapshots.journal``). A worker
starting from a snapshot reads the rows after that position instead of comparing
every unit's fingerprint. Ids follow commit order: on PostgreSQL the trigger first
locks the one ``tm_generation`` row (held until commit), as the label bump does.

Revision ID: i25g_1
Revises: i22c_1
Created: 2026-12-08
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "i25g_1"
down_revision: str | Sequence[str] | None = "i25f_1"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen here; a change is a new migration.
_JOURNAL = "INSERT INTO tm_changes (lang, kind, unit_id)"
_SQLITE_TRIGGERS = {
    "tm_journal_tr_insert": ("AFTER INSERT ON translations WHEN NEW.state = 'approved'",
                             f"{_JOURNAL} VALUES (NEW.lang, 't', NEW.id)"),
    "tm_journal_tr_update": ("AFTER UPDATE ON translations "
                             "WHEN OLD.state = 'approved' OR NEW.state = 'approved'",
                             f"{_JOURNAL} SELECT OLD.lang, 't', OLD.id "
                             "WHERE OLD.state = 'approved' UNION "
                             "SELECT NEW.lang, 't', NEW.id WHERE NEW.state = 'approved'"),
    "tm_journal_tr_delete": ("AFTER DELETE ON translations WHEN OLD.state = 'approved'",
                             f"{_JOURNAL} VALUES (OLD.lang, 't', OLD.id)"),
    "tm_journal_unit_insert": ("AFTER INSERT ON tm_units",
                               f"{_JOURNAL} VALUES (NEW.lang, 'u', NEW.id)"),
    "tm_journal_unit_update": ("AFTER UPDATE ON tm_units",
                               f"{_JOURNAL} SELECT OLD.lang, 'u', OLD.id UNION "
                               "SELECT NEW.lang, 'u', NEW.id"),
    "tm_journal_unit_delete": ("AFTER DELETE ON tm_units",
                               f"{_JOURNAL} VALUES (OLD.lang, 'u', OLD.id)"),
}
_PG_FUNCTION = """
CREATE OR REPLACE FUNCTION tm_journal_{kind}() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  touched boolean := false;
BEGIN
  -- each branch names only the transition tables its trigger has
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    touched := EXISTS (SELECT 1 FROM new_rows{where});
  END IF;
  IF NOT touched AND TG_OP IN ('UPDATE', 'DELETE') THEN
    touched := EXISTS (SELECT 1 FROM old_rows{where});
  END IF;
  IF NOT touched THEN
    RETURN NULL;  -- drafts and other states: no lock, no row
  END IF;
  -- the label row's lock (held until commit) puts the journal's ids in commit order
  PERFORM 1 FROM tm_generation WHERE id = 1 FOR UPDATE;
  IF TG_OP = 'INSERT' THEN
    {journal} SELECT lang, '{letter}', id FROM new_rows{where};
  ELSIF TG_OP = 'DELETE' THEN
    {journal} SELECT lang, '{letter}', id FROM old_rows{where};
  ELSE
    {journal} SELECT lang, '{letter}', id FROM new_rows{where}
      UNION SELECT lang, '{letter}', id FROM old_rows{where};
  END IF;
  RETURN NULL;
END $$"""
_PG_TABLES = {"tr": ("translations", "t", " WHERE state = 'approved'"),
              "unit": ("tm_units", "u", "")}
_PG_REFERENCING = {"insert": "REFERENCING NEW TABLE AS new_rows",
                   "update": "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows",
                   "delete": "REFERENCING OLD TABLE AS old_rows"}


def _sqlite_ddl() -> list[str]:
    return [f"CREATE TRIGGER IF NOT EXISTS {name} {when} BEGIN {action}; END"
            for name, (when, action) in _SQLITE_TRIGGERS.items()]


def _postgresql_ddl() -> list[str]:
    statements = []
    for kind, (table, letter, where) in _PG_TABLES.items():
        statements.append(_PG_FUNCTION.format(kind=kind, journal=_JOURNAL, letter=letter,
                                              where=where))
        statements += [f"CREATE OR REPLACE TRIGGER tm_journal_{kind}_{event} AFTER "
                       f"{event.upper()} ON {table} {referencing} FOR EACH STATEMENT "
                       f"EXECUTE FUNCTION tm_journal_{kind}()"
                       for event, referencing in _PG_REFERENCING.items()]
    return statements


def upgrade() -> None:
    op.create_table(
        "tm_changes",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
                  nullable=False),
        sa.Column("lang", sa.String(length=16), nullable=False),
        sa.Column("kind", sa.String(length=1), nullable=False),
        sa.Column("unit_id", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tm_changes")),
        sqlite_autoincrement=True,
    )
    # a plain new nullable column: no table rebuild on SQLite (its triggers stay)
    op.add_column("tm_index_snapshots", sa.Column("journal", sa.BigInteger(), nullable=True))
    connection = op.get_bind()
    ddl = {"sqlite": _sqlite_ddl, "postgresql": _postgresql_ddl}.get(connection.dialect.name)
    for statement in ddl() if ddl else []:
        connection.exec_driver_sql(statement)


def downgrade() -> None:
    connection = op.get_bind()
    if connection.dialect.name == "postgresql":
        for kind, (table, _, _) in _PG_TABLES.items():
            for event in _PG_REFERENCING:
                op.execute(f"DROP TRIGGER IF EXISTS tm_journal_{kind}_{event} ON {table}")
            op.execute(f"DROP FUNCTION IF EXISTS tm_journal_{kind}()")
    else:
        for name in _SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    # A cache of what the other tables hold: dropping it loses no work. The snapshot
    # rows go too: without the journal they could not be trusted to be patched.
    op.execute("DELETE FROM tm_index_snapshots")
    if connection.dialect.name == "sqlite":
        with op.batch_alter_table("tm_index_snapshots") as batch:
            batch.drop_column("journal")
    else:
        op.drop_column("tm_index_snapshots", "journal")
    op.drop_table("tm_changes")
