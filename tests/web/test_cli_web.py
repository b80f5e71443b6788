"""The web-related commands: user add/list/demo, approve, serve --help."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import Tmgr
from tmgr.store.db import Database


def test_user_add_list_and_password_rules(tmgr: Tmgr, tmp_path: Path) -> None:
    secret = tmp_path / "pw"
    secret.write_text("a-long-password\n", encoding="utf-8")
    out = tmgr("user", "add", "alena", "--role", "translator", "--lang", "be",
               "--password-file", str(secret))
    assert "created translator alena (be)" in out.stdout
    prompted = tmgr("user", "add", "ivan", "--role", "reviewer", "--lang", "ru",
                    input="another-password\nanother-password\n")
    assert "created reviewer ivan" in prompted.stdout
    listed = json.loads(tmgr("user", "list", "--json").stdout)
    assert [(u["name"], u["role"], u["languages"]) for u in listed] == [
        ("alena", "translator", ["be"]), ("ivan", "reviewer", ["ru"])]
    again = tmgr("user", "add", "alena", "--role", "translator", "--password-file",
                 str(secret), ok=False)
    assert again.exit_code == 1 and "already exists" in again.stderr
    secret.write_text("short\n", encoding="utf-8")
    short = tmgr("user", "add", "olga", "--role", "editor", "--password-file", str(secret),
                 ok=False)
    assert short.exit_code == 1 and "too short" in short.stderr
    secret.write_text("long-enough-now\n", encoding="utf-8")
    bad_lang = tmgr("user", "add", "olga", "--role", "translator", "--lang", "uk",
                    "--password-file", str(secret), ok=False)
    assert bad_lang.exit_code == 1 and "uk" in bad_lang.stderr


def test_demo_accounts_are_made_once_and_can_sign_in(tmgr: Tmgr, env: dict[str, str]) -> None:
    first = tmgr("user", "demo").stdout
    second = tmgr("user", "demo").stdout
    assert first == second and "admin " in first and "(reviewer)" in first
    logins = (Path(env["TMGR_INSTANCE"]) / "demo-logins.txt").read_text().splitlines()
    assert len(logins) == 5
    from tmgr.web import create_app

    app = create_app({"WTF_CSRF_ENABLED": False})
    name, password = logins[0].split()[:2]
    response = app.test_client().post("/login", data={"name": name, "password": password})
    assert response.status_code == 302
    app.extensions["tmgr.database"].dispose()


def _ids(tmgr: Tmgr, slug: str) -> list[int]:
    data = json.loads(tmgr("show", slug, "--json").stdout)
    return [s["id"] for b in data["blocks"] for s in b["segments"]]


def test_approve_applies_the_same_rules(tmgr: Tmgr, sample_doc: str, db_url: str,
                                        tmp_path: Path) -> None:
    secret = tmp_path / "pw"
    secret.write_text("password-123\n", encoding="utf-8")
    for name, role in (("tr", "translator"), ("rev", "reviewer")):
        tmgr("user", "add", name, "--role", role, "--lang", "be", "--password-file",
             str(secret))
    ids = _ids(tmgr, sample_doc)
    from tmgr.people.users import get_user
    from tmgr.review import actions as review

    db = Database(db_url)
    with db.transaction() as session:
        for sid in ids[:3]:
            review.save(session, get_user(session, "tr"), sid, "be", text="Тэкст перакладу.",
                        expected_version=None)
        review.save(session, get_user(session, "rev"), ids[3], "be", text="Свой.",
                    expected_version=None)
    db.dispose()
    denied = tmgr("approve", sample_doc, "--lang", "be", "--as", "tr", str(ids[0]), ok=False)
    assert denied.exit_code == 1 and "may not approve" in denied.stderr
    none_if_one_fails = tmgr("approve", sample_doc, "--lang", "be", "--as", "rev",
                             str(ids[0]), str(ids[3]), ok=False)
    assert none_if_one_fails.exit_code == 1 and "four-eyes" in none_if_one_fails.stderr
    status = json.loads(tmgr("status", sample_doc, "--lang", "be", "--json").stdout)[0]
    assert status["segments"]["approved"] == 0
    done = tmgr("approve", sample_doc, "--lang", "be", "--as", "rev", "--all")
    assert "approved 3 segment(s)" in done.stdout and "skipped 1" in done.stdout
    assert f"segment {ids[3]} skipped" in done.stderr
    status = json.loads(tmgr("status", sample_doc, "--lang", "be", "--json").stdout)[0]
    assert status["segments"]["approved"] == 3
    usage = tmgr("approve", sample_doc, "--lang", "be", "--as", "rev", ok=False)
    assert usage.exit_code == 2


def test_serve_help_names_the_options(tmgr: Tmgr) -> None:
    text = tmgr("serve", "--help").stdout
    assert "--host" in text and "--port" in text and "127.0.0.1" in text
