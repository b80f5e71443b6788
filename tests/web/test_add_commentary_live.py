"""Adding a commentary against a real `tmgr serve` (waitress, threads) on SQLite and
PostgreSQL: two editors pressing "Add" for the same commentary at the same moment, and
a 5 MB paste through the real server."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable

import requests
from sqlalchemy import select

from tests.web.test_add_commentary import POTASH, SLUG, hidden
from tests.web.test_hardening_live import Client, Server, serve  # noqa: F401
from tmgr.store.models import Document, SourceRevision


def _preview(client: Client, text: str) -> str:
    page = client.http.post(client.url + "commentaries/add/preview",
                            data={"csrf_token": client.token()},
                            files={"file": (SLUG + ".txt", text.encode("utf-8"), "text/plain")},
                            allow_redirects=False, timeout=30)
    assert page.status_code == 200, page.text
    assert 'id="add-button"' in page.text
    return page.text


def _fields(html: str) -> dict[str, object]:
    data: dict[str, object] = {name: hidden(html, name) for name in ("token", "name",
                                                                      "expected")}
    for name in ("title", "section", "week", "status_line"):
        found = re.search(rf'name="{name}" value="([^"]*)"', html)
        data[name] = found.group(1) if found else ""
    return data


def test_two_editors_pressing_add_at_the_same_moment(
        serve: Callable[..., Server]) -> None:  # noqa: F811
    server = serve()
    first, second = server.client("editor"), server.client("admin")
    forms = [(first, _fields(_preview(first, POTASH))),
             (second, _fields(_preview(second, POTASH.replace("a third", "a quarter"))))]
    for client, _ in forms:
        client.token()  # each has its CSRF token before the race starts
    start = threading.Barrier(2)
    answers: dict[int, requests.Response] = {}

    def press_add(index: int) -> None:
        client, data = forms[index]
        token = client.token()
        start.wait()
        answers[index] = client.http.post(
            client.url + "commentaries/add/confirm", data={**data, "csrf_token": token},
            allow_redirects=False, timeout=60)

    threads = [threading.Thread(target=press_add, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    statuses = sorted(answer.status_code for answer in answers.values())
    assert statuses == [302, 409], {i: a.text[:500] for i, a in answers.items()}
    told = next(a for a in answers.values() if a.status_code == 409).text
    assert f"someone else added or changed {SLUG} meanwhile" in told
    assert "read it again and check the differences before adding" in told
    winner = next(i for i, a in answers.items() if a.status_code == 302)
    kept = "a third" if winner == 0 else "a quarter"
    with server.database.transaction() as session:
        document = session.scalars(select(Document).where(Document.slug == SLUG)).one()
        revisions = session.scalars(select(SourceRevision).where(
            SourceRevision.document_id == document.id)).all()
        assert len(revisions) == 1  # one wins; the other stored nothing
        text = " ".join(s.source for s in document.segments)
    assert kept in text and ({"a third", "a quarter"} - {kept}).pop() not in text


def test_a_5_mb_paste_through_the_real_server_names_the_limit(
        serve: Callable[..., Server]) -> None:  # noqa: F811
    server = serve()
    editor = server.client("editor")
    with server.database.transaction() as session:
        before = session.scalars(select(Document.slug)).all()
    page = editor.form("commentaries/add/preview",
                       {"slug": SLUG, "kind": "txt", "text": "word " * (1024 * 1024)})
    assert page.status_code == 413 and "the limit is 2 MB" in page.text
    assert "Traceback" not in page.text
    with server.database.transaction() as session:
        assert session.scalars(select(Document.slug)).all() == before
