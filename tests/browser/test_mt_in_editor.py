"""MT on request in a real browser: a suggestion per segment, and a whole document drafted."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import LiveServer
from tmgr.documents.ingest import load_document
from tmgr.review.translations import change_translation, get_translation
from tmgr.store.models import PostEdit, State

pytestmark = pytest.mark.browser

RUSSIAN = ["Лукашенко выступает за переговоры с Украиной.",
           "Правительство объявило о новых ограничениях.",
           "Встреча прошла в Минске.",
           "Экономика выросла на 3,9 процента."]


def _prepare(server: LiveServer) -> list[int]:
    """Approved Russian for the first segments; a failed MT draft on the first."""
    with server.database.transaction() as session:
        segments = load_document(session, server.slug).segments
        for segment, text in zip(segments, RUSSIAN, strict=False):
            change_translation(session, segment.translation("ru"), text=text,
                               state=State.APPROVED, origin="human")
        segments[0].translation("be").mt_error = "unavailable: google unreachable (timeout)"
        return [s.id for s in segments]


def _open(page: Page, server: LiveServer) -> None:
    page.goto(f"{server.url}doc/{server.slug}/be")
    expect(page.locator("#article")).to_be_visible()


def test_request_a_suggestion_take_it_with_the_keyboard_and_save(login, live_server) -> None:
    ids = _prepare(live_server)
    page = login("tr_be")
    _open(page, live_server)
    first = page.locator(f"#s{ids[0]}")
    expect(first.locator(".mt-error")).to_be_visible()
    first.locator("textarea").click()
    form = page.locator("#panel form[data-request-mt]")
    form.locator("select").select_option("apertium:ru")
    form.locator("button").click()
    suggestion = page.locator("#panel .suggestion[data-kind=mt]").first
    expect(suggestion).to_contain_text("Украінай")
    expect(suggestion.locator("[data-role=engine]")).to_contain_text("apertium")
    expect(first.locator("textarea")).to_have_value("")  # never silently in the text box
    first.locator("textarea").click()
    page.keyboard.press("Alt+m")
    expect(first.locator("textarea")).to_have_value(suggestion.locator(".sugg-text")
                                                    .inner_text())
    page.keyboard.type(" Так.")
    page.wait_for_timeout(1200)  # a person's pace: under a second is discarded as implausible
    page.keyboard.press("Control+Enter")
    expect(first.locator("[data-role=state]")).to_have_text("translated")
    expect(first.locator(".mt-error")).to_have_count(0)
    with live_server.database.transaction() as session:
        translation = get_translation(session, ids[0], "be")
        assert translation.mt_error is None and translation.text.endswith("Так.")
        record = session.query(PostEdit).filter_by(translation_id=translation.id).one()
        assert record.draft_origin == "mt:apertium via ru" and record.touched
        assert record.seconds is not None and record.seconds > 0


def test_draft_the_whole_document_in_the_background(login, live_server) -> None:
    ids = _prepare(live_server)
    page = login("tr_be")
    _open(page, live_server)
    page.locator("#draft-engine").select_option("apertium:ru")
    page.locator("#draft-start").click()
    expect(page.locator("#draft-status")).to_contain_text("Drafting finished", timeout=30_000)
    for segment_id in ids[:4]:
        expect(page.locator(f"#s{segment_id} [data-role=state]")).to_have_text("draft")
    expect(page.locator(f"#s{ids[1]} textarea")).not_to_have_value("")
    expect(page.locator(f"#s{ids[5]} [data-role=state]")).to_have_text("untranslated")
    with live_server.database.transaction() as session:
        texts = [get_translation(session, i, "be") for i in ids[:4]]
        assert all(t.origin == "mt:apertium via ru" and "*" not in t.text for t in texts)
    page.reload()
    expect(page.locator(f"#s{ids[1]} .unknown-words mark.unknown")).to_have_text("объявило")
