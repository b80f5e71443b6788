"""The editors' desk in the UI: dashboard, assignments, notifications, soft locks."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import Any

from flask import (
    Blueprint,
    Response,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    stream_with_context,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from tmgr.config import digest_minutes
from tmgr.desk import assignments as desk
from tmgr.desk import dashboard
from tmgr.desk.archive import archive_totals
from tmgr.desk.desktable import DeskLine
from tmgr.documents.ingest import get_document
from tmgr.errors import AssignError, NotFound, TmgrError
from tmgr.people import notifications as notify
from tmgr.people import outbox
from tmgr.people import permissions as perm
from tmgr.people.users import list_users
from tmgr.review import locks
from tmgr.review.mqm import error_counts
from tmgr.store.models import NOTIFY_KINDS
from tmgr.text import csv_cell
from tmgr.web import charts
from tmgr.web.core import acting_user, check_language, database, languages, safe_next, transaction
from tmgr.web.listing import include_archive

bp = Blueprint("desk", __name__)

STAGE_LABELS = {"translation": _l("translation"), "review": _l("review"),
                "publication": _l("publication"), "published": _l("published")}
TASK_LABELS = {"translate": _l("to translate"), "review": _l("to review"),
               "fix": _l("sent back to you"), "publish": _l("to publish")}
KIND_LABELS = {"assigned": _l("assigned to me"), "due_soon": _l("due soon (a day before)"),
               "rejected": _l("rejected back to me"),
               "mentioned": _l("a comment mentioning me (@name)"),
               "ready_to_publish": _l("document ready to publish")}
CHARTS = ("burndown", "words", "backlog", "quality")
TABLE_ROWS = 100  # the most urgent first; `?all=1` (and the CSV) have every row


def _urgency(row: DeskLine) -> tuple[Any, ...]:
    return (not row.overdue, not row.at_risk, row.due is None, row.due or date.max,
            row.document.title, row.lang)


def _parse_date(raw: str, label: str) -> date | None:
    raw = raw.strip()
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError as exc:
        raise AssignError(_("%(field)s: not a date: %(value)s", field=label, value=raw),
                               hint=_("use YYYY-MM-DD")) from exc


# --- dashboard ------------------------------------------------------------------------

def _filtered(rows: list[DeskLine]) -> list[DeskLine]:
    lang, show = request.args.get("lang", ""), request.args.get("show", "")
    person = request.args.get("person", "")
    if lang:
        rows = [r for r in rows if r.lang == lang]
    if show == "late":
        rows = [r for r in rows if r.overdue or r.at_risk]
    if person:
        rows = [r for r in rows if person in (r.translator, r.reviewer)]
    return rows


def _period() -> int:
    """The dashboard's period in weeks (``?weeks=``): one of the choices, else the default."""
    raw = request.args.get("weeks", "")
    return int(raw) if raw.isdigit() and int(raw) in dashboard.PERIODS else dashboard.WEEKS


def _chart_data(session: Any, rows: list[DeskLine], done: dashboard.Activity
                ) -> dict[str, Any]:
    """Each chart's figures: what the SVG draws and the CSV holds."""
    chosen = request.args.get("doc", "")
    focus = next((r for r in rows if r.document.slug == chosen), None) or next(
        (r for r in rows if r.overdue or r.at_risk), None) or (rows[0] if rows else None)
    points = (dashboard.burndown(session, get_document(session, focus.document.slug),
                                 focus.lang) if focus else [])
    weeks, people = dashboard.words_per_person(session, done)
    q_weeks, overrides, rejections = dashboard.overrides_and_rejections(session, done)
    return {"focus": focus, "burndown": points, "weeks": weeks, "people": people,
            "backlog": dashboard.review_backlog(rows), "q_weeks": q_weeks,
            "overrides": overrides, "rejections": rejections}


