"""desk summaries: progress per document × language × state, and work per user per day.

The dashboard and ``tmgr status`` used to count every segment × language and sum
eight weeks of revisions on each request. Two tables now hold those sums, kept
exact by triggers on the tables they summarise, whatever writes them: the ORM,
imports, plain SQL, restores.

- ``progress_counts``: per document, language and state, the segments, words and
  failed machine drafts of the translations of its present (not removed) segments.
- ``daily_activity``: per UTC day, user and state change (old → new), the revisions
  a person made that changed a state, and the words of their segments.

Both hold only what can be computed again from the rows they summarise: upgrading
fills them from the existing rows, downgrading drops them, and backups leave them
out (a restore and ``tmgr db copy`` fill them again). Deletions are subtracted at
the highest level deleted, while the rows below are still visible, so a cascade
is counted once.

Revision ID: d1_1
Revises: p1_1
Created: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "d1_1"
down_revision: str | Sequence[str] | None = "p1_1"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen here; a change is a new migration. {rows} is a query whose columns are the
# table's key and its numbers, as deltas; one upsert adds them, in key order (so two
# transactions on PostgreSQL take the rows' locks in the same order).
_PROGRESS_UPSERT = """
INSERT INTO progress_counts (document_id, lang, state, segments, words, mt_failed)
SELECT document_id, lang, state, SUM(segments), SUM(words), SUM(mt_failed)
FROM ({rows}) AS d WHERE true
GROUP BY document_id, lang, state
HAVING SUM(segments) <> 0 OR SUM(words) <> 0 OR SUM(mt_failed) <> 0
ORDER BY document_id, lang, state
ON CONFLICT (document_id, lang, state) DO UPDATE SET
  segments = progress_counts.segments + excluded.segments,
  words = progress_counts.words + excluded.words,
  mt_failed = progress_counts.mt_failed + excluded.mt_failed"""

_ACTIVITY_UPSERT = """
INSERT INTO daily_activity (day, user_id, old_state, new_state, revisions, words)
SELECT day, user_id, old_state, new_state, SUM(revisions), SUM(words)
FROM ({rows}) AS d WHERE true
GROUP BY day, user_id, old_state, new_state
HAVING SUM(revisions) <> 0 OR SUM(words) <> 0
ORDER BY day, user_id, old_state, new_state
ON CONFLICT (day, user_id, old_state, new_state) DO UPDATE SET
  revisions = daily_activity.revisions + excluded.revisions,
  words = daily_activity.words + excluded.words"""

# translations (segment_id, lang, state, mt_error, sign) → progress deltas
_TRANSLATION_PROGRESS = (
    "SELECT s.document_id AS document_id, c.lang AS lang, c.state AS state, "
    "c.sign AS segments, c.sign * s.words AS words, "
    "CASE WHEN c.mt_error IS NULL THEN 0 ELSE c.sign END AS mt_failed "
    "FROM ({changes}) AS c JOIN segments AS s ON s.id = c.segment_id WHERE NOT s.removed")

# revisions (translation_id, user_id, old_state, new_state, created_at, sign) → activity
_REVISION_ACTIVITY = (
    "SELECT {day} AS day, c.user_id AS user_id, c.old_state AS old_state, "
    "c.new_state AS new_state, c.sign AS revisions, c.sign * s.words AS words "
    "FROM ({changes}) AS c JOIN translations AS t ON t.id = c.translation_id "
    "JOIN segments AS s ON s.id = t.segment_id "
    "WHERE c.user_id IS NOT NULL AND c.old_state <> c.new_state")

# one segment's translations, counted with the segment's values as {seg}.* (a row
# variable: NEW or OLD), with sign {sign}
_SEGMENT_PROGRESS = (
    "SELECT {seg}.document_id AS document_id, t.lang AS lang, t.state AS state, "
    "{sign} AS segments, {sign} * {seg}.words AS words, "
    "CASE WHEN t.mt_error IS NULL THEN 0 ELSE {sign} END AS mt_failed "
    "FROM translations AS t WHERE t.segment_id = {seg}.id AND NOT {seg}.removed")

# the revisions of one segment's translations, counted with {seg}.words
_SEGMENT_ACTIVITY = (
    "SELECT {day} AS day, r.user_id AS user_id, r.old_state AS old_state, "
    "r.new_state AS new_state, {sign} AS revisions, {sign} * {seg}.words AS words "
    "FROM revisions AS r JOIN translations AS t ON t.id = r.translation_id "
    "WHERE t.segment_id = {seg}.id AND r.user_id IS NOT NULL AND r.old_state <> r.new_state")

# the revisions of one translation ({tr}: a row variable), counted with the words of
# its segment while that segment is there, with sign {sign}
_TRANSLATION_ACTIVITY = (
    "SELECT {day} AS day, r.user_id AS user_id, r.old_state AS old_state, "
    "r.new_state AS new_state, {sign} AS revisions, {sign} * s.words AS words "
    "FROM revisions AS r JOIN segments AS s ON s.id = {tr}.segment_id "
    "WHERE r.translation_id = {tr}.id AND r.user_id IS NOT NULL "
    "AND r.old_state <> r.new_state")

# SQLite keeps times as text: one it cannot read still counts, on a day no chart shows
# SQLite keeps times as text: one it cannot read (a plain-SQL insert) must not make the
# trigger fail the insert, so it counts on a day no chart shows
_DAYS = {"sqlite": "COALESCE(date({column}), date(substr({column}, 1, 19)), '1970-01-01')",
         "postgresql": "CAST(({column} AT TIME ZONE 'UTC') AS date)"}

# everything from scratch: the upgrade's backfill
_PROGRESS_ALL = (
    "INSERT INTO progress_counts (document_id, lang, state, segments, words, mt_failed) "
    "SELECT s.document_id, t.lang, t.state, COUNT(*), COALESCE(SUM(s.words), 0), "
    "COUNT(t.mt_error) FROM segments AS s JOIN translations AS t ON t.segment_id = s.id "
    "WHERE NOT s.removed GROUP BY s.document_id, t.lang, t.state")
_ACTIVITY_ALL = (
    "INSERT INTO daily_activity (day, user_id, old_state, new_state, revisions, words) "
    "SELECT {day}, r.user_id, r.old_state, r.new_state, COUNT(*), COALESCE(SUM(s.words), 0) "
    "FROM revisions AS r JOIN translations AS t ON t.id = r.translation_id "
    "JOIN segments AS s ON s.id = t.segment_id "
    "WHERE r.user_id IS NOT NULL AND r.old_state <> r.new_state "
    "GROUP BY {day}, r.user_id, r.old_state, r.new_state")


def _row(var: str, columns: Sequence[str], sign: int) -> str:
    """One row variable (NEW or OLD) as a one-row query of ``columns`` and ``sign``."""
    return "SELECT " + ", ".join(f"{var}.{c} AS {c}" for c in columns) + f", {sign} AS sign"


_TR_COLUMNS = ("segment_id", "lang", "state", "mt_error")
_REV_COLUMNS = ("translation_id", "user_id", "old_state", "new_state", "created_at")


def _progress(changes: str) -> str:
    return _PROGRESS_UPSERT.format(rows=_TRANSLATION_PROGRESS.format(changes=changes))


def _activity(changes: str, day: str) -> str:
    return _ACTIVITY_UPSERT.format(rows=_REVISION_ACTIVITY.format(
        changes=changes, day=day.format(column="c.created_at")))


def _segment_change(day: str, *, progress: bool, activity: bool, new: bool) -> list[str]:
    """A segment's translations (and their revisions) leave with OLD, come back with NEW."""
    rev_day = day.format(column="r.created_at")
    statements = []
    if progress:
        parts = [_SEGMENT_PROGRESS.format(seg="OLD", sign=-1)]
        if new:
            parts.append(_SEGMENT_PROGRESS.format(seg="NEW", sign=1))
        statements.append(_PROGRESS_UPSERT.format(rows=" UNION ALL ".join(parts)))
    if activity:
        parts = [_SEGMENT_ACTIVITY.format(seg="OLD", sign=-1, day=rev_day)]
        if new:
            parts.append(_SEGMENT_ACTIVITY.format(seg="NEW", sign=1, day=rev_day))
        statements.append(_ACTIVITY_UPSERT.format(rows=" UNION ALL ".join(parts)))
    return statements


