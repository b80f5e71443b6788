"""Approve all that a filter shows: four-eyes and QA still hold, each refusal says why."""

from __future__ import annotations

import threading
from typing import Any

from tests.browser.test_editor_pro import BELARUSIAN
from tests.web.conftest import segment_ids
from tmgr.people.users import get_user
from tmgr.review import actions as review
from tmgr.review.translations import get_translation
from tmgr.store.db import Database
from tmgr.store.models import State


def test_approve_all_shown_skips_own_work_qa_errors_and_the_unfinished(
        as_user: Any, db: Database, sample_doc: str) -> None:
    ids = segment_ids(db, sample_doc)
    translator, reviewer = as_user("tr_be"), as_user("rev_be")
    for segment_id, text in zip(ids[:3], BELARUSIAN, strict=False):
        translator.api("PUT", f"/api/segments/{segment_id}/be", {"text": text, "version": 1})
    translator.api("PUT", f"/api/segments/{ids[3]}/be",
                   {"text": BELARUSIAN[3].replace("Мінск", "Мiнск"), "version": 1})  # Latin i
    reviewer.api("PUT", f"/api/segments/{ids[4]}/be", {"text": BELARUSIAN[4], "version": 1})
    shown = ids[:6]
    answer = reviewer.api("POST", f"/api/documents/{sample_doc}/be/approve",
                          {"segment_ids": shown})
    assert answer.status_code == 200, answer.get_json()
    data = answer.get_json()
    assert data["approved"] == ids[:3]
    skipped = {s["segment"]: s["reason"] for s in data["skipped"]}
    assert set(skipped) == {ids[3], ids[4], ids[5]}
    assert "four-eyes" in skipped[ids[4]] and "QA" in skipped[ids[3]]
    again = reviewer.api("POST", f"/api/documents/{sample_doc}/be/approve",
                         {"segment_ids": shown})  # a second reviewer's click, or a repeat
    assert again.get_json()["approved"] == []
    with db.transaction() as session:
        assert [get_translation(session, i, "be").state.value for i in ids[:6]] == \
            ["approved"] * 3 + ["translated"] * 2 + ["untranslated"]
    refused = reviewer.api("POST", f"/api/documents/{sample_doc}/be/approve",
                           {"segment_ids": "all"})
    assert refused.status_code == 422 and "segment_ids" in refused.get_json()["error"]
    assert translator.api("POST", f"/api/documents/{sample_doc}/be/approve",
                          {"segment_ids": shown}).status_code == 403


def test_two_reviewers_bulk_approving_at_once_approve_each_segment_once(
        as_user: Any, db: Database, sample_doc: str) -> None:
    ids = segment_ids(db, sample_doc)[:5]
    with db.transaction() as session:
        translator = get_user(session, "tr_be")
        for segment_id, text in zip(ids, BELARUSIAN, strict=False):
            review.save(session, translator, segment_id, "be", text=text,
                        expected_version=None)
    reviewers = [as_user("rev_be"), as_user("rev2_be")]
    start = threading.Barrier(2)
    answers: list[Any] = [None, None]

    def approve(number: int) -> None:
        start.wait()
        answers[number] = reviewers[number].api(
            "POST", f"/api/documents/{sample_doc}/be/approve", {"segment_ids": ids})

    threads = [threading.Thread(target=approve, args=(n,)) for n in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [a.status_code for a in answers] == [200, 200]
    approved = [a.get_json()["approved"] for a in answers]
    assert sorted(approved[0] + approved[1]) == ids, "each segment approved exactly once"
    with db.transaction() as session:
        for segment_id in ids:
            translation = get_translation(session, segment_id, "be")
            assert translation.state is State.APPROVED
            approvals = [r for r in translation.revisions if r.new_state is State.APPROVED]
            assert len(approvals) == 1
            assert approvals[0].user_id != translation.author_id, "four-eyes held"
