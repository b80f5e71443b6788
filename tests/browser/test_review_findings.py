"""Review around the checks in a real browser: an override per finding, the fix button,
the glossary panel, the approved-edit warning and the export refusal page."""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import CHROMIUM, PASSWORD, LiveServer  # noqa: F401
from tmgr.documents.ingest import load_document
from tmgr.formats.model import TermRecord
from tmgr.people.users import create_user
from tmgr.quality.glossary import save_term
from tmgr.review.translations import change_translation, get_translation
from tmgr.store.models import State, User

pytestmark = pytest.mark.browser

TWO_ERRORS = "Мiнск заклікае пачаць мирны працэс як мага хутчэй, каб пазбегнуць эскалацыі."
CLEAN = "Мінск заклікае пачаць працэс як мага хутчэй, каб пазбегнуць далейшай эскалацыі."


def _ids(server: LiveServer) -> list[int]:
    with server.database.transaction() as session:
        return [s.id for s in load_document(session, server.slug).segments]


def _set(server: LiveServer, segment_id: int, text: str, *, by: str,
         state: State = State.TRANSLATED, approver: str | None = None) -> None:
    with server.database.transaction() as session:
        user = session.query(User).filter_by(name=by).one()
        translation = get_translation(session, segment_id, "be")
        change_translation(session, translation, text=text, state=State.TRANSLATED,
                           origin="human", user=user)
        if approver:
            change_translation(session, translation, text=text, state=state, origin="human",
                               user=session.query(User).filter_by(name=approver).one())


