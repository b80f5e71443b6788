"""Migration i24_1 on a real tmgr 0.1.0 database: house words learned automatically
become candidates to review; words an editor added stay in the list."""

from __future__ import annotations

from sqlalchemy import inspect, select, text

from tests.conftest import Tmgr
from tests.test_migrations import (  # noqa: F401  (fixtures)
    STAGE_TRIGGERS,
    _columns_kept,
    _snapshot,
    _summary_triggers,
    legacy_env,
    legacy_url,
    revision_before,
)
from tmgr.quality.words import house_words
from tmgr.store import schema
from tmgr.store.db import Database
from tmgr.store.models import HouseWord


def test_i24_1_lists_auto_learned_words_for_review_and_keeps_every_row(
        legacy_env: str, tmgr: Tmgr) -> None:  # noqa: F811
    database = Database(legacy_env)
    schema.upgrade(database.engine, revision_before("i24_1"))
    with database.engine.begin() as connection:  # the list as the release before left it
        connection.execute(text(
            "INSERT INTO house_words (lang, word, origin, created_at) VALUES "
            "('be', 'перамоваў', 'editor', CURRENT_TIMESTAMP), "
            "('be', 'утверждая', 'approved', CURRENT_TIMESTAMP), "
            "('be', 'сьвята', 'approved', CURRENT_TIMESTAMP)"))
    triggers = _summary_triggers(database)
    before = _snapshot(database)
    database.upgrade()
    _columns_kept(before, _snapshot(database))
    assert _summary_triggers(database) == triggers | STAGE_TRIGGERS  # no table rebuild dropped them
    assert {"status", "seen_in", "approved_by"} <= {
        c["name"] for c in inspect(database.engine).get_columns("house_words")}
    with database.transaction() as session:
        status = {w.word: w.status for w in session.scalars(select(HouseWord))}
        assert status == {"перамоваў": "accepted", "утверждая": "candidate",
                          "сьвята": "candidate"}
        assert house_words(session)["be"] == frozenset({"перамоваў"})
    listed = tmgr("words", "candidates", "--lang", "be").output
    assert "утверждая" in listed and "learned automatically" in listed
    assert "2 candidate word(s)" in listed
    tmgr("user", "add", "eda", "--role", "editor", "--lang", "be",
         input="a long passphrase\na long passphrase\n")
    refused = tmgr("words", "accept", "--lang", "be", "утверждая", "--as", "eda", ok=False)
    assert "Russian word" in refused.output and "Traceback" not in refused.output
    tmgr("words", "accept", "--lang", "be", "сьвята", "--as", "eda")
    tmgr("words", "reject", "--lang", "be", "утверждая", "--as", "eda", "--reason", "Russian")
    with database.transaction() as session:
        assert house_words(session)["be"] == frozenset({"перамоваў", "сьвята"})
    assert "0 candidate word(s)" in tmgr("words", "candidates").output
    database.dispose()
