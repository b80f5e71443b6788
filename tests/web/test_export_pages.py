"""The export page a page at a time, and full-text search as part of the page's query
(both databases)."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.conftest import SAMPLE
from tests.test_mtgate import publish_half_unedited
from tests.web.test_document_list import _approve_all, _build, _set, _walk_api
from tmgr.store.db import Database


def _choices(html: str) -> tuple[list[str], list[str]]:
    """The documents the export form offers, and those ticked, in the page's order."""
    offered = re.findall(r'name="slug" value="([^"]+)"', html)
    ticked = re.findall(r'name="slug" value="([^"]+)" checked', html)
    return offered, ticked


def _walk_export(web, url: str) -> list[tuple[list[str], list[str]]]:  # type: ignore[no-untyped-def]
    pages: list[tuple[list[str], list[str]]] = []
    while url:
        answer = web.get(url)
        assert answer.status_code == 200, answer.get_data(as_text=True)
        html = answer.get_data(as_text=True)
        pages.append(_choices(html))
        found = re.search(r'<a href="([^"]+)" rel="next">', html)
        url = found.group(1).replace("&amp;", "&") if found else ""
        assert len(pages) <= 20, "next links go round in a circle"
    return pages


def test_export_pages_walk_every_document_once_this_week_and_ready_first(
        as_user, db: Database, tmp_path: Path) -> None:
    slugs = _build(db, tmp_path)
    monday = date.today() - timedelta(days=date.today().weekday())
    current, ready = slugs[5], {slugs[2], slugs[7]}
    _set(db, current, week_start=monday, week_end=monday + timedelta(days=6))
    for slug in ready:
        _approve_all(db, slug)
    pages = _walk_export(as_user("publisher"), "/export?limit=5")
    seen = [slug for offered, _ in pages for slug in offered]
    assert sorted(seen) == sorted(slugs) and len(seen) == len(slugs)
    assert len(pages) == 3 and all(len(offered) <= 5 for offered, _ in pages)
    assert seen[0] == current and set(seen[1:3]) == ready
    assert set(pages[0][1]) == ready, "what is ready to publish is ticked"
    assert pages[1][1] == pages[2][1] == []


def test_export_filters_and_shares_of_the_page_shown(
        as_user, db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    slugs = _build(db, tmp_path)
    percent = publish_half_unedited(db)
    _set(db, slugs[3], section="Economy")
    publisher = as_user("publisher")
    whole = publisher.get("/export?limit=50").get_data(as_text=True)
    assert f"unedited MT (be): {percent}%" in whole
    economy = publisher.get("/export?section=Economy").get_data(as_text=True)
    assert _choices(economy)[0] == [slugs[3]] and "unedited MT" not in economy
    searched = publisher.get(f"/export?q={slugs[3]}").get_data(as_text=True)
    assert _choices(searched)[0] == [slugs[3]]
    # a refused export answers with the same page of the same filter
    refused = publisher.form("/export?section=Economy", {"lang": "be"}, page="/export")
    html = refused.get_data(as_text=True)
    assert refused.status_code == 400 and "at least one document" in html
    assert _choices(html)[0] == [slugs[3]]
    assert 'action="/export?section=Economy"' in html
    # the gate still stops a page's export until someone confirms it
    monkeypatch.setenv("TMGR_UNEDITED_MT_WARN", f"{percent - 1:g}")
    asked = publisher.form("/export?q=" + SAMPLE.stem, {
        "slug": SAMPLE.stem, "lang": "be", "format": "html"}, page="/export")
    assert asked.status_code == 409 and 'id="confirm-by-editor"' in asked.get_data(True)


def test_bad_export_parameters_are_a_clear_400(as_user) -> None:
    publisher = as_user("publisher")
    for query, says in [("after=not-a-cursor", "page link"), ("limit=0", "limit"),
                        ("state=shiny", "unknown state")]:
        page = publisher.get(f"/export?{query}")
        assert page.status_code == 400 and says in page.get_data(as_text=True), query


def test_search_pages_through_every_match_and_finds_translations(
        as_user, db: Database, tmp_path: Path) -> None:
    slugs = _build(db, tmp_path)
    _approve_all(db, slugs[4])  # its translations now read "Тэкст."
    _set(db, slugs[6], section="Economy")
    web = as_user("editor")
    everywhere = _walk_api(web, "/api/documents?q=Minsk&limit=5")
    assert sorted(everywhere) == sorted(slugs) and len(everywhere) == len(slugs)
    first = web.get("/api/documents?q=Minsk+negotiations&limit=5").get_json()
    assert first["matching"] == len(slugs) and len(first["documents"]) == 5
    assert _walk_api(web, "/api/documents?q=Тэкст&limit=5") == [slugs[4]]
    assert _walk_api(web, "/api/documents?q=тэкст&sort=title") == [slugs[4]]
    assert _walk_api(web, "/api/documents?q=Minsk&section=Economy") == [slugs[6]]
    assert _walk_api(web, "/api/documents?q=zzzunheardof") == []
    html = web.get("/?q=Minsk&limit=5").get_data(as_text=True)
    assert len(re.findall(r'<tr data-slug="([^"]+)"', html)) == 5 and 'rel="next"' in html
