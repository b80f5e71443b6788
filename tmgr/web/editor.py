"""The editor (one document × one language), its forms, the side panel, reading mode.

Every action is a plain form that works without JavaScript; editor.js sends the
same actions through the JSON API and updates the page in place.
"""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import login_required
from sqlalchemy.orm import Session

from tmgr.errors import NotFound, StaleEdit
from tmgr.models import Segment
from tmgr.services import review
from tmgr.services.documents import get_document
from tmgr.services.editor import editor_blocks, segment_panel
from tmgr.services.progress import progress
from tmgr.tm.diff import word_diff
from tmgr.web.core import acting_user, check_language, languages, policy, transaction

bp = Blueprint("editor", __name__, url_prefix="/doc")


def _segment_of(session: Session, slug: str, segment_id: int) -> Segment:
    document = get_document(session, slug)
    segment = session.get(Segment, segment_id)
    if segment is None or segment.document_id != document.id:
        raise NotFound(f"document {slug} has no segment {segment_id}")
    return segment


def _form_version() -> int | None:
    raw = request.form.get("version", "")
    return int(raw) if raw.isdigit() else None


@bp.route("/<slug>/<lang>")
@login_required
def edit(slug: str, lang: str) -> ResponseReturnValue:
    check_language(lang)
    state = request.args.get("state", "")
    query = request.args.get("q", "").strip()
    with transaction() as session:
        document, blocks = editor_blocks(session, slug, lang)
        figures = progress(session, [document], [lang])[0]
    return render_template("editor/edit.html", document=document, blocks=blocks, lang=lang,
                           progress=figures, state_filter=state, query=query,
                           languages=languages())


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
        _segment_of(session, slug, segment_id)
        document = get_document(session, slug)
        panel = segment_panel(session, segment_id, lang)
    return render_template("editor/segment.html", document=document, panel=panel, lang=lang,
                           **extra), status


@bp.route("/<slug>/<lang>/segment/<int:segment_id>")
@login_required
def segment(slug: str, lang: str, segment_id: int) -> ResponseReturnValue:
    """One segment with its side panel, as a page (the no-JavaScript way in)."""
    check_language(lang)
    return _render_segment(slug, lang, segment_id)


@bp.route("/<slug>/<lang>/segment/<int:segment_id>/panel")
@login_required
def panel(slug: str, lang: str, segment_id: int) -> ResponseReturnValue:
    """The side panel of one segment as an HTML fragment (fetched by editor.js)."""
    check_language(lang)
    with transaction() as session:
        _segment_of(session, slug, segment_id)
        data = segment_panel(session, segment_id, lang)
    return render_template("editor/_panel.html", panel=data, lang=lang, slug=slug)


def _back(slug: str, lang: str, segment_id: int) -> ResponseReturnValue:
    return redirect(url_for("editor.edit", slug=slug, lang=lang) + f"#s{segment_id}")


@bp.route("/<slug>/<lang>/segment/<int:segment_id>/<action>", methods=["POST"])
@login_required
def act(slug: str, lang: str, segment_id: int, action: str) -> ResponseReturnValue:
    """save, approve, reject, comment or revert, from a plain form."""
    check_language(lang)
    form = request.form
    try:
        with transaction() as session:
            _segment_of(session, slug, segment_id)
            user = acting_user(session)
            if action == "save":
                review.save(session, user, segment_id, lang, text=form.get("text", ""),
                            expected_version=_form_version())
            elif action == "approve":
                review.approve(session, user, segment_id, lang,
                               expected_version=_form_version(), policy=policy(),
                               override_reason=form.get("override_reason"))
            elif action == "reject":
                review.reject(session, user, segment_id, lang,
                              expected_version=_form_version(),
                              comment=form.get("comment", ""))
            elif action == "comment":
                review.add_comment(session, user, segment_id, lang, form.get("text", ""))
            elif action == "revert":
                review.revert(session, user, segment_id, lang,
                              revision_id=int(form.get("revision", "0") or 0),
                              expected_version=_form_version())
            else:
                raise NotFound(f"no action {action!r}")
    except StaleEdit as exc:
        mine = form.get("text", "")
        return _render_segment(slug, lang, segment_id, status=409, conflict=exc, mine=mine,
                               conflict_diff=word_diff(exc.current_text, mine))
    except review.QABlocked as exc:
        return _render_segment(slug, lang, segment_id, status=422, blocked=exc)
    if form.get("next") == "segment":
        return redirect(url_for("editor.segment", slug=slug, lang=lang,
                                segment_id=segment_id))
    return _back(slug, lang, segment_id)

