"""A publisher pages through the export page, filters it and downloads from a later page."""

from __future__ import annotations

import os
from pathlib import Path

from playwright.sync_api import expect

from tests.browser.conftest import PASSWORD, LiveServer
from tests.web.test_document_list import _approve_all, _build
from tmgr.people.users import create_user


def _add_publisher(server: LiveServer) -> None:
    os.environ["TMGR_PASSWORD_HASH"] = "pbkdf2:sha256:1000"
    try:
        with server.database.transaction() as session:
            create_user(session, "pub", role="publisher", languages=[], password=PASSWORD,
                        configured=("be", "ru"))
    finally:
        del os.environ["TMGR_PASSWORD_HASH"]


def test_a_publisher_pages_filters_and_downloads(login, live_server: LiveServer,
                                                 tmp_path: Path) -> None:
    slugs = _build(live_server.database, tmp_path)
    ready = slugs[7]
    _approve_all(live_server.database, ready)
    _add_publisher(live_server)
    page = login("pub")
    page.goto(live_server.url + "export?limit=5")
    offered = page.locator("form.export input[name=slug]")
    expect(offered).to_have_count(5)
    expect(offered.first).to_have_attribute("value", ready)  # ready to publish first
    expect(offered.first).to_be_checked()
    expect(page.locator("form.export input[name=slug]:checked")).to_have_count(1)
    first = offered.evaluate_all("boxes => boxes.map(b => b.value)")
    page.get_by_role("link", name="Next page").click()
    expect(page.get_by_role("link", name="First page")).to_be_visible()
    expect(offered).to_have_count(5)
    second = offered.evaluate_all("boxes => boxes.map(b => b.value)")
    assert not set(first) & set(second), "the next page shows other documents"
    expect(page.locator("form.export input[name=slug]:checked")).to_have_count(0)
    offered.first.check()
    page.locator("input[name=allow_partial]").check()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download").click()
    assert download.value.suggested_filename.endswith(".zip")
    page.goto(live_server.url + "export")
    page.get_by_role("searchbox", name="Search").fill(slugs[3])
    page.get_by_role("searchbox", name="Search").press("Enter")
    expect(offered).to_have_count(1)
    expect(offered.first).to_have_attribute("value", slugs[3])
