"""Adding a commentary in the browser: the reading shown first, fixes, the revision diff,
bad input refused with nothing stored, two editors adding the same text at once."""

from __future__ import annotations

import io
import re
from typing import Any
from urllib.parse import urlencode

from tmgr.documents.ingest import load_document
from tmgr.store.db import Database
from tmgr.store.models import Document, SourceRevision

POTASH = """by
November 11 – 17, 2024
Economy

Minsk Looks for New Potash Routes as Baltic Ports Stay Closed

The situation is getting worse
Minsk Looks for New Potash Routes as Baltic Ports Stay Closed

Belarusian potash producers continue to search for ways around the closed Lithuanian port. \
The government says rail deliveries through Russia have grown by a third this autumn. \
Officials admit that the longer route raises costs for every shipment.

Independent economists doubt the official figures. They note that export revenue fell \
for the fourth month in a row.
"""
SLUG = "2024-11-11-potash-routes"


def upload(client: Any, text: str | bytes, name: str = SLUG + ".txt") -> Any:
    """Post the file as the browser does (the body built here: the test client spools
    big bodies to a temporary file it never closes)."""
    raw = text.encode("utf-8") if isinstance(text, str) else text
    token = client.token("/commentaries/add")
    boundary = "----tmgr-test-boundary"
    body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n"
            f"{token}\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; "
            f"filename=\"{name}\"\r\nContent-Type: text/plain\r\n\r\n").encode() + raw + \
        f"\r\n--{boundary}--\r\n".encode()
    return client.client.post("/commentaries/add/preview", input_stream=io.BytesIO(body),
                              content_length=len(body),
                              content_type=f"multipart/form-data; boundary={boundary}")