def _translation_delete(day: str) -> list[str]:
    """A translation deleted while its segment stays: its counts and its revisions' work."""
    return [_progress(_row("OLD", ("id", *_TR_COLUMNS), -1)),
            _ACTIVITY_UPSERT.format(rows=_TRANSLATION_ACTIVITY.format(
                day=day.format(column="r.created_at"), tr="OLD", sign=-1))]


def _translation_moved(day: str) -> str:
    """A translation moved to another segment (its English changed, ``ingest --replace``):
    its revisions' work now counts with the new segment's words."""
    rev_day = day.format(column="r.created_at")
    return _ACTIVITY_UPSERT.format(rows=" UNION ALL ".join(
        _TRANSLATION_ACTIVITY.format(day=rev_day, tr=tr, sign=sign)
        for tr, sign in (("OLD", -1), ("NEW", 1))))


# the same over an UPDATE's transition tables: each side of the moved translations
_PG_MOVED_ACTIVITY = (
    "SELECT {day} AS day, r.user_id AS user_id, r.old_state AS old_state, "
    "r.new_state AS new_state, {sign} AS revisions, {sign} * s.words AS words "
    "FROM old_rows AS o JOIN new_rows AS n ON n.id = o.id "
    "JOIN revisions AS r ON r.translation_id = o.id "
    "JOIN segments AS s ON s.id = {side}.segment_id "
    "WHERE o.segment_id IS DISTINCT FROM n.segment_id AND r.user_id IS NOT NULL "
    "AND r.old_state <> r.new_state")


