"""Migration i21_1 on a real tmgr 0.1.0 database: the site strings are seeded from the
shipped wordings, the documents' own wordings are carried in, nothing else changes."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from tests.test_migrations import _columns_kept, _snapshot, legacy_url, revision_before  # noqa: F401
from tmgr.documents.ingest import get_document
from tmgr.documents.snapshot import iter_views
from tmgr.exchange.export import ExportContext, missing_metadata
from tmgr.localedata import load_metadata
from tmgr.review import sitestrings as site
from tmgr.store import schema
from tmgr.store.db import Database
from tmgr.store.models import State

UNSEEN = "The situation remains tense"


def test_i21_1_seeds_the_shipped_wordings_and_carries_the_documents_own(
        legacy_url: str) -> None:  # noqa: F811
    database = Database(legacy_url)
    schema.upgrade(database.engine, revision_before("i21_1"))
    with database.engine.begin() as connection:  # a wording no shipped file knows
        connection.execute(text("UPDATE documents SET status_line = :s "
                                "WHERE slug = '2024-10-14-crossings'"), {"s": UNSEEN})
    before = _snapshot(database)
    database.upgrade()
    after = _snapshot(database)
    _columns_kept(before, after)  # later migrations may add columns; no row changes
    with database.transaction() as session:
        for lang in ("be", "ru"):
            shipped = load_metadata(lang)
            for english, wording in shipped.sections.items():
                row = site.existing_translation(site.get_string(session, "section", english),
                                                lang)
                assert row is not None and (row.text, row.state) == (wording, State.APPROVED)
            byline = site.get_string(session, "label", "byline")
            assert site.existing_translation(byline, lang).text == shipped.labels["byline"]
        carried = site.get_string(session, "status_line", UNSEEN)
        assert [r.state for r in carried.translations] == [State.UNTRANSLATED] * 2
        assert [c.action for c in carried.changes] == ["carried"]
        # export still names the seeded ones and waits for the carried one only
        context = ExportContext(["be"])
        document = get_document(session, "2024-10-14-crossings")
        [view] = list(iter_views(session, [document.id], ["be"]))
        fields = {b.field for b in missing_metadata(session, view, "be", context)}
        assert fields == {"status_line"}
    with pytest.raises(RuntimeError, match="would be lost"):
        with database.transaction() as session:
            editor = session.execute(text("SELECT id FROM users LIMIT 1")).scalar()
            session.execute(text("INSERT INTO site_string_changes (site_string_id, action, "
                                 "text, state, user_id, created_at) VALUES (1, 'translated', "
                                 "'x', 'translated', :u, CURRENT_TIMESTAMP)"), {"u": editor})
        schema.downgrade(database.engine, revision_before("i21_1"))
    database.dispose()


def test_i21_1_downgrades_cleanly_when_nobody_translated(legacy_url: str) -> None:  # noqa: F811
    database = Database(legacy_url)
    database.upgrade()
    schema.downgrade(database.engine, revision_before("i21_1"))
    database.upgrade()
    with database.transaction() as session:
        assert site.get_string(session, "section", "Economy").removed_at is None
    database.dispose()
