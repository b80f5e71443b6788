"""The glossary page in a real browser: an editor adds a term, finds it, previews a CSV
import, imports it, removes a term and sees the removal in the history."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.test_desk_ui import _add_editor

pytestmark = pytest.mark.browser


def test_glossary_page_add_search_import_and_remove(login, live_server, tmp_path: Path
                                                    ) -> None:
    _add_editor(live_server)
    page = login("ed")
    page.click("#nav-glossary")
    form = page.locator("#term-form")
    form.locator("input[name=term]").fill("Supreme Court")
    form.locator("input[name=domain]").fill("law")
    form.locator("input[name=ok_be]").fill("Вярхоўны суд")
    form.locator("input[name=bad_be]").fill("Найвышэйшы суд")
    form.locator("input[name=ok_ru]").fill("Верховный суд")
    form.locator("button[type=submit]").click()
    row = page.locator('tr[data-term="Supreme Court"]')
    expect(row).to_contain_text("Найвышэйшы суд")

    page.fill("#glossary-q", "прокурор")
    page.locator(".glossary-search button[type=submit]").click()
    expect(page.locator("#glossary-terms")).to_contain_text("No term matches.")

    csv = tmp_path / "terms.csv"
    csv.write_text("term,be,ru,be_forbidden,ru_forbidden,note,do_not_translate\n"
                   "prosecutor,пракурор,прокурор,,,,\n"
                   "Supreme Court,Вярхоўны Суд,Верховный Суд,,,,\n", encoding="utf-8")
    page.set_input_files("input[type=file]", str(csv))
    page.get_by_role("button", name="Preview").click()
    expect(page.locator("#preview-added")).to_have_text("prosecutor")
    expect(page.locator("#preview-refused")).to_contain_text("Supreme Court")
    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.locator('tr[data-term="prosecutor"]')).to_contain_text("пракурор")
    expect(row).to_contain_text("Вярхоўны суд")  # kept: not replaced

    page.locator('tr[data-term="Supreme Court"] button', has_text="Remove").click()
    expect(page.locator('tr[data-term="Supreme Court"]')).to_have_count(0)
    expect(page.locator(".glossary-history li").first).to_contain_text("Supreme Court")
    expect(page.locator(".glossary-history li").first).to_contain_text("removed")
