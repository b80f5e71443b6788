"""The JSON API, used by the editor's JavaScript and by scripts.

Same permissions as the pages; anonymous requests get 401; errors are JSON
``{"error": ..., "hint": ..., "status": ...}``. State-changing requests carry the
CSRF token (from ``GET /api/csrf``) in an ``X-CSRFToken`` header.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Blueprint, jsonify, request
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required, login_user
from flask_wtf.csrf import generate_csrf

from tmgr.errors import NotFound, TmgrError
from tmgr.models import Segment, Translation
from tmgr.qa import Finding
from tmgr.services import review
from tmgr.services.editor import editor_blocks, segment_panel
from tmgr.services.users import authenticate
from tmgr.tm.diff import check_diff_input, word_diff
from tmgr.web.core import (
    WebUser,
    acting_user,
    check_language,
    languages,
    policy,
    transaction,
)
from tmgr.web.documents import document_rows

bp = Blueprint("api", __name__, url_prefix="/api")


class BadRequest(TmgrError):
    """The request body is not what the API expects."""


def _body() -> dict[str, Any]:
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise BadRequest("send a JSON object", hint="Content-Type: application/json")
    return data


def _version(data: dict[str, Any]) -> int | None:
    value = data.get("version")
    if value is not None and (not isinstance(value, int) or isinstance(value, bool)):
        raise BadRequest("version must be an integer")
    return value


def translation_json(translation: Translation, findings: list[Finding],
                     updated_by: str | None = None) -> dict[str, Any]:
    return {
        "segment_id": translation.segment_id, "lang": translation.lang,
        "text": translation.text, "state": translation.state.value,
        "origin": translation.origin, "version": translation.version,
        "mt_error": translation.mt_error, "flags": sorted(translation.flag_set),
        "updated_by": updated_by if updated_by is not None else (
            translation.updated_by.name if translation.updated_by else None),
        "updated_at": translation.updated_at.isoformat() if translation.updated_at else None,
        "findings": [vars(f) for f in findings],
    }


@bp.route("/csrf")
def csrf_token() -> ResponseReturnValue:
    """A CSRF token for this session (send it back as X-CSRFToken)."""
    return jsonify(csrf_token=generate_csrf())


@bp.route("/login", methods=["POST"])
def login() -> ResponseReturnValue:
    data = _body()
    with transaction() as session:
        user = authenticate(session, str(data.get("name", "")),
                            str(data.get("password", "")), request.remote_addr or "")
        web_user = WebUser.of(user) if user else None
    if web_user is None:
        return jsonify(error="wrong name or password", hint=None, status=401), 401
    login_user(web_user)
    return jsonify(name=web_user.name, role=web_user.role, languages=web_user.language_list,
                   csrf_token=generate_csrf())


@bp.route("/me")
@login_required
def me() -> ResponseReturnValue:
    return jsonify(name=current_user.name, role=current_user.role,
                   languages=current_user.language_list, csrf_token=generate_csrf())


@bp.route("/documents")
@login_required
def documents() -> ResponseReturnValue:
    """Every document with its progress per language."""
    with transaction() as session:
        rows = document_rows(session, languages())
        return jsonify([{
            "slug": r.document.slug, "title": r.document.title,
            "section": r.document.section, "week": r.document.week_text,
            "deadline": r.document.deadline.isoformat() if r.document.deadline else None,
            "progress": {lang: p.as_dict() for lang, p in r.progress.items()},
        } for r in rows])


@bp.route("/documents/<slug>/<lang>/segments")
@login_required
def segments(slug: str, lang: str) -> ResponseReturnValue:
    """A document's segments in reading order with their ``lang`` translations."""
    check_language(lang)
    with transaction() as session:
        _, blocks = editor_blocks(session, slug, lang)
        return jsonify([{
            "id": row.segment.id, "ordinal": row.segment.ordinal, "block": block.block.position,
            "kind": block.block.kind, "source": row.segment.source,
            "previous_source": row.segment.previous_source,
            "source_revision": row.segment.source_revision,
            "translation": translation_json(row.translation, row.findings, row.updated_by),
        } for block in blocks for row in block.rows])


@bp.route("/documents/<slug>/deadline", methods=["PUT"])
@login_required
def deadline(slug: str) -> ResponseReturnValue:
    raw = _body().get("deadline")
    try:
        value = date.fromisoformat(raw) if raw else None
    except (TypeError, ValueError) as exc:
        raise BadRequest(f"not a date: {raw!r}", hint="use YYYY-MM-DD or null") from exc
    with transaction() as session:
        document = review.set_deadline(session, acting_user(session), slug, value)
        return jsonify(slug=slug, deadline=document.deadline.isoformat()
                       if document.deadline else None)


