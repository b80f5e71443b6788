"""The desk in a real browser: My work, soft locks seen by a colleague, the dashboard."""

from __future__ import annotations

import os
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PASSWORD, LiveServer
from tmgr.desk import assignments as desk
from tmgr.documents.ingest import load_document
from tmgr.people.users import create_user

pytestmark = pytest.mark.browser


def _assign(server: LiveServer, **fields: object) -> None:
    with server.database.transaction() as session:
        desk.assign(session, server.slug, "be", configured=("be", "ru"), **fields)


def _add_editor(server: LiveServer) -> None:
    os.environ["TMGR_PASSWORD_HASH"] = "pbkdf2:sha256:1000"
    try:
        with server.database.transaction() as session:
            create_user(session, "ed", role="editor", languages=[], password=PASSWORD,
                        configured=("be", "ru"))
    finally:
        del os.environ["TMGR_PASSWORD_HASH"]


def _first_segment(server: LiveServer) -> int:
    with server.database.transaction() as session:
        return load_document(session, server.slug).segments[0].id


def test_my_work_leads_to_the_unfinished_segments(login, live_server) -> None:
    due = date.today() + timedelta(days=4)
    _assign(live_server, translator="tr_be", reviewer="rev_be", translation_due=due)
    page = login("tr_be")
    work = page.locator("#my-work")
    expect(work.locator("tr.work-item")).to_have_count(1)
    expect(work.locator("tr.work-item")).to_contain_text("to translate")
    work.locator("tr.work-item a").click()
    expect(page).to_have_url(f"{live_server.url}doc/{live_server.slug}/be?state=unfinished")
    expect(page.locator("#article")).to_be_visible()
    reviewer = login("rev_be")
    expect(reviewer.locator("#my-work .empty-work")).to_be_visible()  # nothing to review yet


def test_a_colleague_sees_who_is_editing_and_can_still_save(login, live_server) -> None:
    seg = _first_segment(live_server)
    mine, theirs = login("tr_be"), login("rev_be")
    for page in (mine, theirs):
        page.goto(f"{live_server.url}doc/{live_server.slug}/be")
        expect(page.locator("#article")).to_be_visible()
    mine.locator(f"#s{seg} textarea").click()
    badge = theirs.locator(f"#s{seg} .editing-by")
    expect(badge).to_contain_text("tr_be")
    expect(mine.locator(f"#s{seg} .editing-by")).to_have_count(0)  # not about yourself
    theirs.locator(f"#s{seg} textarea").fill("Рэцэнзент піша.")
    theirs.locator(f"#s{seg} textarea").press("Control+Enter")
    expect(theirs.locator(f"#s{seg} [data-role=state]")).to_have_text("translated")
    mine.locator(f"#s{seg + 1} textarea").click()  # moving on releases the segment
    expect(badge).to_have_count(0)


def test_the_dashboard_shows_late_work_and_charts_in_belarusian(login, live_server) -> None:
    _add_editor(live_server)
    _assign(live_server, translator="tr_be", translation_due=date(2020, 1, 1))
    page = login("ed")
    page.get_by_role("link", name="Dashboard").click()
    late = page.locator(f'#desk-table tr[data-slug="{live_server.slug}"][data-lang="be"]')
    expect(late).to_have_class("overdue")
    expect(late).to_contain_text("tr_be")
    expect(page.locator("#count-overdue")).to_have_text("1 overdue")
    expect(page.locator("#chart-burndown svg")).to_be_visible()
    expect(page.locator("#chart-quality svg")).to_be_visible()
    page.select_option("#ui-lang", "be")
    expect(page.locator("h1")).to_have_text("Панэль рэдактара")
    expect(page.locator("#count-overdue")).to_have_text("пратэрмінавана: 1")
    expect(page.locator("#chart-backlog svg")).to_contain_text("Чарга рэцэнзіі")
    with page.expect_download() as download:
        page.get_by_role("link", name="Экспарт у CSV").click()
    assert download.value.suggested_filename == "tmgr-dashboard.csv"
