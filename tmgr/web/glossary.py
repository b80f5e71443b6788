"""The glossary in the browser: search, add, edit, remove (kept in the history),
import CSV/TBX with a dry-run preview, export. Everyone reads; editors and admins change."""

from __future__ import annotations

import base64
import binascii

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required

from tmgr.errors import TmgrError
from tmgr.people import permissions as perm
from tmgr.quality import glossaryedit
from tmgr.quality.glossary import export_glossary, get_term
from tmgr.web.core import acting_user, languages, transaction

bp = Blueprint("glossary", __name__, url_prefix="/glossary")
FORMATS = {"csv": ("text/csv", ".csv"), "tbx": ("application/x-tbx+xml", ".tbx")}


def _may_change() -> bool:
    return perm.allowed(current_user, perm.EDIT_METADATA)


@bp.route("")
@login_required
def index() -> ResponseReturnValue:
    query = request.args.get("q", "")[:200]
    editing = request.args.get("term", "")
    with transaction() as session:
        terms = [(t.term, t.domain, t.note, {lang: glossaryedit.renderings(t, lang)
                                            for lang in languages()})
                 for t in glossaryedit.search(session, query)]
        form = None
        if editing:
            entry = get_term(session, editing)
            form = (entry.term, entry.domain, entry.note,
                    {lang: glossaryedit.renderings(entry, lang) for lang in languages()})
        recent = glossaryedit.history(session)
        restorable = glossaryedit.restorable(session, recent)
        changes = [(c.created_at, c.term, c.action, c.user.name if c.user else None,
                    c.id if c.id in restorable else None,
                    glossaryedit.summary(c.before) if c.action == "removed" else "")
                   for c in recent]
    return render_template("glossary/index.html", terms=terms, query=query, form=form,
                           changes=changes, langs=languages(), may_change=_may_change())


@bp.route("/save", methods=["POST"])
@login_required
def save() -> ResponseReturnValue:
    perm.require(current_user, perm.EDIT_METADATA)
    form = request.form
    cells = {lang: (form.get(f"ok_{lang}", ""), form.get(f"bad_{lang}", ""))
             for lang in languages()}
    record = glossaryedit.record_from_form(form.get("term", ""), form.get("note", ""), cells)
    with transaction() as session:
        glossaryedit.save(session, acting_user(session), record,
                          domain=form.get("domain", ""), original=form.get("original") or None)
    flash(_("Glossary term «%(term)s» saved.", term=record.term), "ok")
    return redirect(url_for("glossary.index", q=record.term))


@bp.route("/remove", methods=["POST"])
@login_required
def remove() -> ResponseReturnValue:
    perm.require(current_user, perm.EDIT_METADATA)
    term = request.form.get("term", "")
    with transaction() as session:
        glossaryedit.remove(session, acting_user(session), term)
    flash(_("«%(term)s» removed from the glossary; its last version is kept in the history.",
            term=term), "ok")
    return redirect(url_for("glossary.index"))


@bp.route("/restore", methods=["POST"])
@login_required
def restore() -> ResponseReturnValue:
    """Bring a removed term back from the history, as it was when removed."""
    perm.require(current_user, perm.EDIT_METADATA)
    raw = request.form.get("change", "")
    if not raw.isdigit():
        raise TmgrError("no history entry chosen", hint="use Restore on a removed term")
    with transaction() as session:
        entry = glossaryedit.restore(session, acting_user(session), int(raw))
        term = entry.term
    flash(_("«%(term)s» is back in the glossary as it was when removed.", term=term), "ok")
    return redirect(url_for("glossary.index", q=term))


def _upload() -> tuple[bytes, str]:
    """The file of the form: uploaded now, or carried from the preview."""
    carried = request.form.get("data", "")
    if carried:
        try:
            return base64.b64decode(carried, validate=True), request.form.get("name", "")
        except (binascii.Error, ValueError) as exc:
            raise TmgrError(_("the previewed file was damaged"), hint=_("upload it again")) from exc
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        raise TmgrError(_("no file chosen"), hint=_("choose a .csv or .tbx file"))
    data = upload.read(glossaryedit.MAX_IMPORT + 1)
    return data, upload.filename


@bp.route("/import", methods=["POST"])
@login_required
def import_file() -> ResponseReturnValue:
    """First a preview (nothing stored); then, confirmed, the import itself."""
    perm.require(current_user, perm.EDIT_METADATA)
    data, name = _upload()
    fmt = "tbx" if name.lower().endswith((".tbx", ".xml")) else "csv"
    confirmed = request.form.get("confirm") == "1"
    replace = request.form.get("replace") == "1"
    with transaction() as session:
        plan = glossaryedit.import_file(session, acting_user(session), data, fmt, languages(),
                                        replace=replace, name=name, dry_run=not confirmed)
    if confirmed:
        flash(_("Imported: %(added)s added, %(replaced)s replaced, %(refused)s refused.",
                added=len(plan.added), replaced=len(plan.replaced),
                refused=len(plan.refused)), "ok")
        return redirect(url_for("glossary.index"))
    return render_template("glossary/preview.html", plan=plan, name=name, replace=replace,
                           data=base64.b64encode(data).decode("ascii"))


@bp.route("/export.<fmt>")
@login_required
def export(fmt: str) -> ResponseReturnValue:
    if fmt not in FORMATS:
        raise TmgrError(_("no glossary format %(value)s", value=repr(fmt)), hint="csv, tbx")
    with transaction() as session:
        data = export_glossary(session, fmt, languages())
    mime, extension = FORMATS[fmt]
    return Response(data, mimetype=mime, headers={
        "Content-Disposition": f"attachment; filename=glossary{extension}"})
