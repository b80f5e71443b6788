"""The unedited-MT gate on the export page and the shares on the document page."""

from __future__ import annotations

from typing import Any

import pytest

from tests.test_mtgate import publish_half_unedited
from tmgr.store.db import Database


def export(client: Any, slug: str, **extra: str) -> Any:
    return client.form("/export", {"slug": slug, "lang": "be", "format": "html", **extra},
                       page="/export")


def test_document_page_shows_the_share_per_language(as_user: Any, db: Database,
                                                    sample_doc: str) -> None:
    percent = publish_half_unedited(db)
    html = as_user("editor").get(f"/documents/{sample_doc}").get_data(as_text=True)
    assert 'id="unedited-mt-shares"' in html
    assert f'data-lang="be" data-percent="{percent}"' in html
    assert 'data-lang="ru" data-percent="0.0"' in html


def test_export_asks_for_confirmation_above_the_warning(
        as_user: Any, db: Database, sample_doc: str, monkeypatch: pytest.MonkeyPatch) -> None:
    percent = publish_half_unedited(db)
    monkeypatch.setenv("TMGR_UNEDITED_MT_WARN", f"{percent - 1:g}")
    admin = as_user("admin")
    page = admin.get("/export").get_data(as_text=True)
    assert f"unedited MT (be): {percent}%" in page  # shown before anyone exports
    asked = export(admin, sample_doc)
    html = asked.get_data(as_text=True)
    assert asked.status_code == 409 and 'id="confirm-unedited"' in html
    assert f"{percent}% of" in html
    done = export(admin, sample_doc, confirm_unedited="1")
    assert done.status_code == 200 and "attachment" in done.headers["Content-Disposition"]


def test_export_refuses_above_the_block(as_user: Any, db: Database, sample_doc: str,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    percent = publish_half_unedited(db)
    monkeypatch.setenv("TMGR_UNEDITED_MT_BLOCK", f"be={percent - 1:g}")
    refused = export(as_user("publisher"), sample_doc, confirm_unedited="1")
    html = refused.get_data(as_text=True)
    assert refused.status_code == 409 and 'data-blocked="1"' in html
    assert 'id="confirm-unedited"' not in html


def test_no_thresholds_no_gate(as_user: Any, db: Database, sample_doc: str) -> None:
    publish_half_unedited(db)
    assert export(as_user("publisher"), sample_doc).status_code == 200


def test_the_confirmation_is_in_the_export_record(as_user: Any, db: Database, sample_doc: str,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    from sqlalchemy import select

    from tmgr.people.webhooks import add_webhook
    from tmgr.store.models import WebhookDelivery

    percent = publish_half_unedited(db)
    with db.transaction() as session:
        add_webhook(session, "http://127.0.0.1:9/hook", "document.exported")
    monkeypatch.setenv("TMGR_UNEDITED_MT_WARN", f"{percent - 1:g}")
    assert export(as_user("admin"), sample_doc, confirm_unedited="1").status_code == 200
    with db.transaction() as session:
        bodies = [json.loads(d.payload) for d in session.scalars(select(WebhookDelivery))]
    data = [b.get("data", b) for b in bodies]
    assert any(d.get("unedited_mt_confirmed_by") == "admin"
               and d.get("unedited_mt_percent") == percent for d in data), bodies


def test_a_publisher_may_not_confirm_alone_an_editor_confirms_on_the_document_page(
        as_user: Any, db: Database, sample_doc: str, monkeypatch: pytest.MonkeyPatch) -> None:
    percent = publish_half_unedited(db)
    monkeypatch.setenv("TMGR_UNEDITED_MT_WARN", f"be={percent - 1:g}")
    publisher = as_user("publisher")
    asked = export(publisher, sample_doc).get_data(as_text=True)
    assert 'id="confirm-unedited"' not in asked and 'id="confirm-by-editor"' in asked
    refused = export(publisher, sample_doc, confirm_unedited="1")  # a forged tick
    html = refused.get_data(as_text=True)
    assert refused.status_code == 403
    assert "publishers may not confirm unedited machine translation alone" in html
    assert "attachment" not in refused.headers.get("Content-Disposition", "")
    assert as_user("publisher").form(f"/documents/{sample_doc}/confirm-unedited",
                                     {"lang": "be"}, page=f"/documents/{sample_doc}"
                                     ).status_code == 403
    editor = as_user("editor")
    page = editor.get(f"/documents/{sample_doc}").get_data(as_text=True)
    assert 'id="confirm-unedited-be"' in page and 'id="confirm-unedited-ru"' not in page
    assert 'id="unedited-confirmations"' not in page
    done = editor.form(f"/documents/{sample_doc}/confirm-unedited", {"lang": "be"},
                       page=f"/documents/{sample_doc}")
    assert done.status_code == 302
    page = editor.get(f"/documents/{sample_doc}").get_data(as_text=True)
    assert f'data-lang="be" data-by="editor" data-percent="{percent}"' in page
    assert f"confirmed by editor at {percent:g}% of" in page
    assert f"(warning {percent - 1:g}%, block off)" in page
    assert 'id="confirm-unedited-be"' not in page  # confirmed: no button any more
    shipped = export(publisher, sample_doc)  # the editor's confirmation stands
    assert shipped.status_code == 200 and "attachment" in shipped.headers["Content-Disposition"]


def test_an_editor_confirming_while_exporting_is_recorded_too(
        as_user: Any, db: Database, sample_doc: str, monkeypatch: pytest.MonkeyPatch) -> None:
    percent = publish_half_unedited(db)
    monkeypatch.setenv("TMGR_UNEDITED_MT_WARN", f"{percent - 1:g}")
    admin = as_user("admin")
    assert export(admin, sample_doc, confirm_unedited="1").status_code == 200
    page = admin.get(f"/documents/{sample_doc}").get_data(as_text=True)
    assert f'data-lang="be" data-by="admin" data-percent="{percent}"' in page
