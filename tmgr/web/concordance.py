"""Concordance in the browser: its own page, and the side panel's look-up (a fragment)."""

from __future__ import annotations

from flask import Blueprint, render_template, request
from flask.typing import ResponseReturnValue
from flask_login import login_required

from tmgr.errors import QueryError
from tmgr.review.concordance import archive_context, look_up
from tmgr.web.core import check_language, languages, transaction
from tmgr.web.messages import said

bp = Blueprint("concordance", __name__, url_prefix="/concordance")


@bp.route("")
@login_required
def index() -> ResponseReturnValue:
    """``?q=`` a word or phrase (English, Belarusian or Russian), ``lang`` to narrow."""
    query = request.args.get("q", "").strip()
    lang = request.args.get("lang", "")
    wanted = [lang] if lang else languages()
    if lang:
        check_language(lang)
    hits, error, published = [], None, {}
    if query:
        try:
            with transaction(readonly=True) as session:
                hits = look_up(session, query, wanted)
                published = archive_context(session, hits)
        except QueryError as exc:
            error = f"{said(exc.message)} ({said(exc.hint)})" if exc.hint else said(exc.message)
    template = "concordance/_hits.html" if request.args.get("fragment") else \
        "concordance/index.html"
    return render_template(template, query=query, lang=lang, hits=hits, error=error,
                           published=published, languages=languages()), \
        200 if error is None else 422
