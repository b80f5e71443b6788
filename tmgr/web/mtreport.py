"""The post-editing report for editors: which engine needs the least editing, per language."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required

from tmgr.desk.archive import archive_report_rows
from tmgr.drafting.analytics import GROUPINGS, mt_report
from tmgr.errors import TmgrError
from tmgr.people import permissions as perm
from tmgr.review.mqm import error_counts
from tmgr.web.charts import Bar, hbar_chart
from tmgr.web.core import languages, transaction
from tmgr.web.listing import include_archive

bp = Blueprint("mtreport", __name__, url_prefix="/reports")


def _kind(engine: str) -> str:
    return "pivot" if " via " in engine else "tm" if engine == "tm" else ""


def _bars(rows: list[dict], key: str, scale: float = 1.0) -> list[Bar]:
    return [Bar(r["engine"], None if r[key] is None else round(r[key] * scale, 1),
                _kind(r["engine"])) for r in rows]


def _charts(rows: list[dict]) -> list[dict]:
    """Per language: edit distance, chrF and accepted-unchanged per engine."""
    charts = []
    for lang in sorted({row["lang"] for row in rows}):
        mine = [row for row in rows if row["lang"] == lang]

        def bars(key: str, scale: float = 1.0, mine: list[dict] = mine) -> list[Bar]:
            return _bars(mine, key, scale)

        charts.append({"lang": lang, "figures": [
            (_("Edit distance (less is better)"),
             hbar_chart(bars("edit_distance"), maximum=100, unit=" %",
                       title=_("Edit distance"))),
            (_("chrF of the draft against the approved text (more is better)"),
             hbar_chart(bars("chrf"), maximum=100, title="chrF")),
            (_("Approved unchanged"),
             hbar_chart(bars("unchanged", 100), maximum=100, unit=" %",
                       title=_("Approved unchanged"))),
        ]})
    return charts


@bp.route("/mt")
@login_required
def index() -> ResponseReturnValue:
    """Post-editing figures per engine and language, with charts."""
    perm.require(current_user, perm.VIEW_MT_REPORT)
    by = request.args.get("by", "engine")
    raw_since = request.args.get("since", "").strip()
    try:
        since = date.fromisoformat(raw_since) if raw_since else None
    except ValueError:
        raise TmgrError(_("not a date: %(value)s", value=repr(raw_since)),
                        hint=_("use YYYY-MM-DD")) from None
    with transaction() as session:
        rows = mt_report(session, since=since, by=by)
        engine_rows = rows if by == "engine" else mt_report(session, since=since)
        archived = archive_report_rows(session, languages(), by) if include_archive() else []
        errors = error_counts(session, languages())
    return render_template("mtreport/index.html", rows=rows + archived, by=by, since=raw_since,
                           archive=include_archive(),
                           review_errors=errors,
                           groupings=GROUPINGS, charts=_charts(engine_rows),
                           languages=languages())
