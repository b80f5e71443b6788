"""Structured review: a rejection names its MQM category and severity; the dashboard and
the post-editing report count them per translator and per engine."""

from __future__ import annotations

from typing import Any

from tests.web.conftest import segment_ids
from tmgr.store.db import Database


def test_a_rejection_with_category_and_severity_is_counted(
        as_user: Any, db: Database, sample_doc: str) -> None:
    ids = segment_ids(db, sample_doc)
    translator, reviewer = as_user("tr_be"), as_user("rev_be")
    for segment_id in ids[:3]:
        saved = translator.api("PUT", f"/api/segments/{segment_id}/be",
                               {"text": "Мінск.", "version": 1})
        assert saved.status_code == 200
    for segment_id, severity in zip(ids[:2], ("minor", "major"), strict=True):
        answer = reviewer.api("POST", f"/api/segments/{segment_id}/be/reject",
                              {"version": 2, "comment": "Не той сэнс.",
                               "category": "accuracy", "severity": severity})
        assert answer.status_code == 200, answer.get_json()
    bad = reviewer.api("POST", f"/api/segments/{ids[2]}/be/reject",
                       {"version": 2, "comment": "Не той сэнс.", "category": "grammar",
                        "severity": "minor"})
    assert bad.status_code == 422 and "accuracy" in bad.get_json()["hint"]
    editor = as_user("admin")
    for url in ("/dashboard", "/reports/mt"):
        html = editor.get(url).get_data(as_text=True)
        assert 'data-who="tr_be" data-category="accuracy" data-severity="major"' in html, url
        assert 'data-who="tr_be" data-category="accuracy" data-severity="minor"' in html, url
    page = reviewer.get(f"/doc/{sample_doc}/be").get_data(as_text=True)
    assert 'id="reject-dialog"' in page and 'name="category"' in page