def _segment(session: Any, segment_id: int) -> Segment:
    segment = session.get(Segment, segment_id)
    if segment is None:
        raise NotFound(f"no segment with id {segment_id}")
    return segment


@bp.route("/segments/<int:segment_id>/<lang>")
@login_required
def read(segment_id: int, lang: str) -> ResponseReturnValue:
    """One segment: source, translation, QA, MT drafts, TM matches, history, comments."""
    check_language(lang)
    with transaction() as session:
        panel = segment_panel(session, segment_id, lang)
        return jsonify({
            "id": segment_id, "source": panel.segment.source,
            "document": panel.segment.document.slug,
            "previous_source": panel.segment.previous_source,
            "source_revision": panel.segment.source_revision,
            "source_basis": panel.translation.source_basis,
            "source_diff": panel.source_diff, "basis_diff": panel.basis_diff,
            "translation": translation_json(panel.translation, panel.findings),
            "mt": [{"origin": d.origin, "text": d.text} for d in panel.mt],
            "tm": [{"source": m.source, "target": m.target, "score": m.score,
                    "document": m.document, "diff": diff} for m, diff in panel.tm],
            "history": [{"id": h.revision.id, "user": h.user, "note": h.revision.note,
                         "old_state": h.revision.old_state.value,
                         "new_state": h.revision.new_state.value,
                         "origin": h.revision.origin, "text": h.revision.new_text,
                         "created_at": h.revision.created_at.isoformat(), "diff": h.diff}
                        for h in panel.history],
            "comments": [{"user": c.user.name if c.user else None, "text": c.text,
                          "created_at": c.created_at.isoformat()} for c in panel.comments],
        })


def _done(outcome: review.Outcome) -> ResponseReturnValue:
    return jsonify(translation_json(outcome.translation, outcome.findings))


@bp.route("/segments/<int:segment_id>/<lang>", methods=["PUT", "POST"])
@login_required
def save(segment_id: int, lang: str) -> ResponseReturnValue:
    """Save text with the version it was based on; 409 with the current text if stale."""
    check_language(lang)
    data = _body()
    text = data.get("text")
    if not isinstance(text, str):
        raise BadRequest("text must be a string")
    with transaction() as session:
        _segment(session, segment_id)
        outcome = review.save(session, acting_user(session), segment_id, lang, text=text,
                              expected_version=_version(data))
        return _done(outcome)


@bp.route("/segments/<int:segment_id>/<lang>/approve", methods=["POST"])
@login_required
def approve(segment_id: int, lang: str) -> ResponseReturnValue:
    check_language(lang)
    data = _body()
    with transaction() as session:
        _segment(session, segment_id)
        outcome = review.approve(session, acting_user(session), segment_id, lang,
                                 expected_version=_version(data), policy=policy(),
                                 override_reason=str(data.get("override_reason") or ""))
        return _done(outcome)


@bp.route("/segments/<int:segment_id>/<lang>/reject", methods=["POST"])
@login_required
def reject(segment_id: int, lang: str) -> ResponseReturnValue:
    check_language(lang)
    data = _body()
    with transaction() as session:
        _segment(session, segment_id)
        outcome = review.reject(session, acting_user(session), segment_id, lang,
                                expected_version=_version(data),
                                comment=str(data.get("comment") or ""))
        return _done(outcome)


@bp.route("/segments/<int:segment_id>/<lang>/revert", methods=["POST"])
@login_required
def revert(segment_id: int, lang: str) -> ResponseReturnValue:
    check_language(lang)
    data = _body()
    revision = data.get("revision")
    if not isinstance(revision, int):
        raise BadRequest("revision must be an integer")
    with transaction() as session:
        _segment(session, segment_id)
        outcome = review.revert(session, acting_user(session), segment_id, lang,
                                revision_id=revision, expected_version=_version(data))
        return _done(outcome)


@bp.route("/segments/<int:segment_id>/<lang>/comments", methods=["POST"])
@login_required
def comment(segment_id: int, lang: str) -> ResponseReturnValue:
    check_language(lang)
    data = _body()
    with transaction() as session:
        _segment(session, segment_id)
        made = review.add_comment(session, acting_user(session), segment_id, lang,
                                  str(data.get("text") or ""))
        return jsonify(user=current_user.name, text=made.text,
                       created_at=made.created_at.isoformat()), 201


@bp.route("/diff", methods=["POST"])
@login_required
def diff() -> ResponseReturnValue:
    """Word diff of two texts (the conflict view uses it)."""
    data = _body()
    old, new = str(data.get("old", "")), str(data.get("new", ""))
    check_diff_input(old, new)
    return jsonify(word_diff(old, new))
