"""Migration i25b_1 on a real tmgr 0.1.0 database: the full-text index over its rows."""

from __future__ import annotations

from sqlalchemy import select

from tests.test_migrations import (  # noqa: F401
    STAGE_TRIGGERS,
    _snapshot,
    _summary_triggers,
    legacy_url,
    revision_before,
)
from tmgr.store import schema, search, summaries
from tmgr.store.db import Database
from tmgr.store.models import Document, Segment, Translation


def _found(database: Database, query: str) -> set[int]:
    matching = search.matching_documents(database.engine.dialect.name, query)
    with database.transaction(readonly=True) as session:
        return set(session.scalars(select(Document.id).where(Document.id.in_(matching))))


def _search_objects(database: Database) -> set[str]:
    query = ("SELECT name FROM sqlite_master WHERE name LIKE 'search%'"
             if database.engine.dialect.name == "sqlite" else
             "SELECT indexname FROM pg_indexes WHERE indexname LIKE 'ix_search%%'")
    with database.engine.connect() as connection:
        return {name for (name,) in connection.exec_driver_sql(query)}


def test_i25b_1_indexes_the_010_rows_and_keeps_every_row(
        legacy_url: str) -> None:  # noqa: F811
    database = Database(legacy_url)
    tables = {"documents", "segments", "translations"}
    schema.upgrade(database.engine, revision_before("i25b_1"))
    before = _snapshot(database, tables)
    summary_triggers = _summary_triggers(database)
    assert _search_objects(database) == set()
    database.upgrade()
    assert _snapshot(database, tables) == before
    assert _summary_triggers(database) == summary_triggers | STAGE_TRIGGERS  # no table was rebuilt

    with database.transaction(readonly=True) as session:
        document = session.scalars(select(Document)).first()
        segment = session.scalars(select(Segment).where(Segment.removed.is_(False))
                                  .order_by(Segment.id)).first()
        translated = session.scalars(select(Translation).where(Translation.text != "")
                                     .order_by(Translation.id)).first()
        assert document and segment and translated, "the 0.1.0 fixture has all three"
        title_word = max(search.words_of(document.title), key=len)
        source_word = max(search.words_of(segment.source), key=len)
        translated_word = max(search.words_of(translated.text), key=len)
        owner = translated.segment.document_id
    assert document.id in _found(database, title_word)
    assert segment.document_id in _found(database, source_word)
    assert owner in _found(database, translated_word)
    with database.engine.connect() as connection:
        assert search.differences(connection) == []

    # the triggers keep the index in step on the upgraded database
    with database.transaction() as session:
        row = session.get(Translation, translated.id)
        assert row is not None
        row.text = "Zanzibarskaja versija."
    assert _found(database, "zanzibarskaja") == {owner}

    schema.downgrade(database.engine, revision_before("i25b_1"))
    assert _search_objects(database) == set()
    assert _summary_triggers(database) == summary_triggers
    database.upgrade()
    assert _found(database, "zanzibarskaja") == {owner}
    with database.engine.connect() as connection:
        assert search.differences(connection) == []
        assert summaries.differences(connection) == []
    database.dispose()


def test_the_index_is_not_data_backups_leave_it_out(legacy_url: str) -> None:  # noqa: F811
    from tmgr.store import tables

    database = Database(legacy_url)
    database.upgrade()
    with database.engine.connect() as connection:
        names = {t.name for t in tables.reflect_tables(connection)}
        assert not any(search.is_search_table(name) for name in names)
        assert {"documents", "segments", "translations"} <= names
    database.dispose()
