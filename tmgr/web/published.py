"""Preview as published: the article in one language exactly as the html export writes
it (metadata localized, typography applied, unapproved segments marked), beside the
English."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask.typing import ResponseReturnValue
from flask_login import login_required

from tmgr.documents.ingest import load_document
from tmgr.exchange.export import export_documents
from tmgr.web.core import check_language, languages, settings, transaction

bp = Blueprint("published", __name__)


@bp.route("/documents/<slug>/preview/<lang>")
@login_required
def preview(slug: str, lang: str) -> ResponseReturnValue:
    check_language(lang)
    with transaction(readonly=True) as session:
        document = load_document(session, slug)
        files = export_documents(session, [slug], languages=[lang], formats=["html"],
                                 allow_partial=True, settings=settings())
        exported = files.files[0]
        blocks = [(block.kind, block.text) for block in document.blocks]
        title = document.title
    return render_template("documents/preview.html", slug=slug, lang=lang, title=title,
                           html=files[exported.name].decode("utf-8"), draft=exported.draft,
                           blocks=blocks, languages=languages())
