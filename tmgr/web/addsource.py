"""Add a commentary in the browser: upload or paste, see how it was read, fix, add.

The first POST reads the text and shows the ``--explain`` report and, for a corrected
version of a stored commentary, the revision diff; nothing is stored in the database
(the ingest runs in a transaction that is rolled back). The bytes wait in the
instance folder under their SHA-256 until "Add" stores them.
"""

from __future__ import annotations

from typing import Any

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.exceptions import RequestEntityTooLarge

from tmgr.documents import add as addsource
from tmgr.documents.ingest import IngestResult
from tmgr.errors import IngestError, MetadataError, SourceConflict, TextError, TmgrError
from tmgr.people import permissions as perm
from tmgr.qa.messages import translate
from tmgr.readers import MAX_SOURCE_BYTES
from tmgr.readers.report import report_dict
from tmgr.web import staging
from tmgr.web.core import languages, transaction, trial_transaction

bp = Blueprint("addsource", __name__, url_prefix="/commentaries/add")


def _staged(token: str, name: str) -> addsource.Upload:
    return addsource.upload_of(name, staging.staged(token))


def _message(exc: TmgrError) -> str:
    text = translate(exc.message, _)
    return f"{text} ({translate(exc.hint, _)})" if exc.hint else text


def _require_editor() -> None:
    perm.require(current_user, perm.EDIT_METADATA)


def _form(status: int = 200, **context: Any) -> ResponseReturnValue:
    return render_template("documents/add.html", limit_mb=MAX_SOURCE_BYTES // 1024 // 1024,
                           formats=addsource.PASTE_FORMATS, **context), status


@bp.route("", methods=["GET"])
@login_required
def form() -> ResponseReturnValue:
    _require_editor()
    return _form()


def _upload_from_request() -> addsource.Upload:
    file = request.files.get("file")
    if file is not None and file.filename:
        raw = file.stream.read(MAX_SOURCE_BYTES + 1)
        return addsource.upload_of(file.filename, raw)
    text = request.form.get("text", "")
    if not text.strip():
        raise IngestError(_("Choose a file or paste the commentary's text."))
    return addsource.paste_of(request.form.get("slug", ""), text,
                              request.form.get("kind", "txt"))


def _trial(upload: addsource.Upload, values: dict[str, str]) -> IngestResult:
    with trial_transaction() as session:
        result = addsource.add_commentary(session, upload, languages(), values=values,
                                          added_by=current_user.name)
        result.revision = addsource.revision_of(session, upload.slug)
        return result


@bp.route("/preview", methods=["POST"])
@login_required
def preview() -> ResponseReturnValue:
    """Read the upload or paste and show how; store nothing."""
    _require_editor()
    try:
        if request.form.get("token"):
            upload = _staged(request.form["token"], request.form.get("name", ""))
        else:
            upload = _upload_from_request()
        values = {name: request.form[name] for name in ("title", "section", "week",
                                                          "status_line") if name in request.form}
        parsed = addsource.read_upload(upload)
        with transaction(readonly=True) as session:
            stored = addsource.revision_of(session, upload.slug)
    except RequestEntityTooLarge:
        return _too_large()
    except (IngestError, MetadataError, TextError) as exc:
        return _form(422, error=_message(exc), kept=request.form)
    result, error = None, None
    try:
        result = _trial(upload, values) if parsed.title or values.get("title") else None
    except (IngestError, MetadataError, TextError) as exc:  # a bad fix: fix it again
        error = _message(exc)
    return render_template("documents/add_preview.html", report=report_dict(parsed),
                           result=result, upload=upload, token=staging.stage(upload.raw),
                           values={**addsource.metadata_of(parsed), **values}, stored=stored,
                           expected=stored, error=error), 422 if error else 200


def _too_large() -> ResponseReturnValue:
    limit = current_app.config.get("MAX_CONTENT_LENGTH") or MAX_SOURCE_BYTES
    return _form(413, error=_("What you sent is too large: the limit is %(mb)s MB.",
                              mb=limit // 1024 // 1024))


@bp.route("/confirm", methods=["POST"])
@login_required
def confirm() -> ResponseReturnValue:
    """Store the commentary as previewed, with the fixes; refuse if it changed meanwhile."""
    _require_editor()
    try:
        upload = _staged(request.form.get("token", ""), request.form.get("name", ""))
        expected = int(request.form.get("expected", "-1"))
        values = {name: request.form.get(name, "") for name in ("title", "section", "week",
                                                                "status_line")}
        with transaction() as session:
            result = addsource.add_commentary(session, upload, languages(), values=values,
                                              added_by=current_user.name,
                                              expected_revision=expected)
    except RequestEntityTooLarge:
        return _too_large()
    except ValueError:
        return _form(422, error=_("The form is incomplete: upload the commentary again."))
    except SourceConflict as exc:
        return _form(409, error=_message(exc))
    except (IngestError, MetadataError, TextError) as exc:
        return _form(422, error=_message(exc))
    staging.discard(upload.checksum)
    if result.action == "unchanged":
        flash(_("%(doc)s is already stored as it is; nothing changed.", doc=result.slug), "ok")
    else:
        flash(_("Commentary %(doc)s added (%(num)s segments).", doc=result.slug,
                num=result.segments), "ok")
    return redirect(url_for("documents.detail", slug=result.slug))
