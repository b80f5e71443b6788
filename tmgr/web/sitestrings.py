"""Site strings in the browser: translate the site's own words, approve them, see history."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from tmgr.errors import NotFound
from tmgr.people import permissions as perm
from tmgr.review import sitestrings as site
from tmgr.review.actions import ReviewPolicy
from tmgr.states import State
from tmgr.web.core import acting_user, check_language, languages, settings, transaction

bp = Blueprint("strings", __name__, url_prefix="/strings")
#: what happened to a site string, as its history says it
ACTION_LABELS = {"seeded": _l("taken from the site"), "carried": _l("carried over"),
                 "added": _l("added"),
                 "restored": _l("restored"), "removed": _l("removed"),
                 "translated": _l("translated"), "approved": _l("approved"),
                 "rejected": _l("sent back")}
KIND_LABELS = {"section": _l("section"), "status_line": _l("status line"),
               "author": _l("author"), "label": _l("label")}
ACTIONS = {"save": State.TRANSLATED, "approve": State.APPROVED,
           "reject": State.NEEDS_EDITING}


@bp.route("")
@login_required
def index() -> ResponseReturnValue:
    """Every site string with its translations; forms where the user may act."""
    only_pending = request.args.get("pending") == "1"
    with transaction() as session:
        rows = []
        for string in site.all_strings(session):
            cells = {}
            for lang in languages():
                row = site.existing_translation(string, lang)
                cells[lang] = {
                    "text": row.text if row else "",
                    "state": row.state.value if row else "untranslated",
                    "edit": perm.allowed(current_user, perm.EDIT, lang),
                    "approve": perm.allowed(current_user, perm.APPROVE, lang),
                    "suggestions": site.suggestions(session, string, lang)
                    if not row or not row.text else []}
            if only_pending and all(c["state"] == "approved" for c in cells.values()):
                continue
            rows.append({"id": string.id, "kind": string.kind, "key": string.key,
                         "source": string.source, "cells": cells,
                         "history": [(c.action, c.lang, c.text, c.user.name if c.user else None,
                                      c.created_at) for c in string.changes[-5:]]})
    return render_template("strings/index.html", rows=rows, languages=languages(),
                           pending=only_pending, kinds=KIND_LABELS, actions=ACTION_LABELS)


@bp.route("/<int:string_id>/<lang>", methods=["POST"])
@login_required
def change(string_id: int, lang: str) -> ResponseReturnValue:
    """Save, approve or reject one string's translation, with the editor's rules."""
    check_language(lang)
    state = ACTIONS.get(request.form.get("action", ""))
    if state is None:
        raise NotFound("unknown action")
    text = request.form.get("text")
    policy = ReviewPolicy.from_settings(settings())
    with transaction() as session:
        string = site.string_by_id(session, string_id)
        site.change_string(session, string, lang, text=text, state=state,
                           user=acting_user(session), four_eyes=policy.four_eyes)
        key = string.key
    flash(_("Site string «%(key)s» saved.", key=key), "ok")
    return redirect(url_for("strings.index", pending=request.args.get("pending")) +
                    f"#string-{string_id}")
