"""The documents list a page at a time: next links, filters, default order (both databases)."""

from __future__ import annotations

import re
import shutil
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import select, update

from tests.conftest import SAMPLE
from tmgr.documents.ingest import ingest_file
from tmgr.people.users import get_user
from tmgr.store.db import Database
from tmgr.store.models import Assignment, Document, Segment, State, Translation

COPIES = 11  # with the sample: 12 documents


def _build(db: Database, folder: Path) -> list[str]:
    """Eleven copies of the sample under other names; the slugs, the sample's first."""
    slugs = [SAMPLE.stem]
    with db.transaction() as session:
        for n in range(COPIES):
            path = folder / f"2023-01-{n + 1:02d}-copy-{n:02d}.txt"
            shutil.copyfile(SAMPLE, path)
            slugs.append(ingest_file(session, path, ("be", "ru")).slug)
    return slugs


def _approve_all(db: Database, slug: str) -> None:
    with db.transaction() as session:
        doc = session.scalar(select(Document.id).where(Document.slug == slug))
        ids = select(Segment.id).where(Segment.document_id == doc).scalar_subquery()
        session.execute(update(Translation).where(Translation.segment_id.in_(ids))
                        .values(state=State.APPROVED, text="Тэкст."))


def _set(db: Database, slug: str, **values: object) -> None:
    with db.transaction() as session:
        session.execute(update(Document).where(Document.slug == slug).values(**values))


def _walk_api(web, url: str) -> list[str]:  # type: ignore[no-untyped-def]
    seen, pages = [], 0
    while url:
        answer = web.get(url)
        assert answer.status_code == 200, (url, answer.get_data(as_text=True))
        page = answer.get_json()
        seen += [d["slug"] for d in page["documents"]]
        url, pages = page["next"], pages + 1
        assert pages <= 20, "next links go round in a circle"
    return seen


def _walk_html(web, url: str) -> list[str]:  # type: ignore[no-untyped-def]
    seen, pages = [], 0
    while url:
        html = web.get(url).get_data(as_text=True)
        seen += re.findall(r'<tr data-slug="([^"]+)"', html)
        found = re.search(r'<a href="([^"]+)" rel="next">', html)
        url = found.group(1).replace("&amp;", "&") if found else ""
        pages += 1
        assert pages <= 20, "next links go round in a circle"
    return seen


def test_next_links_walk_every_document_once_this_week_and_unfinished_first(
        as_user, db: Database, tmp_path: Path) -> None:
    slugs = _build(db, tmp_path)
    monday = date.today() - timedelta(days=date.today().weekday())
    current, finished = slugs[5], slugs[2]
    _set(db, current, week_start=monday, week_end=monday + timedelta(days=6))
    _approve_all(db, finished)
    web = as_user("editor")
    by_api = _walk_api(web, "/api/documents?limit=5")
    assert sorted(by_api) == sorted(slugs) and len(by_api) == len(slugs)
    assert by_api[0] == current and by_api[-1] == finished
    by_page = _walk_html(web, "/?limit=5")
    assert by_page == by_api
    for sort in ("title", "deadline", "progress"):
        walked = _walk_api(web, f"/api/documents?limit=4&sort={sort}")
        assert sorted(walked) == sorted(slugs) and len(walked) == len(slugs), sort
    assert _walk_api(web, "/api/documents?limit=4&sort=progress")[-1] == finished
    first = web.get("/api/documents?limit=5")
    assert 'rel="next"' in first.headers["Link"]
    assert first.get_json()["matching"] == len(slugs)
    other_order = first.get_json()["next"].replace("limit=5", "limit=5&sort=title")
    assert web.get(other_order).status_code == 400  # a cursor belongs to its order


def test_filters_narrow_the_list(as_user, db: Database, tmp_path: Path) -> None:
    slugs = _build(db, tmp_path)
    _approve_all(db, slugs[1])
    _set(db, slugs[3], section="Economy")
    _set(db, slugs[4], week_start=date(2021, 3, 1), week_end=date(2021, 3, 7))
    yesterday = date.today() - timedelta(days=1)
    with db.transaction() as session:
        doc = session.scalar(select(Document.id).where(Document.slug == slugs[6]))
        session.add(Assignment(document_id=doc, lang="be",
                               translator_id=get_user(session, "tr_be").id,
                               translation_due=yesterday))
    web = as_user("editor")

    def found(query: str) -> list[str]:
        return _walk_api(web, f"/api/documents?limit=3&{query}")

    assert found("section=Economy") == [slugs[3]]
    assert found("week=2021-03-03") == [slugs[4]] == found("week=2021-W09")
    assert slugs[1] not in found("state=unfinished")
    assert found("lang=be&state=approved") == [slugs[1]]
    assert found("assignee=tr_be") == [slugs[6]] == found("overdue=1")
    assert found("assignee=tr_be&lang=ru") == []
    assert found("q=copy-03") == [slugs[4]]
    assert _walk_api(as_user("tr_be"), "/api/documents?mine=1") == [slugs[6]]
    html = web.get("/?section=Economy").get_data(as_text=True)
    assert re.findall(r'<tr data-slug="([^"]+)"', html) == [slugs[3]]
    assert 'rel="next"' not in html


def test_bad_list_parameters_are_a_clear_400(as_user) -> None:
    web = as_user("editor")
    for query, says in [("after=not-a-cursor", "page link"), ("sort=colour", "unknown sort"),
                        ("state=shiny", "unknown state"), ("week=someday", "not a week"),
                        ("limit=0", "limit"), ("limit=ten", "limit"), ("lang=de", "de")]:
        answer = web.get(f"/api/documents?{query}")
        assert answer.status_code == 400 and says in answer.get_json()["error"], query
        page = web.get(f"/?{query}")
        assert page.status_code == 400 and says in page.get_data(as_text=True), query


def test_dashboard_csv_streams_every_row(as_user, db: Database, tmp_path: Path) -> None:
    import csv
    import io

    slugs = _build(db, tmp_path)
    response = as_user("editor").get("/dashboard.csv")
    assert response.status_code == 200 and response.is_streamed  # written as it is read
    table = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert sorted((r["document"], r["lang"]) for r in table) == \
        sorted((slug, lang) for slug in slugs for lang in ("be", "ru"))


def test_the_dashboard_covers_its_period_and_whatever_is_unfinished(
        as_user, db: Database, tmp_path: Path) -> None:
    slugs = _build(db, tmp_path)
    monday = date.today() - timedelta(days=date.today().weekday())
    old_and_done, recent_and_done = slugs[1], slugs[2]
    _approve_all(db, old_and_done)
    _approve_all(db, recent_and_done)
    _set(db, recent_and_done, week_start=monday - timedelta(weeks=6),
         week_end=monday - timedelta(weeks=6) + timedelta(days=6))
    web = as_user("editor")

    def shown(query: str = "") -> set[str]:
        page = web.get(f"/dashboard?all=1{query}").get_data(as_text=True)
        return set(re.findall(r'data-slug="([^"]+)" data-lang="be"', page))

    assert shown() == set(slugs) - {old_and_done}  # eight weeks by default
    assert shown("&weeks=4") == set(slugs) - {old_and_done, recent_and_done}
    assert 'value="13"' in web.get("/dashboard").get_data(as_text=True)
    assert shown("&weeks=nonsense") == shown()  # not a choice: the default
