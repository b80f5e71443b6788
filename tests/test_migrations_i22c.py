"""Migration i22c_1 on a real tmgr 0.1.0 database: confirmations of unedited MT."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect, select

from tests.test_migrations import (  # noqa: F401
    STAGE_TRIGGERS,
    _snapshot,
    _summary_triggers,
    legacy_url,
    revision_before,
)
from tmgr.exchange.gate import confirm, confirmations
from tmgr.store import schema
from tmgr.store.db import Database
from tmgr.store.models import Document, PostEdit, Segment, State, Translation, User


def _publish_unedited(database: Database) -> tuple[str, str]:
    """A 0.1.0 document's translations of one language approved exactly as MT drafted
    them; returns (slug, lang)."""
    with database.transaction() as session:
        translation = session.scalars(select(Translation).where(Translation.text != "")
                                      .order_by(Translation.id)).first()
        assert translation is not None, "the 0.1.0 fixture has translated text"
        document = session.get(Document, translation.segment.document_id)
        assert document is not None
        rows = session.scalars(select(Translation).join(Segment).where(
            Segment.document_id == document.id, Translation.lang == translation.lang,
            Translation.text != ""))
        for row in rows:
            row.state = State.APPROVED
            session.add(PostEdit(translation_id=row.id, draft_text=row.text,
                                 draft_origin="mt:google"))
        return document.slug, translation.lang


def test_i22c_1_keeps_every_010_row_and_records_confirmations_on_them(
        legacy_url: str, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    database = Database(legacy_url)
    schema.upgrade(database.engine, revision_before("i22c_1"))
    before = _snapshot(database)
    triggers = _summary_triggers(database)
    database.upgrade()
    after = _snapshot(database)
    assert {table: rows for table, rows in after.items()
            if table in before and table != "tmgr_releases"} == {
        table: rows for table, rows in before.items() if table != "tmgr_releases"}
    assert after["unedited_confirmations"] == []
    assert _summary_triggers(database) == triggers | STAGE_TRIGGERS  # a new table: nothing rebuilt

    slug, lang = _publish_unedited(database)
    monkeypatch.setenv("TMGR_UNEDITED_MT_WARN", "10")
    with database.transaction() as session:
        editor = session.scalars(select(User).where(User.role.in_(("editor", "admin")))).first()
        if editor is None:
            editor = User(name="ed-i22c", role="editor")
            session.add(editor)
            session.flush()
        confirm(session, editor, slug, lang)
    with database.transaction() as session:
        document = session.scalars(select(Document).where(Document.slug == slug)).one()
        (row,) = confirmations(session, document)
        assert (row.lang, row.percent, row.warn_percent) == (lang, 100.0, 10.0)
    with pytest.raises(RuntimeError, match="would be lost"):
        schema.downgrade(database.engine, revision_before("i22c_1"))
    assert "unedited_confirmations" in inspect(database.engine).get_table_names()
    database.dispose()


def test_i22c_1_downgrades_cleanly_without_confirmations(legacy_url: str) -> None:  # noqa: F811
    database = Database(legacy_url)
    database.upgrade()
    schema.downgrade(database.engine, revision_before("i22c_1"))
    assert "unedited_confirmations" not in inspect(database.engine).get_table_names()
    database.upgrade()
    assert "unedited_confirmations" in inspect(database.engine).get_table_names()
    database.dispose()
