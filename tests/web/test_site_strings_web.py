"""Site strings in the web UI: a new wording is waiting in "My work" and on the document
page; a translator translates it, another reviewer approves it; sections are shown in
the UI language."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import Tmgr
from tmgr.review import sitestrings as site
from tmgr.store.db import Database

PAGE = ("by\nFebruary 3 – February 9, 2025\nEnergy\n\nGas Deal Signed in Minsk\n\n"
        "The situation is stabilising\nGas Deal Signed in Minsk\n\n"
        "The deal was signed on Monday. Prices will not change.\n")


def _ingest(tmgr: Tmgr, tmp_path: Path) -> str:
    source = tmp_path / "2025-02-03-energy.txt"
    source.write_text(PAGE, encoding="utf-8")
    tmgr("ingest", str(source))
    return source.stem


def _string_id(db: Database, kind: str, english: str) -> int:
    with db.transaction() as session:
        return site.get_string(session, kind, english).id


def test_a_new_section_is_translated_and_approved_in_the_browser_pages(
        as_user, db: Database, tmgr: Tmgr, tmp_path: Path) -> None:
    slug = _ingest(tmgr, tmp_path)
    string_id = _string_id(db, "section", "Energy")
    translator = as_user("tr_be")
    start = translator.get("/").get_data(as_text=True)
    assert f'#string-{string_id}">Energy</a>' in start  # in "My work"
    detail = translator.get(f"/documents/{slug}").get_data(as_text=True)
    assert re.search(r'data-lang="be" data-state="untranslated"', detail)
    saved = translator.form(f"/strings/{string_id}/be", {"action": "save",
                                                         "text": "Энергетыка"},
                            page="/strings")
    assert saved.status_code == 302
    refused = translator.form(f"/strings/{string_id}/be", {"action": "approve",
                                                           "text": "Энергетыка"},
                              page="/strings")
    assert refused.status_code == 403
    reviewer = as_user("rev_be")
    assert f'#string-{string_id}">Energy</a>' in reviewer.get("/").get_data(as_text=True)
    own = as_user("rev2_be")
    approved = own.form(f"/strings/{string_id}/be", {"action": "approve",
                                                     "text": "Энергетыка"}, page="/strings")
    assert approved.status_code == 302
    listing = translator.get("/strings").get_data(as_text=True)
    row = listing[listing.index(f'id="string-{string_id}"'):]
    assert 'data-lang="be" data-state="approved"' in row[:row.index("</tr>")]
    translator.client.set_cookie("lang", "be")
    with translator.client.session_transaction() as session:
        session["ui_lang"] = "be"
    page = translator.get("/").get_data(as_text=True)
    assert '<span class="section" title="Energy">Энергетыка</span>' in page


def test_a_ru_translator_cannot_translate_into_be(as_user, db: Database, tmgr: Tmgr,
                                                  tmp_path: Path) -> None:
    _ingest(tmgr, tmp_path)
    string_id = _string_id(db, "section", "Energy")
    response = as_user("tr_ru").form(f"/strings/{string_id}/be",
                                     {"action": "save", "text": "Энергетыка"},
                                     page="/strings")
    assert response.status_code == 403
    with db.transaction() as session:
        row = site.existing_translation(site.get_string(session, "section", "Energy"), "be")
        assert row is not None and row.text == ""
