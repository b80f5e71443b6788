"""Fixtures for the web UI: the real app on the test database, signed-in clients."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from tmgr.documents.ingest import load_document
from tmgr.people.users import create_user
from tmgr.store.db import Database
from tmgr.store.models import State

# name -> (role, languages); each test database gets all of them
ACCOUNTS = {
    "tr_be": ("translator", ["be"]),
    "tr_ru": ("translator", ["ru"]),
    "rev_be": ("reviewer", ["be"]),
    "rev2_be": ("reviewer", ["be"]),
    "editor": ("editor", []),
    "publisher": ("publisher", []),
    "admin": ("admin", ["be"]),
}


def password_of(name: str) -> str:
    return f"secret-{name}-pw"


@pytest.fixture
def web_env(env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    # A cheap hash keeps account-heavy tests fast; scrypt is covered in test_accounts.
    monkeypatch.setenv("TMGR_PASSWORD_HASH", "pbkdf2:sha256:1000")
    return env


@pytest.fixture
def app(web_env: dict[str, str], sample_doc: str) -> Iterator[Flask]:
    app = create_test_app()
    with app.extensions["tmgr.database"].transaction() as session:
        for name, (role, langs) in ACCOUNTS.items():
            create_user(session, name, role=role, languages=langs, password=password_of(name),
                        configured=("be", "ru"))
    yield app
    app.extensions["tmgr.database"].dispose()


def create_test_app(**config: Any) -> Flask:
    from tmgr.web import create_app

    return create_app({"TESTING": True, **config})


class Web:
    """A test client that signs in and sends CSRF tokens like the browser does."""

    def __init__(self, client: FlaskClient) -> None:
        self.client = client

    def login(self, name: str, password: str | None = None) -> TestResponse:
        return self.form("/login", {"name": name, "password": password or password_of(name)},
                         page="/login")

    def token(self, page: str = "/login") -> str:
        html = self.client.get(page).get_data(as_text=True)
        found = re.search(r'name="csrf-token" content="([^"]+)"', html)
        assert found, f"no CSRF token on {page}"
        return found.group(1)

    def form(self, url: str, data: dict[str, Any], page: str = "/") -> TestResponse:
        return self.client.post(url, data={**data, "csrf_token": self.token(page)})

    def api(self, method: str, url: str, json: Any = None) -> TestResponse:
        token = self.client.get("/api/csrf").get_json()["csrf_token"]
        return self.client.open(url, method=method, json=json,
                                headers={"X-CSRFToken": token})

    def get(self, url: str) -> TestResponse:
        return self.client.get(url)


@pytest.fixture
def web(app: Flask) -> Web:
    return Web(app.test_client())


@pytest.fixture
def as_user(app: Flask) -> Any:
    """``as_user("rev_be")`` -> a signed-in :class:`Web` client."""
    def make(name: str, password: str | None = None) -> Web:
        client = Web(app.test_client())
        response = client.login(name, password)
        assert response.status_code == 302, response.get_data(as_text=True)
        return client
    return make


@pytest.fixture
def db(app: Flask) -> Database:
    return app.extensions["tmgr.database"]


def segment_ids(db: Database, slug: str) -> list[int]:
    with db.transaction() as session:
        return [s.id for s in load_document(session, slug).segments]


def translation_state(db: Database, segment_id: int, lang: str) -> tuple[str, State, int]:
    from tmgr.review.translations import get_translation

    with db.transaction() as session:
        t = get_translation(session, segment_id, lang)
        return t.text, t.state, t.version
