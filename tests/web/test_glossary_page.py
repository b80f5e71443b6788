"""The glossary page against the real app: everyone reads, editors change, every change
is in the history (a removed term too), CSV/TBX import with a preview, export."""

from __future__ import annotations

import io
import json

from sqlalchemy import select

from tmgr.store.models import GlossaryChange

TERM = {"term": "Supreme Court", "domain": "law", "ok_be": "Вярхоўны суд",
        "bad_be": "Найвышэйшы суд", "ok_ru": "Верховный суд", "bad_ru": "", "note": "court"}
CSV = ("term,be,ru,be_forbidden,ru_forbidden,note,do_not_translate\n"
       "Supreme Court,Вярхоўны Суд,Верховный Суд,,,capital S,\n"
       "prosecutor,пракурор,прокурор,,,,\n").encode()


def _upload(client, data: bytes, name: str, **fields: str):  # type: ignore[no-untyped-def]
    return client.client.post("/glossary/import", data={
        "csrf_token": client.token("/glossary"), "file": (io.BytesIO(data), name), **fields},
        content_type="multipart/form-data")


def test_editor_adds_edits_and_removes_a_term_and_the_history_keeps_it(as_user, db) -> None:
    editor = as_user("editor")
    assert editor.form("/glossary/save", TERM, page="/glossary").status_code == 302
    page = editor.get("/glossary?q=вярхоўны").get_data(as_text=True)
    assert 'data-term="Supreme Court"' in page and "Найвышэйшы суд" in page and "law" in page
    assert "No term matches." in editor.get("/glossary?q=nothing-like-it").get_data(
        as_text=True)
    again = editor.form("/glossary/save", TERM, page="/glossary")
    assert again.status_code == 400 and "already exists" in again.get_data(as_text=True)
    edit = editor.get("/glossary?term=Supreme+Court").get_data(as_text=True)
    assert 'name="original" value="Supreme Court"' in edit
    editor.form("/glossary/save", {**TERM, "original": "Supreme Court",
                                   "ok_be": "Вярхоўны суд; ВС"}, page="/glossary")
    assert "Вярхоўны суд; ВС" in editor.get("/glossary").get_data(as_text=True)
    editor.form("/glossary/remove", {"term": "Supreme Court"}, page="/glossary")
    page = editor.get("/glossary").get_data(as_text=True)
    assert 'data-term="Supreme Court"' not in page
    history = page.split('class="glossary-history"')[1]
    assert history.count("Supreme Court") == 3 and "removed" in history
    with db.transaction() as session:
        removed = session.scalars(select(GlossaryChange).where(
            GlossaryChange.action == "removed")).one()
        kept = json.loads(removed.before or "")
        assert kept["translations"]["be"] == ["Вярхоўны суд", "ВС"] and kept["domain"] == "law"
        assert removed.user is not None and removed.user.name == "editor"


def test_translators_read_but_do_not_change(as_user, db) -> None:
    as_user("editor").form("/glossary/save", TERM, page="/glossary")
    translator = as_user("tr_be")
    page = translator.get("/glossary").get_data(as_text=True)
    assert "Supreme Court" in page and 'action="/glossary/save"' not in page
    assert translator.form("/glossary/remove", {"term": "Supreme Court"},
                           page="/glossary").status_code == 403
    assert "Supreme Court" in translator.get("/glossary").get_data(as_text=True)


def test_import_previews_then_imports_and_export_gives_it_back(as_user, db) -> None:
    editor = as_user("editor")
    editor.form("/glossary/save", TERM, page="/glossary")
    preview = _upload(editor, CSV, "terms.csv").get_data(as_text=True)
    assert "Nothing has been stored yet." in preview
    assert '<ul id="preview-added"><li>prosecutor</li></ul>' in preview
    assert "Supreme Court: already in the glossary (kept)" in preview
    assert "prosecutor" not in editor.get("/glossary").get_data(as_text=True)
    replacing = _upload(editor, CSV, "terms.csv", replace="1").get_data(as_text=True)
    assert '<ul id="preview-replaced"><li>Supreme Court</li></ul>' in replacing
    data = replacing.split('name="data" value="')[1].split('"')[0]
    done = editor.form("/glossary/import", {"data": data, "name": "terms.csv",
                                            "confirm": "1", "replace": "1"}, page="/glossary")
    assert done.status_code == 302
    page = editor.get("/glossary").get_data(as_text=True)
    assert "пракурор" in page and "Вярхоўны Суд" in page
    assert "imported" in page.split('class="glossary-history"')[1]
    exported = editor.get("/glossary/export.csv")
    assert "attachment" in exported.headers["Content-Disposition"]
    assert "prosecutor,пракурор,прокурор" in exported.get_data(as_text=True)
    assert "<martif type=\"TBX\"" in editor.get("/glossary/export.tbx").get_data(as_text=True)


def test_a_bad_file_is_one_line_and_stores_nothing(as_user, db) -> None:
    editor = as_user("editor")
    bad = _upload(editor, b"\xff\xfe not a glossary \x00", "broken.tbx", confirm="1")
    assert bad.status_code in (400, 422)
    assert "broken.tbx" in bad.get_data(as_text=True)
    assert "Traceback" not in bad.get_data(as_text=True)
    with db.transaction() as session:
        assert session.scalars(select(GlossaryChange)).all() == []


def test_a_removed_term_comes_back_from_the_history_as_it_was(as_user, db) -> None:
    editor = as_user("editor")
    editor.form("/glossary/save", TERM, page="/glossary")
    editor.form("/glossary/remove", {"term": "Supreme Court"}, page="/glossary")
    page = editor.get("/glossary").get_data(as_text=True)
    history = page.split('class="glossary-history"')[1]
    assert "be: Вярхоўны суд" in history and "be ≠ Найвышэйшы суд" in history  # shown
    with db.transaction() as session:
        removal = session.scalars(select(GlossaryChange).where(
            GlossaryChange.action == "removed")).one().id
    assert f'name="change" value="{removal}"' in history
    assert as_user("tr_be").form("/glossary/restore", {"change": str(removal)},
                                 page="/glossary").status_code == 403
    done = editor.form("/glossary/restore", {"change": str(removal)}, page="/glossary")
    assert done.status_code == 302
    page = editor.get("/glossary").get_data(as_text=True)
    row = page.split('data-term="Supreme Court"')[1].split("</tr>")[0]
    assert "Вярхоўны суд" in row and "Найвышэйшы суд" in row and "law" in row
    assert "court" in row  # the note too
    history = page.split('class="glossary-history"')[1]
    assert 'data-action="restored"' in history and 'name="change"' not in history
    again = editor.form("/glossary/restore", {"change": str(removal)}, page="/glossary")
    assert again.status_code == 400 and "in the glossary again" in again.get_data(as_text=True)
    with db.transaction() as session:
        restored = session.scalars(select(GlossaryChange).where(
            GlossaryChange.action == "restored")).one()
        assert restored.user is not None and restored.user.name == "editor"
