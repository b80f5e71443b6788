"""A translator and a reviewer at work in a real browser against a real server."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import LiveServer
from tmgr.documents.ingest import load_document
from tmgr.review.translations import get_translation
from tmgr.store.models import Segment

pytestmark = pytest.mark.browser


def _editor(page: Page, server: LiveServer) -> None:
    page.goto(f"{server.url}doc/{server.slug}/be")
    expect(page.locator("#article")).to_be_visible()


def _segment_ids(server: LiveServer) -> list[int]:
    with server.database.transaction() as session:
        return [s.id for s in load_document(session, server.slug).segments]


def test_translate_with_keyboard_then_approve_as_another_user(login, live_server) -> None:
    ids = _segment_ids(live_server)
    translator = login("tr_be")
    translator.get_by_role("link", name="Edit").first.click()
    first = translator.locator(f"#s{ids[0]}")
    first.locator("textarea").click()
    translator.keyboard.type("Лукашэнка выступае за перамовы з Украінай")
    expect(first).to_have_class("seg untranslated active dirty")
    translator.keyboard.press("Control+Enter")
    expect(first.locator("[data-role=state]")).to_have_text("translated")
    expect(first.locator("[data-role=by]")).to_have_text("tr_be")
    # Ctrl+Enter moved on to the next unfinished segment
    expect(translator.locator(f"#s{ids[1]}")).to_have_class("seg untranslated active")
    translator.keyboard.press("Alt+ArrowDown")
    expect(translator.locator(f"#s{ids[2]}")).to_have_class("seg untranslated active")
    translator.keyboard.press("Alt+c")  # copy the source
    expect(translator.locator(f"#s{ids[2]} textarea")).not_to_have_value("")

    reviewer = login("rev_be")
    _editor(reviewer, live_server)
    expect(reviewer.locator("#shortcuts")).to_be_hidden()  # the key list opens on demand
    reviewer.locator("#help-toggle").click()
    expect(reviewer.locator("#shortcuts")).to_be_visible()
    reviewer.locator("#help-toggle").click()
    expect(reviewer.locator("#shortcuts")).to_be_hidden()
    expect(reviewer.locator("#doc-progress .pct")).to_have_text("0%")
    reviewer.locator(f"#s{ids[0]} textarea").click()
    expect(reviewer.locator("#panel")).to_contain_text("tr_be")  # history in the side panel
    reviewer.keyboard.press("Control+Shift+Enter")
    expect(reviewer.locator(f"#s{ids[0]} [data-role=state]")).to_have_text("approved")
    expect(reviewer.locator("#doc-progress .pct")).not_to_have_text("0%")
    expect(reviewer.locator("#doc-progress .bar.approved")).to_have_count(1)
    reviewer.goto(live_server.url)
    expect(reviewer.locator("td.lang-progress").first.locator(".bar.approved")).to_have_count(1)
    with live_server.database.transaction() as session:
        t = get_translation(session, ids[0], "be")
        assert (t.text, t.state.value) == ("Лукашэнка выступае за перамовы з Украінай",
                                          "approved")


def test_stale_save_shows_the_conflict_and_merges(login, live_server) -> None:
    seg = _segment_ids(live_server)[3]
    mine, theirs = login("tr_be"), login("rev_be")
    _editor(mine, live_server)
    _editor(theirs, live_server)
    theirs.locator(f"#s{seg} textarea").fill("Іх варыянт.")
    theirs.locator(f"#s{seg} textarea").press("Control+Enter")
    expect(theirs.locator(f"#s{seg} [data-role=state]")).to_have_text("translated")

    mine.locator(f"#s{seg} textarea").fill("Мой варыянт.")
    mine.locator(f"#s{seg} textarea").press("Control+Enter")
    conflict = mine.locator(f"#s{seg} .conflict")
    expect(conflict).to_be_visible()
    expect(conflict.locator(".theirs")).to_have_text("Іх варыянт.")
    expect(conflict.locator(".mine")).to_have_text("Мой варыянт.")
    with live_server.database.transaction() as session:
        assert get_translation(session, seg, "be").text == "Іх варыянт."  # nothing lost
    mine.locator(f"#s{seg} textarea").fill("Іх і мой варыянт.")
    conflict.get_by_role("button", name="Save my version").click()
    expect(conflict).to_have_count(0)
    expect(mine.locator(f"#s{seg} [data-role=status]")).to_have_text("Saved")
    with live_server.database.transaction() as session:
        assert get_translation(session, seg, "be").text == "Іх і мой варыянт."


def test_unsaved_text_survives_a_reload(login, live_server) -> None:
    seg = _segment_ids(live_server)[5]
    page = login("tr_be")
    _editor(page, live_server)
    page.locator(f"#s{seg} textarea").fill("Яшчэ не захавана")
    page.reload()
    expect(page.locator(f"#s{seg} textarea")).to_have_value("Яшчэ не захавана")
    expect(page.locator(f"#s{seg}")).to_have_class("seg untranslated dirty active")


def test_script_in_a_source_is_text_and_runs_nothing(login, live_server) -> None:
    seg = _segment_ids(live_server)[1]
    payload = '<script>window.pwned = 1</script><img src=x onerror="window.pwned = 2">'
    with live_server.database.transaction() as session:
        session.get(Segment, seg).source = payload
    page = login("tr_be")
    _editor(page, live_server)
    expect(page.locator(f"#s{seg} .source-text")).to_have_text(payload)
    page.locator(f"#s{seg} textarea").fill(payload)
    page.locator(f"#s{seg} textarea").press("Control+Enter")
    expect(page.locator(f"#s{seg} [data-role=state]")).to_have_text("translated")
    page.locator(f"#s{seg} textarea").click()
    expect(page.locator("#panel .history")).to_contain_text("window.pwned = 1")
    page.goto(f"{live_server.url}doc/{live_server.slug}/be/read")
    expect(page.locator("article.reading")).to_contain_text("<script>window.pwned = 1</script>")
    assert page.evaluate("window.pwned") is None
