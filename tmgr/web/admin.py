"""Admins manage accounts: create users, change roles and languages, disable, reset."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required

from tmgr.errors import AccountError
from tmgr.people import permissions as perm
from tmgr.people.users import create_user, get_user, list_users, update_user
from tmgr.store.models import ROLES
from tmgr.web.core import languages, transaction

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.before_request
@login_required
def _admins_only() -> None:
    perm.require(current_user, perm.MANAGE_USERS)


@bp.route("/users")
def users() -> ResponseReturnValue:
    with transaction() as session:
        accounts = list_users(session)
    return render_template("admin/users.html", users=accounts, roles=ROLES,
                           languages=languages())


@bp.route("/users", methods=["POST"])
def create() -> ResponseReturnValue:
    form = request.form
    with transaction() as session:
        create_user(session, form.get("name", "").strip(), role=form.get("role", ""),
                    languages=form.getlist("languages"), password=form.get("password", ""),
                    configured=languages())
    flash(_("Account %(name)s created.", name=form.get("name", "").strip()), "ok")
    return redirect(url_for("admin.users"))


@bp.route("/users/<name>", methods=["POST"])
def update(name: str) -> ResponseReturnValue:
    form = request.form
    with transaction() as session:
        user = get_user(session, name)
        if user.id == current_user.id and form.get("active") != "on":
            raise AccountError("you cannot disable your own account")
        update_user(session, user, configured=languages(), role=form.get("role"),
                    languages=form.getlist("languages"), active=form.get("active") == "on",
                    password=form.get("password") or None)
    flash(_("Account %(name)s saved.", name=name), "ok")
    return redirect(url_for("admin.users"))
