"""Saving, approving, rejecting and reverting through the API and the plain forms."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from tests.web.conftest import create_test_app, segment_ids, translation_state
from tmgr.store.db import Database
from tmgr.store.models import Revision, State

SLUG = "2024-10-28-lukashenka-negotiations"


@pytest.fixture
def seg(db: Database) -> int:
    return segment_ids(db, SLUG)[3]


def test_save_runs_qa_and_records_who(as_user, db: Database, seg: int) -> None:
    web = as_user("tr_be")
    response = web.api("PUT", f"/api/segments/{seg}/be", {"text": "Мінск  заклікае.",
                                                          "version": 1})
    assert response.status_code == 200
    body = response.get_json()
    assert body["state"] == "translated" and body["origin"] == "human"
    assert body["updated_by"] == "tr_be" and body["version"] == 2
    assert "double-space" in [f["check"] for f in body["findings"]]
    page = web.get(f"/doc/{SLUG}/be").get_data(as_text=True)
    assert 'data-check="double-space"' in page


def test_stale_save_is_refused_with_the_current_text(as_user, db: Database, seg: int) -> None:
    first, second = as_user("tr_be"), as_user("rev_be")
    assert first.api("PUT", f"/api/segments/{seg}/be",
                     {"text": "Першы варыянт.", "version": 1}).status_code == 200
    stale = second.api("PUT", f"/api/segments/{seg}/be", {"text": "Другі.", "version": 1})
    assert stale.status_code == 409
    assert stale.get_json()["current_text"] == "Першы варыянт."
    assert stale.get_json()["current_version"] == 2
    assert translation_state(db, seg, "be")[0] == "Першы варыянт."


def test_stale_form_save_shows_both_texts_and_merges(as_user, db: Database, seg: int) -> None:
    first, second = as_user("tr_be"), as_user("rev_be")
    first.api("PUT", f"/api/segments/{seg}/be", {"text": "Іх тэкст.", "version": 1})
    page = second.form(f"/doc/{SLUG}/be/segment/{seg}/save",
                       {"text": "Мой тэкст.", "version": "1"})
    html = page.get_data(as_text=True)
    assert page.status_code == 409
    assert "Іх тэкст." in html and "Мой тэкст." in html
    assert 'name="version" value="2"' in html  # the merge form is based on their version
    merged = second.form(f"/doc/{SLUG}/be/segment/{seg}/save",
                         {"text": "Іх і мой тэкст.", "version": "2"})
    assert merged.status_code == 302 and merged.headers["Location"].endswith(f"#s{seg}")
    assert translation_state(db, seg, "be")[:2] == ("Іх і мой тэкст.", State.TRANSLATED)


def test_four_eyes_and_approval(as_user, db: Database, seg: int) -> None:
    reviewer, other = as_user("rev_be"), as_user("rev2_be")
    reviewer.api("PUT", f"/api/segments/{seg}/be", {"text": "Сваё.", "version": 1})
    own = reviewer.api("POST", f"/api/segments/{seg}/be/approve", {"version": 2})
    assert own.status_code == 403 and "four-eyes" in own.get_json()["error"]
    stale = other.api("POST", f"/api/segments/{seg}/be/approve", {"version": 1})
    assert stale.status_code == 409
    done = other.api("POST", f"/api/segments/{seg}/be/approve", {"version": 2})
    assert done.status_code == 200 and done.get_json()["state"] == "approved"


def test_four_eyes_can_be_switched_off(web_env, sample_doc: str, tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "tmgr.toml"
    config.write_text("[review]\nfour_eyes = false\n", encoding="utf-8")
    monkeypatch.setenv("TMGR_CONFIG", str(config))
    app = create_test_app()
    from tests.web.conftest import Web
    from tmgr.people.users import create_user
    db = app.extensions["tmgr.database"]
    with db.transaction() as session:
        create_user(session, "solo", role="reviewer", languages=["be"],
                    password="solo-password", configured=("be", "ru"))
    web = Web(app.test_client())
    web.login("solo", "solo-password")
    seg = segment_ids(db, SLUG)[0]
    web.api("PUT", f"/api/segments/{seg}/be", {"text": "Адзін.", "version": 1})
    assert web.api("POST", f"/api/segments/{seg}/be/approve",
                   {"version": 2}).status_code == 200
    db.dispose()


def test_qa_error_blocks_approval_until_overridden(as_user, db: Database, seg: int) -> None:
    translator, reviewer = as_user("tr_be"), as_user("rev_be")
    with db.transaction() as session:
        from tmgr.store.models import Segment
        source = session.get(Segment, seg).source
    translator.api("PUT", f"/api/segments/{seg}/be", {"text": source, "version": 1})
    blocked = reviewer.api("POST", f"/api/segments/{seg}/be/approve", {"version": 2})
    assert blocked.status_code == 422
    assert blocked.get_json()["findings"][0]["check"] == "same-as-source"
    done = reviewer.api("POST", f"/api/segments/{seg}/be/approve",
                        {"version": 2, "override_reason": "a proper name, kept in English"})
    assert done.status_code == 200
    with db.transaction() as session:
        note = session.scalars(select(Revision.note).order_by(Revision.id.desc())).first()
        from tmgr.documents.ingest import get_document
        from tmgr.quality.checks import blocking_errors
        remaining = [f for f in blocking_errors(session, get_document(session, SLUG), "be")
                     if f.segment == seg]
    assert note == "QA override (same-as-source): a proper name, kept in English"
    assert remaining == [], "the override made in review also clears publishing"


def test_reject_needs_a_comment_and_shows_it(as_user, db: Database, seg: int) -> None:
    translator, reviewer = as_user("tr_be"), as_user("rev_be")
    translator.api("PUT", f"/api/segments/{seg}/be", {"text": "Слаба.", "version": 1})
    empty = reviewer.api("POST", f"/api/segments/{seg}/be/reject", {"comment": " "})
    assert empty.status_code == 422
    form = reviewer.form(f"/doc/{SLUG}/be/segment/{seg}/reject",
                         {"comment": "Terminology: use «перамовы».", "version": "2"})
    assert form.status_code == 302
    assert translation_state(db, seg, "be")[1] == State.NEEDS_EDITING
    panel = translator.get(f"/doc/{SLUG}/be/segment/{seg}/panel").get_data(as_text=True)
    assert "Terminology: use «перамовы»." in panel


def test_history_diff_and_revert(as_user, db: Database, seg: int) -> None:
    web = as_user("tr_be")
    web.api("PUT", f"/api/segments/{seg}/be", {"text": "Першая версія.", "version": 1})
    web.api("PUT", f"/api/segments/{seg}/be", {"text": "Другая версія.", "version": 2})
    data = web.get(f"/api/segments/{seg}/be").get_json()
    assert [h["text"] for h in data["history"]] == ["Другая версія.", "Першая версія."]
    assert ["delete", "Першая"] in data["history"][0]["diff"]
    first = data["history"][1]["id"]
    panel = web.get(f"/doc/{SLUG}/be/segment/{seg}/panel").get_data(as_text=True)
    assert "<del>Першая</del>" in panel and "Revert to this" in panel
    response = web.form(f"/doc/{SLUG}/be/segment/{seg}/revert",
                        {"revision": str(first), "version": "3"})
    assert response.status_code == 302
    assert translation_state(db, seg, "be")[0] == "Першая версія."


def test_panel_shows_tm_matches_and_mt_drafts(as_user, db: Database) -> None:
    from tmgr.review.translations import change_translation, get_translation

    first, second = segment_ids(db, SLUG)[1:3]
    with db.transaction() as session:
        t = get_translation(session, first, "be")
        change_translation(session, t, text="Ухвалены пераклад.", state=State.APPROVED,
                           origin="human")
        t2 = get_translation(session, second, "be")
        change_translation(session, t2, text="Машынны чарнавік.", state=State.DRAFT,
                           origin="mt:google")
        t2.mt_error = None
        from tmgr.store.models import Segment
        # make the second segment's English close to the first one's
        session.get(Segment, second).source = session.get(Segment, first).source + " Again."
    web = as_user("tr_be")
    data = web.get(f"/api/segments/{second}/be").get_json()
    assert data["mt"] == [{"origin": "mt:google", "text": "Машынны чарнавік."}]
    assert data["tm"][0]["target"] == "Ухвалены пераклад." and data["tm"][0]["score"] >= 75
    panel = web.get(f"/doc/{SLUG}/be/segment/{second}/panel").get_data(as_text=True)
    assert "MT (google)" in panel and "Ухвалены пераклад." in panel and "<ins>" in panel


def test_plain_form_save_and_approve_without_javascript(as_user, db: Database,
                                                       seg: int) -> None:
    translator, reviewer = as_user("tr_be"), as_user("rev_be")
    saved = translator.form(f"/doc/{SLUG}/be/segment/{seg}/save",
                            {"text": "Праз форму.", "version": "1"})
    assert saved.status_code == 302
    approved = reviewer.form(f"/doc/{SLUG}/be/segment/{seg}/approve", {"version": "2"})
    assert approved.status_code == 302
    assert translation_state(db, seg, "be")[1] == State.APPROVED
    page = reviewer.get(f"/doc/{SLUG}/be/read").get_data(as_text=True)
    assert '<span class="seg-read">Праз форму.</span>' in page
    assert page.count('class="seg-read unfinished') == len(segment_ids(db, SLUG)) - 1


def test_comment_and_unknown_things(as_user, db: Database, seg: int) -> None:
    web = as_user("tr_be")
    assert web.api("POST", f"/api/segments/{seg}/be/comments",
                   {"text": "Пытанне па тэрміне"}).status_code == 201
    assert "Пытанне па тэрміне" in web.get(f"/api/segments/{seg}/be").get_data(as_text=True)
    assert web.get(f"/doc/{SLUG}/xx").status_code == 404
    assert web.get("/doc/no-such-doc/be").status_code == 404
    assert web.get("/api/segments/999999/be").get_json()["status"] == 404
    assert web.api("PUT", f"/api/segments/{seg}/be", {"text": 5}).status_code == 422
    bad = web.api("PUT", f"/api/segments/{seg}/be", {"text": "x", "version": "one"})
    assert bad.status_code == 422 and "version" in bad.get_json()["error"]
    other_doc_segment = web.form(f"/doc/{SLUG}/be/segment/999999/save", {"text": "x"})
    assert other_doc_segment.status_code == 404


def test_source_markup_is_shown_as_text(as_user, db: Database, seg: int) -> None:
    from tmgr.store.models import Segment

    with db.transaction() as session:
        session.get(Segment, seg).source = 'Say <script>alert("x")</script> & <b>bold</b>'
    web = as_user("tr_be")
    for url in (f"/doc/{SLUG}/be", f"/doc/{SLUG}/be/segment/{seg}", f"/doc/{SLUG}/be/read"):
        html = web.get(url).get_data(as_text=True)
        assert "<script>alert" not in html and "&lt;script&gt;alert" in html, url


def test_a_huge_paste_is_refused_and_nothing_changes(as_user, db: Database, seg: int) -> None:
    translator = as_user("tr_be")
    pasted = "Увесь артыкул. " * 2000
    refused = translator.api("PUT", f"/api/segments/{seg}/be", {"text": pasted, "version": 1})
    assert refused.status_code == 422
    assert "looks like more than this sentence was pasted" in refused.get_json()["error"]
    with db.transaction() as session:
        from tmgr.review.translations import get_translation
        translation = get_translation(session, seg, "be")
        assert (translation.text, translation.version) == ("", 1)
