"""The week view and the publishers' ready-to-publish queue, against the real app."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import update

from tests.web.conftest import segment_ids
from tests.web.test_desk_web import _assign
from tmgr.desk.week import monday_of
from tmgr.people.users import get_user
from tmgr.review import actions as review
from tmgr.store.models import Document


def _this_week(db, slug: str) -> None:
    monday = monday_of(date.today())
    with db.transaction() as session:
        session.execute(update(Document).where(Document.slug == slug).values(
            week_start=monday, week_end=monday + timedelta(days=6)))


def _approve_everything(db, slug: str, lang: str) -> None:
    ids = segment_ids(db, slug)
    with db.transaction() as session:
        translator, reviewer = get_user(session, "tr_be"), get_user(session, "rev_be")
        for segment_id in ids:
            review.save(session, translator, segment_id, lang, text=f"Тэкст {segment_id}.",
                        expected_version=None)
        for segment_id in ids:
            review.approve(session, reviewer, segment_id, lang, expected_version=None,
                           policy=review.ReviewPolicy(), override_reason="checked by hand")


def test_week_view_shows_stage_assignees_due_and_blockers(as_user, sample_doc, db) -> None:
    _this_week(db, sample_doc)
    editor = as_user("editor")
    due = (date.today() + timedelta(days=2)).isoformat()
    _assign(editor, sample_doc, translator="tr_be", translation_due=due)
    page = editor.get("/week").get_data(as_text=True)
    row = page.split(f'data-slug="{sample_doc}" data-lang="be"')[1].split("</tr>")[0]
    assert "tr_be" in row and "translation" in row
    assert "segments not approved" in row and "no reviewer" in row
    ru = page.split(f'data-slug="{sample_doc}" data-lang="ru"')[1].split("</tr>")[0]
    assert "no translator" in ru
    earlier = editor.get(f"/week?week={(date.today() - timedelta(days=21)).isoformat()}")
    assert "No commentary this week." in earlier.get_data(as_text=True)
    bad = editor.get("/week?week=someday")
    assert bad.status_code == 400 and "not a date" in bad.get_data(as_text=True)
    assert as_user("tr_be").get("/week").status_code == 403


def test_publisher_sees_the_ready_queue_on_the_start_page_and_the_week(
        as_user, sample_doc, db) -> None:
    _this_week(db, sample_doc)
    publisher = as_user("publisher")
    start = publisher.get("/").get_data(as_text=True)
    assert 'id="ready-to-publish"' in start and "Nothing is fully approved yet." in start
    _approve_everything(db, sample_doc, "be")
    start = publisher.get("/").get_data(as_text=True)
    queue = start.split('id="ready-to-publish"')[1].split("</section>")[0]
    assert f'data-slug="{sample_doc}" data-lang="be"' in queue
    assert 'data-lang="ru"' not in queue
    week = publisher.get("/week").get_data(as_text=True)
    row = week.split('id="week-rows"')[1].split('data-lang="be"')[1].split("</tr>")[0]
    assert "nothing" in row
    assert f'data-slug="{sample_doc}" data-lang="be"' in week.split('id="ready-queue"')[1]
    assert 'id="ready-to-publish"' not in as_user("tr_be").get("/").get_data(as_text=True)
