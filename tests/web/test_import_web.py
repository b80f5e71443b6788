"""PO, XLIFF and TMX files imported in the browser with the CLI's rules: a dry-run check
first (what changes, what conflicts, what is refused), then the import; every export
format downloads from the export page."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Tmgr
from tmgr.documents.ingest import load_document
from tmgr.formats import FORMATS
from tmgr.review.translations import change_translation
from tmgr.store.db import Database
from tmgr.store.models import State


def post_file(client: Any, raw: bytes, name: str, **fields: str) -> Any:
    boundary = "----tmgr-test-boundary"
    parts = [f"--{boundary}\r\nContent-Disposition: form-data; name=\"{key}\"\r\n\r\n"
             f"{value}\r\n" for key, value in
             {"csrf_token": client.token("/import"), **fields}.items()]
    body = "".join(parts).encode() + (
        f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; "
        f"filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n").encode() \
        + raw + f"\r\n--{boundary}--\r\n".encode()
    return client.client.post("/import", input_stream=io.BytesIO(body),
                              content_length=len(body),
                              content_type=f"multipart/form-data; boundary={boundary}")


def hidden(html: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', html)
    assert found, name
    return found.group(1)


def apply(client: Any, html: str, resolve: str = "") -> Any:
    return client.form("/import", {"token": hidden(html, "token"), "name": hidden(html, "name"),
                                   "apply": "1", "resolve": resolve}, page="/import")


def exported_po(tmgr: Tmgr, slug: str, tmp_path: Path) -> Path:
    tmgr("export", slug, "--format", "po", "--lang", "be", "--out", str(tmp_path))
    return tmp_path / "be" / f"{slug}.po"


def set_msgstr(text: str, source_start: str, new: str) -> str:
    match = re.search(r'msgid "' + re.escape(source_start) + r'[^\n]*\nmsgstr "([^"]*)"', text)
    assert match, source_start
    entry = match.group(0)
    return text.replace(entry, entry[:entry.rindex('msgstr "')] + f'msgstr "{new}"')


def be_text(db: Database, slug: str, index: int) -> tuple[str, State]:
    with db.transaction() as session:
        translation = load_document(session, slug).segments[index].translation("be")
        return translation.text, translation.state


def test_check_shows_what_changes_then_import_applies(
        as_user: Any, db: Database, tmgr: Tmgr, sample_doc: str, tmp_path: Path) -> None:
    po = exported_po(tmgr, sample_doc, tmp_path).read_text(encoding="utf-8")
    po = set_msgstr(po, "The Lukashenka’s regime", "Рэжым Лукашэнкі зноў сігналізуе.")
    translator = as_user("tr_be")
    page = post_file(translator, po.encode(), f"{sample_doc}.po")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and 'id="import-report" data-applied="0"' in html
    assert re.search(r'id="count-updated">[^<]*: 1<', html)
    assert be_text(db, sample_doc, 1)[0] == ""  # a check changes nothing
    done = apply(translator, html)
    assert 'data-applied="1"' in done.get_data(as_text=True)
    assert be_text(db, sample_doc, 1) == ("Рэжым Лукашэнкі зноў сігналізуе.", State.TRANSLATED)


def test_a_conflict_is_listed_and_kept_unless_resolved(
        as_user: Any, db: Database, tmgr: Tmgr, sample_doc: str, tmp_path: Path) -> None:
    po = exported_po(tmgr, sample_doc, tmp_path).read_text(encoding="utf-8")
    po = set_msgstr(po, "The Lukashenka’s regime", "Тэкст з файла.")
    with db.transaction() as session:  # someone changes it in tmgr after the export
        segment = load_document(session, sample_doc).segments[1]
        change_translation(session, segment.translation("be"), text="Тэкст у tmgr.",
                           state=State.TRANSLATED, origin="human")
    translator = as_user("tr_be")
    html = post_file(translator, po.encode(), f"{sample_doc}.po").get_data(as_text=True)
    assert re.search(r'id="count-conflicts">[^<]*: 1<', html)
    assert "Тэкст у tmgr." in html and "Тэкст з файла." in html
    apply(translator, html)
    assert be_text(db, sample_doc, 1)[0] == "Тэкст у tmgr."
    html = post_file(translator, po.encode(), f"{sample_doc}.po").get_data(as_text=True)
    apply(translator, html, resolve="mine")
    assert be_text(db, sample_doc, 1)[0] == "Тэкст з файла."


@pytest.mark.parametrize("name,raw,status,needle", [
    ("notes.docx", b"PK\x03\x04", 422, "is not a PO, XLIFF or TMX file"),
    ("broken.po", b'msgid "x"\nmsgstr ', 422, ""),
    ("bomb.xlf", b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>', 422, ""),
])
def test_bad_files_are_refused_with_a_message(as_user: Any, db: Database, name: str,
                                              raw: bytes, status: int, needle: str) -> None:
    page = post_file(as_user("tr_be"), raw, name)
    html = page.get_data(as_text=True)
    assert page.status_code in (status, 400), html
    assert 'id="import-error"' in html and needle in html and "Traceback" not in html


def test_another_language_is_refused(as_user: Any, tmgr: Tmgr, sample_doc: str,
                                     tmp_path: Path) -> None:
    po = exported_po(tmgr, sample_doc, tmp_path).read_bytes()
    page = post_file(as_user("tr_ru"), po, f"{sample_doc}.po")
    assert page.status_code == 403
    assert "may not edit &#39;be&#39; translations" in page.get_data(as_text=True)


def test_a_file_over_the_limit_names_it(as_user: Any) -> None:
    page = post_file(as_user("tr_be"), b"x" * (2 * 1024 * 1024 + 10), "big.po")
    assert page.status_code == 413 and "the limit is 2 MB" in page.get_data(as_text=True)


def test_every_export_format_downloads(as_user: Any, sample_doc: str) -> None:
    publisher = as_user("publisher")
    for name in FORMATS:
        response = publisher.form("/export", {"slug": sample_doc, "lang": "be",
                                              "format": name, "allow_partial": "1"},
                                  page="/export")
        assert response.status_code == 200, (name, response.get_data(as_text=True)[:300])
        assert "attachment" in response.headers["Content-Disposition"], name
        assert response.data, name
