"""Migration i25h_1 on a real tmgr 0.1.0 database: the words-per-person summary."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import inspect, select

from tests.test_migrations import (  # noqa: F401  (fixtures)
    STAGE_TRIGGERS,
    _columns_kept,
    _snapshot,
    _summary_triggers,
    legacy_url,
    revision_before,
)
from tmgr.desk.dashboard import first_stage_words, summed_stage_words
from tmgr.review import actions as review
from tmgr.store import schema, summaries
from tmgr.store.db import Database
from tmgr.store.models import State, Translation, User
from tmgr.store.tables import SKIPPED_TABLES

NEW_TRIGGERS = STAGE_TRIGGERS
NEVER = "0001-01-01"


def _day(when: Any) -> str:
    if isinstance(when, str):
        when = datetime.fromisoformat(when)
    return (when.astimezone(UTC) if when.tzinfo else when).date().isoformat()


def counted_here(rows: dict[str, list[Any]]) -> dict[tuple[str, int, str, str], int]:
    """(day, user, stage, previous day) → words, from the 0.1.0 rows by this test."""
    words = {s["id"]: s["words"] for s in rows["segments"]}
    segment_of = {t["id"]: t["segment_id"] for t in rows["translations"]}
    days: dict[tuple[int, int, str], set[str]] = {}
    for r in rows["revisions"]:
        note = r["note"] or ""
        if r["user_id"] is None or r["new_state"] not in ("translated", "approved") \
                or note.startswith(("replace r", "undo of replace r")):
            continue
        days.setdefault((r["translation_id"], r["user_id"], r["new_state"]), set()).add(
            _day(r["created_at"]))
    table: Counter[tuple[str, int, str, str]] = Counter()
    for (translation, user, state), seen in days.items():
        previous = NEVER
        for day in sorted(seen):
            table[(day, user, state, previous)] += words[segment_of[translation]]
            previous = day
    return {key: n for key, n in table.items() if n}


def test_i25h_1_fills_stage_words_from_the_010_revisions_and_keeps_them(
        legacy_url: str) -> None:  # noqa: F811
    database = Database(legacy_url)
    schema.upgrade(database.engine, revision_before("i25h_1"))
    before = _snapshot(database)
    before.pop("tmgr_releases", None)  # the upgrade stamps its own release row
    triggers = _summary_triggers(database)
    assert triggers and not triggers & NEW_TRIGGERS
    database.upgrade()
    after = _snapshot(database)
    _columns_kept(before, after)
    assert _summary_triggers(database) == triggers | NEW_TRIGGERS  # nothing rebuilt

    expected = counted_here(after)
    stored = {(str(r["day"]), r["user_id"], r["new_state"], str(r["prev_day"])): r["words"]
              for r in after["stage_words"] if r["words"]}
    assert expected and stored == expected
    with database.transaction(readonly=True) as session:
        for since in sorted({date.fromisoformat(day) for day, *_ in expected}):
            assert sorted(summed_stage_words(session, since)) == \
                sorted(first_stage_words(session, since))

    # the triggers fire on the upgraded database: a reviewer approves a translation
    with database.transaction() as session:
        translation = session.scalars(select(Translation).where(
            Translation.state == State.TRANSLATED, Translation.text != "")).first()
        assert translation is not None
        reviewer = User(name="rev-i25h", role="admin")
        session.add(reviewer)
        session.flush()
        review.approve(session, reviewer, translation.segment_id, translation.lang,
                       expected_version=None, policy=review.ReviewPolicy(),
                       override_reason="checked by hand")
        today = date.today()
        assert (reviewer.id, State.APPROVED, today, translation.segment.words) in \
            summed_stage_words(session, today)
    with database.engine.connect() as connection:
        assert summaries.differences(connection) == []

    schema.downgrade(database.engine, revision_before("i25h_1"))
    assert _summary_triggers(database) == triggers
    assert "stage_words" not in inspect(database.engine).get_table_names()
    with database.engine.connect() as connection:  # the older summaries still agree
        assert summaries.differences(connection) == []
    database.upgrade()
    assert _summary_triggers(database) >= NEW_TRIGGERS
    with database.engine.connect() as connection:
        assert summaries.differences(connection) == []
    database.dispose()


def test_i25h_1_backups_leave_the_summary_out() -> None:
    assert "stage_words" in SKIPPED_TABLES
