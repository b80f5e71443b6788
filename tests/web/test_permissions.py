"""Role × action × language: what each account may do, enforced by the server."""

from __future__ import annotations

import pytest

from tests.web.conftest import ACCOUNTS, Web, segment_ids, translation_state
from tmgr.people.users import get_user
from tmgr.review import actions as review
from tmgr.store.db import Database

SLUG = "2024-10-28-lukashenka-negotiations"
LANGS = ("be", "ru")

# Written out by hand (not derived from tmgr.people.permissions): the rules of issue 4.
ALLOWED: dict[str, set[tuple[str, str | None]]] = {
    "tr_be": {("edit", "be"), ("comment", "be")},
    "tr_ru": {("edit", "ru"), ("comment", "ru")},
    "rev_be": {("edit", "be"), ("approve", "be"), ("reject", "be"), ("comment", "be")},
    "rev2_be": {("edit", "be"), ("approve", "be"), ("reject", "be"), ("comment", "be")},
    "editor": {("comment", "be"), ("comment", "ru"), ("set_deadline", None)},
    "publisher": {("export", None)},
    "admin": {(a, lang) for a in ("edit", "approve", "reject", "comment") for lang in LANGS}
             | {("set_deadline", None), ("export", None), ("manage_users", None)},
}
LANGUAGE_ACTIONS = ("edit", "approve", "reject", "comment")
GLOBAL_ACTIONS = ("set_deadline", "export", "manage_users")


def _prepare(db: Database, segment_id: int, lang: str) -> None:
    """Give the segment a translation by an author who is not under test."""
    with db.transaction() as session:
        author = get_user(session, "tr_be" if lang == "be" else "tr_ru")
        # each language its own words: a Belarusian word in Russian is an error that
        # blocks approval (the other-language check)
        text = "Пераклад сказа." if lang == "be" else "Перевод предложения."
        review.save(session, author, segment_id, lang, text=text, expected_version=None)


def _do(web: Web, action: str, segment_id: int, lang: str | None, version: int = 0) -> int:
    base = f"/api/segments/{segment_id}/{lang}"
    if action == "edit":
        return web.api("PUT", base, {"text": "Новы тэкст.", "version": version}).status_code
    if action == "approve":
        return web.api("POST", base + "/approve", {"version": version}).status_code
    if action == "reject":
        return web.api("POST", base + "/reject", {"comment": "please check",
                                                  "version": version}).status_code
    if action == "comment":
        return web.api("POST", base + "/comments", {"text": "a note"}).status_code
    if action == "set_deadline":
        return web.api("PUT", f"/api/documents/{SLUG}/deadline",
                       {"deadline": "2024-11-05"}).status_code
    if action == "export":
        return web.form("/export", {"slug": SLUG, "lang": "be", "format": "po"}).status_code
    if action == "manage_users":
        return web.form("/admin/users", {"name": f"new{segment_id}", "role": "translator",
                                         "languages": "be", "password": "long-enough"}
                        ).status_code
    raise AssertionError(action)


SUCCESS = {"edit": 200, "approve": 200, "reject": 200, "comment": 201, "set_deadline": 200,
           "export": 200, "manage_users": 302}


@pytest.mark.parametrize("name", sorted(ACCOUNTS))
def test_role_action_language_matrix(name: str, as_user, db: Database) -> None:
    web = as_user(name)
    ids = iter(segment_ids(db, SLUG)[1:])
    wrong = []
    cases = [(a, lang) for a in LANGUAGE_ACTIONS for lang in LANGS] + \
            [(a, None) for a in GLOBAL_ACTIONS]
    for action, lang in cases:
        segment_id = next(ids)
        version = 0
        if lang:
            _prepare(db, segment_id, lang)
            version = translation_state(db, segment_id, lang)[2]
        status = _do(web, action, segment_id, lang, version)
        expected = SUCCESS[action] if (action, lang) in ALLOWED[name] else 403
        if status != expected:
            wrong.append(f"{action} {lang or ''}: got {status}, expected {expected}")
    assert not wrong, f"{name}: " + "; ".join(wrong)


def test_every_role_can_read_the_editor_in_every_language(as_user) -> None:
    for name in ACCOUNTS:
        web = as_user(name)
        for lang in LANGS:
            page = web.get(f"/doc/{SLUG}/{lang}")
            assert page.status_code == 200, (name, lang)
            readonly = 'readonly' in page.get_data(as_text=True)
            assert readonly == ((("edit", lang)) not in ALLOWED[name]), (name, lang)


def test_forbidden_page_action_is_refused_and_changes_nothing(as_user, db: Database) -> None:
    segment_id = segment_ids(db, SLUG)[2]
    web = as_user("tr_ru")
    response = web.form(f"/doc/{SLUG}/be/segment/{segment_id}/save",
                        {"text": "Не мой язык", "version": "1"})
    assert response.status_code == 403
    assert "may not edit in be" in response.get_data(as_text=True)
    from tests.web.conftest import translation_state
    assert translation_state(db, segment_id, "be")[0] == ""
