"""Archived articles on the web: read-only side by side, listed with ``?archive=1`` (hidden
by default), counted in the dashboard and the MT report only when asked."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import func, select

from tests.conftest import DATA, Tmgr
from tmgr.store.db import Database
from tmgr.store.models import ArchiveArticle

LABELLED = DATA / "archive" / "labelled"
NEGOTIATIONS = "2024-10-28-negotiations"
KYIV_EN = "Kyiv, for its part, sees Belarus as a co-aggressor."
KYIV_BE = "Кіеў, са свайго боку, лічыць Беларусь суагрэсарам."


def test_an_archived_article_opens_read_only_with_its_origin_side_by_side(
        tmgr: Tmgr, db: Database, as_user: Any) -> None:
    tmgr("archive", "import", str(LABELLED))
    web = as_user("tr_be")
    text = web.get(f"/archive/articles/{NEGOTIATIONS}").get_data(as_text=True)
    origin = re.search(r'data-role="archive-origin">(.*?)</p>', text, re.S)
    assert origin is not None
    assert "origin: archive" in origin[1] and NEGOTIATIONS in origin[1]
    assert "October 28 – November 3, 2024" in origin[1]
    table = text[text.index('data-role="archive-parallel"'):text.index("</table>")]
    assert [h for h in re.findall(r"<th>(.*?)</th>", table)] == [
        "English", "Belarusian", "Russian"]
    row = next(r for r in table.split("<tr>") if KYIV_EN in r)
    assert KYIV_BE in row and 'lang="ru"' in row
    content = text[text.index("<h1>"):]
    assert "<textarea" not in content and 'method="post"' not in content

    for page in (f"/doc/{NEGOTIATIONS}/be", f"/documents/{NEGOTIATIONS}"):
        refused = web.get(page)
        assert refused.status_code == 409
        assert f'href="/archive/articles/{NEGOTIATIONS}"' in refused.get_data(as_text=True)
    api = web.api("GET", f"/api/documents/{NEGOTIATIONS}/be/segments")
    assert api.status_code == 409 and api.get_json()["archive"] == NEGOTIATIONS
    approve = as_user("rev_be").api("POST", f"/api/documents/{NEGOTIATIONS}/be/approve",
                                    {"segment_ids": [1]})
    assert approve.status_code == 409


def test_the_documents_list_shows_the_archive_only_when_asked(
        tmgr: Tmgr, sample_doc: str, as_user: Any) -> None:
    tmgr("archive", "import", str(LABELLED))
    web = as_user("editor")
    plain = web.get("/").get_data(as_text=True)
    assert sample_doc in plain and NEGOTIATIONS not in plain
    assert 'name="archive" value="1"' in plain and "data-archive" not in plain

    shown = web.get("/?archive=1").get_data(as_text=True)
    assert sample_doc in shown
    assert f'href="/archive/articles/{NEGOTIATIONS}"' in shown
    assert shown.count('data-archive="1"') == 3

    week = web.get("/?archive=1&week=2024-W44").get_data(as_text=True)
    assert f'data-slug="{NEGOTIATIONS}" data-archive="1"' in week
    assert week.count('data-archive="1"') == 1
    assert web.get("/?archive=1&q=nothing-like-this").get_data(as_text=True).count(
        'data-archive="1"') == 0


def test_the_archive_list_pages_in_week_order(
        tmgr: Tmgr, as_user: Any) -> None:
    tmgr("archive", "import", str(LABELLED))
    web = as_user("editor")
    seen: list[str] = []
    url: str | None = "/?archive=1&limit=1"  # a page of one: three pages for three
    while url:
        page = web.get(url).get_data(as_text=True)
        seen += re.findall(r'data-slug="([^"]+)" data-archive="1"', page)
        found = re.search(r'<a href="([^"]+)" rel="next">More archived', page)
        url = found[1].replace("&amp;", "&") if found else None
    assert len(seen) == 3 and len(set(seen)) == 3
    assert seen == sorted(seen, reverse=True)  # slugs begin with the publication day
    assert web.get("/?archive=1&archive_after=nonsense").status_code == 400


def test_the_dashboard_and_the_mt_report_count_the_archive_when_asked(
        tmgr: Tmgr, db: Database, as_user: Any) -> None:
    tmgr("archive", "import", str(LABELLED))
    with db.transaction(readonly=True) as session:
        words = session.scalar(select(func.sum(ArchiveArticle.words)).where(
            ArchiveArticle.languages.contains("be")))
    web = as_user("editor")
    plain = web.get("/dashboard").get_data(as_text=True)
    assert 'id="archive-figures"' not in plain and 'name="archive"' in plain
    with_archive = web.get("/dashboard?archive=1").get_data(as_text=True)
    section = with_archive[with_archive.index('id="archive-figures"'):]
    start = section.index('data-lang="be"')
    row = section[start:section.index("</tr>", start)]
    assert "<td>3</td>" in row  # three archived articles in Belarusian
    together = row[row.index('class="together"'):]
    assert f"{words} words" in together  # nothing approved on the desk yet: the archive's

    assert 'data-engine="archive"' not in web.get("/reports/mt").get_data(as_text=True)
    report = web.get("/reports/mt?archive=1").get_data(as_text=True)
    assert 'data-engine="archive" data-lang="be"' in report
    assert 'data-engine="archive" data-lang="ru"' in report