def _pg_translation_moved(day: str) -> str:
    rev_day = day.format(column="r.created_at")
    upsert = _ACTIVITY_UPSERT.format(rows=" UNION ALL ".join(
        _PG_MOVED_ACTIVITY.format(day=rev_day, side=side, sign=sign)
        for side, sign in (("o", -1), ("n", 1))))
    return ("IF EXISTS (SELECT 1 FROM old_rows AS o JOIN new_rows AS n ON n.id = o.id "
            f"WHERE o.segment_id IS DISTINCT FROM n.segment_id) THEN {upsert}; END IF")


# a document being deleted takes its counts with it (the rows' foreign key cascades)
_DOCUMENT_STAYS = "EXISTS (SELECT 1 FROM documents WHERE id = OLD.document_id)"
_TR_CHANGED = ("OLD.state IS NOT NEW.state OR OLD.lang IS NOT NEW.lang "
               "OR OLD.segment_id IS NOT NEW.segment_id "
               "OR (OLD.mt_error IS NULL) IS NOT (NEW.mt_error IS NULL)")
_SEG_COUNTED = ("OLD.removed IS NOT NEW.removed OR OLD.words IS NOT NEW.words "
                "OR OLD.document_id IS NOT NEW.document_id")


def _sqlite_ddl() -> list[str]:
    day = _DAYS["sqlite"]
    union = " UNION ALL "
    triggers = {
        "summary_tr_insert": ("AFTER INSERT ON translations",
                              [_progress(_row("NEW", _TR_COLUMNS, 1))]),
        "summary_tr_update": (
            f"AFTER UPDATE OF state, lang, segment_id, mt_error ON translations "
            f"WHEN {_TR_CHANGED}",
            [_progress(_row("OLD", _TR_COLUMNS, -1) + union + _row("NEW", _TR_COLUMNS, 1))]),
        "summary_tr_delete": ("BEFORE DELETE ON translations", _translation_delete(day)),
        "summary_tr_moved": (
            "AFTER UPDATE OF segment_id ON translations "
            "WHEN OLD.segment_id IS NOT NEW.segment_id", [_translation_moved(day)]),
        "summary_seg_update": (
            f"AFTER UPDATE OF removed, words, document_id ON segments WHEN {_SEG_COUNTED}",
            _segment_change(day, progress=True, activity=False, new=True)),
        "summary_seg_words": (
            "AFTER UPDATE OF words ON segments WHEN OLD.words IS NOT NEW.words",
            _segment_change(day, progress=False, activity=True, new=True)),
        "summary_seg_delete": (f"BEFORE DELETE ON segments WHEN {_DOCUMENT_STAYS}",
                               _segment_change(day, progress=True, activity=False, new=False)),
        "summary_seg_delete_work": (
            "BEFORE DELETE ON segments",
            _segment_change(day, progress=False, activity=True, new=False)),
        "summary_rev_insert": ("AFTER INSERT ON revisions",
                               [_activity(_row("NEW", _REV_COLUMNS, 1), day)]),
        "summary_rev_update": (
            "AFTER UPDATE ON revisions",
            [_activity(_row("OLD", _REV_COLUMNS, -1) + union + _row("NEW", _REV_COLUMNS, 1),
                       day)]),
        "summary_rev_delete": ("AFTER DELETE ON revisions",
                               [_activity(_row("OLD", _REV_COLUMNS, -1), day)]),
    }
    return [f"CREATE TRIGGER {name} {when} BEGIN " + "; ".join(body) + "; END"
            for name, (when, body) in triggers.items()]


