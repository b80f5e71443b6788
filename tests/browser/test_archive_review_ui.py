"""The alignment review page in a real browser: keyboard only, as a reviewer works."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from tests.browser.conftest import LiveServer
from tests.conftest import DATA
from tmgr.archive.witness import Witness
from tmgr.exchange.archive import import_articles, plan_archive
from tmgr.store.models import ArchiveLink

pytestmark = pytest.mark.browser


def _import(server: LiveServer) -> list[int]:
    articles, _ = plan_archive([DATA / "archive" / "labelled"])
    with server.database.transaction() as session:
        import_articles(session, articles, Witness())
    with server.database.transaction() as session:
        return list(session.scalars(select(ArchiveLink.id).where(
            ArchiveLink.status == "pending", ArchiveLink.lang == "be")))


def test_a_reviewer_takes_a_sentence_into_a_link_and_confirms_it_by_keyboard(
        login, live_server) -> None:
    pending = _import(live_server)
    assert pending
    page = login("rev_be")
    page.goto(f"{live_server.url}archive/review?lang=be")
    first = page.locator("li.archive-link").first
    expect(first).to_have_class("archive-link card current")
    boxes = first.locator("input[name=sentence]")
    checked = [boxes.nth(i).is_checked() for i in range(boxes.count())]
    last = max(i for i, on in enumerate(checked) if on)
    assert last + 1 < boxes.count(), "a neighbouring sentence is offered"
    page.keyboard.press(str(last + 2))  # take the next sentence into the link
    expect(boxes.nth(last + 1)).to_be_checked()
    page.keyboard.press("y")
    expect(page.locator("p.flash").first).to_contain_text(
        "Link confirmed")
    with live_server.database.transaction() as session:
        link = session.get(ArchiveLink, pending[0])
        assert link is not None and link.status == "confirmed" and link.tm_unit_id
        assert link.target_end - link.target_start == sum(checked) + 1
