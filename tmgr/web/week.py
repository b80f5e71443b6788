"""The week view for editors and publishers: this week's commentaries, per language
the stage, the assignees, the due dates and what blocks publication."""

from __future__ import annotations

from datetime import date, timedelta

from flask import Blueprint, abort, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from tmgr.desk.week import monday_of, week_rows
from tmgr.errors import TmgrError
from tmgr.people import permissions as perm
from tmgr.web.core import languages, transaction

bp = Blueprint("week", __name__)
STAGE_LABELS = {"translation": _l("translation"), "review": _l("review"),
                "publication": _l("publication"), "published": _l("published")}
BLOCKER_LABELS = {"unapproved": _l("segments not approved"),
                  "mt_failed": _l("segments whose machine draft failed"),
                  "no_translator": _l("no translator"), "no_reviewer": _l("no reviewer"),
                  "overdue": _l("overdue")}


def _monday() -> date:
    chosen = request.args.get("week", "")
    if not chosen:
        return monday_of(date.today())
    try:
        return monday_of(date.fromisoformat(chosen[:10]))
    except ValueError as exc:
        raise TmgrError(_("not a date: %(value)s", value=repr(chosen[:40])),
                        hint=_("e.g. %(example)s", example="2026-12-07")) from exc


@bp.route("/week")
@login_required
def index() -> ResponseReturnValue:
    if not (perm.allowed(current_user, perm.VIEW_DASHBOARD)
            or perm.allowed(current_user, perm.EXPORT)):
        abort(403)
    monday = _monday()
    with transaction() as session:
        rows = week_rows(session, monday, languages())
    ready = [r.row for r in rows if r.row.stage == "publication"]
    return render_template("desk/week.html", rows=rows, monday=monday,
                           sunday=monday + timedelta(days=6), ready=ready,
                           previous=monday - timedelta(days=7),
                           following=monday + timedelta(days=7),
                           STAGE_LABELS=STAGE_LABELS, BLOCKER_LABELS=BLOCKER_LABELS)
