"""The documents page: every document with its progress per language; deadlines; export."""

from __future__ import annotations

import io
import mimetypes
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, send_file, url_for
from flask.typing import ResponseReturnValue
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from tmgr.desk import dashboard
from tmgr.desk.archive import ArchivedRow, archived_page
from tmgr.desk.assignments import record_export
from tmgr.desk.progress import DocumentRow
from tmgr.documents.ingest import get_document, ingest_warnings, list_documents
from tmgr.documents.listing import (
    SORTS,
    DocumentQuery,
    count_documents,
    document_page,
    sections,
)
from tmgr.documents.metadata import MetadataChange, edit_metadata
from tmgr.documents.revisions import revision_dict
from tmgr.errors import NotReady, PermissionDenied, ReviewError, UneditedMT
from tmgr.exchange import gate as mtgate
from tmgr.exchange.export import DEFAULT_FORMATS, Blocker, export_documents, zip_files
from tmgr.formats import FORMATS, PUBLISHABLE
from tmgr.people import permissions as perm
from tmgr.review import actions as review
from tmgr.review import sitestrings
from tmgr.store.models import State
from tmgr.web.core import (
    acting_user,
    check_language,
    languages,
    said,
    settings,
    transaction,
)
from tmgr.web.listing import (
    archive_cursor,
    archive_cursor_text,
    include_archive,
    kept_args,
    query_from_args,
)

bp = Blueprint("documents", __name__)

@bp.route("/")
@login_required
def index() -> ResponseReturnValue:
    """One page of documents: this week and the unfinished first, filters, a next link."""
    query = query_from_args()
    with transaction() as session:
        page = document_page(session, query, languages(), request.args.get("after", ""))
        total = count_documents(session)
        every_section = sections(session)
        work = dashboard.my_work(session, current_user, languages())
        user = acting_user(session)
        site_work = [(string.id, string.source, lang, task) for string, lang, task
                     in sitestrings.work_for(session, user, languages())]
        ui_lang = str(get_locale() or "en")
        section_names = sitestrings.approved_names(session, "section", ui_lang)
    own = [lang for lang in current_user.language_list if lang in languages()]
    kept = kept_args()
    archived, archive_next = _archived(query)
    return render_template("documents/index.html", rows=page.rows, total=total,
                           archive=include_archive(), archived=archived,
                           archive_next=archive_next,
                           matching=page.matching, my_work=work, site_work=site_work,
                           section_names=section_names, sections=every_section,
                           query=query.text, section=query.section, sort=query.sort,
                           filters=query, args=kept, sorts=SORTS, states=list(State),
                           languages=languages(),
                           next_url=url_for("documents.index", **kept, after=page.next)
                           if page.next else None,
                           first_url=url_for("documents.index", **kept)
                           if request.args.get("after") else None,
                           home_lang=(own or list(languages()))[0])


def _archived(query: DocumentQuery) -> tuple[list[ArchivedRow], str | None]:
    """With ``?archive=1``: a page of the archived articles matching the week and text."""
    if not include_archive():
        return [], None
    with transaction() as session:
        rows, cursor = archived_page(session, week=query.week, text=query.text,
                                     after=archive_cursor(), limit=query.limit)
    if cursor is None:
        return rows, None
    return rows, url_for("documents.index", **kept_args(),
                         archive_after=archive_cursor_text(cursor))


@bp.route("/documents/<slug>/deadline", methods=["POST"])
@login_required
def deadline(slug: str) -> ResponseReturnValue:
    raw = request.form.get("deadline", "").strip()
    try:
        value = date.fromisoformat(raw) if raw else None
    except ValueError as exc:
        raise ReviewError(_("not a date: %(value)s", value=repr(raw)),
                          hint=_("use YYYY-MM-DD")) from exc
    with transaction() as session:
        review.set_deadline(session, acting_user(session), slug, value)
    flash(_("Deadline saved."), "ok")
    kept: dict[str, Any] = request.args.to_dict()  # the list's filters and sort
    return redirect(url_for("documents.index", **kept))


