"""The desk in the web UI: assignments, My work, dashboard and CSV, notifications, locks."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

from tests.deskservers import smtp_server
from tests.web.conftest import segment_ids
from tmgr.people.users import get_user
from tmgr.review import actions as review


def _assign(client, slug: str, **fields: str):  # type: ignore[no-untyped-def]
    data = {"lang": "be", "translator": "", "reviewer": "", "translation_due": "",
            "review_due": "", "publication_due": "", **fields}
    return client.form(f"/documents/{slug}/assign", data, page=f"/documents/{slug}/assign")


def test_editor_assigns_from_the_document_page(as_user, sample_doc, db) -> None:
    editor = as_user("editor")
    page = editor.get(f"/documents/{sample_doc}/assign").get_data(as_text=True)
    assert 'name="translator"' in page and "tr_be" in page and "tr_ru" not in page.split(
        'id="lang-ru"')[0]
    soon = (date.today() + timedelta(days=3)).isoformat()
    response = _assign(editor, sample_doc, translator="tr_be", reviewer="rev_be",
                       translation_due=soon)
    assert response.status_code == 302
    page = editor.get(f"/documents/{sample_doc}/assign").get_data(as_text=True)
    assert "Assignment saved." in page
    assert '<option selected>tr_be</option>' in page
    assert f'value="{soon}"' in page


def test_past_dates_warn_and_bad_input_is_one_line(as_user, sample_doc) -> None:
    editor = as_user("editor")
    _assign(editor, sample_doc, translator="tr_be", translation_due="2020-01-05")
    page = editor.get(f"/documents/{sample_doc}/assign").get_data(as_text=True)
    assert "2020-01-05 is in the past" in page and "overdue" in page
    bad = _assign(editor, sample_doc, translator="rev_be", reviewer="tr_be")
    assert bad.status_code == 422
    assert "tr_be (translator) cannot approve in be" in bad.get_data(as_text=True)
    bad = _assign(editor, sample_doc, translation_due="05/01/2020")
    assert bad.status_code == 422 and "not a date" in bad.get_data(as_text=True)


def test_translators_may_not_assign(as_user, sample_doc) -> None:
    response = _assign(as_user("tr_be"), sample_doc, translator="tr_be")
    assert response.status_code == 403
    assert as_user("tr_be").get("/dashboard").status_code == 403


def test_my_work_on_the_start_page_in_due_date_order(as_user, sample_doc, db, tmgr) -> None:
    editor = as_user("editor")
    _assign(editor, sample_doc, translator="tr_be", translation_due="2099-03-01")
    tmgr("ingest", "tests/data/sources/2024-10-14-crossings.txt")
    _assign(editor, "2024-10-14-crossings", translator="tr_be",
            translation_due="2099-02-01")
    home = as_user("tr_be").get("/").get_data(as_text=True)
    work = home.split('id="my-work"')[1].split("</section>")[0]
    assert work.index("2024-10-14-crossings") < work.index(sample_doc)
    assert "to translate" in work
    assert "Nothing is waiting for you." in as_user("tr_ru").get("/").get_data(as_text=True)


def test_rejected_work_comes_back_to_its_author(as_user, sample_doc, db) -> None:
    first = segment_ids(db, sample_doc)[0]
    with db.transaction() as session:
        review.save(session, get_user(session, "tr_be"), first, "be", text="Тэкст.",
                    expected_version=None)
    with db.transaction() as session:
        review.reject(session, get_user(session, "rev_be"), first, "be",
                      expected_version=None, comment="Please recheck, @editor.")
    translator = as_user("tr_be")
    home = translator.get("/").get_data(as_text=True)
    assert 'data-task="fix"' in home and "sent back to you" in home
    assert 'id="unread-count"' in home  # the rejection is an unread notification
    page = translator.get("/notifications").get_data(as_text=True)
    assert "Please recheck" in page and 'class="notification unread"' in page
    translator.form("/notifications/read", {}, page="/notifications")
    assert 'id="unread-count"' not in translator.get("/").get_data(as_text=True)
    editor_notes = as_user("editor").get("/notifications").get_data(as_text=True)
    assert "mentioned you" in editor_notes


def test_account_page_sets_email_and_choices(as_user, sample_doc, db,
                                             monkeypatch) -> None:
    translator = as_user("tr_be")
    assert "/account/notifications" in translator.get("/account").get_data(as_text=True)
    translator.form("/account/notifications", {"email": "tr@example.org",
                                               "kind": ["assigned"]},
                    page="/account/notifications")
    page = translator.get("/account/notifications").get_data(as_text=True)
    assert 'value="tr@example.org"' in page
    assert 'value="assigned" checked' in page and 'value="rejected" checked' not in page
    bad = translator.form("/account/notifications", {"email": "nope"},
                          page="/account/notifications")
    assert bad.status_code == 400 and "not an e-mail address" in bad.get_data(as_text=True)
    with smtp_server() as smtp:
        monkeypatch.setenv("TMGR_SMTP_URL", smtp.url)
        editor = as_user("editor")
        _assign(editor, sample_doc, translator="tr_be")
        (to, mail), = smtp.wait_for(1)  # sent by the app's worker after the commit
    assert to == ["tr@example.org"] and "assigned to you" in mail["Subject"]


def test_dashboard_rows_charts_and_csv(as_user, sample_doc, db) -> None:
    editor = as_user("editor")
    _assign(editor, sample_doc, translator="tr_be", reviewer="rev_be",
            translation_due="2020-01-01")
    ids = segment_ids(db, sample_doc)
    with db.transaction() as session:
        for segment_id in ids[:3]:
            review.save(session, get_user(session, "tr_be"), segment_id, "be",
                        text="Тэкст.", expected_version=None)
        review.reject(session, get_user(session, "rev_be"), ids[0], "be",
                      expected_version=None, comment="No.")
    page = editor.get("/dashboard").get_data(as_text=True)
    assert page.count("<svg") >= 4  # burn-down, backlog, QA, and one per person
    assert "<script" not in page.split("<main")[1]
    assert "1 overdue" in page
    row = page.split(f'data-slug="{sample_doc}" data-lang="be"')[1].split("</tr>")[0]
    assert "tr_be" in row and "rev_be" in row and "overdue" in row
    late = editor.get("/dashboard?show=late").get_data(as_text=True)
    assert f'data-slug="{sample_doc}" data-lang="ru"' not in late
    table = list(csv.DictReader(io.StringIO(
        editor.get("/dashboard.csv").get_data(as_text=True).lstrip("\ufeff"))))
    be = next(r for r in table if r["lang"] == "be")
    assert (be["translator"], be["overdue"], be["stage"]) == ("tr_be", "1", "translation")
    words = list(csv.DictReader(io.StringIO(
        editor.get("/dashboard/words.csv").get_data(as_text=True).lstrip("\ufeff"))))
    assert sum(int(r["translated"]) for r in words if r["user"] == "tr_be") > 0
    quality = list(csv.DictReader(io.StringIO(
        editor.get("/dashboard/quality.csv").get_data(as_text=True).lstrip("\ufeff"))))
    assert sum(int(r["rejections"]) for r in quality) == 1
    burndown = editor.get(f"/dashboard/burndown.csv?doc={sample_doc}").get_data(as_text=True)
    assert burndown.splitlines()[0].lstrip("\ufeff") == \
        "date,words_not_translated,words_not_approved"
    assert editor.get("/dashboard/nothing.csv").status_code == 404


def test_dashboard_speaks_belarusian_and_russian(as_user, sample_doc) -> None:
    editor = as_user("editor")
    for ui, word in (("be", "Панэль"), ("ru", "Панель")):
        editor.form("/ui-language", {"ui_lang": ui, "next": "/dashboard"})
        page = editor.get("/dashboard").get_data(as_text=True)
        assert word in page, ui
        assert "Words per week" not in page and "Review backlog" not in page


def test_soft_lock_is_visible_to_others_and_never_blocks(as_user, sample_doc, db) -> None:
    first = segment_ids(db, sample_doc)[0]
    mine, theirs = as_user("tr_be"), as_user("rev_be")
    held = mine.api("POST", f"/api/segments/{first}/be/editing")
    assert held.status_code == 200 and held.get_json()["editing"] == []
    assert theirs.api("POST", f"/api/segments/{first}/be/editing").get_json()["editing"] \
        == ["tr_be"]
    seen = theirs.get(f"/api/documents/{sample_doc}/be/editing").get_json()["editing"]
    assert seen == {str(first): ["tr_be"]}
    saved = theirs.api("PUT", f"/api/segments/{first}/be", {"text": "Мой.", "version": 1})
    assert saved.status_code == 200  # a soft lock never blocks a save
    mine.api("DELETE", f"/api/segments/{first}/be/editing")
    assert theirs.get(f"/api/documents/{sample_doc}/be/editing").get_json()["editing"] == {}
    assert as_user("tr_ru").api("POST", f"/api/segments/{first}/be/editing").status_code \
        == 403


def test_exporting_final_texts_on_the_export_page_publishes(as_user, sample_doc, db,
                                                            tmgr) -> None:
    import json

    ids = segment_ids(db, sample_doc)
    with db.transaction() as session:
        for segment_id in ids:
            review.save(session, get_user(session, "tr_be"), segment_id, "be",
                        text=f"Тэкст {segment_id}.", expected_version=None)
    with db.transaction() as session:
        for segment_id in ids:
            review.approve(session, get_user(session, "rev_be"), segment_id, "be",
                           expected_version=None, policy=review.ReviewPolicy(),
                           override_reason="checked")
    publisher = as_user("publisher")
    assert "ready to publish" in publisher.get("/notifications").get_data(as_text=True)
    start = publisher.get("/").get_data(as_text=True)
    assert 'data-task="publish"' in start and "Nothing is waiting for you." not in start
    response = publisher.form("/export", {"slug": sample_doc, "lang": "be",
                                          "format": "txt"}, page="/export")
    assert response.status_code == 200
    assert 'data-task="publish"' not in publisher.get("/").get_data(as_text=True), "done"
    row = json.loads(tmgr("status", sample_doc, "--lang", "be", "--json").output)[0]
    assert row["stage"] == "published" and row["overdue"] is False


def test_mail_server_down_the_web_change_stands_and_admins_see_why(
        as_user, sample_doc, db, monkeypatch) -> None:
    import time

    from tests.deskservers import free_port
    from tmgr.people import notifications as notify

    with db.transaction() as session:
        notify.set_preferences(session, get_user(session, "tr_be"), email="tr@example.org")
    monkeypatch.setenv("TMGR_SMTP_URL", f"smtp://127.0.0.1:{free_port()}")
    response = _assign(as_user("editor"), sample_doc, translator="tr_be")
    assert response.status_code == 302  # answered at once, whatever the mail server does
    admin = as_user("admin")
    deadline = time.monotonic() + 30
    page = ""
    while time.monotonic() < deadline and "connection refused" not in page:
        page = admin.get("/admin/outbox").get_data(as_text=True)
        time.sleep(0.1)
    assert "tr@example.org" in page and "connection refused" in page
    assert "<option selected>tr_be</option>" in as_user("editor").get(
        f"/documents/{sample_doc}/assign").get_data(as_text=True).split('id="lang-be"')[1]
    assert as_user("editor").get("/admin/outbox").status_code == 403