def _signed_in(browser, server: LiveServer, name: str, answers: list[str]) -> Page:
    """A page whose prompts are answered from ``answers`` (and confirms accepted)."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="en-GB",
                                  accept_downloads=True)
    page = context.new_page()
    page.on("dialog", lambda d: d.accept(answers.pop(0) if answers and d.type == "prompt"
                                         else None) if d.type == "prompt" else d.accept())
    page.goto(server.url + "login")
    page.fill("input[name=name]", name)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit].primary")
    page.wait_for_url(server.url)
    return page


def test_each_error_is_overridden_on_its_own_then_fixed(browser, live_server) -> None:
    seg = _ids(live_server)[3]
    _set(live_server, seg, TWO_ERRORS, by="tr_be")
    answers = ["a quotation, kept as said"]
    page = _signed_in(browser, live_server, "rev_be", answers)
    page.goto(f"{live_server.url}doc/{live_server.slug}/be#s{seg}")
    row = page.locator(f"#s{seg}")
    row.locator("button.approve").click()
    expect(row.locator("[data-role=status]")).to_contain_text("Not approved")
    expect(row.locator("[data-role=state]")).to_have_text("translated")
    expect(row.locator("[data-override]")).to_have_count(2)  # one per error, no blanket

    row.locator("li[data-check=foreign-letters] [data-override]").click()
    expect(row.locator("li[data-check=foreign-letters] [data-role=override]")).to_have_text(
        "overridden by rev_be: a quotation, kept as said")
    expect(row.locator("[data-override]")).to_have_count(1)

    row.locator("li[data-check=mixed-script] [data-fix]").click()
    expect(row.locator("textarea")).to_have_value(TWO_ERRORS.replace("Мiнск", "Мінск"))
    expect(row.locator("li[data-check=mixed-script]")).to_have_count(0)
    # the fix changed the words, so the override of the old text lapsed: fix that too
    row.locator("li[data-check=foreign-letters] [data-fix]").click()
    expect(row.locator("li.finding.error")).to_have_count(0)
    row.locator("button.approve").click()
    expect(row.locator("[data-role=state]")).to_have_text("approved")
    # the reviewer fixed letters only: the translator stays the author, shown with the approver
    expect(row.locator("[data-role=by]")).to_have_text("tr_be")
    expect(row.locator("[data-role=approver]")).to_have_text("approved by rev_be")

    page.goto(f"{live_server.url}doc/{live_server.slug}/be/read")
    expect(page.locator(".seg-read").nth(3)).to_contain_text("Мінск")
    page.context.close()


def test_glossary_in_the_side_panel_and_the_approved_edit_warning(browser,
                                                                  live_server) -> None:
    seg = _ids(live_server)[3]
    with live_server.database.transaction() as session:
        save_term(session, TermRecord(term="Minsk", translations={"be": ["Мінск"]},
                                      forbidden={"be": ["Минск"]}))
    _set(live_server, seg, CLEAN, by="tr_be", state=State.APPROVED, approver="rev_be")
    page = _signed_in(browser, live_server, "rev2_be", [])
    page.goto(f"{live_server.url}doc/{live_server.slug}/be")
    row = page.locator(f"#s{seg}")
    expect(row.locator("mark.term")).to_have_text("Minsk")
    row.locator("textarea").click()
    glossary = page.locator("#panel .glossary")
    expect(glossary.locator(".approved-forms")).to_have_text("Мінск")
    expect(glossary.locator(".forbidden-forms del")).to_have_text("Минск")

    expect(row.locator(".approved-warning")).to_have_count(0)
    page.keyboard.type(" Ды ўсё.")
    expect(row.locator(".approved-warning")).to_contain_text("sends it back to translated")
    page.keyboard.press("Escape")  # undone: nothing to warn about
    expect(row.locator(".approved-warning")).to_have_count(0)
    page.context.close()


def test_export_refusal_page_links_to_the_segments(browser, live_server) -> None:
    os.environ["TMGR_PASSWORD_HASH"] = "pbkdf2:sha256:1000"
    try:
        with live_server.database.transaction() as session:
            create_user(session, "pub", role="publisher", languages=[], password=PASSWORD,
                        configured=("be", "ru"))
    finally:
        del os.environ["TMGR_PASSWORD_HASH"]
    ids = _ids(live_server)
    page = _signed_in(browser, live_server, "pub", [])
    page.goto(live_server.url + "export")
    expect(page.locator("input[name=lang][value=be]")).to_be_checked()
    expect(page.locator("input[name=format][value=txt]")).to_be_checked()
    page.locator("input[name=lang][value=ru]").uncheck()
    page.get_by_role("button", name="Download").click()
    expect(page.locator(".error-box")).to_have_text("Choose at least one document.")

    page.locator(f"input[name=slug][value='{live_server.slug}']").check()
    page.get_by_role("button", name="Download").click()
    expect(page.locator("h1")).to_have_text("Not ready to publish")
    section = page.locator("section.blockers[data-lang=be]")
    expect(section).to_contain_text("Belarusian")
    expect(page.locator("section.blockers[data-lang=ru]")).to_have_count(0)
    expect(page.locator("body")).not_to_contain_text("--allow-partial")
    first = section.get_by_role("link", name="Segment 1", exact=True)
    expect(first).to_have_attribute("href", f"/doc/{live_server.slug}/be#s{ids[0]}")

    page.locator("input[name=allow_partial]").check()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download a marked draft").click()
    assert download.value.suggested_filename.endswith(".zip")  # txt, md and html
    first.click()
    expect(page.locator(f"#s{ids[0]}")).to_be_visible()
    page.context.close()


def test_four_eyes_refusal_after_a_save_says_saved_not_approved(browser, live_server) -> None:
    seg = _ids(live_server)[3]
    page = _signed_in(browser, live_server, "rev_be", [])
    page.goto(f"{live_server.url}doc/{live_server.slug}/be")
    row = page.locator(f"#s{seg}")
    row.locator("textarea").fill(CLEAN)
    row.locator("button.approve").click()
    status = row.locator("[data-role=status]")
    expect(status).to_contain_text("Saved · Not approved: you wrote this translation")
    expect(status).not_to_contain_text("Not saved")
    expect(row.locator("[data-role=state]")).to_have_text("translated")
    with live_server.database.transaction() as session:
        assert get_translation(session, seg, "be").text == CLEAN
    page.context.close()
