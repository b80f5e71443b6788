"""Preview as published: the html export's own page beside the English, gaps marked."""

from __future__ import annotations

import html as htmllib
import re
from pathlib import Path
from typing import Any

from tests.conftest import Tmgr
from tmgr.documents.ingest import load_document
from tmgr.review.translations import change_translation
from tmgr.store.db import Database
from tmgr.store.models import State


def frame(page_html: str) -> str:
    found = re.search(r'srcdoc="([^"]*)"', page_html)
    assert found, "no preview frame"
    return htmllib.unescape(found.group(1))


def test_preview_is_the_html_export_beside_the_english(
        as_user: Any, db: Database, tmgr: Tmgr, sample_doc: str, tmp_path: Path) -> None:
    with db.transaction() as session:
        segment = load_document(session, sample_doc).segments[1]
        change_translation(session, segment.translation("be"),
                           text="Рэжым Лукашэнкі зноў сігналізуе пра \"перамовы\".",
                           state=State.APPROVED, origin="human")
        english = segment.source
    page = as_user("tr_be").get(f"/documents/{sample_doc}/preview/be")
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert english in htmllib.unescape(text.split('id="preview-english"')[1])
    assert 'id="preview-draft"' in text
    published = frame(text)
    tmgr("export", sample_doc, "--format", "html", "--lang", "be", "--allow-partial",
         "--out", str(tmp_path))
    exported = next((tmp_path / "be").glob("*.html")).read_text(encoding="utf-8")
    assert published == exported
    assert '<mark class="gap"' in published  # unapproved segments marked
    assert "«перамовы»" in published  # typography applied


def test_reachable_from_the_editor_and_the_documents_pages(as_user: Any,
                                                           sample_doc: str) -> None:
    client = as_user("rev_be")
    link = f"/documents/{sample_doc}/preview/be"
    assert link in client.get(f"/doc/{sample_doc}/be").get_data(as_text=True)
    assert link in client.get(f"/documents/{sample_doc}").get_data(as_text=True)
    assert link in client.get("/").get_data(as_text=True)


def test_unknown_document_or_language_is_404(as_user: Any, sample_doc: str) -> None:
    client = as_user("rev_be")
    assert client.get(f"/documents/{sample_doc}/preview/xx").status_code == 404
    assert client.get("/documents/no-such-doc/preview/be").status_code == 404
