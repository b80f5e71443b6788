"""Sign in, sign out, choose the UI language."""

from __future__ import annotations

from flask import (
    Blueprint,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from tmgr.errors import TooManyAttempts
from tmgr.people.notifications import set_preferences
from tmgr.people.users import authenticate, end_session
from tmgr.web.core import acting_user, remembered_device, safe_next, sign_in, transaction
from tmgr.web.messages import UI_LANGUAGES

bp = Blueprint("auth", __name__)


@bp.route("/login", methods=["GET", "POST"])
def login() -> ResponseReturnValue:
    if current_user.is_authenticated and request.method == "GET":
        return redirect(safe_next(request.args.get("next")))
    error, status = None, 200
    headers: dict[str, str] = {}
    if request.method == "POST":
        name = request.form.get("name", "").strip()
        password = request.form.get("password", "")
        try:
            with transaction() as db:
                user = authenticate(db, name, password, request.remote_addr or "",
                                    remembered_device(db, name))
                web_user = sign_in(user, db) if user else None
                stored = user.ui_lang if user else None
        except TooManyAttempts as exc:
            error, status = _("Too many wrong passwords. Try again in %(seconds)s s.",
                              seconds=exc.retry_after), exc.http_status
            headers = exc.headers()
        else:
            if web_user is not None:
                chosen = session.get("ui_lang")
                session.clear()
                login_user(web_user)
                if stored or chosen:  # the user's own choice, kept with their account
                    session["ui_lang"] = stored or chosen
                return redirect(safe_next(request.args.get("next")))
            error, status = _("Wrong name or password."), 401
    response = make_response(render_template("auth/login.html", error=error), status)
    response.headers.update(headers)
    return response


@bp.route("/logout", methods=["POST"])
def logout() -> ResponseReturnValue:
    if current_user.is_authenticated:  # the cookie stops working on the server, too
        with transaction() as db:
            end_session(db, current_user.token)
    logout_user()
    session.clear()
    flash(_("You are signed out."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/ui-language", methods=["POST"])
def ui_language() -> ResponseReturnValue:
    """Remember the UI language chosen in the header (en, be or ru)."""
    chosen = request.form.get("ui_lang", "")
    if chosen in UI_LANGUAGES:
        session["ui_lang"] = chosen
        if current_user.is_authenticated:  # notifications and e-mail follow it too
            with transaction() as db:
                set_preferences(db, acting_user(db), ui_lang=chosen)
    return redirect(safe_next(request.form.get("next")))


@bp.route("/account")
@login_required
def account() -> ResponseReturnValue:
    return render_template("auth/account.html")
