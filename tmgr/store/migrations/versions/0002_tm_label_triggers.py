"""TM label triggers, (re)installed on every database.

0.1.0 installed these only when ``create_all`` created the tables, so a database
made before they existed (or with their older per-row PostgreSQL form) lacks
them. This migration replaces whatever is there with the current triggers.

Revision ID: 0002
Revises: 0001
Created: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Triggers keep TMGeneration honest whatever changes the memory: the ORM, cascades
# or plain SQL. Frozen here; a change is a new migration.
_SQLITE_BUMP = "UPDATE tm_generation SET generation = abs(random())"
_SQLITE_TRIGGERS = {
    "tm_tr_insert": "AFTER INSERT ON translations WHEN NEW.state = 'approved'",
    "tm_tr_update": "AFTER UPDATE ON translations "
                    "WHEN OLD.state = 'approved' OR NEW.state = 'approved'",
    "tm_tr_delete": "AFTER DELETE ON translations WHEN OLD.state = 'approved'",
    "tm_unit_insert": "AFTER INSERT ON tm_units",
    "tm_unit_update": "AFTER UPDATE ON tm_units",
    "tm_unit_delete": "AFTER DELETE ON tm_units",
    "tm_segment_delete": "AFTER DELETE ON segments",
}
# On PostgreSQL the triggers run once per statement, looking at the changed rows
# through transition tables: a per-row UPDATE of the one label row makes a bulk
# insert of N approved rows quadratic (each update walks the dead versions before it).
_PG_TRIGGERS = {
    "tm_tr_insert": "AFTER INSERT ON translations REFERENCING NEW TABLE AS new_rows "
                    "FOR EACH STATEMENT EXECUTE FUNCTION tm_bump_if_approved()",
    "tm_tr_update": "AFTER UPDATE ON translations "
                    "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows "
                    "FOR EACH STATEMENT EXECUTE FUNCTION tm_bump_if_approved()",
    "tm_tr_delete": "AFTER DELETE ON translations REFERENCING OLD TABLE AS old_rows "
                    "FOR EACH STATEMENT EXECUTE FUNCTION tm_bump_if_approved()",
    "tm_unit_change": "AFTER INSERT OR UPDATE OR DELETE ON tm_units FOR EACH STATEMENT "
                      "EXECUTE FUNCTION tm_bump_generation()",
    "tm_segment_delete": "AFTER DELETE ON segments FOR EACH STATEMENT "
                         "EXECUTE FUNCTION tm_bump_generation()",
}
_PG_BUMP_IF_APPROVED = """
CREATE OR REPLACE FUNCTION tm_bump_if_approved() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  touched boolean := false;
BEGIN
  -- each query names only the transition tables its trigger has
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    touched := EXISTS (SELECT 1 FROM new_rows WHERE state = 'approved');
  END IF;
  IF NOT touched AND TG_OP IN ('UPDATE', 'DELETE') THEN
    touched := EXISTS (SELECT 1 FROM old_rows WHERE state = 'approved');
  END IF;
  IF touched THEN
    {once}
  END IF;
  RETURN NULL;
END $$"""
_PG_RANDOM = "floor(random() * 9007199254740991)::bigint"
# Once per transaction is enough (readers only see the label at commit), and a bulk
# load that updated the label row per statement would be quadratic in dead versions.
_PG_ONCE = ("IF current_setting('{flag}', true) IS DISTINCT FROM 'y' THEN "
            "UPDATE tm_generation SET {sets}; PERFORM set_config('{flag}', 'y', true); "
            "END IF;")
_SEED_GENERATION = ("INSERT INTO tm_generation (id, generation, epoch) "
                    "SELECT 1, 0, 0 WHERE NOT EXISTS (SELECT 1 FROM tm_generation)")


def _sqlite_ddl() -> list[str]:
    statements = [f"CREATE TRIGGER IF NOT EXISTS {name} {when} BEGIN {_SQLITE_BUMP}; END"
                  for name, when in _SQLITE_TRIGGERS.items()]
    statements.append(
        "CREATE TRIGGER IF NOT EXISTS tm_segment_source AFTER UPDATE OF source ON segments "
        "BEGIN UPDATE tm_generation SET generation = abs(random()), epoch = abs(random()); END")
    return statements


def _postgresql_ddl() -> list[str]:
    function = ("CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS "
                "$$ BEGIN " + _PG_ONCE.format(flag="{flag}", sets="{sets}")
                + " RETURN NULL; END $$")
    statements = [
        function.format(name="tm_bump_generation", flag="tmgr.tm_bumped",
                        sets=f"generation = {_PG_RANDOM}"),
        function.format(name="tm_bump_epoch", flag="tmgr.tm_epoch_bumped",
                        sets=f"generation = {_PG_RANDOM}, epoch = {_PG_RANDOM}"),
    ]
    statements.append(_PG_BUMP_IF_APPROVED.replace("{once}", _PG_ONCE.format(
        flag="tmgr.tm_bumped", sets=f"generation = {_PG_RANDOM}")))
    statements += [f"CREATE OR REPLACE TRIGGER {name} {when}"
                   for name, when in _PG_TRIGGERS.items()]
    statements.append("CREATE OR REPLACE TRIGGER tm_segment_source AFTER UPDATE OF source "
                      "ON segments FOR EACH STATEMENT EXECUTE FUNCTION tm_bump_epoch()")
    return statements


def upgrade() -> None:
    _drop_tm_triggers()
    _install_tm_triggers()


def downgrade() -> None:
    _drop_tm_triggers()


def _install_tm_triggers() -> None:
    dialect = op.get_bind().dialect.name
    statements = {"sqlite": _sqlite_ddl, "postgresql": _postgresql_ddl}.get(dialect)
    connection = op.get_bind()
    for statement in statements() if statements else []:
        connection.exec_driver_sql(statement)
    connection.exec_driver_sql(_SEED_GENERATION)


def _drop_tm_triggers() -> None:
    dialect = op.get_bind().dialect.name
    # both sets of names: older PostgreSQL databases have the per-row triggers
    for name in dict.fromkeys([*_SQLITE_TRIGGERS, *_PG_TRIGGERS, "tm_segment_source"]):
        table = "segments" if "segment" in name else \
            "tm_units" if "unit" in name else "translations"
        where = f" ON {table}" if dialect == "postgresql" else ""
        op.execute(f"DROP TRIGGER IF EXISTS {name}{where}")
    if dialect == "postgresql":
        for function in ("tm_bump_generation", "tm_bump_epoch", "tm_bump_if_approved"):
            op.execute(f"DROP FUNCTION IF EXISTS {function}()")
