"""What every blueprint shares: the database, the signed-in user, errors as HTML or JSON."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit

from flask import (
    Flask,
    Response,
    current_app,
    g,
    jsonify,
    make_response,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import LoginManager, current_user
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.orm import Session
from werkzeug.exceptions import HTTPException
from werkzeug.routing import IntegerConverter

from tmgr.config import Settings
from tmgr.errors import DatabaseUnavailable, NotFound, QABlocked, ReadOnlyArchive, TmgrError
from tmgr.localedata import require_configured
from tmgr.people import permissions as perm
from tmgr.people.users import (
    KNOWN_ADDRESS_WINDOW,
    device_token,
    get_user_by_id,
    is_remembered_device,
    session_user,
    start_session,
)
from tmgr.qa.messages import N_
from tmgr.review.actions import ReviewPolicy
from tmgr.store.db import Database
from tmgr.store.models import User
from tmgr.web.messages import finding_json, said

login_manager = LoginManager()
MAX_ID = 2**31 - 1  # the largest id an INTEGER column holds (PostgreSQL)


class IdConverter(IntegerConverter):
    """``<int:...>`` that answers 404 for ids no database can hold, never a 500."""

    def __init__(self, map: Any, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)


@dataclass(frozen=True)
class WebUser:
    """The signed-in user as the session knows it (no database session attached)."""

    id: int
    name: str
    role: str
    languages: tuple[str, ...]
    token: str
    is_authenticated: bool = True
    is_active: bool = True
    is_anonymous: bool = False

    @property
    def language_list(self) -> list[str]:
        return list(self.languages)

    def get_id(self) -> str:
        return f"{self.id}:{self.token}"

    def can(self, action: str, lang: str | None = None) -> bool:
        return perm.allowed(self, action, lang)

    @classmethod
    def of(cls, user: User, token: str) -> WebUser:
        """``user`` signed in with the server-side session ``token``."""
        return cls(user.id, user.name, user.role, tuple(user.language_list), token)


def database() -> Database:
    return current_app.extensions["tmgr.database"]


def settings() -> Settings:
    return current_app.extensions["tmgr.settings"]


def policy() -> ReviewPolicy:
    return ReviewPolicy.from_settings(settings())


def languages() -> tuple[str, ...]:
    return settings().languages


def check_language(lang: str) -> str:
    """``lang`` from a URL or a form, or 404 unless it is configured."""
    require_configured([lang], languages(), error=NotFound)
    return lang


@contextmanager
def transaction(readonly: bool | None = None) -> Iterator[Session]:
    """One database transaction for a view: committed on success.

    SQLite has one writer at a time and tmgr begins every transaction IMMEDIATE;
    threads of one server take turns on a lock instead of sleeping in SQLite's
    busy handler, which keeps the slowest saves fast. Other worker processes
    still wait on SQLite's own lock, so correctness never depends on this.
    ``readonly`` (default: for GET and HEAD requests) reads without the write lock.
    """
    if readonly is None:
        readonly = request.method in ("GET", "HEAD")
    lock = current_app.extensions.get("tmgr.sqlite_lock")
    if lock is None or readonly:
        with database().transaction(readonly=readonly) as session:
            yield session
        return
    with lock, database().transaction() as session:
        yield session


@contextmanager
def trial_transaction() -> Iterator[Session]:
    """A write transaction that is always rolled back: to show what a change would do
    (a dry run) with the same code that makes it."""
    lock = current_app.extensions.get("tmgr.sqlite_lock")
    with lock or nullcontext(), database().sessionmaker() as session, \
            session.begin() as trial:
        try:
            yield session
        finally:
            trial.rollback()


def acting_user(session: Session) -> User:
    """The signed-in user as a row of ``session`` (for services that record who acted)."""
    return get_user_by_id(session, current_user.id)


@login_manager.user_loader
def load_user(user_id: str) -> WebUser | None:
    ident, _, token = user_id.partition(":")
    if not ident.isascii() or not ident.isdigit() or int(ident) > MAX_ID or not token:
        return None
    if g.get("tmgr_database_down"):  # rendering the 503 page: nobody is signed in
        return None
    try:
        with transaction(readonly=True) as session:
            user = session_user(session, int(ident), token)  # revoked or expired: out
            return WebUser.of(user, token) if user is not None else None
    except DatabaseUnavailable:
        g.tmgr_database_down = True
        raise


def sign_in(user: User, session: Session) -> WebUser:
    """Start a server-side session for ``user`` (inside the view's transaction).

    The response also remembers this browser as the user's device (see
    :func:`remembered_device`).
    """
    token = start_session(session, user, request.remote_addr or "",
                          current_app.permanent_session_lifetime)
    g.device_token = device_token(user, _device_secret())
    return WebUser.of(user, token)


DEVICE_COOKIE = "tmgr_device"


def _device_secret() -> bytes:
    key = current_app.secret_key or ""
    return key if isinstance(key, bytes) else key.encode()


def remembered_device(session: Session, name: str) -> bool:
    """Whether this browser signed in as ``name`` lately: others' failures do not stop it."""
    token = request.cookies.get(key=DEVICE_COOKIE, default="")[:200]
    return bool(token) and is_remembered_device(session, name, token, _device_secret())


