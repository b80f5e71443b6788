"""MT on request from the editor, and the post-editing figures it leads to (JSON API)."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask

from tests.mtserver import MTServer, fake_translation, running
from tests.web.conftest import Web, segment_ids
from tmgr.documents.ingest import load_document
from tmgr.drafting.analytics import mt_report
from tmgr.review.translations import change_translation
from tmgr.store.db import Database
from tmgr.store.models import PostEdit, State


@pytest.fixture
def google(monkeypatch: pytest.MonkeyPatch) -> Iterator[MTServer]:
    with running() as server:
        monkeypatch.setenv("TMGR_GOOGLE_URL", server.url("google"))
        yield server


def _approve_russian(db: Database, slug: str, texts: dict[int, str]) -> None:
    with db.transaction() as session:
        segments = load_document(session, slug).segments
        for index, text in texts.items():
            change_translation(session, segments[index].translation("ru"), text=text,
                               state=State.APPROVED, origin="human")


def _panel(web: Web, segment_id: int) -> dict[str, Any]:
    return web.get(f"/api/segments/{segment_id}/be").get_json()


def test_a_requested_suggestion_goes_to_the_panel_not_the_text_box(
        as_user: Any, db: Database, sample_doc: str, google: MTServer) -> None:
    ids = segment_ids(db, sample_doc)
    web = as_user("tr_be")
    answer = web.api("POST", f"/api/segments/{ids[0]}/be/mt", {"engine": "google"})
    assert answer.status_code == 201
    source = _panel(web, ids[0])["source"]
    assert answer.get_json()["text"] == fake_translation(source, "be")
    panel = _panel(web, ids[0])
    assert panel["translation"]["text"] == "" and panel["translation"]["state"] == "untranslated"
    assert [(s["engine"], s["text"]) for s in panel["suggestions"]] == [
        ("google", fake_translation(source, "be"))]
    html = web.get(f"/doc/{sample_doc}/be/segment/{ids[0]}/panel").get_data(as_text=True)
    assert "Request MT" in html and "MT (google)" in html
    web.api("POST", f"/api/segments/{ids[0]}/be/mt", {"engine": "google"})
    assert google.requests == 1, "asked again: the cache answers"


def test_apertium_from_approved_russian_and_offline_documents(
        as_user: Any, db: Database, sample_doc: str, google: MTServer) -> None:
    ids = segment_ids(db, sample_doc)
    web = as_user("tr_be")
    choices = web.get(f"/api/documents/{sample_doc}/be/draft").get_json()["choices"]
    values = [c["value"] for c in choices]
    assert "google" in values and "offline" not in values
    assert "apertium:ru" not in values, "no Russian is approved yet: nothing to pivot from"
    refused = web.api("POST", f"/api/segments/{ids[0]}/be/mt", {"engine": "apertium:ru"})
    assert refused.status_code == 400 and "no approved ru text" in refused.get_json()["error"]
    _approve_russian(db, sample_doc, {0: "Лукашенко выступает за переговоры с Украиной."})
    values = [c["value"] for c in web.get(f"/api/documents/{sample_doc}/be/draft")
              .get_json()["choices"]]
    assert values[0] == "apertium:ru", "the engine on this machine is the default, not google"
    panel_html = web.get(f"/doc/{sample_doc}/be/segment/{ids[1]}/panel").get_data(as_text=True)
    assert "apertium (ru→be)" not in panel_html, "segment 2 has no approved Russian"
    made = web.api("POST", f"/api/segments/{ids[0]}/be/mt", {"engine": "apertium:ru"})
    assert made.status_code == 201 and made.get_json()["origin"] == "mt:apertium via ru"
    assert "Украінай" in made.get_json()["text"] and "*" not in made.get_json()["text"]
    with db.transaction() as session:
        load_document(session, sample_doc).no_external_mt = True
    values = [c["value"] for c in web.get(f"/api/documents/{sample_doc}/be/draft")
              .get_json()["choices"]]
    assert values == ["apertium:ru"], "external engines are not offered"
    blocked = web.api("POST", f"/api/segments/{ids[1]}/be/mt", {"engine": "google"})
    assert blocked.status_code == 400 and google.requests == 0


def test_taking_a_suggestion_editing_and_approving_is_measured(
        as_user: Any, db: Database, sample_doc: str, google: MTServer) -> None:
    ids = segment_ids(db, sample_doc)
    translator, reviewer = as_user("tr_be"), as_user("rev_be")
    draft = translator.api("POST", f"/api/segments/{ids[0]}/be/mt",
                           {"engine": "google"}).get_json()["text"]
    final = draft.replace("be: ", "").strip()
    saved = translator.api("PUT", f"/api/segments/{ids[0]}/be",
                           {"text": final, "version": 1, "seconds": 42.5,
                            "suggestion": {"engine": "google", "source_lang": "en"}})
    assert saved.status_code == 200
    version = saved.get_json()["version"]
    assert reviewer.api("POST", f"/api/segments/{ids[0]}/be/approve",
                        {"version": version, "override_reason": "a test sentence"}
                        ).status_code == 200
    with db.transaction() as session:
        rows = mt_report(session, by="translator")
        record = session.query(PostEdit).one()
        assert record.draft_text == draft and record.final_text == final
    assert rows == [{"engine": "google", "lang": "be", "translator": "tr_be", "segments": 1,
                     "words": rows[0]["words"], "unchanged": 0.0,
                     "edit_distance": rows[0]["edit_distance"], "chrf": rows[0]["chrf"],
                     "seconds_per_word": round(42.5 / rows[0]["words"], 2)}]
    assert 0 < rows[0]["edit_distance"] < 20 and 50 < rows[0]["chrf"] < 100


def test_an_implausible_time_is_not_counted_and_a_human_save_clears_the_mt_error(
        as_user: Any, db: Database, sample_doc: str) -> None:
    ids = segment_ids(db, sample_doc)
    with db.transaction() as session:
        translation = load_document(session, sample_doc).segments[0].translation("be")
        translation.mt_error = "unavailable: google unreachable (connection refused)"
        session.flush()
        version = translation.version
    web = as_user("tr_be")
    saved = web.api("PUT", f"/api/segments/{ids[0]}/be",
                    {"text": "Лукашэнка за перамовы", "seconds": 86400 * 3, "version": version})
    assert saved.status_code == 200 and saved.get_json()["mt_error"] is None
    bad = web.api("PUT", f"/api/segments/{ids[0]}/be",
                  {"text": "x", "seconds": "long", "version": saved.get_json()["version"]})
    assert bad.status_code == 422


def test_drafting_a_document_runs_in_the_background_once_at_a_time(
        as_user: Any, app: Flask, db: Database, sample_doc: str) -> None:
    with running(latency=0.05) as server:
        import os
        os.environ["TMGR_GOOGLE_URL"] = server.url("google")
        try:
            web = as_user("tr_be")
            started = web.api("POST", f"/api/documents/{sample_doc}/be/draft",
                              {"engine": "google"})
            assert started.status_code == 202 and started.get_json()["running"] is True
            first = web.get(f"/api/documents/{sample_doc}/be/draft").get_json()
            assert first["run_id"] == started.get_json()["run_id"] is not None
            assert first["state"] in ("queued", "running") or first["summary"]["drafted"] > 0
            again = web.api("POST", f"/api/documents/{sample_doc}/be/draft",
                            {"engine": "google"})
            assert again.status_code == 400 and "drafted already" in again.get_json()["error"]
            deadline = time.monotonic() + 60
            status = started.get_json()
            seen_progress = False
            while time.monotonic() < deadline:
                status = web.get(f"/api/documents/{sample_doc}/be/draft").get_json()
                seen_progress |= 0 < status["done"] < status["total"]
                if not status["running"] and status["summary"]:
                    break
                time.sleep(0.05)
        finally:
            del os.environ["TMGR_GOOGLE_URL"]
        texts = [(a.target, a.text) for a in server.asked]
    assert status["running"] is False and status["started_by"] == "tr_be"
    assert status["summary"]["from_engine"] == status["total"] > 0
    assert len(texts) == len(set(texts)) and {t for t, _ in texts} == {"be"}
    assert seen_progress or status["total"] <= 50
    rows = web.get(f"/api/documents/{sample_doc}/be/segments").get_json()
    assert all(r["translation"]["state"] == "draft" for r in rows)
    assert json.dumps(status).count("TMGR") == 0


def test_an_engine_that_is_down_fails_fast_and_says_so_once(
        as_user: Any, db: Database, sample_doc: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TMGR_GOOGLE_URL", "http://127.0.0.1:9/")  # nothing listens there
    ids = segment_ids(db, sample_doc)
    web = as_user("tr_be")
    first = web.api("POST", f"/api/segments/{ids[0]}/be/mt", {"engine": "google"})
    assert first.status_code >= 400 and "google" in first.get_json()["error"]
    choices = web.get(f"/api/documents/{sample_doc}/be/draft").get_json()["choices"]
    google = next(c for c in choices if c["value"] == "google")
    assert google["down"] and choices[-1]["value"] == "google", "shown as down, offered last"
    html = web.get(f"/doc/{sample_doc}/be/segment/{ids[1]}/panel").get_data(as_text=True)
    assert "not answering" in html
    second = web.api("POST", f"/api/segments/{ids[1]}/be/mt", {"engine": "google"})
    assert second.status_code >= 400 and "stopped calling google" in second.get_json()["hint"]