def _ready(row: DocumentRow) -> bool:
    return bool(row.progress) and all(p.percent_approved >= 100
                                      for p in row.progress.values())


def _export_form(*, status: int = 200, error: str | None = None,
                 chosen: dict[str, list[str]] | None = None,
                 unedited: UneditedMT | None = None) -> ResponseReturnValue:
    """One page of documents to export (this week and the ready to publish first, the
    documents list's filters and ``next`` links); shares read for that page only."""
    query = replace(query_from_args(), ready_first=True)
    with transaction() as session:
        page = document_page(session, query, languages(), request.args.get("after", ""))
        rows = page.rows
        shares = {(s.document, s.lang): s.percent for s in mtgate.unedited_shares(
            session, [r.document.slug for r in rows], languages()) if s.unedited}
        total = count_documents(session)
        every_section = sections(session)
        section_names = sitestrings.approved_names(session, "section",
                                                   str(get_locale() or "en"))
    if chosen is None:  # first visit: every language, the usual formats, what is ready
        chosen = {"slug": [r.document.slug for r in rows if _ready(r)],
                  "lang": list(languages()), "format": list(DEFAULT_FORMATS)}
    kept = kept_args()
    after = request.args.get("after", "")
    this_page: dict[str, Any] = {**kept, "after": after} if after else kept
    return render_template(
        "documents/export.html", rows=rows, languages=languages(), formats=FORMATS,
        chosen=chosen, error=error, unedited=unedited, shares=shares,
        may_confirm=perm.allowed(current_user, perm.CONFIRM_UNEDITED),
        total=total, matching=page.matching, sections=every_section,
        section_names=section_names, query=query.text, section=query.section,
        sort=query.sort, filters=query, args=kept, sorts=SORTS, states=list(State),
        action=url_for("documents.export", **this_page),
        next_url=url_for("documents.export", **kept, after=page.next) if page.next else None,
        first_url=url_for("documents.export", **kept) if after else None), status


@bp.route("/documents/<slug>")
@login_required
def detail(slug: str) -> ResponseReturnValue:
    """One document: its metadata, what the reader warned about, its source history."""
    with transaction() as session:
        document = get_document(session, slug)
        revisions = [revision_dict(r) for r in reversed(document.source_revisions)]
        strings = [(string.id, string.kind, string.source,
                    {lang: (row.text, row.state.value) if (
                        row := sitestrings.existing_translation(string, lang)) else
                     ("", "untranslated") for lang in languages()})
                   for string in sitestrings.document_strings(session, document)]
        own = [lang for lang in current_user.language_list if lang in languages()]
        unedited = mtgate.unedited_shares(session, [slug], languages())
        return render_template("documents/detail.html", d=document, unedited=unedited,
                               awaiting={s.lang for s in mtgate.awaiting_confirmation(
                                   session, unedited)},
                               may_confirm=perm.allowed(current_user, perm.CONFIRM_UNEDITED),
                               confirmations=mtgate.confirmations(session, document),
                               warnings=ingest_warnings(document), revisions=revisions,
                               edited=set(filter(None, document.edited_fields.split(","))),
                               site_strings=strings,
                               languages=languages(), home_lang=(own or list(languages()))[0])


@bp.route("/documents/<slug>/confirm-unedited", methods=["POST"])
@login_required
def confirm_unedited(slug: str) -> ResponseReturnValue:
    """An editor or admin confirms publishing a language's unedited MT (kept in history)."""
    lang = check_language(request.form.get("lang", ""))
    with transaction() as session:
        row = mtgate.confirm(session, acting_user(session), slug, lang)
        percent = row.percent
    flash(_("Confirmed: %(lang)s may be published with %(percent)s%% unedited machine "
            "translation.", lang=lang, percent=f"{percent:g}"), "ok")
    return redirect(url_for("documents.detail", slug=slug) + "#unedited-mt-shares")


