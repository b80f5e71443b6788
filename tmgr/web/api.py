"""The JSON API, used by the editor's JavaScript and by scripts.

Same permissions as the pages; anonymous requests get 401; errors are JSON
``{"error": ..., "hint": ..., "status": ...}``. State-changing requests carry the
CSRF token (from ``GET /api/csrf``) in an ``X-CSRFToken`` header.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from flask import Blueprint, jsonify, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user
from flask_wtf.csrf import generate_csrf
from sqlalchemy.orm import object_session

from tmgr.desk.assignments import desk_rows
from tmgr.documents.ingest import get_document, get_segment
from tmgr.documents.listing import document_page
from tmgr.drafting import suggest
from tmgr.errors import BadRequest
from tmgr.people.users import authenticate
from tmgr.qa import Finding
from tmgr.quality.words import add_word, remove_word, restore_word
from tmgr.review import actions as review
from tmgr.review.editor import ReviewInfo, editor_blocks, review_info, segment_panel
from tmgr.store.models import HouseWordChange, Segment, Translation
from tmgr.tm.diff import check_diff_input, word_diff
from tmgr.web.core import (
    MAX_ID,
    acting_user,
    background_transaction,
    check_language,
    languages,
    policy,
    remembered_device,
    said,
    settings,
    sign_in,
    transaction,
)
from tmgr.web.jsonbody import json_body as _body
from tmgr.web.listing import kept_args, query_from_args
from tmgr.web.messages import finding_json

bp = Blueprint("api", __name__, url_prefix="/api")
MAX_BULK = 5000  # segments one bulk approval may name


def _version(data: dict[str, Any]) -> int:
    """The version the change is based on: required, so nothing is silently overwritten."""
    value = data.get("version")
    if value is None:
        raise BadRequest(_("%(field)s is required: the version of the translation you edited",
                           field="version"),
                         hint=_("read it from %(path)s and send it back",
                                path="GET /api/segments/ID/LANG"))
    if not isinstance(value, int) or isinstance(value, bool) or not 0 < value < MAX_ID:
        raise BadRequest(_("%(field)s must be a positive integer", field="version"))
    return value


def translation_json(translation: Translation, findings: list[Finding],
                     updated_by: str | None = None,
                     review: ReviewInfo | None = None) -> dict[str, Any]:
    """One translation as the API shows it; ``review`` (overrides, fixes, who wrote and
    who approved) is looked up when not given."""
    if review is None:
        review = review_info(object_session(translation), translation, findings)
    return {
        "segment_id": translation.segment_id, "lang": translation.lang,
        "text": translation.text, "state": translation.state.value,
        "origin": translation.origin, "version": translation.version,
        "mt_error": translation.mt_error, "flags": sorted(translation.flag_set),
        "updated_by": updated_by if updated_by is not None else (
            translation.updated_by.name if translation.updated_by else None),
        "updated_at": translation.updated_at.isoformat() if translation.updated_at else None,
        "author": review.author, "approved_by": review.approved_by,
        "findings": [review_finding_json(f, review) for f in findings],
    }


def review_finding_json(finding: Finding, review: ReviewInfo) -> dict[str, Any]:
    """A finding with its override (who, why) and its one-click fix, if any."""
    data = finding_json(finding)
    made = review.overrides.get(finding.check)
    data["override"] = made.as_dict() if made else None
    data["fix"] = review.fixes.get(finding.check)
    return data


@bp.route("/csrf")
def csrf_token() -> ResponseReturnValue:
    """A CSRF token for this session (send it back as X-CSRFToken)."""
    return jsonify(csrf_token=generate_csrf())


@bp.route("/login", methods=["POST"])
def login() -> ResponseReturnValue:
    data = _body()
    name = str(data.get("name", ""))
    with transaction() as session:
        user = authenticate(session, name, str(data.get("password", "")),
                            request.remote_addr or "", remembered_device(session, name))
        web_user = sign_in(user, session) if user else None
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
    """A page of documents with their progress per language, and the next page's link."""
    query = query_from_args()
    with transaction() as session:
        page = document_page(session, query, languages(), request.args.get("after", ""))
        desk = {(d.document.slug, d.lang): d.as_dict() for d in
                desk_rows(session, [r.document for r in page.rows], languages())}
        found = [{
            "slug": r.document.slug, "title": r.document.title,
            "section": r.document.section, "week": r.document.week_text,
            "deadline": r.document.deadline.isoformat() if r.document.deadline else None,
            "progress": {lang: {**p.as_dict(), **desk[(r.document.slug, lang)]}
                         for lang, p in r.progress.items()},
        } for r in page.rows]
    link = url_for("api.documents", **kept_args(), after=page.next) if page.next else None
    response = jsonify(documents=found, next=link, matching=page.matching)
    if link:
        response.headers["Link"] = f'<{link}>; rel="next"'
    return response


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
            "translation": translation_json(row.translation, row.findings, row.updated_by,
                                            row.review),
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
            "suggestions": [found.as_dict() for found in panel.suggestions],
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
        raise BadRequest(_("%(field)s must be a string", field="text"))
    seconds = data.get("seconds")
    if seconds is not None and (isinstance(seconds, bool)
                                or not isinstance(seconds, int | float)):
        raise BadRequest(_("%(field)s must be a number", field="seconds"))
    with transaction() as session:
        segment = get_segment(session, segment_id)
        outcome = review.save(session, acting_user(session), segment_id, lang, text=text,
                              expected_version=_version(data), seconds=seconds,
                              draft=_taken(session, segment, lang, data.get("suggestion")))
        return _done(outcome)


