"""The "words per person" chart read from ``stage_words`` says what the revisions say.

The dashboard used to count, per person, stage and day, the words of the segments a
person first took to a stage within the chart's period, from every revision of the
period. ``stage_words`` (migration i25h_1) keeps that by triggers; here, after each
kind of work spread over several days (saves, re-saves, approvals, rejections,
reverts, a bulk replace, revisions moved in time by plain SQL), both ways of counting
give the same figures for every period start, on both databases, and
``tmgr db summaries`` agrees with a count from scratch.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from tests.conftest import SAMPLE, Tmgr
from tests.test_desk import approve_all, translate_all
from tests.test_summaries import agree, people  # noqa: F401
from tmgr.desk.dashboard import (
    Activity,
    first_stage_words,
    summed_stage_words,
    words_per_person,
)
from tmgr.documents.ingest import load_document
from tmgr.people.users import get_user
from tmgr.review import actions as review
from tmgr.store.db import Database
from tmgr.store.models import Revision, Segment, Translation

MONDAY = date(2026, 11, 2)
STARTS = [MONDAY + timedelta(days=n) for n in (-7, 0, 3, 7, 9, 14, 21)]


def both_ways(db_url: str) -> None:
    """For every period start: the summary's figures equal the revisions' count, and the
    chart drawn from them is the chart drawn from the count."""
    database = Database(db_url)
    with database.transaction(readonly=True) as session:
        for since in STARTS:
            assert sorted(summed_stage_words(session, since)) == \
                sorted(first_stage_words(session, since)), since
        done = Activity([MONDAY + timedelta(weeks=w) for w in range(-1, 4)], {}, {})
        weeks, chart = words_per_person(session, done)
        assert chart and all(len(row["translated"]) == len(weeks) for row in chart.values())
    database.dispose()
    agree(db_url)


def spread(db_url: str, slug: str, lang: str, days: list[int]) -> None:
    """Move the document's revisions (in id order) to MONDAY + days[i], cycling."""
    database = Database(db_url)
    with database.transaction() as session:
        revisions = session.scalars(
            select(Revision).join(Translation).join(Segment)
            .where(Segment.document_id == load_document(session, slug).id,
                   Translation.lang == lang).order_by(Revision.id)).all()
        for n, revision in enumerate(revisions):
            revision.created_at = datetime.combine(
                MONDAY + timedelta(days=days[n % len(days)]), datetime.min.time(),
                tzinfo=UTC) + timedelta(hours=n % 20)
    database.dispose()


def test_the_summary_follows_saves_approvals_rejections_and_reverts(
        tmgr: Tmgr, people: None, db_url: str) -> None:  # noqa: F811
    slug = SAMPLE.stem
    tmgr("ingest", str(SAMPLE))
    translate_all(db_url, slug, "be", "ann", upto=8)
    translate_all(db_url, slug, "be", "ann", upto=4)  # re-saves add nothing
    approve_all(db_url, slug, "be", "rita", upto=5)
    translate_all(db_url, slug, "ru", "ann", upto=3)
    spread(db_url, slug, "be", [-3, 1, 8, 2, 15, 9, 0, 22])
    both_ways(db_url)

    database = Database(db_url)
    with database.transaction() as session:
        ann, rita = get_user(session, "ann"), get_user(session, "rita")
        segments = load_document(session, slug).segments
        # rejected, translated again and approved again: later days, same people
        for segment in segments[:3]:
            review.reject(session, rita, segment.id, "be", expected_version=None,
                          comment="the tense")
            review.save(session, ann, segment.id, "be", text=f"Іначай {segment.id}.",
                        expected_version=None)
        first = session.scalars(select(Revision).join(Translation).where(
            Translation.segment_id == segments[5].id, Translation.lang == "be")
            .order_by(Revision.id)).first()
        assert first is not None
        review.revert(session, ann, segments[5].id, "be", revision_id=first.id,
                      expected_version=None)
    database.dispose()
    approve_all(db_url, slug, "be", "rita", upto=3)
    both_ways(db_url)
    spread(db_url, slug, "be", [0, 7, 7, 14, 3, 21, 8])
    both_ways(db_url)

    # a bulk replace is no one's words; a revision moved to another translation
    database = Database(db_url)
    with database.transaction() as session:
        revisions = session.scalars(select(Revision).where(Revision.user_id.is_not(None))
                                    .order_by(Revision.id)).all()
        revisions[2].note = "replace r7: «Тэкст» → «Тэкст»"
        revisions[4].translation_id = revisions[9].translation_id
        revisions[6].user_id = revisions[0].user_id
    database.dispose()
    both_ways(db_url)

    # a segment's words change, a translation and a segment go
    database = Database(db_url)
    with database.transaction() as session:
        segments = load_document(session, slug).segments
        segments[0].words += 3
        session.delete(segments[6].translation("be"))
        session.delete(segments[7])
    database.dispose()
    both_ways(db_url)


def test_a_period_counts_what_was_done_again_after_its_start(
        tmgr: Tmgr, people: None, db_url: str) -> None:  # noqa: F811
    """Translated in October and again in November: the chart of November counts it."""
    slug = SAMPLE.stem
    tmgr("ingest", str(SAMPLE))
    translate_all(db_url, slug, "be", "ann", upto=2)
    database = Database(db_url)
    with database.transaction() as session:
        ann_user, rita = get_user(session, "ann"), get_user(session, "rita")
        segments = load_document(session, slug).segments[:2]
        for segment in segments:
            review.reject(session, rita, segment.id, "be", expected_version=None,
                          comment="the names")
        for segment in segments:
            review.save(session, ann_user, segment.id, "be", text=f"Іначай {segment.id}.",
                        expected_version=None)
    database.dispose()
    spread(db_url, slug, "be", [-20, -19, -18, -17, 4, 5])
    database = Database(db_url)
    with database.transaction(readonly=True) as session:
        words = sum(s.words for s in load_document(session, slug).segments[:2])
        ann = get_user(session, "ann").id
        november = summed_stage_words(session, MONDAY)
        october = summed_stage_words(session, MONDAY - timedelta(days=21))
    database.dispose()
    assert sum(w for _u, _s, _d, w in november) == words
    assert {(u, d) for u, _s, d, _w in november} == {(ann, MONDAY + timedelta(days=4)),
                                                     (ann, MONDAY + timedelta(days=5))}
    assert sum(w for _u, _s, _d, w in october) == words  # counted once, in October
    both_ways(db_url)
