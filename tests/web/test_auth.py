"""Signing in and out, rate limits, CSRF, cookies, anonymous access, UI language."""

from __future__ import annotations

import pytest
from flask import Flask

from tests.web.conftest import Web

SLUG = "2024-10-28-lukashenka-negotiations"


def test_anonymous_pages_redirect_and_api_answers_401(web: Web) -> None:
    page = web.get(f"/doc/{SLUG}/be")
    assert page.status_code == 302 and "/login?next=" in page.headers["Location"]
    for method, url in [("GET", "/api/documents"), ("GET", f"/api/documents/{SLUG}/be/segments"),
                        ("GET", "/api/segments/1/be"), ("PUT", "/api/segments/1/be"),
                        ("POST", "/api/segments/1/be/approve"),
                        ("POST", "/api/segments/1/be/reject"),
                        ("POST", "/api/segments/1/be/comments"), ("GET", "/api/me")]:
        response = web.api(method, url, {})
        assert response.status_code == 401, url
        assert "sign in again" in response.get_json()["error"]


def test_login_logout_and_safe_redirects(web: Web) -> None:
    response = web.form("/login?next=/doc/x/be", {"name": "tr_be",
                                                  "password": "secret-tr_be-pw"}, "/login")
    assert response.headers["Location"] == "/doc/x/be"
    assert web.get("/").status_code == 200
    out = web.form("/logout", {})
    assert out.status_code == 302 and web.get("/").status_code == 302
    evil = web.form("/login?next=//evil.example/", {"name": "tr_be",
                                                    "password": "secret-tr_be-pw"}, "/login")
    assert evil.headers["Location"] == "/"


def test_wrong_passwords_are_rate_limited_in_the_database(app: Flask, web: Web) -> None:
    for _ in range(5):
        wrong = web.form("/login", {"name": "rev_be", "password": "nope"}, "/login")
        assert wrong.status_code == 401 and "Wrong name or password" in wrong.get_data(True)
    locked = web.form("/login", {"name": "rev_be", "password": "secret-rev_be-pw"}, "/login")
    assert locked.status_code == 429
    other_worker = Web(app.test_client())  # a fresh client sees the same limit
    assert other_worker.login("rev_be").status_code == 429
    assert other_worker.login("rev2_be").status_code == 302


def test_csrf_is_required_for_every_change(as_user) -> None:
    web = as_user("tr_be")
    bare = web.client.put("/api/segments/1/be", json={"text": "x"})
    assert bare.status_code == 400 and "security token" in bare.get_json()["error"]
    form = web.client.post(f"/doc/{SLUG}/be/segment/1/save", data={"text": "x"})
    assert form.status_code == 400
    assert web.client.post("/login", data={"name": "a", "password": "b"}).status_code == 400


def test_cookie_flags_and_security_headers(web: Web) -> None:
    response = web.login("tr_be")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    page = web.get("/")
    assert "script-src 'self'" in page.headers["Content-Security-Policy"]
    assert page.headers["X-Frame-Options"] == "DENY"


def test_secure_cookies_when_configured(web_env, sample_doc, monkeypatch) -> None:
    monkeypatch.setenv("TMGR_SECURE_COOKIES", "1")
    from tests.web.conftest import create_test_app

    app = create_test_app()
    assert app.config["SESSION_COOKIE_SECURE"] and app.config["REMEMBER_COOKIE_SECURE"]
    app.extensions["tmgr.database"].dispose()


def test_disabled_account_and_password_change_end_sessions(as_user) -> None:
    admin, victim = as_user("admin"), as_user("tr_ru")
    assert victim.get("/").status_code == 200
    changed = admin.form("/admin/users/tr_ru", {"role": "translator", "languages": "ru",
                                                "active": "on", "password": "brand-new-pw"})
    assert changed.status_code == 302
    assert victim.get("/").status_code == 302  # the old session no longer counts
    assert Web(victim.client.application.test_client()).login(
        "tr_ru", "brand-new-pw").status_code == 302
    admin.form("/admin/users/tr_ru", {"role": "translator", "languages": "ru"})
    assert Web(victim.client.application.test_client()).login(
        "tr_ru", "brand-new-pw").status_code == 401


def test_api_login_for_scripts(web: Web) -> None:
    token = web.client.get("/api/csrf").get_json()["csrf_token"]
    wrong = web.client.post("/api/login", json={"name": "tr_be", "password": "x"},
                            headers={"X-CSRFToken": token})
    assert wrong.status_code == 401
    ok = web.client.post("/api/login", json={"name": "tr_be", "password": "secret-tr_be-pw"},
                         headers={"X-CSRFToken": token})
    assert ok.status_code == 200 and ok.get_json()["languages"] == ["be"]
    assert web.get("/api/me").get_json()["name"] == "tr_be"


@pytest.mark.parametrize("ui_lang, heading, sign_out, week", [
    ("be", "Дакументы", "Выйсці", "28 кастрычніка – 3 лістапада 2024"),
    ("ru", "Документы", "Выйти", "28 октября — 3 ноября 2024 г."),
    ("en", "Documents", "Sign out", "October 28 – November 3, 2024")])
def test_the_ui_speaks_the_chosen_language(as_user, ui_lang: str, heading: str,
                                          sign_out: str, week: str) -> None:
    web = as_user("tr_be")
    web.form("/ui-language", {"ui_lang": ui_lang, "next": "/"})
    html = web.get("/").get_data(as_text=True)
    assert f"<h1>{heading}</h1>" in html and sign_out in html
    assert week in html, "the week is written as the UI language writes dates"
    editor = web.get(f"/doc/{SLUG}/be").get_data(as_text=True)
    assert f'lang="{ui_lang}"' in editor and week in editor


def test_browser_language_is_the_default(web: Web) -> None:
    html = web.client.get("/login", headers={"Accept-Language": "ru-RU,ru;q=0.9"}).get_data(True)
    assert "Войти" in html
