"""The documents page and API show the `tmgr status` figures; deadlines; export; admin."""

from __future__ import annotations

import json
import re

from tests.conftest import Tmgr
from tests.web.conftest import segment_ids
from tmgr.people.users import get_user
from tmgr.review import actions as review
from tmgr.store.db import Database

SLUG = "2024-10-28-lukashenka-negotiations"


def test_same_numbers_as_tmgr_status(as_user, db: Database, tmgr: Tmgr) -> None:
    ids = segment_ids(db, SLUG)
    with db.transaction() as session:
        for sid in ids[:4]:
            review.save(session, get_user(session, "tr_be"), sid, "be", text="Тэкст перакладу.",
                        expected_version=None)
        review.approve(session, get_user(session, "rev_be"), ids[0], "be",
                       expected_version=None, policy=review.ReviewPolicy())
    status = json.loads(tmgr("status", "--json").stdout)
    web = as_user("editor")
    page = web.get("/api/documents").get_json()
    assert page["next"] is None  # one page holds the one document
    api = page["documents"]
    assert {lang: p for d in api for lang, p in d["progress"].items()} == \
        {row["lang"]: row for row in status}
    html = web.get("/").get_data(as_text=True)
    be = next(row for row in status if row["lang"] == "be")
    figures = html[html.index('<span class="figures" data-lang="be">'):]
    figures = figures[:figures.index('<span class="links">')]
    assert f'<strong class="pct">{be["percent_approved"]:.0f}%</strong>' in figures
    for state in ("approved", "translated", "untranslated"):
        assert f'data-state="{state}">{be["segments"][state]}</span>' in figures


def test_filter_sort_and_deadline(as_user, tmgr: Tmgr) -> None:
    from tests.conftest import DATA

    tmgr("ingest", str(DATA / "sources" / "2024-10-14-crossings.txt"))
    web = as_user("editor")
    assert web.get("/?q=crossing").get_data(True).count('<tr data-slug=') == 1
    assert web.get("/?q=nothing-like-this").get_data(True).count('<tr data-slug=') == 0
    set_it = web.form(f"/documents/{SLUG}/deadline", {"deadline": "2024-11-04"})
    assert set_it.status_code == 302
    rows = re.findall(r'<tr data-slug="([^"]+)"', web.get("/?sort=deadline").get_data(True))
    assert rows[0] == SLUG
    bad = web.form(f"/documents/{SLUG}/deadline", {"deadline": "next week"})
    assert bad.status_code == 422 and "YYYY-MM-DD" in bad.get_data(True)
    translator = as_user("tr_be")
    assert translator.form(f"/documents/{SLUG}/deadline",
                           {"deadline": "2024-11-01"}).status_code == 403


def test_export_is_publishers_only_and_refuses_unapproved_text(as_user) -> None:
    publisher = as_user("publisher")
    page = publisher.get("/export")
    assert page.status_code == 200 and SLUG in page.get_data(True)
    response = publisher.form("/export", {"slug": SLUG, "lang": "be"})
    page = response.get_data(True)
    assert response.status_code == 409 and "Not ready to publish" in page
    assert f'href="/doc/{SLUG}/be#s' in page and "Segment 1</a>: not approved yet" in page
    assert 'name="allow_partial"' in page  # the marked draft is one tick away
    assert "--allow-partial" not in page and "Changed by someone else" not in page
    assert as_user("tr_be").get("/export").status_code == 403
    assert as_user("tr_be").form("/export", {"slug": SLUG, "lang": "be"}).status_code == 403


def test_export_downloads_one_file_or_a_zip(as_user) -> None:
    import io
    import zipfile

    publisher = as_user("publisher")
    draft = publisher.form("/export", {"slug": SLUG, "lang": "be", "format": "txt",
                                       "allow_partial": "1"})
    assert draft.status_code == 200
    assert "attachment" in draft.headers["Content-Disposition"]
    assert f"{SLUG}.be.draft.txt" in draft.headers["Content-Disposition"], "names its language"
    assert "⟦" in draft.get_data(True), "gaps are marked in a partial export"
    both = publisher.form("/export", {"slug": SLUG, "lang": ["be", "ru"],
                                      "format": ["po", "xliff"]})
    assert both.status_code == 200 and both.mimetype == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(both.data)).namelist()
    assert len(names) == 4 and all(n.endswith((".po", ".xlf")) for n in names)
    none = publisher.form("/export", {"lang": "be"})
    assert none.status_code == 400 and "at least one document" in none.get_data(True)


