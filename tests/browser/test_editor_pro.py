"""The translator's editor under pressure: an ended session, MT status, keys (issue 23)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import delete

from tests.browser.conftest import PASSWORD, LiveServer
from tmgr.models import WebSession
from tmgr.services.documents import load_document
from tmgr.services.translations import get_translation

pytestmark = pytest.mark.browser


def _ids(server: LiveServer) -> list[int]:
    with server.database.transaction() as session:
        return [s.id for s in load_document(session, server.slug).segments]


def _end_every_session(server: LiveServer) -> None:
    with server.database.transaction() as session:
        session.execute(delete(WebSession))


def test_an_ended_session_asks_for_the_password_and_keeps_the_text(login, live_server) -> None:
    ids = _ids(live_server)
    page: Page = login("tr_be")
    page.goto(f"{live_server.url}doc/{live_server.slug}/be")
    first = page.locator(f"#s{ids[0]} textarea")
    first.click()
    expect(page.locator("#panel")).to_contain_text("Request MT")
    first.fill("Лукашэнка выступае за перамовы.")
    _end_every_session(live_server)
    page.locator(f"#s{ids[1]} textarea").click()  # the panel of another segment: not a login page
    dialog = page.locator("dialog#reauth")
    expect(dialog).to_be_visible()
    expect(page.locator("#panel input[type=password]")).to_have_count(0)
    dialog.locator("input[name=password]").fill(PASSWORD)
    dialog.locator("button[type=submit]").click()
    expect(dialog).to_be_hidden()
    expect(page.locator("#panel")).to_contain_text("Request MT")
    expect(first).to_have_value("Лукашэнка выступае за перамовы.")
    _end_every_session(live_server)
    first.click()
    page.keyboard.press("Control+Enter")
    expect(dialog).to_be_visible()
    dialog.locator("input[name=password]").fill(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.locator(f"#s{ids[0]} [data-role=state]")).to_have_text("translated")
    with live_server.database.transaction() as session:
        assert get_translation(session, ids[0], "be").text == "Лукашэнка выступае за перамовы."
