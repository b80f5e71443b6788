"""Concordance in the browser's pages: its own page and the side panel's look-up."""

from __future__ import annotations

from typing import Any

from tests.conftest import DATA, Tmgr
from tests.web.conftest import segment_ids
from tmgr.review.translations import change_translation, get_translation
from tmgr.store.db import Database
from tmgr.store.models import State


def test_the_page_and_the_panel_look_up_approved_translations(
        as_user: Any, db: Database, sample_doc: str) -> None:
    ids = segment_ids(db, sample_doc)
    with db.transaction() as session:
        change_translation(session, get_translation(session, ids[3], "be"),
                           text="Мінск заклікае пачаць працэс як мага хутчэй.",
                           state=State.APPROVED, origin="human")
    web = as_user("tr_be")
    page = web.get("/concordance?q=Мінска").get_data(as_text=True)
    assert "<mark>Мінск</mark> заклікае" in page and "Minsk calls" in page
    english = web.get("/concordance?q=escalations&lang=be").get_data(as_text=True)
    assert "<mark>escalation</mark>" in english
    fragment = web.get("/concordance?q=.*&fragment=1")
    assert fragment.status_code == 422 and "patterns" in fragment.get_data(as_text=True)
    panel = web.get(f"/doc/{sample_doc}/be/segment/{ids[0]}/panel").get_data(as_text=True)
    assert "data-concordance" in panel



def test_a_memory_unit_from_the_archive_shows_where_it_was_published(
        tmgr: Tmgr, db: Database, as_user: Any) -> None:
    tmgr("archive", "import", str(DATA / "archive" / "labelled"))
    page = as_user("tr_be").get("/concordance?q=co-aggressor&lang=be").get_data(as_text=True)
    assert "суагрэсарам" in page
    assert 'href="/archive/articles/2024-10-28-negotiations"' in page
    assert "Lukashenka Calls for Talks with Ukraine" in page
    assert "October 28 – November 3, 2024" in page
    assert "The West is unlikely to invite Minsk to the table." in page  # the English before
    editor = as_user("tr_be").get("/doc/2024-10-28-negotiations/be")
    assert editor.status_code == 409
    assert "is a published article from the archive: it is read-only" in \
        editor.get_data(as_text=True)
