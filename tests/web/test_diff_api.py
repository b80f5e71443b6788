"""POST /api/diff: bounded per request, so a huge body cannot hold a server thread."""

from __future__ import annotations

from typing import Any


def test_diff_api_answers_a_word_diff(as_user: Any) -> None:
    web = as_user("tr_be")
    response = web.api("POST", "/api/diff", {"old": "Першая версія.", "new": "Другая версія."})
    assert response.status_code == 200
    assert response.get_json() == [["delete", "Першая"], ["insert", "Другая"],
                                   ["equal", " версія."]]


def test_diff_api_refuses_100000_words_and_keeps_serving(as_user: Any) -> None:
    web = as_user("tr_be")
    huge = " ".join(f"word{i % 997}" for i in range(100_000))
    response = web.api("POST", "/api/diff", {"old": huge, "new": huge[::-1]})
    assert response.status_code == 413
    assert "too long to compare" in response.get_data(as_text=True)
    after = web.api("POST", "/api/diff", {"old": "a b", "new": "a c"})
    assert after.status_code == 200