def _pg_pairs(columns: Sequence[str], alias: str, sign: int, changed: str) -> str:
    """One side (``o`` old, ``n`` new) of the rows an UPDATE changed, from its
    transition tables."""
    return ("SELECT " + ", ".join(f"{alias}.{c} AS {c}" for c in columns)
            + f", {sign} AS sign FROM old_rows AS o JOIN new_rows AS n ON n.id = o.id "
            f"WHERE {changed}")


_PG_TR_CHANGED = _TR_CHANGED.replace("OLD.", "o.").replace("NEW.", "n.").replace(
    " IS NOT ", " IS DISTINCT FROM ")
_PG_REV_CHANGED = " OR ".join(f"o.{c} IS DISTINCT FROM n.{c}" for c in _REV_COLUMNS)


def _pg_table(table: str, columns: Sequence[str], sign: int) -> str:
    return "SELECT " + ", ".join(columns) + f", {sign} AS sign FROM {table}"


def _postgresql_ddl() -> list[str]:
    day = _DAYS["postgresql"]
    union = " UNION ALL "
    functions = {
        # statement-level, reading the changed rows from transition tables: a bulk
        # insert of N translations is one upsert, not N
        "summary_tr_insert": [_progress(_pg_table("new_rows", _TR_COLUMNS, 1))],
        "summary_tr_update": [_progress(_pg_pairs(_TR_COLUMNS, "o", -1, _PG_TR_CHANGED)
                                        + union
                                        + _pg_pairs(_TR_COLUMNS, "n", 1, _PG_TR_CHANGED)),
                              _pg_translation_moved(day)],
        "summary_rev_insert": [_activity(_pg_table("new_rows", _REV_COLUMNS, 1), day)],
        "summary_rev_update": [_activity(_pg_pairs(_REV_COLUMNS, "o", -1, _PG_REV_CHANGED)
                                         + union
                                         + _pg_pairs(_REV_COLUMNS, "n", 1, _PG_REV_CHANGED),
                                         day)],
        "summary_rev_delete": [_activity(_pg_table("old_rows", _REV_COLUMNS, -1), day)],
        # row-level: these must see the rows below before a cascade removes them
        "summary_tr_delete": _translation_delete(day),
        "summary_seg_update": [
            *(_segment_change(day, progress=True, activity=False, new=True)),
            f"IF OLD.words IS DISTINCT FROM NEW.words THEN "
            f"{_segment_change(day, progress=False, activity=True, new=True)[0]}; END IF"],
        "summary_seg_delete": [
            f"IF {_DOCUMENT_STAYS} THEN "
            f"{_segment_change(day, progress=True, activity=False, new=False)[0]}; END IF",
            *_segment_change(day, progress=False, activity=True, new=False)],
    }
    # a BEFORE trigger returns the row to go on with; the others' answer is ignored
    row_level = {"summary_tr_delete": "OLD", "summary_seg_delete": "OLD"}
    statements = [
        f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        + "; ".join(body) + f"; RETURN {row_level.get(name, 'NULL')}; END $$"
        for name, body in functions.items()]
    old, new = "REFERENCING OLD TABLE AS old_rows", "REFERENCING NEW TABLE AS new_rows"
    both = "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows"
    triggers = {
        "summary_tr_insert": f"AFTER INSERT ON translations {new} FOR EACH STATEMENT",
        "summary_tr_update": f"AFTER UPDATE ON translations {both} FOR EACH STATEMENT",
        "summary_tr_delete": "BEFORE DELETE ON translations FOR EACH ROW",
        "summary_seg_update": (
            "AFTER UPDATE OF removed, words, document_id ON segments FOR EACH ROW WHEN ("
            + _SEG_COUNTED.replace(" IS NOT ", " IS DISTINCT FROM ") + ")"),
        "summary_seg_delete": "BEFORE DELETE ON segments FOR EACH ROW",
        "summary_rev_insert": f"AFTER INSERT ON revisions {new} FOR EACH STATEMENT",
        "summary_rev_update": f"AFTER UPDATE ON revisions {both} FOR EACH STATEMENT",
        "summary_rev_delete": f"AFTER DELETE ON revisions {old} FOR EACH STATEMENT",
    }
    statements += [f"CREATE TRIGGER {name} {when} EXECUTE FUNCTION {name}()"
                   for name, when in triggers.items()]
    return statements


