"""stage words: per person, day and stage, the words they first took to that stage.

The dashboard's "words per person" chart counts each segment's words once per person
and stage (translated, approved), on the day the person first took it there within
the chart's period; re-saves, reverts and bulk replaces add nothing. Counting that
read every revision of the period. ``stage_words`` holds it summed, kept exact by
triggers like those of ``d1_1``:

- a row per (day, user, stage, previous day): the words of the translations this
  person took to this stage on ``day`` and, before that, last on ``previous day``
  (``0001-01-01``: never before). A translation first taken there on or after a
  date ``since`` is one whose day is ``>= since`` and previous day ``< since``, so
  the chart sums ``stage_words`` for any period without reading revisions.
- the triggers count again the one translation a revision belongs to (before and
  after the change, by its revisions' index), so a change costs a few rows.

Upgrading fills the table from the existing revisions; downgrading drops it; backups
leave it out (a restore and ``tmgr db copy`` count it again).

Revision ID: i25h_1
Revises: i22c_1
Created: 2026-12-08
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "i25h_1"
down_revision: str | Sequence[str] | None = "i22c_1"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen here; a change is a new migration.
_UPSERT = """
INSERT INTO stage_words (day, user_id, new_state, prev_day, words)
SELECT day, user_id, new_state, prev_day, SUM(words)
FROM ({rows}) AS d WHERE true
GROUP BY day, user_id, new_state, prev_day
HAVING SUM(words) <> 0
ORDER BY day, user_id, new_state, prev_day
ON CONFLICT (day, user_id, new_state, prev_day) DO UPDATE SET
  words = stage_words.words + excluded.words"""

_DAYS = {"sqlite": "COALESCE(date({column}), date(substr({column}, 1, 19)), '1970-01-01')",
         "postgresql": "CAST(({column} AT TIME ZONE 'UTC') AS date)"}
_NEVER = {"sqlite": "'0001-01-01'", "postgresql": "DATE '0001-01-01'"}

# revisions ({rows}: translation_id, user_id, new_state, created_at, note) → per
# translation, person and stage, each day and the day before it; {words}: the words
_CONTRIBUTIONS = (
    "SELECT c.day AS day, c.user_id AS user_id, c.new_state AS new_state, "
    "COALESCE(LAG(c.day) OVER (PARTITION BY c.tid, c.user_id, c.new_state "
    "ORDER BY c.day), {never}) AS prev_day, {words} AS words "
    "FROM (SELECT DISTINCT r.translation_id AS tid, r.user_id AS user_id, "
    "r.new_state AS new_state, {day} AS day FROM ({rows}) AS r "
    "WHERE r.user_id IS NOT NULL AND r.new_state IN ('translated', 'approved') "
    "AND (r.note IS NULL OR (substr(r.note, 1, 9) <> 'replace r' "
    "AND substr(r.note, 1, 17) <> 'undo of replace r'))) AS c "
    "JOIN translations AS t ON t.id = c.tid JOIN segments AS s ON s.id = t.segment_id")

_REV = "translation_id, user_id, new_state, created_at, note"


def _revisions_of(translation: str, *, without: str = "", plus: str = "",
                  plus_when: str = "true", guard: str = "true") -> str:
    """The revisions of one translation (none unless ``guard``), one of them left out,
    a row variable added (when ``plus_when``)."""
    rows = f"SELECT {_REV} FROM revisions WHERE {guard} AND translation_id = {translation}"
    if without:
        rows += f" AND id <> {without}"
    if plus:
        cols = ", ".join(f"{plus}.{c}" for c in _REV.split(", "))
        rows += f" UNION ALL SELECT {cols} WHERE {guard} AND {plus_when}"
    return rows


def _delta(dialect: str, after: str, before: str) -> str:
    """The upsert adding the contributions of ``after`` and taking those of ``before``."""
    day, never = _DAYS[dialect].format(column="r.created_at"), _NEVER[dialect]
    parts = [_CONTRIBUTIONS.format(never=never, day=day, rows=rows, words=f"{sign} * s.words")
             for rows, sign in ((after, 1), (before, -1))]
    return _UPSERT.format(rows=" UNION ALL ".join(parts))


def _scaled(dialect: str, rows: str, words: str) -> str:
    """The contributions of ``rows`` counted with ``words`` (a change of words)."""
    day, never = _DAYS[dialect].format(column="r.created_at"), _NEVER[dialect]
    return _UPSERT.format(rows=_CONTRIBUTIONS.format(never=never, day=day, rows=rows,
                                                     words=words))


def _segment_revisions(segment: str) -> str:
    return (f"SELECT r.translation_id, r.user_id, r.new_state, r.created_at, r.note "
            f"FROM revisions AS r JOIN translations AS t2 ON t2.id = r.translation_id "
            f"WHERE t2.segment_id = {segment}")


def _words_of(segment: str) -> str:
    return f"COALESCE((SELECT words FROM segments WHERE id = {segment}), 0)"


def _revision_bodies(dialect: str) -> dict[str, tuple[str, list[str]]]:
    """SQLite's revision triggers run after the change (``after`` is the table now),
    PostgreSQL's before it, row by row, so a statement changing many rows of one
    translation is counted a row at a time."""
    if dialect == "sqlite":
        return {
            "summary_stage_rev_insert": ("AFTER INSERT ON revisions", [_delta(
                dialect, _revisions_of("NEW.translation_id"),
                _revisions_of("NEW.translation_id", without="NEW.id"))]),
            "summary_stage_rev_delete": ("AFTER DELETE ON revisions", [_delta(
                dialect, _revisions_of("OLD.translation_id"),
                _revisions_of("OLD.translation_id", plus="OLD"))]),
            # the old translation again only when the revision moved to another
            "summary_stage_rev_update": ("AFTER UPDATE ON revisions", [
                _delta(dialect, _revisions_of(tr, guard=guard), _revisions_of(
                    tr, without="NEW.id", plus="OLD", plus_when=f"OLD.translation_id = {tr}",
                    guard=guard))
                for tr, guard in (("NEW.translation_id", "true"), (
                    "OLD.translation_id", "OLD.translation_id IS NOT NEW.translation_id"))]),
        }
    for_old, for_new = (_delta(dialect, _revisions_of(tr, without="OLD.id", plus="NEW",
                                                 plus_when=f"NEW.translation_id = {tr}"),
                          _revisions_of(tr))
                   for tr in ("OLD.translation_id", "NEW.translation_id"))
    return {
        "summary_stage_rev_insert": ("BEFORE INSERT ON revisions", [_delta(
            dialect, _revisions_of("NEW.translation_id", plus="NEW"),
            _revisions_of("NEW.translation_id"))]),
        "summary_stage_rev_delete": ("BEFORE DELETE ON revisions", [_delta(
            dialect, _revisions_of("OLD.translation_id", without="OLD.id"),
            _revisions_of("OLD.translation_id"))]),
        "summary_stage_rev_update": ("BEFORE UPDATE ON revisions", [
            for_old, "IF OLD.translation_id IS DISTINCT FROM NEW.translation_id THEN "
            + for_new + "; END IF"]),
    }


def _bodies(dialect: str) -> dict[str, tuple[str, list[str]]]:
    """Trigger name → (when, statements)."""
    moved = _scaled(dialect, _revisions_of("NEW.id"),
                    f"{_words_of('NEW.segment_id')} - {_words_of('OLD.segment_id')}")
    words = _scaled(dialect, _segment_revisions("NEW.id"), "NEW.words - OLD.words")
    return {
        **_revision_bodies(dialect),
        "summary_stage_tr_moved": ("AFTER UPDATE OF segment_id ON translations", [moved]),
        "summary_stage_tr_delete": ("BEFORE DELETE ON translations",
                                    [_scaled(dialect, _revisions_of("OLD.id"), "-1 * s.words")]),
        "summary_stage_seg_words": ("AFTER UPDATE OF words ON segments", [words]),
        "summary_stage_seg_delete": (
            "BEFORE DELETE ON segments",
            [_scaled(dialect, _segment_revisions("OLD.id"), "-1 * s.words")]),
    }


_WHEN = {"summary_stage_tr_moved": "OLD.segment_id IS NOT NEW.segment_id",
         "summary_stage_seg_words": "OLD.words IS NOT NEW.words"}
_TABLES = {"summary_stage_rev_insert": "revisions", "summary_stage_rev_delete": "revisions",
           "summary_stage_rev_update": "revisions", "summary_stage_tr_moved": "translations",
           "summary_stage_tr_delete": "translations", "summary_stage_seg_words": "segments",
           "summary_stage_seg_delete": "segments"}


def _sqlite_ddl() -> list[str]:
    out = []
    for name, (when, body) in _bodies("sqlite").items():
        condition = f" WHEN {_WHEN[name]}" if name in _WHEN else ""
        out.append(f"CREATE TRIGGER {name} {when}{condition} BEGIN "
                   + "; ".join(body) + "; END")
    return out


def _postgresql_ddl() -> list[str]:
    out = []
    for name, (when, body) in _bodies("postgresql").items():
        answer = "OLD" if " DELETE " in f" {when} " else (
            "NEW" if when.startswith("BEFORE") else "NULL")
        out.append(f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql "
                   f"AS $$ BEGIN " + "; ".join(body) + f"; RETURN {answer}; END $$")
        condition = (" WHEN (" + _WHEN[name].replace(" IS NOT ", " IS DISTINCT FROM ") + ")"
                     if name in _WHEN else "")
        out.append(f"CREATE TRIGGER {name} {when} FOR EACH ROW{condition} "
                   f"EXECUTE FUNCTION {name}()")
    return out


_ALL = (
    "INSERT INTO stage_words (day, user_id, new_state, prev_day, words) "
    "SELECT day, user_id, new_state, prev_day, SUM(words) FROM ({rows}) AS d "
    "GROUP BY day, user_id, new_state, prev_day HAVING SUM(words) <> 0")


def upgrade() -> None:
    state = sa.Enum("untranslated", "draft", "needs_editing", "translated", "approved",
                    name="translation_state", native_enum=False, length=16)
    op.create_table(
        "stage_words",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("new_state", state, nullable=False),
        sa.Column("prev_day", sa.Date(), nullable=False),
        sa.Column("words", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("day", "user_id", "new_state", "prev_day",
                                name=op.f("pk_stage_words")),
    )
    connection = op.get_bind()
    dialect = connection.dialect.name
    if dialect not in _DAYS:
        return
    connection.exec_driver_sql(_ALL.format(rows=_CONTRIBUTIONS.format(
        never=_NEVER[dialect], day=_DAYS[dialect].format(column="r.created_at"),
        rows=f"SELECT {_REV} FROM revisions", words="s.words")))
    for statement in {"sqlite": _sqlite_ddl, "postgresql": _postgresql_ddl}[dialect]():
        connection.exec_driver_sql(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for name, table in _TABLES.items():
        where = f" ON {table}" if dialect == "postgresql" else ""
        op.execute(f"DROP TRIGGER IF EXISTS {name}{where}")
        if dialect == "postgresql":
            op.execute(f"DROP FUNCTION IF EXISTS {name}()")
    op.drop_table("stage_words")
