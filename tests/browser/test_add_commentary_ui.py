"""An editor adds this week's commentary in a real browser: upload, read the reading,
fix the headline, add; no command line."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PASSWORD, LiveServer
from tmgr.documents.ingest import get_document
from tmgr.people.users import create_user

pytestmark = pytest.mark.browser

COMMENTARY = """by
November 11 – 17, 2024
Economy

Minsk Looks for New Potash Routes as Baltic Ports Stay Closed

The situation is getting worse
Minsk Looks for New Potash Routes as Baltic Ports Stay Closed

Belarusian potash producers continue to search for ways around the closed Lithuanian port. \
The government says rail deliveries through Russia have grown by a third this autumn.

Independent economists doubt the official figures. They note that export revenue fell \
for the fourth month in a row.
"""


def test_editor_uploads_reads_fixes_the_title_and_adds(
        login, live_server: LiveServer, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    source = tmp_path / "2024-11-11-potash-routes.txt"
    source.write_text(COMMENTARY, encoding="utf-8")
    monkeypatch.setenv("TMGR_PASSWORD_HASH", "pbkdf2:sha256:1000")
    with live_server.database.transaction() as session:
        create_user(session, "editor", role="editor", languages=[], password=PASSWORD,
                    configured=("be", "ru"))
    editor = login("editor")
    editor.locator("#add-commentary").click()
    editor.locator("input[type=file][name=file]").set_input_files(str(source))
    editor.get_by_role("button", name="Read it").click()
    expect(editor.locator("h1")).to_contain_text("2024-11-11-potash-routes.txt")
    reading = editor.locator("#reading")
    expect(reading.locator("tr.role-title-repeat")).to_contain_text("the headline printed again")
    expect(reading.locator("tr.role-week")).to_contain_text("November 11 – 17, 2024")
    expect(editor.locator("#warnings")).to_contain_text("new status line wording")
    title = editor.locator("#field-title")
    expect(title).to_have_value("Minsk Looks for New Potash Routes as Baltic Ports Stay Closed")
    title.fill("Minsk Seeks New Potash Routes")
    editor.locator("#add-button").click()
    expect(editor.locator(".flash.ok")).to_contain_text("2024-11-11-potash-routes")
    expect(editor.locator("h1")).to_contain_text("Minsk Seeks New Potash Routes")
    with live_server.database.transaction() as session:
        document = get_document(session, "2024-11-11-potash-routes")
        assert document.title == "Minsk Seeks New Potash Routes"
        assert document.section == "Economy"
