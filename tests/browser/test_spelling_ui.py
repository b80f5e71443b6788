"""Spelling in a real browser: the misspelling underlined in the side panel, a
suggestion put in with one click, a word added to the house list."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import LiveServer
from tmgr.documents.ingest import load_document
from tmgr.review.translations import get_translation

pytestmark = pytest.mark.browser


def _first_segment(server: LiveServer) -> int:
    with server.database.transaction() as session:
        return load_document(session, server.slug).segments[0].id


def test_fix_a_misspelling_from_the_panel_and_add_a_word(login, live_server) -> None:
    seg = _first_segment(live_server)
    page = login("tr_be")
    page.goto(f"{live_server.url}doc/{live_server.slug}/be")
    row = page.locator(f"#s{seg}")
    row.locator("textarea").click()
    page.keyboard.type("Лукашэнка выступае за перамовы з Украінай, хоча сьвята і "
                       "пачацьь")
    page.keyboard.press("Control+Enter")
    expect(row.locator("[data-role=state]")).to_have_text("translated")
    expect(row.locator('.finding[data-check="spelling"]').first).to_be_visible()
    row.locator("textarea").click()  # back to the row: its panel
    panel = page.locator("#panel")
    expect(panel.locator("mark.misspelt", has_text="пачацьь")).to_be_visible()
    panel.locator('[data-replace-word="пачацьь"][data-with="пачаць"]').click()
    expect(row.locator("textarea")).to_have_value(
        "Лукашэнка выступае за перамовы з Украінай, хоча сьвята і пачаць")
    panel.locator('[data-add-word="сьвята"]').click()
    expect(panel.locator('[data-add-word="сьвята"]')).to_have_count(0)
    expect(row.locator("[data-role=status]")).to_have_text("Added to the house word list")
    with live_server.database.transaction() as session:
        assert "сьвята" in get_translation(session, seg, "be").text


def test_a_reviewer_accepts_a_candidate_word_on_the_house_words_page(login,
                                                                     live_server) -> None:
    from sqlalchemy import select

    from tmgr.store.models import HouseWord

    with live_server.database.transaction() as session:  # as approving left it
        session.add(HouseWord(lang="be", word="сьвята", origin="approved", status="candidate",
                              seen_in=f"{live_server.slug} #1", approved_by="rev_be"))
        session.add(HouseWord(lang="be", word="якобы", origin="approved", status="candidate",
                              seen_in=f"{live_server.slug} #2", approved_by="rev_be"))
    page = login("rev_be")
    page.goto(f"{live_server.url}words")
    row = page.locator('tr[data-candidate="сьвята"]')
    expect(row).to_contain_text(f"{live_server.slug} #1")
    row.get_by_role("button", name="Accept").click()
    expect(page.locator('tr[data-candidate="сьвята"]')).to_have_count(0)
    expect(page.locator(".house-words")).to_contain_text("сьвята")
    russian = page.locator('tr[data-candidate="якобы"]')
    russian.get_by_role("button", name="Accept").click()  # no confirmation: refused
    expect(page.locator("body")).to_contain_text("Russian word")
    page.goto(f"{live_server.url}words")
    page.locator('tr[data-candidate="якобы"]').get_by_role("button", name="Reject").click()
    expect(page.locator('tr[data-candidate="якобы"]')).to_have_count(0)
    with live_server.database.transaction() as session:
        status = {w.word: w.status for w in session.scalars(select(HouseWord))}
        assert status == {"сьвята": "accepted", "якобы": "rejected"}