def _taken(session: Any, segment: Segment, lang: str, taken: Any) -> tuple[str, str] | None:
    """(text, origin) of the suggestion the translator says they took, if it exists."""
    if not isinstance(taken, dict):
        return None
    for found in suggest.suggestions(session, segment, lang):
        if (found.engine, found.source_lang) == (taken.get("engine"), taken.get("source_lang")):
            return found.text, found.origin
    return None


@bp.route("/segments/<int:segment_id>/<lang>/mt", methods=["POST"])
@login_required
def request_mt(segment_id: int, lang: str) -> ResponseReturnValue:
    """Ask an engine for a suggestion for one segment; the text box is not touched."""
    check_language(lang)
    engine = str(_body().get("engine") or "")
    if not engine:
        raise BadRequest(_("say which engine: %(example)s", example='{"engine": "apertium:ru"}'))
    found = suggest.request_suggestion(transaction, settings(), current_user.id,
                                       segment_id, lang, engine)
    return jsonify(found.as_dict()), 201


@bp.route("/documents/<slug>/<lang>/draft", methods=["GET", "POST"])
@login_required
def document_draft(slug: str, lang: str) -> ResponseReturnValue:
    """GET: the latest drafting run and the engines on offer; POST {"engine"}: start one."""
    check_language(lang)
    if request.method == "POST":
        engine = str(_body().get("engine") or "")
        suggest.start_document_draft(background_transaction(), settings(),
                                     current_user.id, slug, lang, engine)
    with transaction(readonly=True) as session:
        document = get_document(session, slug)
        status = suggest.draft_status(session, document)  # registered before the thread runs
        status["choices"] = [{"value": c.value, "label": c.label, "down": c.down} for c in
                             suggest.engine_choices(settings(), document, lang,
                                                    pivot=suggest.has_pivot_text(document))]
    return jsonify(status), 202 if request.method == "POST" else 200


@bp.route("/documents/<slug>/<lang>/approve", methods=["POST"])
@login_required
def approve_shown(slug: str, lang: str) -> ResponseReturnValue:
    """Bulk approval of what the filter shows: {"segment_ids": [...]}; each is approved
    if it can be (translated, QA-clean, not one's own), else skipped with the reason."""
    check_language(lang)
    ids = _body().get("segment_ids")
    if not isinstance(ids, list) or not ids or len(ids) > MAX_BULK or not all(
            isinstance(i, int) and not isinstance(i, bool) and 0 < i < MAX_ID for i in ids):
        raise BadRequest(_("%(field)s must be a list of 1 to %(count)s segment ids",
                           field="segment_ids", count=MAX_BULK))
    with transaction() as session:
        result = review.approve_shown(session, acting_user(session), slug, lang, ids,
                                      policy())
        return jsonify(approved=result.approved,
                       skipped=[{"segment": i, "reason": said(why)} for i, why in
                                result.skipped])


@bp.route("/segments/<int:segment_id>/<lang>/approve", methods=["POST"])
@login_required
def approve(segment_id: int, lang: str) -> ResponseReturnValue:
    check_language(lang)
    data = _body()
    with transaction() as session:
        get_segment(session, segment_id)
        overrides = data.get("overrides") or {}
        if not isinstance(overrides, dict) or not all(
                isinstance(v, str) for v in overrides.values()):
            raise BadRequest(_("%(field)s must map check ids to reasons", field="overrides"))
        outcome = review.approve(session, acting_user(session), segment_id, lang,
                                 expected_version=_version(data), policy=policy(),
                                 overrides=overrides,
                                 override_reason=str(data.get("override_reason") or ""))
        return _done(outcome)


@bp.route("/segments/<int:segment_id>/<lang>/overrides", methods=["POST"])
@login_required
def override(segment_id: int, lang: str) -> ResponseReturnValue:
    """Override one QA error: ``{"check", "reason", "version"}``."""
    check_language(lang)
    data = _body()
    with transaction() as session:
        get_segment(session, segment_id)
        outcome = review.override(session, acting_user(session), segment_id, lang,
                                  check=str(data.get("check") or ""),
                                  reason=str(data.get("reason") or ""),
                                  expected_version=_version(data))
        return _done(outcome)