def set_device_cookie(response: Response) -> Response:
    """after_request: hand a browser that just signed in its device cookie."""
    token = g.pop("device_token", None)
    if token:
        response.set_cookie(DEVICE_COOKIE, token, httponly=True, samesite="Lax",
                            max_age=int(KNOWN_ADDRESS_WINDOW.total_seconds()),
                            secure=bool(current_app.config["SESSION_COOKIE_SECURE"]
                                        or request.is_secure))
    return response


def wants_json() -> bool:
    if request.path.startswith("/api/") or request.headers.get("X-Requested-With") == "fetch":
        return True  # editor.js fetching a fragment: an answer it can act on, not a page
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json" and request.accept_mimetypes[best] > \
        request.accept_mimetypes["text/html"]


@login_manager.unauthorized_handler
def unauthorized() -> ResponseReturnValue:
    if wants_json():
        return jsonify(error=_("Your session has ended: sign in again to go on."),
                       status=401, login=url_for("api.login")), 401
    return redirect(url_for("auth.login", next=request.full_path))


def error_payload(exc: TmgrError) -> dict[str, Any]:
    payload: dict[str, Any] = {"error": said(exc.message), "hint": said(exc.hint),
                               "status": exc.http_status, **exc.details()}
    if isinstance(exc, QABlocked):  # the findings' messages speak the UI language
        payload["findings"] = [finding_json(f) for f in exc.findings]
    return payload


def handle_tmgr_error(exc: TmgrError) -> ResponseReturnValue:
    response = _render_error(exc)
    response.headers.update(exc.headers())
    return response


def _render_error(exc: TmgrError) -> Response:
    if isinstance(exc, DatabaseUnavailable):  # the socket path or host is nobody's business
        g.tmgr_database_down = True
        current_app.logger.error("database unavailable: %s", exc.message)
        exc = DatabaseUnavailable(N_("the database is not available at the moment: try again "
                                     "in a minute"))
    if wants_json():
        return make_response(jsonify(error_payload(exc)), exc.http_status)
    archived = exc.slug if isinstance(exc, ReadOnlyArchive) else None  # its read-only view
    return make_response(render_template("error.html", error=exc, status=exc.http_status,
                                         archived=archived), exc.http_status)


def handle_http_error(exc: HTTPException) -> ResponseReturnValue:
    status = exc.code or 500
    message = _http_message(status, exc.name)
    if isinstance(exc, CSRFError):
        message = _("The page's security token is missing or expired: reload the page.")
    error = TmgrError(message)
    if wants_json():
        return jsonify(error=message, hint=None, status=status), status
    return render_template("error.html", error=error, status=status), status


def _http_message(status: int, name: str) -> str:
    """An HTTP error in the user's language (the status name for the rare others)."""
    messages = {400: _("The request was not understood."),
                401: _("Your session has ended: sign in again to go on."),
                403: _("You may not do this."), 404: _("Not found."),
                405: _("This address does not take this kind of request."),
                413: _("What you sent is too large: the limit is %(mb)s MB.",
                       mb=(current_app.config.get("MAX_CONTENT_LENGTH") or 0) // 1024 // 1024),
                422: _("What you sent cannot be used."),
                429: _("Too many requests: wait a moment and try again.")}
    return messages.get(status, name)


def handle_database_error(exc: Exception) -> ResponseReturnValue:
    """A connection lost outside :meth:`Database.transaction` (pool, sign-in): 503."""
    return handle_tmgr_error(DatabaseUnavailable(str(exc)))


def handle_unexpected(exc: Exception) -> ResponseReturnValue:
    """Anything else: logged with its traceback, shown as a plain 500 with no detail."""
    if isinstance(exc, HTTPException):
        return handle_http_error(exc)
    current_app.logger.exception("unexpected error on %s %s", request.method, request.path)
    error = TmgrError(N_("something went wrong on the server; nothing was saved"),
                      hint=N_("try again; if it keeps happening, tell an admin"))
    error.http_status = 500
    return handle_tmgr_error(error)


def register_error_handlers(app: Flask) -> None:
    app.register_error_handler(TmgrError, handle_tmgr_error)
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(OperationalError, handle_database_error)
    app.register_error_handler(InterfaceError, handle_database_error)
    if not app.debug and not app.testing:
        app.register_error_handler(Exception, handle_unexpected)


def background_transaction() -> Callable[[], AbstractContextManager[Session]]:
    """A transaction factory for work that outlives the request (background drafting)."""
    db = database()
    lock = current_app.extensions.get("tmgr.sqlite_lock")

    @contextmanager
    def begin() -> Iterator[Session]:
        if lock is None:
            with db.transaction() as session:
                yield session
            return
        with lock, db.transaction() as session:
            yield session

    return begin


def safe_next(target: str | None, default: str = "documents.index") -> str:
    """Only same-origin paths: never redirect a user to another site (every ``next``).

    Browsers drop tabs and line breaks from URLs and read ``\\`` as ``/``, so
    ``/%09/evil.example`` would become ``//evil.example``: any control
    character, space, backslash, or a second leading slash sends the user home.
    """
    if not target or not target.startswith("/") or len(target) > 2000:
        return url_for(default)
    if any(ord(c) < 0x21 or ord(c) == 0x7f or c == "\\" for c in target):
        return url_for(default)
    decoded = unquote(target)
    if any(ord(c) < 0x21 or c == "\\" for c in decoded[:3]) or decoded.startswith("//"):
        return url_for(default)
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or target.startswith("//"):
        return url_for(default)
    return target
