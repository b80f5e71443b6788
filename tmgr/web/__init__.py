"""The review web UI: ``create_app()`` builds a Flask app over tmgr's services.

Run it with ``tmgr serve`` or, in production, a WSGI server::

    waitress-serve --threads 8 --call tmgr.web:create_app
"""

from __future__ import annotations

import os
import secrets
import threading
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from flask import Flask, Response, request, session
from flask.sessions import SecureCookieSessionInterface
from flask_babel import Babel
from flask_wtf.csrf import CSRFProtect

from tmgr import __version__, listeners
from tmgr.assets import web_root
from tmgr.config import Settings, load_settings, web_environment
from tmgr.store.db import Database
from tmgr.web import (
    addsource,
    admin,
    api,
    archive,
    auth,
    concordance,
    desk,
    dispatch,
    documents,
    editor,
    exchange,
    glossary,
    mtreport,
    published,
    replace,
    sitestrings,
    templating,
    week,
    words,
)
from tmgr.web.core import (
    IdConverter,
    login_manager,
    register_error_handlers,
    set_device_cookie,
)
from tmgr.web.messages import UI_LANGUAGES
from tmgr.web.proxy import TrustedProxies, parse_proxies

csrf = CSRFProtect()


def secret_key(settings: Settings) -> str:
    """TMGR_SECRET_KEY, or a key generated once into ``<instance>/secret_key``."""
    if key := web_environment()["secret_key"]:
        return key
    path = settings.instance_path / "secret_key"
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path.read_text(encoding="ascii").strip()
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(secrets.token_hex(32))
    return path.read_text(encoding="ascii").strip()


def select_locale() -> str:
    """The UI language the user chose, else the browser's best match, else English."""
    chosen = session.get("ui_lang")
    if chosen in UI_LANGUAGES:
        return chosen
    return request.accept_languages.best_match(UI_LANGUAGES) or "en"


class HttpsAwareSessions(SecureCookieSessionInterface):
    """Session cookies are ``Secure`` when the request came over HTTPS (directly, or
    through a trusted proxy), and always with ``TMGR_SECURE_COOKIES``."""

    def get_cookie_secure(self, app: Flask) -> bool:
        return bool(app.config["SESSION_COOKIE_SECURE"] or request.is_secure)


def _configure(app: Flask, settings: Settings, config: Mapping[str, Any] | None) -> None:
    secure = bool(web_environment()["secure_cookies"]
                  or settings.get("web.secure_cookies", False))
    app.config.update(
        SECRET_KEY=secret_key(settings),
        SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=secure, SESSION_COOKIE_NAME="tmgr_session",
        REMEMBER_COOKIE_HTTPONLY=True, REMEMBER_COOKIE_SAMESITE="Lax",
        REMEMBER_COOKIE_SECURE=secure,
        PERMANENT_SESSION_LIFETIME=timedelta(hours=12),
        MAX_CONTENT_LENGTH=2 * 1024 * 1024,
        WTF_CSRF_TIME_LIMIT=None,  # an editor left open all day must still save
        WTF_CSRF_HEADERS=["X-CSRFToken", "X-CSRF-Token"],
        BABEL_TRANSLATION_DIRECTORIES=str(web_root() / "translations"),
        BABEL_DEFAULT_LOCALE="en",
    )
    if config:
        app.config.update(config)


def split_config(config: Mapping[str, Any] | None) -> tuple[dict[str, Any], dict[str, Any]]:
    """``config`` as (tmgr settings: lower-case keys, Flask settings: upper-case keys)."""
    tmgr_settings: dict[str, Any] = {}
    flask_settings: dict[str, Any] = {}
    for key, value in (config or {}).items():
        (flask_settings if key.isupper() else tmgr_settings)[key] = value
    return tmgr_settings, flask_settings


def create_app(config: Settings | Mapping[str, Any] | None = None) -> Flask:
    """Build the web app; ``config`` sets anything the environment or the config file can.

    ``config`` is a :class:`~tmgr.config.Settings`, or a mapping whose lower-case
    keys are tmgr settings (``database_url``, ``languages``, ``instance_path``,
    tables such as ``review`` or ``web``; see :func:`tmgr.config.load_settings`)
    and whose upper-case keys are Flask's (``TESTING``, ``SECRET_KEY``...).
    Without it, the TMGR_* environment variables and the config file decide.
    """
    if isinstance(config, Settings):
        settings, flask_settings = config, dict[str, Any]()
    else:
        overrides, flask_settings = split_config(config)
        settings = load_settings(overrides=overrides)
    listeners.wire()  # who reacts to the changes the views make (tmgr.events)
    app = Flask(__name__, template_folder=str(web_root() / "templates"),
                static_folder=str(web_root() / "static"), instance_path=str(
                    settings.instance_path))
    _configure(app, settings, flask_settings)
    app.url_map.converters["int"] = IdConverter
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    database = Database(settings.database_url)
    try:
        database.check_schema()  # refuse to serve a database this tmgr does not know
    except Exception:
        database.dispose()
        raise
    app.extensions["tmgr.settings"] = settings
    app.extensions["tmgr.database"] = database
    if database.engine.dialect.name == "sqlite":
        app.extensions["tmgr.sqlite_lock"] = threading.Lock()
    csrf.init_app(app)
    login_manager.init_app(app)
    login_manager.session_protection = "basic"
    Babel(app, locale_selector=select_locale)
    register_error_handlers(app)
    app.after_request(_security_headers)
    app.after_request(set_device_cookie)
    app.session_interface = HttpsAwareSessions()
    networks = parse_proxies(web_environment()["trusted_proxies"]
                             or settings.get("web.trusted_proxies", ""))
    app.wsgi_app = TrustedProxies(app.wsgi_app, networks)  # type: ignore[method-assign]
    app.extensions["tmgr.trusted_proxies"] = networks
    _register_blueprints(app)
    _register_template_helpers(app)
    return app


CONTENT_SECURITY_POLICY = ("default-src 'self'; script-src 'self'; style-src 'self' "
                           "'unsafe-inline'; img-src 'self' data:; object-src 'none'; "
                           "base-uri 'none'; frame-ancestors 'none'; form-action 'self'")


def _security_headers(response: Response) -> Response:
    """No inline scripts, no framing, no sniffing: a second wall behind autoescaping."""
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    if response.mimetype in ("text/html", "application/json"):
        response.headers.setdefault("Cache-Control", "no-store")
    return response


def _register_blueprints(app: Flask) -> None:
    for module in (auth, documents, editor, api, admin, desk, mtreport, words, archive,
                   sitestrings, concordance, replace, addsource, exchange, published,
                   glossary, week):
        app.register_blueprint(module.bp)
    desk.register(app)
    dispatch.init_app(app, app.extensions["tmgr.database"], app.extensions["tmgr.settings"])


def _register_template_helpers(app: Flask) -> None:
    templating.register(app)
    app.url_defaults(_static_version)


def _static_version(endpoint: str, values: dict[str, Any]) -> None:
    """Static URLs carry tmgr's version (``/static/tmgr.css?v=0.2.0``), so a proxy may
    cache them for days and an upgrade still reaches every browser at once."""
    if endpoint == "static":
        values.setdefault("v", __version__)
