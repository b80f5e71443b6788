"""Search and replace in the browser: the preview lists each change, nothing changes
before "Replace all", and "Undo this replace" brings every text back in one action."""

from __future__ import annotations

from playwright.sync_api import expect

from tmgr.documents.ingest import load_document
from tmgr.people.users import get_user
from tmgr.review import actions as review
from tmgr.review.translations import get_translation

TEXTS = ["Мінск заклікае да перамоў.", "У Мінску прайшла сустрэча.", "Афіцыйны Мінск маўчыць."]


def _texts(live_server, ids: list[int]) -> list[str]:  # type: ignore[no-untyped-def]
    with live_server.database.transaction() as session:
        return [get_translation(session, i, "be").text for i in ids]


def test_preview_confirm_and_undo(login, live_server) -> None:  # type: ignore[no-untyped-def]
    with live_server.database.transaction() as session:
        ids = [s.id for s in load_document(session, live_server.slug).segments][:3]
        translator = get_user(session, "tr_be")
        for segment_id, text in zip(ids, TEXTS, strict=True):
            review.save(session, translator, segment_id, "be", text=text,
                        expected_version=None)
    page = login("tr_be")
    page.goto(live_server.url + "replace")
    page.fill("#replace-search", "Мінск")
    page.fill("#replace-with", "Менск")
    page.select_option("#replace-lang", "be")
    page.click("#replace-preview")
    rows = page.locator("#replace-table tbody tr")
    expect(rows).to_have_count(3)
    expect(page.locator("#replace-status")).to_contain_text("3 segments would change")
    expect(rows.first).to_contain_text("Менск заклікае да перамоў.")
    expect(rows.first).to_contain_text(live_server.slug)
    assert _texts(live_server, ids) == TEXTS, "the preview changes nothing"
    page.click("#replace-confirm")
    expect(page.locator("#replace-status")).to_have_text("Replaced in 3 segments.")
    assert _texts(live_server, ids) == [t.replace("Мінск", "Менск") for t in TEXTS]
    page.click("#replace-undo")
    expect(page.locator("#replace-status")).to_have_text("Undone in 3 segments.")
    assert _texts(live_server, ids) == TEXTS
    page.fill("#replace-search", "(a+)+")
    page.check("#replace-regex")
    page.click("#replace-preview")
    expect(page.locator("#replace-error")).to_contain_text("repeats a repetition")
    expect(page.locator("#replace-table")).to_be_hidden()