def test_admin_manages_accounts(as_user) -> None:
    admin = as_user("admin")
    page = admin.get("/admin/users").get_data(True)
    assert "rev2_be" in page
    made = admin.form("/admin/users", {"name": "nina", "role": "reviewer", "languages": "ru",
                                       "password": "nina-password"})
    assert made.status_code == 302
    assert as_user("nina", "nina-password").get("/api/me").get_json()["languages"] == ["ru"]
    dup = admin.form("/admin/users", {"name": "nina", "role": "reviewer",
                                      "password": "nina-password"})
    assert dup.status_code == 422 and "already exists" in dup.get_data(True)
    self_disable = admin.form("/admin/users/admin", {"role": "admin"})
    assert self_disable.status_code == 422
    assert as_user("editor").get("/admin/users").status_code == 403


def test_editors_see_ingest_warnings_and_fix_metadata_from_the_document_page(
        as_user, tmgr: Tmgr, tmp_path) -> None:
    page = tmp_path / "2024-11-11-untitled.txt"
    page.write_text("by\nNovember 11 – November 17, 2024\nEconomy\n\nBanks Tighten Lending\n\n"
                    "The situation is unclear\nBanks Tighten Lending\n\n"
                    "The National Bank raised reserve requirements for commercial banks.\n",
                    encoding="utf-8")
    tmgr("ingest", str(page))
    slug = page.stem
    editor = as_user("editor")
    html = editor.get(f"/documents/{slug}").get_data(True)
    assert "Ingest warnings" in html
    assert "new status line wording: &#39;The situation is unclear&#39;" in html
    assert "Source history" in html and 'name="status_line"' in html
    saved = editor.form(f"/documents/{slug}/metadata",
                        {"title": "Banks Tighten Lending", "section": "Economy",
                         "week": "November 11 – November 17, 2024",
                         "status_line": "The situation has worsened"}, page=f"/documents/{slug}")
    assert saved.status_code == 302
    doc = json.loads(tmgr("show", slug, "--json").stdout)
    assert doc["status_line"] == "The situation has worsened"
    assert doc["edited_fields"] == ["status_line"]
    assert "new status line wording" not in editor.get(f"/documents/{slug}").get_data(True)
    bad = editor.form(f"/documents/{slug}/metadata", {"week": "sometime"},
                      page=f"/documents/{slug}")
    assert bad.status_code == 422 and "not a week range" in bad.get_data(True)
    translator = as_user("tr_be")
    assert 'name="status_line"' not in translator.get(f"/documents/{slug}").get_data(True)
    refused = translator.form(f"/documents/{slug}/metadata", {"title": "Mine"},
                              page=f"/documents/{slug}")
    assert refused.status_code == 403
    assert json.loads(tmgr("show", slug, "--json").stdout)["title"] == "Banks Tighten Lending"


def test_the_document_page_speaks_belarusian(as_user) -> None:
    editor = as_user("editor")
    html = editor.client.get(f"/documents/{SLUG}",
                             headers={"Accept-Language": "be"}).get_data(True)
    assert "Гісторыя арыгінала" in html and "Версія 1" in html


def test_the_editor_panel_diffs_against_the_english_that_was_translated(
        as_user, tmgr: Tmgr, db: Database, tmp_path) -> None:
    from tests.test_source_revisions import HEADER, P1, P2, approve_all

    path = tmp_path / "fuel.txt"
    path.write_text(HEADER + f"{P1}\n\n{P2}\n", encoding="utf-8")
    tmgr("ingest", str(path))
    approve_all(db, "fuel")
    second = P2.replace("exchange rate", "weak exchange rate")
    third = second.replace("Russian oil", "imported Russian oil")
    for text in (second, third):
        path.write_text(HEADER + f"{P1}\n\n{text}\n", encoding="utf-8")
        tmgr("ingest", "--replace", str(path))
    doc = json.loads(tmgr("show", "fuel", "--json").stdout)
    segment = next(s for b in doc["blocks"] for s in b["segments"] if s["source"] == third)
    html = as_user("rev_be").get(f"/doc/fuel/be/segment/{segment['id']}").get_data(True)
    assert "The English sentence changed" in html
    assert "Changed since the version that was translated" in html
    api = as_user("rev_be").get(f"/api/segments/{segment['id']}/be").get_json()
    assert api["source_basis"] == P2 and api["previous_source"] == second
    inserted = [text.strip() for op, text in api["basis_diff"] if op == "insert"]
    assert inserted == ["weak", "imported"]
