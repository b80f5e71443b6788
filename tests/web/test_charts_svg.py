"""The dashboard's charts read back from their SVG: whole-number ticks, one scale across
people, a burn-down for work done within a day, the legend clear of the title."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import select

from tests.browser.test_editor_pro import BELARUSIAN
from tests.web.conftest import segment_ids
from tmgr.people.users import get_user
from tmgr.review import actions as review
from tmgr.store.db import Database
from tmgr.store.models import Segment
from tmgr.web import charts

TICK = re.compile(r'<text class="tick" x="\d+(?:\.\d+)?" y="[\d.]+" '
                  r'text-anchor="end">([\d ]+)</text>')


def y_ticks(svg: str) -> list[int]:
    return [int(t.replace(" ", "")) for t in TICK.findall(svg)]


def test_counts_get_whole_number_ticks_and_the_bars_read_back() -> None:
    svg = str(charts.bar_chart("Rejections", ["w1", "w2"], [("rejections", [2, 1], "s")]))
    assert y_ticks(svg) == [0, 1, 2, 3, 4]
    heights = [float(h) for h in re.findall(r'<rect class="s" x="[\d.]+" y="[\d.]+" '
                                            r'width="[\d.]+" height="([\d.]+)"><title>', svg)]
    assert abs(heights[0] / heights[1] - 2) < 0.01, "2 reads as twice 1, not as 1.7"
    assert y_ticks(str(charts.bar_chart("Words", ["w"], [("w", [674], "s")]))) == \
        [0, 200, 400, 600, 800]
    title_y = float(re.search(r'class="chart-title" x="\d+" y="([\d.]+)"', svg)[1])
    legend_top = float(re.search(r'<rect class="s" x="\d+" y="([\d.]+)" width="10"', svg)[1])
    assert legend_top > title_y, "the legend is on its own line under the title"


def test_people_share_one_scale_and_a_days_work_has_a_burndown(
        as_user: Any, db: Database, sample_doc: str) -> None:
    ids = segment_ids(db, sample_doc)
    with db.transaction() as session:
        for number, segment_id in enumerate(ids[:6]):
            name = "tr_be" if number < 5 else "rev_be"
            review.save(session, get_user(session, name), segment_id, "be",
                        text=f"Тэкст нумар {segment_id}.", expected_version=None)
    html = as_user("admin").get(f"/dashboard?doc={sample_doc}").get_data(as_text=True)
    people = re.findall(r'<svg class="chart"[^>]*aria-label="Words per week: [^"]*".*?</svg>',
                        html, re.S)
    assert len(people) == 2
    assert y_ticks(people[0]) == y_ticks(people[1]), "one scale across people"
    burndown = re.search(r'<svg class="chart"[^>]*aria-label="Burn-down[^"]*".*?</svg>',
                         html, re.S)
    assert burndown is not None
    points = re.search(r'<polyline class="line s-todo" fill="none" points="([^"]+)"',
                       burndown[0])
    assert points is not None and len(points[1].split()) >= 2, "work of one day: by the hour"


def _bar_values(svg: str, series: str) -> list[float]:
    return [float(v) for v in re.findall(
        rf'<rect class="s-[a-z]+" [^>]*><title>[^<]* · {series}: ([\d.]+)</title>', svg)]


def test_words_per_person_count_each_segment_once_per_stage(
        as_user: Any, db: Database, sample_doc: str) -> None:
    ids = segment_ids(db, sample_doc)[:3]
    with db.transaction() as session:
        translator, reviewer = get_user(session, "tr_be"), get_user(session, "rev_be")
        for number, segment_id in enumerate(ids):  # typed, re-saved, rejected, fixed
            for text in (BELARUSIAN[number].lower(), BELARUSIAN[number] + " …"):
                review.save(session, translator, segment_id, "be", text=text,
                            expected_version=None)
            review.reject(session, reviewer, segment_id, "be", expected_version=None,
                          comment="Вялікая літара і шматкроп'е.")
            review.save(session, translator, segment_id, "be", text=BELARUSIAN[number],
                        expected_version=None)
            review.approve(session, reviewer, segment_id, "be", expected_version=None,
                           policy=review.ReviewPolicy())
        words = sum(session.scalars(select(Segment.words).where(Segment.id.in_(ids))))
    html = as_user("admin").get(f"/dashboard?doc={sample_doc}").get_data(as_text=True)
    people = {name: svg for svg, name in re.findall(
        r'(<svg class="chart"[^>]*aria-label="Words per week: ([^"]*)".*?</svg>)', html, re.S)}
    assert set(people) == {"tr_be", "rev_be"}
    assert sum(_bar_values(people["tr_be"], "translated")) == words, \
        "saves and re-saves after a rejection count a segment's words once"
    assert sum(_bar_values(people["rev_be"], "reviewed")) == words
    assert sum(_bar_values(people["tr_be"], "reviewed")) == 0