def _charts(data: dict[str, Any]) -> dict[str, Any]:
    week = [w.strftime("%d.%m") for w in data["weeks"]]
    svg: dict[str, Any] = {}
    focus = data["focus"]
    if focus:
        svg["burndown"] = charts.line_chart(
            _("Burn-down: %(title)s (%(lang)s)", title=focus.document.title, lang=focus.lang),
            [d.strftime("%H:%M" if isinstance(d, datetime) else "%d.%m")
             for d, _t, _a in data["burndown"]],
            [(_("words not translated"), [t for _d, t, _a in data["burndown"]], "s-todo"),
             (_("words not approved"), [a for _d, _t, a in data["burndown"]], "s-review")])
    shared = charts.nice_max(max((v for figures in data["people"].values()
                                  for key in ("translated", "reviewed") for v in figures[key]),
                                 default=0))  # one scale: people are compared
    svg["people"] = [(name, charts.bar_chart(
        _("Words per week: %(name)s", name=name), week,
        [(_("translated"), figures["translated"], "s-translated"),
         (_("reviewed"), figures["reviewed"], "s-approved")], top=shared))
        for name, figures in data["people"].items()]
    backlog = data["backlog"]["reviewer"]
    svg["backlog"] = charts.bar_chart(
        _("Review backlog (words awaiting review)"),
        [name or _("unassigned") for name in backlog],
        [(_("words"), list(backlog.values()), "s-translated")])
    svg["quality"] = charts.bar_chart(
        _("QA overrides and rejections per week"),
        [w.strftime("%d.%m") for w in data["q_weeks"]],
        [(_("QA overrides"), data["overrides"], "s-override"),
         (_("rejections"), data["rejections"], "s-rejected")])
    return svg


def _published(session: Any, rows: list[DeskLine]) -> dict[str, dict[str, int]]:
    """Per language: segments and words approved on the desk, in the published archive,
    and both together (the dashboard with ``?archive=1``)."""
    archived = archive_totals(session, languages())
    figures = {}
    for lang in languages():
        mine = [r for r in rows if r.lang == lang]
        articles, segments, words = archived[lang]
        desk_segments = sum(r.approved_segments for r in mine)
        desk_words = sum(r.approved_words for r in mine)
        figures[lang] = {"desk_segments": desk_segments, "desk_words": desk_words,
                         "articles": articles, "archive_segments": segments,
                         "archive_words": words, "segments": desk_segments + segments,
                         "words": desk_words + words}
    return figures


@bp.route("/dashboard")
@login_required
def dashboard_page() -> ResponseReturnValue:
    perm.require(current_user, perm.VIEW_DASHBOARD)
    weeks = _period()
    with transaction() as session:
        done = dashboard.activity(session, weeks=weeks)
        every = dashboard.dashboard_lines(session, languages(), done=done, weeks=weeks)
        rows = sorted(_filtered(every), key=_urgency)
        data = _chart_data(session, every, done)
        people = sorted({n for r in every for n in (r.translator, r.reviewer) if n})
        errors = error_counts(session, languages())
        published = _published(session, every) if include_archive() else None
    summary = {"overdue": sum(r.overdue for r in every),
               "at_risk": sum(r.at_risk for r in every),
               "review": sum(r.stage == "review" for r in every)}
    limit = None if request.args.get("all") else TABLE_ROWS
    return render_template("desk/dashboard.html", rows=rows[:limit], matching=len(rows),
                           total=len(every),
                           summary=summary, svg=_charts(data), focus=data["focus"],
                           people=people, languages=languages(), args=request.args,
                           review_errors=errors, published=published,
                           archive=include_archive(),
                           weeks=weeks, periods=dashboard.PERIODS,
                           STAGE_LABELS={k: str(v) for k, v in STAGE_LABELS.items()},
                           charts=CHARTS)