_TRIGGER_TABLES = {
    "summary_tr_insert": "translations", "summary_tr_update": "translations",
    "summary_tr_delete": "translations", "summary_tr_moved": "translations",
    "summary_seg_update": "segments",
    "summary_seg_words": "segments", "summary_seg_delete": "segments",
    "summary_seg_delete_work": "segments",
    "summary_rev_insert": "revisions", "summary_rev_update": "revisions",
    "summary_rev_delete": "revisions",
}


def upgrade() -> None:
    state = sa.Enum("untranslated", "draft", "needs_editing", "translated", "approved",
                    name="translation_state", native_enum=False, length=16)
    op.create_table(
        "progress_counts",
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("lang", sa.String(length=16), nullable=False),
        sa.Column("state", state, nullable=False),
        sa.Column("segments", sa.Integer(), nullable=False),
        sa.Column("words", sa.Integer(), nullable=False),
        sa.Column("mt_failed", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["document_id"], ["documents.id"],
                                name=op.f("fk_progress_counts_document_id_documents"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("document_id", "lang", "state",
                                name=op.f("pk_progress_counts")),
    )
    op.create_table(
        "daily_activity",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("old_state", state, nullable=False),
        sa.Column("new_state", state, nullable=False),
        sa.Column("revisions", sa.Integer(), nullable=False),
        sa.Column("words", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"],
                                name=op.f("fk_daily_activity_user_id_users"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("day", "user_id", "old_state", "new_state",
                                name=op.f("pk_daily_activity")),
    )
    dialect = op.get_bind().dialect.name
    connection = op.get_bind()
    day = _DAYS.get(dialect, _DAYS["sqlite"])
    connection.exec_driver_sql(_PROGRESS_ALL)
    connection.exec_driver_sql(_ACTIVITY_ALL.format(day=day.format(column="r.created_at")))
    statements = {"sqlite": _sqlite_ddl, "postgresql": _postgresql_ddl}.get(dialect)
    for statement in statements() if statements else []:
        connection.exec_driver_sql(statement)


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for name, table in _TRIGGER_TABLES.items():
        where = f" ON {table}" if dialect == "postgresql" else ""
        op.execute(f"DROP TRIGGER IF EXISTS {name}{where}")
    if dialect == "postgresql":
        for name in _TRIGGER_TABLES:
            op.execute(f"DROP FUNCTION IF EXISTS {name}()")
    op.drop_table("daily_activity")
    op.drop_table("progress_counts")
