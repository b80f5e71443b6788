"""Migration i23_1 on a real tmgr 0.1.0 database: rejections name their MQM category and
severity; every 0.1.0 row stays, the summary triggers stay, the counts start from zero."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from tests.test_migrations import (  # noqa: F401
    STAGE_TRIGGERS,
    _columns_kept,
    _snapshot,
    _summary_triggers,
    legacy_url,
    revision_before,
)
from tmgr.review import actions as review
from tmgr.review.mqm import error_counts
from tmgr.review.translations import change_translation
from tmgr.store import schema
from tmgr.store.db import Database
from tmgr.store.models import ReviewIssue, State, Translation, User


def test_i23_1_adds_review_errors_and_keeps_every_row_and_trigger(
        legacy_url: str) -> None:  # noqa: F811
    database = Database(legacy_url)
    kept = {"documents", "segments", "translations", "revisions", "comments", "users"}
    schema.upgrade(database.engine, revision_before("i23_1"))
    before, triggers = _snapshot(database, kept), _summary_triggers(database)
    database.upgrade()
    _columns_kept(before, _snapshot(database, kept))  # later migrations may add columns
    assert triggers and _summary_triggers(database) == triggers | STAGE_TRIGGERS
    with database.transaction() as session:
        assert session.scalar(select(func.count()).select_from(ReviewIssue)) == 0
        translation = session.scalars(select(Translation).where(
            Translation.state == State.TRANSLATED)).first()
        if translation is None:  # a 0.1.0 text sent for review after the upgrade
            translation = session.scalars(select(Translation)).first()
            assert translation is not None
            change_translation(session, translation, text="Тэкст з 0.1.0.",
                               state=State.TRANSLATED, origin="human")
        reviewer = session.scalars(select(User).where(
            User.role.in_(("reviewer", "admin")), User.active.is_(True))).first()
        assert reviewer is not None
        if translation.lang not in reviewer.language_list and reviewer.role != "admin":
            pytest.skip("the fixture's reviewer has no language of its texts")
        review.reject(session, reviewer, translation.segment_id, translation.lang,
                      expected_version=None, comment="Імя напісана іначай.",
                      category="terminology", severity="major")
    with database.transaction() as session:
        people, _engines = error_counts(session)
        assert [(c.category, c.severity, c.count) for c in people] == \
            [("terminology", "major", 1)]
    with pytest.raises(RuntimeError, match="would be lost"):
        schema.downgrade(database.engine, revision_before("i23_1"))
    database.dispose()
