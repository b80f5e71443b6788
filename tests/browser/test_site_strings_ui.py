"""A site string translated and approved in a real browser: from "My work" to approved."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import LiveServer
from tmgr.documents.ingest import get_document
from tmgr.documents.metadata import MetadataChange, set_metadata
from tmgr.review import sitestrings as site

pytestmark = pytest.mark.browser


def _new_section(server: LiveServer) -> int:
    """The sample's section changed to one no default knows: a site string to translate."""
    with server.database.transaction() as session:
        document = get_document(session, server.slug)
        set_metadata(session, document, MetadataChange(section="Energy"), ("be", "ru"))
        return site.get_string(session, "section", "Energy").id


def test_translate_a_new_section_name_then_another_reviewer_approves_it(
        login, live_server: LiveServer) -> None:
    string_id = _new_section(live_server)
    translator = login("tr_be")
    work = translator.locator("#my-work .site-work")
    expect(work).to_contain_text("Energy")
    work.get_by_role("link", name="Energy").click()
    row = translator.locator(f"#string-{string_id}")
    cell = row.locator('td.string-cell[data-lang="be"]')
    cell.locator("input[name=text]").fill("Энергетыка")
    cell.get_by_role("button", name="Save").click()
    row = translator.locator(f"#string-{string_id}")
    expect(row.locator('td.string-cell[data-lang="be"]')).to_have_attribute(
        "data-state", "translated")
    reviewer = login("rev_be")
    reviewer.goto(f"{live_server.url}strings?pending=1")
    cell = reviewer.locator(f'#string-{string_id} td.string-cell[data-lang="be"]')
    expect(cell.locator("input[name=text]")).to_have_value("Энергетыка")
    cell.get_by_role("button", name="Approve").click()
    expect(reviewer.locator(f'#string-{string_id} td.string-cell[data-lang="be"]')
           ).to_have_attribute("data-state", "approved")  # Russian still waits: still listed
    reviewer.goto(f"{live_server.url}documents/{live_server.slug}")
    expect(reviewer.locator('.doc-site-strings td[data-lang="be"]').first).to_have_attribute(
        "data-state", "approved")