@bp.route("/segments/<int:segment_id>/<lang>/fix", methods=["POST"])
@login_required
def fix(segment_id: int, lang: str) -> ResponseReturnValue:
    """Apply a finding's certain one-click fix: ``{"check", "version"}``."""
    check_language(lang)
    data = _body()
    with transaction() as session:
        get_segment(session, segment_id)
        outcome = review.apply_fix(session, acting_user(session), segment_id, lang,
                                   check=str(data.get("check") or ""),
                                   expected_version=_version(data))
        return _done(outcome)


@bp.route("/segments/<int:segment_id>/<lang>/reject", methods=["POST"])
@login_required
def reject(segment_id: int, lang: str) -> ResponseReturnValue:
    check_language(lang)
    data = _body()
    with transaction() as session:
        get_segment(session, segment_id)
        outcome = review.reject(session, acting_user(session), segment_id, lang,
                                expected_version=_version(data),
                                comment=str(data.get("comment") or ""),
                                category=str(data.get("category") or "") or None,
                                severity=str(data.get("severity") or "") or None)
        return _done(outcome)


@bp.route("/segments/<int:segment_id>/<lang>/revert", methods=["POST"])
@login_required
def revert(segment_id: int, lang: str) -> ResponseReturnValue:
    check_language(lang)
    data = _body()
    revision = data.get("revision")
    if not isinstance(revision, int) or isinstance(revision, bool) or \
            not 0 < revision < MAX_ID:
        raise BadRequest(_("%(field)s must be a positive integer", field="revision"))
    with transaction() as session:
        get_segment(session, segment_id)
        outcome = review.revert(session, acting_user(session), segment_id, lang,
                                revision_id=revision, expected_version=_version(data))
        return _done(outcome)


@bp.route("/segments/<int:segment_id>/<lang>/comments", methods=["POST"])
@login_required
def comment(segment_id: int, lang: str) -> ResponseReturnValue:
    check_language(lang)
    data = _body()
    with transaction() as session:
        get_segment(session, segment_id)
        made = review.add_comment(session, acting_user(session), segment_id, lang,
                                  str(data.get("text") or ""))
        return jsonify(user=current_user.name, text=made.text,
                       created_at=made.created_at.isoformat()), 201


@bp.route("/words", methods=["POST"])
@login_required
def add_house_word() -> ResponseReturnValue:
    """Add a word to the house list of a language: ``{"lang", "word"}``."""
    data = _body()
    lang, word = data.get("lang"), data.get("word")
    if not isinstance(lang, str) or not isinstance(word, str):
        raise BadRequest("send lang and word as strings")
    with transaction() as session:
        entry = add_word(session, lang, word, languages=languages(),
                         user=acting_user(session),
                         confirm_other_language=_body().get("confirm_other_language") is True)
        added = {"lang": entry.lang, "word": entry.word, "origin": entry.origin}
    return jsonify(added), 201


def _word_request() -> tuple[str, str, str]:
    data = _body()
    lang, word, reason = data.get("lang"), data.get("word"), data.get("reason", "")
    if not isinstance(lang, str) or not isinstance(word, str) or not isinstance(reason, str):
        raise BadRequest("send lang, word and reason as strings")
    return lang, word, reason


def _change_house_word(change_word: Callable[..., HouseWordChange]) -> ResponseReturnValue:
    """Remove or restore the request's house word; the change as the history keeps it."""
    lang, word, reason = _word_request()
    check_language(lang)
    with transaction() as session:
        change = change_word(session, lang, word, user=acting_user(session), reason=reason)
        done = {"lang": lang, "word": change.word_entry.word, "action": change.action,
                "reason": change.reason, "user": current_user.name}
    return jsonify(done)


@bp.route("/words", methods=["DELETE"])
@login_required
def remove_house_word() -> ResponseReturnValue:
    """Remove a word from the house list, with a reason: ``{"lang", "word", "reason"}``
    (kept in the history; ``POST /api/words/restore`` brings it back)."""
    return _change_house_word(remove_word)


@bp.route("/words/restore", methods=["POST"])
@login_required
def restore_house_word() -> ResponseReturnValue:
    """Put a removed word back: ``{"lang", "word", "reason"?}``."""
    return _change_house_word(restore_word)


@bp.route("/diff", methods=["POST"])
@login_required
def diff() -> ResponseReturnValue:
    """Word diff of two texts (the conflict view uses it)."""
    data = _body()
    old, new = str(data.get("old", "")), str(data.get("new", ""))
    check_diff_input(old, new)
    return jsonify(word_diff(old, new))