def hidden(html: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', html)
    assert found, f"no field {name}"
    return found.group(1)


def confirm(client: Any, preview_html: str, **fields: str) -> Any:
    data = {name: hidden(preview_html, name) for name in ("token", "name", "expected")}
    for name in ("title", "section", "week", "status_line"):
        found = re.search(rf'name="{name}" value="([^"]*)"', preview_html)
        data[name] = fields.get(name, found.group(1) if found else "")
    return client.form("/commentaries/add/confirm", data, page="/commentaries/add")


def documents(db: Database) -> list[str]:
    with db.transaction() as session:
        return sorted(d.slug for d in session.query(Document))


def test_upload_shows_the_reading_and_stores_nothing(as_user: Any, db: Database) -> None:
    before = documents(db)
    page = upload(as_user("editor"), POTASH)
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "title-repeat" in html and "the headline printed again" in html
    assert "week range" in html and "known section" in html
    assert "They note that export revenue fell for the fourth month in a row." in html
    assert "new status line wording" in html  # the warning
    assert 'value="Minsk Looks for New Potash Routes as Baltic Ports Stay Closed"' in html
    assert documents(db) == before


def test_add_with_a_fixed_title_keeps_the_fix(as_user: Any, db: Database) -> None:
    editor = as_user("editor")
    html = upload(editor, POTASH).get_data(as_text=True)
    done = confirm(editor, html, title="Minsk Seeks New Potash Routes")
    assert done.status_code == 302 and done.headers["Location"].endswith(f"/documents/{SLUG}")
    with db.transaction() as session:
        document = load_document(session, SLUG)
        assert document.title == "Minsk Seeks New Potash Routes"
        assert document.section == "Economy"
        assert document.week_start is not None and document.week_start.day == 11
        assert "title" in (document.edited_fields or "")
        assert document.segments[0].source == "Minsk Seeks New Potash Routes"
        assert len(document.segments) == 6
        assert {t.lang for t in document.segments[0].translations} == {"be", "ru"}
    assert "Minsk Seeks New Potash Routes" in editor.get("/").get_data(as_text=True)


def test_a_corrected_version_shows_the_revision_diff(as_user: Any, db: Database) -> None:
    editor = as_user("editor")
    confirm(editor, upload(editor, POTASH).get_data(as_text=True))
    corrected = POTASH.replace(
        "They note that export revenue fell for the fourth month in a row.",
        "They note that export revenue fell for the fifth month in a row.").replace(
        "Officials admit that the longer route raises costs for every shipment.", "")
    page = upload(editor, corrected)
    html = page.get_data(as_text=True)
    assert "already stored (source revision 1)" in html
    assert 'id="revision-diff"' in html
    assert "Officials admit that the longer route raises costs" in html.split(
        'class="diff-removed"')[1]
    with db.transaction() as session:
        assert session.query(SourceRevision).join(Document).filter(
            Document.slug == SLUG).count() == 1
    assert confirm(editor, html).status_code == 302
    with db.transaction() as session:
        assert session.query(SourceRevision).join(Document).filter(
            Document.slug == SLUG).count() == 2


def test_two_editors_adding_the_same_commentary(as_user: Any, db: Database) -> None:
    first, second = as_user("editor"), as_user("admin")
    first_page = upload(first, POTASH).get_data(as_text=True)
    second_page = upload(second, POTASH.replace("a third", "a quarter")).get_data(as_text=True)
    assert confirm(first, first_page).status_code == 302
    late = confirm(second, second_page)
    assert late.status_code == 409
    assert "someone else added or changed" in late.get_data(as_text=True)
    with db.transaction() as session:
        text = " ".join(s.source for s in load_document(session, SLUG).segments)
    assert "a third" in text and "a quarter" not in text


def test_paste_is_read_like_a_file(as_user: Any, db: Database) -> None:
    editor = as_user("editor")
    page = editor.form("/commentaries/add/preview",
                       {"slug": SLUG, "kind": "txt", "text": POTASH}, page="/commentaries/add")
    assert page.status_code == 200
    assert confirm(editor, page.get_data(as_text=True)).status_code == 302
    assert SLUG in documents(db)


def refused(page: Any, status: int, *needles: str) -> str:
    html = page.get_data(as_text=True)
    assert page.status_code == status, html
    assert 'id="add-error"' in html or "error" in html
    for needle in needles:
        assert needle in html, needle
    assert "Traceback" not in html
    return html


def test_bad_input_is_refused_and_nothing_stored(as_user: Any, db: Database) -> None:
    editor = as_user("editor")
    before = documents(db)
    refused(upload(editor, b"x" * (2 * 1024 * 1024 + 10)),
            413, "the limit is 2 MB")
    refused(upload(editor, POTASH.replace("–", "-").replace("Baltic", "Baltic café")
                    .encode("latin-1")), 422,
            "not UTF-8")
    refused(upload(editor, b"\x00\x01\x02PK\x03\x04" * 200, name=SLUG + ".txt"), 422,
            "binary file")
    refused(upload(editor, POTASH, name="report.docx"), 422, "not a commentary file")
    refused(upload(editor, "by\nNovember 11 – 17, 2024\nEconomy\n"), 422,
            "no commentary text found")
    body = urlencode({"csrf_token": editor.token("/commentaries/add"), "slug": SLUG,
                      "kind": "txt", "text": "word " * (1024 * 1024)}).encode()
    paste = editor.client.post("/commentaries/add/preview", input_stream=io.BytesIO(body),
                               content_length=len(body),
                               content_type="application/x-www-form-urlencoded")
    refused(paste, 413, "the limit is 2 MB")
    assert documents(db) == before


def test_no_headline_asks_for_one(as_user: Any, db: Database) -> None:
    editor = as_user("editor")
    text = "\n\n".join(["Belarusian potash producers continue to search for ways around the "
                        "closed port, officials say, and costs are rising for every shipment.",
                        "Independent economists doubt the official figures."])
    page = upload(editor, text)
    html = page.get_data(as_text=True)
    assert 'id="no-headline"' in html and 'id="add-button"' not in html
    assert SLUG not in documents(db)
    again = editor.form("/commentaries/add/preview", {
        "token": hidden(html, "token"), "name": hidden(html, "name"),
        "title": "Potash Producers Look for Routes", "section": "", "week": "",
        "status_line": ""}, page="/commentaries/add")
    html = again.get_data(as_text=True)
    assert 'id="add-button"' in html and 'id="no-headline"' not in html
    done = confirm(editor, html)
    assert done.status_code == 302
    with db.transaction() as session:
        document = load_document(session, SLUG)
        assert document.title == "Potash Producers Look for Routes"
        assert document.segments[0].source == "Potash Producers Look for Routes"


def test_only_editors_and_admins_add(as_user: Any) -> None:
    for name in ("tr_be", "rev_be", "publisher"):
        assert as_user(name).get("/commentaries/add").status_code == 403
    assert as_user("admin").get("/commentaries/add").status_code == 200
    assert 'id="add-commentary"' in as_user("editor").get("/").get_data(as_text=True)
    assert 'id="add-commentary"' not in as_user("tr_be").get("/").get_data(as_text=True)


def test_a_bad_fix_is_refused(as_user: Any, db: Database) -> None:
    editor = as_user("editor")
    html = upload(editor, POTASH).get_data(as_text=True)
    page = confirm(editor, html, week="sometime soon")
    refused(page, 422, "not a week range")
    again = editor.form("/commentaries/add/preview", {
        "token": hidden(html, "token"), "name": hidden(html, "name"), "title": "T",
        "section": "", "week": "sometime soon", "status_line": ""}, page="/commentaries/add")
    text = refused(again, 422, "not a week range")
    assert 'id="reading"' in text and 'id="add-button"' not in text  # the reading stays
    assert SLUG not in documents(db)


NOT_A_COMMENTARY_HTML = """<!DOCTYPE html>
<html><head><title>Sign in</title></head>
<body><nav><a href="/">Home</a></nav>
<form><label>Name <input name="n"></label><button>Go</button></form>
</body></html>
"""


def test_other_wrong_files_are_refused_with_what_to_do(as_user: Any, db: Database) -> None:
    """Not tested above: Windows-1251 text (the usual wrong encoding here: read, and the
    reading says so before anything is added), an HTML page without an article, an
    empty file, and a paste with no text at all."""
    editor = as_user("editor")
    before = documents(db)
    russian = POTASH.replace("Economy", "Экономика").replace("–", "-")
    page = upload(editor, russian.encode("cp1251"))
    warnings = page.get_data(as_text=True).split('id="warnings"')[1].split("</ul>")[0]
    assert page.status_code == 200 and "decoded as cp1251 (Windows Cyrillic)" in warnings
    assert "save the file as UTF-8" in warnings
    refused(upload(editor, NOT_A_COMMENTARY_HTML, name=SLUG + ".html"), 422,
            "no commentary text found", "holds the whole article with its paragraphs")
    refused(upload(editor, b""), 422, "is empty", "export the commentary again")
    paste = editor.form("/commentaries/add/preview", {"slug": SLUG, "kind": "txt",
                                                      "text": "   \n\n  "},
                        page="/commentaries/add")
    refused(paste, 422)
    assert documents(db) == before
