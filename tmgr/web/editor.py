"""The editor (one document × one language), its forms, the side panel, reading mode.

Every action is a plain form that works without JavaScript; editor.js sends the
same actions through the JSON API and updates the page in place.
"""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import login_required

from tmgr.desk.progress import progress
from tmgr.documents.ingest import get_document, get_segment
from tmgr.drafting import suggest
from tmgr.errors import BadRequest, NotFound, QABlocked, StaleEdit
from tmgr.qa.messages import N_
from tmgr.review import actions as review
from tmgr.review.editor import editor_blocks, segment_panel
from tmgr.tm.diff import word_diff
from tmgr.web.core import (
    MAX_ID,
    acting_user,
    check_language,
    languages,
    policy,
    settings,
    transaction,
)

bp = Blueprint("editor", __name__, url_prefix="/doc")


def _form_int(field: str) -> int:
    raw = request.form.get(field, "").strip()
    if not raw.isascii() or not raw.isdigit() or not 0 < int(raw) < MAX_ID:
        raise BadRequest(f"the form's {field} is missing or not a number: nothing was saved",
                        hint="reload the page and try again")
    return int(raw)


def _form_version() -> int:
    """The version the form was made from: required, so nothing is silently overwritten."""
    return _form_int("version")


@bp.route("/<slug>/<lang>")
@login_required
def edit(slug: str, lang: str) -> ResponseReturnValue:
    check_language(lang)
    state = request.args.get("state", "")
    query = request.args.get("q", "").strip()
    with transaction() as session:
        document, blocks = editor_blocks(session, slug, lang)
        figures = progress(session, [document], [lang])[0]
        choices = suggest.engine_choices(settings(), document, lang,
                                         pivot=suggest.has_pivot_text(document))
        drafting = suggest.draft_status(session, document)
    return render_template("editor/edit.html", document=document, blocks=blocks, lang=lang,
                           progress=figures, state_filter=state, query=query,
                           languages=languages(), choices=choices, drafting=drafting)


@bp.route("/<slug>/<lang>/read")
@login_required
def read(slug: str, lang: str) -> ResponseReturnValue:
    """The target article as it will be published; unfinished segments highlighted."""
    check_language(lang)
    with transaction() as session:
        document, blocks = editor_blocks(session, slug, lang)
        figures = progress(session, [document], [lang])[0]
    return render_template("editor/read.html", document=document, blocks=blocks, lang=lang,
                           progress=figures, languages=languages())


def _render_segment(slug: str, lang: str, segment_id: int, *, status: int = 200,
                    **extra: object) -> ResponseReturnValue:
    with transaction() as session:
        get_segment(session, segment_id, slug=slug)
        document = get_document(session, slug)
        panel = segment_panel(session, segment_id, lang)
        choices = suggest.engine_choices(settings(), document, lang, pivot=suggest.has_pivot_text(
            document, get_segment(session, segment_id)))
    return render_template("editor/segment.html", document=document, panel=panel, lang=lang,
                           choices=choices, **extra), status


@bp.route("/<slug>/<lang>/segment/<int:segment_id>")
@login_required
def segment(slug: str, lang: str, segment_id: int) -> ResponseReturnValue:
    """One segment with its side panel, as a page (the no-JavaScript way in)."""
    check_language(lang)
    return _render_segment(slug, lang, segment_id, insert=request.args.get("insert"))


@bp.route("/<slug>/<lang>/segment/<int:segment_id>/panel")
@login_required
def panel(slug: str, lang: str, segment_id: int) -> ResponseReturnValue:
    """The side panel of one segment as an HTML fragment (fetched by editor.js)."""
    check_language(lang)
    with transaction() as session:
        segment = get_segment(session, segment_id, slug=slug)
        data = segment_panel(session, segment_id, lang)
        choices = suggest.engine_choices(settings(), segment.document, lang,
                                         pivot=suggest.has_pivot_text(segment.document, segment))
    return render_template("editor/_panel.html", panel=data, lang=lang, slug=slug,
                           choices=choices)


def _back(slug: str, lang: str, segment_id: int) -> ResponseReturnValue:
    return redirect(url_for("editor.edit", slug=slug, lang=lang) + f"#s{segment_id}")


@bp.route("/<slug>/<lang>/segment/<int:segment_id>/<action>", methods=["POST"])
@login_required
def act(slug: str, lang: str, segment_id: int, action: str) -> ResponseReturnValue:
    """save, approve, override, fix, reject, comment, revert or mt, from a plain form."""
    check_language(lang)
    form = request.form
    if action == "mt":  # ask an engine for a suggestion (no JavaScript)
        with transaction() as session:
            get_segment(session, segment_id, slug=slug)
            user_id = acting_user(session).id
        suggest.request_suggestion(transaction, settings(), user_id, segment_id, lang,
                                   form.get("engine", ""))
        return redirect(url_for("editor.segment", slug=slug, lang=lang,
                                segment_id=segment_id))
    try:
        with transaction() as session:
            get_segment(session, segment_id, slug=slug)
            user = acting_user(session)
            if action == "save":
                review.save(session, user, segment_id, lang, text=form.get("text", ""),
                            expected_version=_form_version())
            elif action == "approve":
                review.approve(session, user, segment_id, lang,
                               expected_version=_form_version(), policy=policy(),
                               override_reason=form.get("override_reason"))
            elif action == "override":
                review.override(session, user, segment_id, lang,
                                check=form.get("check", ""), reason=form.get("reason", ""),
                                expected_version=_form_version())
            elif action == "fix":
                review.apply_fix(session, user, segment_id, lang, check=form.get("check", ""),
                                 expected_version=_form_version())
            elif action == "reject":
                review.reject(session, user, segment_id, lang,
                              expected_version=_form_version(),
                              comment=form.get("comment", ""),
                              category=form.get("category") or None,
                              severity=form.get("severity") or None)
            elif action == "comment":
                review.add_comment(session, user, segment_id, lang, form.get("text", ""))
            elif action == "revert":
                review.revert(session, user, segment_id, lang,
                              revision_id=_form_int("revision"),
                              expected_version=_form_version())
            else:
                raise NotFound(N_("no action %(action)s", action=repr(action)))
    except StaleEdit as exc:
        mine = form.get("text", "")
        return _render_segment(slug, lang, segment_id, status=exc.http_status, conflict=exc,
                               mine=mine,
                               conflict_diff=word_diff(exc.current_text, mine))
    except QABlocked as exc:
        return _render_segment(slug, lang, segment_id, status=exc.http_status, blocked=exc)
    if form.get("next") == "segment":
        return redirect(url_for("editor.segment", slug=slug, lang=lang,
                                segment_id=segment_id))
    return _back(slug, lang, segment_id)