def _csv(name: str, header: list[str], lines: Iterable[list[Any]]) -> Response:
    """A CSV download that streams: rows are written as ``lines`` yields them."""
    def written() -> Iterator[str]:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        buffer.write("\ufeff")
        writer.writerow(header)
        for n, line in enumerate(lines, 1):
            writer.writerow([csv_cell(cell) for cell in line])
            if n % 500 == 0:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue()

    return Response(stream_with_context(written()), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{name}.csv"'})


def _dashboard_lines() -> Iterator[list[Any]]:
    """Every dashboard row that the filters keep, written as they are read."""
    with transaction(readonly=True) as session:
        for r in _filtered(dashboard.all_lines(session, languages())):
            yield [r.document.slug, r.document.title, r.lang, r.translator or "",
                   r.reviewer or "", r.stage, r.due.isoformat() if r.due else "",
                   int(r.overdue), int(r.at_risk),
                   r.projected.isoformat() if r.projected else "",
                   f"{r.percent_approved:.1f}", r.words, r.translated_words]


@bp.route("/dashboard.csv")
@login_required
def dashboard_csv() -> ResponseReturnValue:
    perm.require(current_user, perm.VIEW_DASHBOARD)
    return _csv("tmgr-dashboard", [
        "document", "title", "lang", "translator", "reviewer", "stage", "due", "overdue",
        "at_risk", "projected", "percent_approved", "words", "words_awaiting_review"],
        _dashboard_lines())


@bp.route("/dashboard/<chart>.csv")
@login_required
def chart_csv(chart: str) -> ResponseReturnValue:
    perm.require(current_user, perm.VIEW_DASHBOARD)
    if chart not in CHARTS:
        raise NotFound(f"no chart {chart!r}", hint=f"charts: {', '.join(CHARTS)}")
    weeks = _period()
    with transaction() as session:
        done = dashboard.activity(session, weeks=weeks)
        data = _chart_data(session, dashboard.dashboard_lines(
            session, languages(), done=done, weeks=weeks), done)
    if chart == "burndown":
        focus = data["focus"]
        return _csv(f"tmgr-burndown-{focus.document.slug}-{focus.lang}" if focus else
                    "tmgr-burndown", ["date", "words_not_translated", "words_not_approved"],
                    [[d.isoformat(), t, a] for d, t, a in data["burndown"]])
    if chart == "words":
        return _csv("tmgr-words-per-week", ["week", "user", "translated", "reviewed"],
                    [[week.isoformat(), name, f["translated"][i], f["reviewed"][i]]
                     for name, f in data["people"].items()
                     for i, week in enumerate(data["weeks"])])
    if chart == "backlog":
        backlog = data["backlog"]
        return _csv("tmgr-review-backlog", ["by", "name", "words"],
                    [["lang", k, v] for k, v in backlog["lang"].items()]
                    + [["reviewer", k, v] for k, v in backlog["reviewer"].items()])
    return _csv("tmgr-qa-overrides-rejections", ["week", "qa_overrides", "rejections"],
                [[w.isoformat(), o, r] for w, o, r in zip(
                    data["q_weeks"], data["overrides"], data["rejections"], strict=True)])


# --- assignments ----------------------------------------------------------------------

@bp.route("/documents/<slug>/assign", methods=["GET", "POST"])
@login_required
def assign(slug: str) -> ResponseReturnValue:
    """The document's page for editors: translator, reviewer and dates per language."""
    if request.method == "POST":
        perm.require(current_user, perm.SET_DEADLINE)
        form = request.form
        if "deadline" in form:
            with transaction() as session:
                for message in desk.set_publication_date(
                        session, slug, _parse_date(form["deadline"], _("Publication date")),
                        actor=acting_user(session)):
                    flash(message, "warning")
            flash(_("Publication date saved."), "ok")
            return redirect(url_for("desk.assign", slug=slug))
        lang = check_language(form.get("lang", ""))
        with transaction() as session:
            result = desk.assign(
                session, slug, lang, configured=languages(), actor=acting_user(session),
                translator=form.get("translator", ""), reviewer=form.get("reviewer", ""),
                translation_due=_parse_date(form.get("translation_due", ""),
                                            _("Translation due")),
                review_due=_parse_date(form.get("review_due", ""), _("Review due")),
                publication_due=_parse_date(form.get("publication_due", ""),
                                            _("Publication due")))
        for message in result.warnings:
            flash(message, "warning")
        flash(_("Assignment saved."), "ok")
        return redirect(url_for("desk.assign", slug=slug))
    with transaction() as session:
        document = get_document(session, slug)
        rows = desk.desk_rows(session, [document], languages())
        users = [u for u in list_users(session) if u.active]
    candidates = {lang: {
        "translator": [u.name for u in users if perm.allowed(u, perm.EDIT, lang)],
        "reviewer": [u.name for u in users if perm.allowed(u, perm.APPROVE, lang)]}
        for lang in languages()}
    return render_template("desk/assign.html", document=document, rows=rows,
                           candidates=candidates, STAGE_LABELS=STAGE_LABELS,
                           can_assign=current_user.can(perm.SET_DEADLINE))


# --- notifications --------------------------------------------------------------------

@bp.route("/notifications")
@login_required
def notifications() -> ResponseReturnValue:
    with transaction() as session:
        items = notify.recent(session, current_user.id)
    return render_template("desk/notifications.html", items=items)


@bp.route("/notifications/read", methods=["POST"])
@login_required
def notifications_read() -> ResponseReturnValue:
    ids = [int(i) for i in request.form.getlist("id") if re.fullmatch(r"[0-9]{1,12}", i)]
    with transaction() as session:
        notify.mark_read(session, current_user.id, ids or None)
    return redirect(safe_next(request.form.get("next"), default="desk.notifications"))


@bp.route("/account/notifications", methods=["GET", "POST"])
@login_required
def preferences() -> ResponseReturnValue:
    """Your e-mail address and which notifications you get by mail."""
    with transaction() as session:
        user = acting_user(session)
        if request.method == "POST":
            notify.set_preferences(session, user, email=request.form.get("email", ""),
                                   kinds=request.form.getlist("kind"),
                                   digest=request.form.get("digest") == "1")
        email, chosen, digest = user.email or "", user.notify_kinds, user.mail_digest
    if request.method == "POST":
        flash(_("Notification settings saved."), "ok")
        return redirect(url_for("desk.preferences"))
    return render_template("desk/preferences.html", email=email, chosen=chosen, digest=digest,
                           digest_minutes=digest_minutes(),
                           kinds=[(k, KIND_LABELS[k]) for k in NOTIFY_KINDS])


@bp.route("/admin/outbox")
@login_required
def outbox_page() -> ResponseReturnValue:
    """Admins: e-mail and webhook deliveries still waiting or given up, and why."""
    perm.require(current_user, perm.MANAGE_USERS)
    items = outbox.pending_items(database())
    return render_template("desk/outbox.html", mail=items["mail"], hooks=items["webhooks"])


# --- soft locks (JSON, used by softlock.js) ---------------------------------------------

@bp.route("/api/segments/<int:segment_id>/<lang>/editing", methods=["POST", "DELETE"])
@login_required
def editing_segment(segment_id: int, lang: str) -> ResponseReturnValue:
    check_language(lang)
    with transaction() as session:
        if request.method == "DELETE":
            locks.release(session, current_user.id, segment_id, lang)
            return jsonify(editing=[])
        others = locks.hold(session, acting_user(session), segment_id, lang)
    return jsonify(editing=others, seconds=locks.LOCK_SECONDS)


@bp.route("/api/documents/<slug>/<lang>/editing")
@login_required
def editing_document(slug: str, lang: str) -> ResponseReturnValue:
    check_language(lang)
    with transaction() as session:
        found = locks.editing(session, slug, lang)
    mine = current_user.name
    return jsonify(editing={str(k): [n for n in v if n != mine] for k, v in found.items()
                            if any(n != mine for n in v)})


@bp.route("/api/me/work")
@login_required
def my_work_json() -> ResponseReturnValue:
    with transaction() as session:
        items = dashboard.my_work(session, current_user, languages())
    return jsonify([{"document": i.document.slug, "lang": i.lang, "task": i.task,
                     "segments": i.segments, "words": i.words,
                     "due": i.due.isoformat() if i.due else None, "overdue": i.overdue}
                    for i in items])


def register(app: Any) -> None:
    @app.context_processor
    def _desk_globals() -> dict[str, Any]:
        if not getattr(current_user, "is_authenticated", False):
            return {"desk_unread": 0}
        try:
            with transaction(readonly=True) as session:
                count = notify.unread_count(session, current_user.id)
        except TmgrError:
            count = 0
        return {"desk_unread": count, "TASK_LABELS": TASK_LABELS}