@bp.route("/documents/<slug>/metadata", methods=["POST"])
@login_required
def metadata(slug: str) -> ResponseReturnValue:
    """Fix the title, section, week or status line (editors and admins)."""
    form = request.form
    change = MetadataChange(title=form.get("title"), section=form.get("section"),
                            week=form.get("week"), status_line=form.get("status_line"))
    with transaction() as session:
        changed = edit_metadata(session, acting_user(session), get_document(session, slug),
                                change, languages())
    flash(_("Metadata saved.") if changed else _("Nothing changed."), "ok")
    return redirect(url_for("documents.detail", slug=slug))


def _download_name(path: str, lang: str | None) -> str:
    """One exported file's name, with its language (``slug.be.draft.txt``): the folder
    that says the language in a zip is not there for a single file."""
    parts = path.rsplit("/", 1)[-1].split(".")
    if lang and lang not in parts[1:]:
        parts.insert(1, lang)
    return ".".join(parts)


@bp.route("/export", methods=["GET", "POST"])
@login_required
def export() -> ResponseReturnValue:
    """Publishers download final texts: one file, or a zip for several."""
    perm.require(current_user, perm.EXPORT)
    if request.method == "GET":
        return _export_form()
    chosen = {key: request.form.getlist(key) for key in ("slug", "lang", "format")}
    slugs, allow_partial = chosen["slug"], bool(request.form.get("allow_partial"))
    langs = [check_language(lang) for lang in chosen["lang"]]
    formats = chosen["format"] = chosen["format"] or list(DEFAULT_FORMATS)
    if not slugs or not langs:
        error = _("Choose at least one document.") if not slugs else \
            _("Choose at least one language.")
        return _export_form(status=400, chosen=chosen, error=error)
    final = not allow_partial and any(f in PUBLISHABLE for f in formats)
    try:
        with transaction(readonly=False) as session:  # the gate, the desk, webhooks
            confirmed = mtgate.gate_export(
                session, slugs, langs, confirm_now=bool(request.form.get("confirm_unedited")),
                by=acting_user(session), via="export") if final else []
            files = export_documents(session, slugs, languages=langs, formats=formats,
                                     allow_partial=allow_partial, settings=settings())
            record_export(session, [(f.document, f.lang, f.format) for f in files.files
                                    if f.lang and not f.draft and f.format in PUBLISHABLE],
                          mtgate.confirmation_payload(confirmed))
    except UneditedMT as exc:
        return _export_form(status=409, chosen=chosen, unedited=exc)
    except PermissionDenied as exc:  # a publisher ticked the confirmation: not theirs
        return _export_form(status=403, chosen=chosen, error=said(exc.message))
    except NotReady as exc:
        with transaction(readonly=True) as session:
            titles = {d.slug: d.title for d in list_documents(session, slugs)}
        return render_template("documents/export_refused.html", titles=titles,
                               groups=refusal_groups(exc.blockers), chosen=chosen,
                               allow_partial=allow_partial), 409
    if len(files) == 1:
        name = next(iter(files))
        return send_file(io.BytesIO(files[name]), as_attachment=True,
                         download_name=_download_name(name, files.files[0].lang),
                         mimetype=mimetypes.guess_type(name)[0] or "application/octet-stream")
    stamp = date.today().isoformat()
    return send_file(io.BytesIO(zip_files(files, folder=f"tmgr-{stamp}")), as_attachment=True,
                     download_name=f"tmgr-export-{stamp}.zip", mimetype="application/zip")


@dataclass
class RefusalGroup:
    """What blocks one document in one language, for the export refusal page."""

    slug: str
    lang: str
    blockers: list[Blocker]


def refusal_groups(blockers: list[Blocker]) -> list[RefusalGroup]:
    groups: dict[tuple[str, str], RefusalGroup] = {}
    for blocker in blockers:
        key = (blocker.document, blocker.lang)
        groups.setdefault(key, RefusalGroup(*key, [])).blockers.append(blocker)
    return list(groups.values())
