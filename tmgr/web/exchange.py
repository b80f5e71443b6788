"""Import PO, XLIFF and TMX files in the browser with the CLI's rules (``tmgr import``).

"Check" runs the import in a transaction that is rolled back and shows what would
change, what conflicts and what is refused and why; "Import" applies the same file,
as the signed-in user (their languages, four-eyes, conflicts kept in tmgr's favour
unless a resolution is chosen).
"""

from __future__ import annotations

from pathlib import Path

from flask import Blueprint, flash, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import login_required
from werkzeug.exceptions import RequestEntityTooLarge

from tmgr.errors import TmgrError
from tmgr.exchange.imports import RESOLUTIONS, ImportReport, import_file
from tmgr.qa.messages import translate
from tmgr.readers import MAX_SOURCE_BYTES
from tmgr.review.actions import ReviewPolicy
from tmgr.web import staging
from tmgr.web.core import acting_user, languages, settings, transaction, trial_transaction

bp = Blueprint("exchange", __name__, url_prefix="/import")
SUFFIXES = (".po", ".xlf", ".xliff", ".tmx")


def _message(exc: TmgrError) -> str:
    text = translate(exc.message, _)
    return f"{text} ({translate(exc.hint, _)})" if exc.hint else text


def _form(status: int = 200, **context: object) -> ResponseReturnValue:
    return render_template("exchange/import.html", resolutions=RESOLUTIONS,
                           limit_mb=MAX_SOURCE_BYTES // 1024 // 1024, **context), status


def _run(name: str, data: bytes, resolve: str | None, dry_run: bool) -> ImportReport:
    policy = ReviewPolicy.from_settings(settings())
    with trial_transaction() if dry_run else transaction() as session:
        return import_file(session, name, data, acting_user(session),
                           languages=languages(), resolve=resolve,
                           policy_four_eyes=policy.four_eyes)


def _checked_name(name: str) -> str:
    name = Path(name.replace("\\", "/")).name
    if not name.lower().endswith(SUFFIXES):
        raise TmgrError(_("%(name)s is not a PO, XLIFF or TMX file", name=repr(name or "?")),
                        hint=_("export a catalog from tmgr, translate it, and import that"))
    return name


@bp.route("", methods=["GET"])
@login_required
def form() -> ResponseReturnValue:
    return _form()


@bp.route("", methods=["POST"])
@login_required
def run() -> ResponseReturnValue:
    """Check (dry run) an uploaded file, or import a checked one."""
    try:
        resolve = request.form.get("resolve") or None
        if resolve is not None and resolve not in RESOLUTIONS:
            resolve = None
        token = request.form.get("token", "")
        if token:
            name, data = _checked_name(request.form.get("name", "")), staging.staged(token)
        else:
            file = request.files.get("file")
            if file is None or not file.filename:
                raise TmgrError(_("Choose a PO, XLIFF or TMX file."))
            name, data = _checked_name(file.filename), file.stream.read()
        apply = request.form.get("apply") == "1" and bool(token)
        report = _run(name, data, resolve, dry_run=not apply)
    except RequestEntityTooLarge:
        return _form(413, error=_("What you sent is too large: the limit is %(mb)s MB.",
                                  mb=MAX_SOURCE_BYTES // 1024 // 1024))
    except TmgrError as exc:
        return _form(exc.http_status if exc.http_status < 500 else 422, error=_message(exc))
    if apply:
        staging.discard(token)
        flash(_("%(name)s imported: %(updated)s updated, %(added)s added to the memory, "
                "%(conflicts)s conflicts.", name=name, updated=report.updated,
                added=report.added, conflicts=len(report.conflicts)), "ok")
        return _form(report=report, applied=True)
    return _form(report=report, applied=False, token=staging.stage(data), name=name,
                 resolve=resolve or "")
