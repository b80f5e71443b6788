"""The alignment review page: unsure archive links, confirmed, re-linked or dropped."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required

from tmgr.exchange.archivereview import archived_article, pending_count, pending_links, review_link
from tmgr.people import permissions as perm
from tmgr.web.core import acting_user, check_language, languages, transaction

bp = Blueprint("archive", __name__, url_prefix="/archive")


def _language() -> str:
    """The language asked for, else the first one the user may approve in (or the first)."""
    configured = languages()
    lang = request.args.get("lang") or next(
        (code for code in configured if current_user.can(perm.APPROVE, code)), configured[0])
    return check_language(lang)


@bp.route("/review")
@login_required
def review() -> ResponseReturnValue:
    """The pending links of one language, least confident first."""
    lang = _language()
    with transaction() as session:
        links = pending_links(session, lang)
        total = pending_count(session, lang)
    return render_template("archive/review.html", lang=lang, links=links, total=total,
                           languages=languages(),
                           can_review=current_user.can(perm.APPROVE, lang))


def _target() -> tuple[int, int] | None:
    chosen = sorted(int(v) for v in request.form.getlist("sentence") if v.isdigit())
    if not chosen:
        return None
    if chosen != list(range(chosen[0], chosen[-1] + 1)):
        flash(_("Choose sentences that stand next to each other."), "error")
        return None
    return chosen[0], chosen[-1] + 1


@bp.route("/review/<int:link_id>", methods=["POST"])
@login_required
def decide(link_id: int) -> ResponseReturnValue:
    """Confirm (with the sentences chosen) or drop one link."""
    action = request.form.get("action", "")
    target = _target() if action == "confirm" else None
    lang = request.form.get("lang", "")
    if action == "confirm" and target is None and request.form.getlist("sentence"):
        return redirect(url_for("archive.review", lang=lang))
    with transaction() as session:
        link = review_link(session, link_id, action, user=acting_user(session), target=target)
        status = link.status
    flash(_("Link confirmed: it is in the memory now.") if status == "confirmed"
          else _("Link dropped."), "ok")
    return redirect(url_for("archive.review", lang=lang or None))


@bp.route("/articles/<slug>")
@login_required
def article(slug: str) -> ResponseReturnValue:
    """One archived article, read-only: its sentence links per language."""
    with transaction() as session:
        view = archived_article(session, slug)
        rows = {lang: [(link.source, link.target, link.status, link.confidence)
                       for link in links] for lang, links in view.links.items()}
    return render_template("archive/article.html", view=view, rows=rows)
