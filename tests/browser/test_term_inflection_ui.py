"""A glossary term goes in by key in the case its sentence needs (issue 23): "in Minsk"
asks for the locative, so Alt+Shift+N types "Мінску", not the dictionary form."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tmgr.documents.ingest import load_document
from tmgr.formats.model import TermRecord
from tmgr.qa.inflection import available
from tmgr.quality.glossary import save_term

pytestmark = pytest.mark.browser


def test_a_glossary_term_goes_in_by_key_inflected(login, live_server) -> None:  # type: ignore[no-untyped-def]
    if not available("be"):
        pytest.skip("apertium-bel-rus (lt-proc and its data) is not installed")
    with live_server.database.transaction() as session:
        save_term(session, TermRecord("Minsk", translations={"be": ["Мінск"]}), replace=True)
        segment_id = next(s.id for s in load_document(session, live_server.slug).segments
                          if "Eurasian Security in Minsk" in s.source)
    page = login("tr_be")
    page.goto(f"{live_server.url}doc/{live_server.slug}/be")
    box = page.locator(f"#s{segment_id} textarea")
    box.click()
    terms = page.locator("#panel .term")
    minsk = page.locator('#panel .term[data-term="Minsk"]')
    expect(minsk.locator("button.inflected")).to_have_text("Мінску")  # after "in"
    expect(minsk).to_contain_text("Мінск")  # the dictionary form is still offered
    expect(minsk.locator(".other-forms")).to_contain_text("Мінскам")  # and the other cases
    number = [t.get_attribute("data-term") for t in terms.all()].index("Minsk") + 1
    box.focus()
    page.keyboard.insert_text("На Другой канферэнцыі па еўразійскай бяспецы ў ")
    page.keyboard.press(f"Alt+Shift+Digit{number}")
    expect(box).to_have_value("На Другой канферэнцыі па еўразійскай бяспецы ў Мінску")
    expect(box).to_be_focused()
