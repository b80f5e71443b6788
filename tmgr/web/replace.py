"""Search and replace: its page, and the JSON API the page drives batch by batch."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, jsonify, render_template
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import login_required

from tmgr.documents.ingest import list_documents
from tmgr.errors import BadRequest
from tmgr.review import replace
from tmgr.store.models import State
from tmgr.web.core import MAX_ID, acting_user, check_language, languages, transaction
from tmgr.web.jsonbody import json_body as _body
from tmgr.web.messages import said
from tmgr.web.templating import state_label

bp = Blueprint("replace", __name__)


@bp.route("/replace")
@login_required
def page() -> ResponseReturnValue:
    """The form; the preview, the batches and the undo run through the JSON API."""
    with transaction(readonly=True) as session:
        slugs = [d.slug for d in list_documents(session)]
    states = {state.value: state_label(state) for state in State}
    return render_template("replace/index.html", documents=slugs, languages=languages(),
                           states=states)


def _text(data: dict[str, Any], key: str) -> str:
    value = data.get(key, "")
    if not isinstance(value, str):
        raise BadRequest(_("%(field)s must be a string", field=key))
    return value


def _number(data: dict[str, Any], key: str, default: int = 0) -> int:
    value = data.get(key, default)
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value < MAX_ID:
        raise BadRequest(_("%(field)s must be a whole number from 0", field=key))
    return value


def _request() -> tuple[dict[str, Any], str, str | None, replace.Search]:
    data = _body()
    lang = _text(data, "lang")
    check_language(lang)
    slug = _text(data, "document") or None
    search = replace.parse_search(_text(data, "search"), _text(data, "replace"),
                                  regex=bool(data.get("regex")))
    return data, lang, slug, search


def _batch_json(result: replace.BatchResult) -> dict[str, Any]:
    return {"changed": result.changed, "next_after": result.next_after,
            "done": result.next_after is None,
            "skipped": [{"segment": i, "reason": said(why)} for i, why in result.skipped]}


@bp.route("/api/replace/preview", methods=["POST"])
@login_required
def preview() -> ResponseReturnValue:
    """{"search", "replace", "regex", "lang", "document" (empty: all), "offset"}:
    the total and a page of changes (before/after, document, state)."""
    data, lang, slug, search = _request()
    with transaction(readonly=True) as session:
        found = replace.preview(session, acting_user(session), lang, slug, search,
                                offset=_number(data, "offset"))
    return jsonify(replace_id=found.replace_id, mark=found.mark, total=found.total,
                   limit=replace.PREVIEW_LIMIT,
                   changes=[vars(change) for change in found.changes])


@bp.route("/api/replace/apply", methods=["POST"])
@login_required
def apply() -> ResponseReturnValue:
    """The preview's fields plus "replace_id", "mark" and "after" (the cursor): one
    batch, one transaction; send "next_after" back until "done"."""
    data, lang, slug, search = _request()
    replace_id = replace.check_replace_id(_text(data, "replace_id"))
    with transaction() as session:
        result = replace.apply_batch(session, acting_user(session), lang, slug, search,
                                     replace_id=replace_id, mark=_number(data, "mark"),
                                     after=_number(data, "after"))
        return jsonify(_batch_json(result))


@bp.route("/api/replace/undo", methods=["POST"])
@login_required
def undo() -> ResponseReturnValue:
    """{"replace_id", "after"}: revert the next batch of that replace's changes."""
    data = _body()
    replace_id = replace.check_replace_id(_text(data, "replace_id"))
    with transaction() as session:
        result = replace.undo_batch(session, acting_user(session), replace_id,
                                    after=_number(data, "after"))
        return jsonify(_batch_json(result))
