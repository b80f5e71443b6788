"""Issue 27's hardening holes met through the real commands (SQLite and PostgreSQL).

A notification that cannot be sent, webhook URLs with line breaks, control
characters through `tmgr doc set`, NUL characters an older tmgr stored on SQLite
on the way to PostgreSQL, and formula cells in the glossary's CSV.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import text

from tests.conftest import Tmgr
from tests.deskservers import smtp_server, webhook_receiver
from tests.test_backup import _use, empty_url, upgraded_010  # noqa: F401
from tests.test_desk import team, translate_all  # noqa: F401
from tests.test_notifications import reject
from tests.test_webhooks import SECRET, add
from tmgr.documents.ingest import load_document
from tmgr.review.translations import change_translation, get_translation
from tmgr.store.db import Database
from tmgr.store.models import MailMessage, State, Webhook

FORGED = "http://127.0.0.1/hook\r\n   9  document.approved   http://evil.example/"


def _store(db_url: str, *rows: object) -> None:
    database = Database(db_url)
    with database.transaction() as session:
        session.add_all(rows)
    database.dispose()


def test_a_message_that_cannot_be_sent_is_given_up_and_the_rest_go_on(
        tmgr: Tmgr, team: str, db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    translate_all(db_url, team, "be", "ann", upto=2)
    with smtp_server() as smtp, webhook_receiver(SECRET) as receiver:
        monkeypatch.setenv("TMGR_SMTP_URL", smtp.url)
        add(tmgr, receiver.url, "segment.rejected")
        _store(db_url,  # as an older tmgr queued them: a subject with a line break...
               MailMessage(recipient="ann@example.org", subject="[tmgr] sent back: a\nb",
                           body="Two\nlines\n"),
               Webhook(url="http://127.0.0.1:1/x\r\nX-Evil: 1", event="segment.rejected",
                       secret=SECRET, active=True))  # ...and a URL with one
        reject(db_url, team, 0, "rita", "Two lines:\nthe name, and @ed the date.")
        run = tmgr("notify", "run")
        assert run.exit_code == 0 and "internal error" not in run.output
        mails = smtp.wait_for(3)
        (delivered,) = receiver.wait_for(1)
    assert len(mails) == 3  # the old one, the author's, the mention
    assert all("\n" not in str(mail["Subject"]).replace("\n ", "") for _, mail in mails)
    assert delivered["json"]["data"]["comment"] == "Two lines:\nthe name, and @ed the date."
    (warning,) = run.stderr.splitlines()  # one line, the URL's line break shown escaped
    assert "given up: cannot be sent" in warning and "x\\r\\nX-Evil" in warning
    queue = json.loads(tmgr("notify", "queue", "--json").output)
    assert queue["mail"] == []
    (hook,) = queue["webhooks"]
    assert hook["gave_up"] and hook["error"].startswith("gave up: cannot be sent")
    again = tmgr("notify", "run")  # given up means given up: nothing tried again
    assert "0 failed" in again.output and again.stderr == ""
    listed = tmgr("notify", "queue").output
    assert len(listed.splitlines()) == 1 and "gave up: cannot be sent" in listed


@pytest.mark.parametrize("url", [FORGED, "http://127.0.0.1/a\nb", "http://127.0.0.1/\x00",
                                 "http://127.0.0.1/a b", "http://127.0.0.1/\x1b[2J",
                                 "http://127.0.0.1/\u2028x"])
def test_webhook_urls_with_control_characters_are_refused(tmgr: Tmgr, env: dict,
                                                          url: str) -> None:
    result = tmgr("webhook", "add", url, "--event", "document.approved", ok=False)
    assert result.exit_code == 1 and "the webhook address contains" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert json.loads(tmgr("webhook", "list", "--json").output) == []


def test_webhook_list_never_prints_a_forged_line(tmgr: Tmgr, db_url: str) -> None:
    _store(db_url, Webhook(url=FORGED, event="document.approved", secret=SECRET,
                           active=True))  # stored before URLs were checked
    out = tmgr("webhook", "list").output
    assert len(out.splitlines()) == 1 and "\\r\\n" in out
    assert "evil.example" in out.splitlines()[0]  # shown, escaped, on its own line


@pytest.mark.parametrize(("option", "value"), [
    ("--title", "Нуль\x00тут"), ("--section", "Sec\x07tion"), ("--status", "a\x1bb"),
    ("--week", "October 28\x00 – November 3, 2024")])
def test_doc_set_refuses_control_characters(tmgr: Tmgr, sample_doc: str, option: str,
                                            value: str) -> None:
    before = json.loads(tmgr("show", sample_doc, "--json").output)
    result = tmgr("doc", "set", sample_doc, option, value, ok=False)
    assert result.exit_code == 1 and "control character" in result.stderr
    assert "nothing was saved" in result.stderr and "internal error" not in result.stderr
    assert json.loads(tmgr("show", sample_doc, "--json").output) == before


@pytest.mark.postgres
def test_nul_stored_on_sqlite_moves_to_postgresql_cleaned_and_reported(
        upgraded_010: str, backend: str, empty_url: Callable[[str], str],  # noqa: F811
        tmp_path: Path, request: pytest.FixtureRequest,
        monkeypatch: pytest.MonkeyPatch) -> None:
    if backend != "sqlite" or "postgresql" not in request.config.getoption("databases"):
        pytest.skip("NUL characters can only be stored on SQLite; the move needs PostgreSQL")
    database = Database(upgraded_010)
    with database.engine.begin() as connection:  # as tmgr let them in before
        connection.execute(text("UPDATE documents SET title = 'Ti' || char(0) || 'tle', "
                                "section = 'Sec' || char(0) WHERE id = (SELECT min(id) "
                                "FROM documents)"))
        title = connection.execute(text("SELECT title FROM documents ORDER BY id")).scalar()
    database.dispose()
    assert title == "Ti\x00tle"
    _use(monkeypatch, upgraded_010, tmp_path)
    copied = Tmgr()("db", "copy", "--to", (target := empty_url("postgresql")))
    assert "row counts checked" in copied.output
    assert "2 stored value(s) held NUL characters" in copied.stderr
    assert "documents.section (1), documents.title (1)" in copied.stderr
    Tmgr()("backup", str(tmp_path / "team.tmgr"))
    _use(monkeypatch, (other := empty_url("postgresql")), tmp_path)
    restored = Tmgr()("restore", str(tmp_path / "team.tmgr"))
    assert "documents.title (1)" in restored.stderr
    for url in (target, other):
        moved = Database(url)
        with moved.engine.connect() as connection:
            titles = connection.execute(text("SELECT title FROM documents")).scalars().all()
        moved.dispose()
        assert "Title" in titles


def test_glossary_csv_cells_never_run_as_formulas(tmgr: Tmgr, env: dict, tmp_path: Path
                                                  ) -> None:
    tmgr("glossary", "add", "=cmd|' /C calc'!A0", "-t", "be=+375", "--note", "@risk")
    tmgr("glossary", "add", "-t", "ru=-изм", "--", "-ism")
    out = tmp_path / "g.csv"
    tmgr("glossary", "export", str(out))
    lines = out.read_text("utf-8").splitlines()
    assert lines[1].startswith("'-ism,") and "'-изм" in lines[1]
    assert lines[2].startswith("'=cmd|") and ",'+375," in lines[2] and "'@risk" in lines[2]
    before = json.loads(tmgr("glossary", "list", "--json").output)
    for term in ("-ism", "=cmd|' /C calc'!A0"):
        tmgr("glossary", "remove", "--", term)
    tmgr("glossary", "import", str(out))  # read back as they were written
    assert json.loads(tmgr("glossary", "list", "--json").output) == before




def _commentary(sentence: str) -> str:
    return ("Lukashenka Repeats Old Promises\n\nOctober 28 – November 3, 2024\n\nPolitics\n\n"
            f"A short first sentence. {sentence}\n")


def _long_translation(db_url: str, slug: str) -> tuple[str, str]:
    database = Database(db_url)
    with database.transaction() as session:
        segment = max(load_document(session, slug).segments, key=lambda s: len(s.source))
        translation = get_translation(session, segment.id, "be")
        found = (translation.text, translation.state.value)
    database.dispose()
    return found


def test_a_very_long_changed_sentence_keeps_its_translation(
        tmgr: Tmgr, env: dict, db_url: str, tmp_path: Path) -> None:
    words = ["the", "regime", "talks", "Minsk", "said", "again", "week", "Belarus"]
    sentence = " ".join(words[(i * 7) % len(words)] + str(i % 13) for i in range(2500)) + "."
    assert len(sentence) > 14_000
    path = tmp_path / "2024-10-28-long.txt"
    path.write_text(_commentary(sentence), "utf-8")
    tmgr("ingest", str(path))
    database = Database(db_url)
    with database.transaction() as session:
        segment = max(load_document(session, path.stem).segments, key=lambda s: len(s.source))
        change_translation(session, get_translation(session, segment.id, "be"),
                           text="Вельмі доўгі сказ.", state=State.TRANSLATED, origin="human")
    database.dispose()
    path.write_text(_commentary(sentence.replace("Minsk", "Hrodna", 1)), "utf-8")
    tmgr("ingest", str(path), "--replace")
    assert _long_translation(db_url, path.stem) == ("Вельмі доўгі сказ.", "needs_editing")
    other = " ".join(reversed(sentence.rstrip(".").split())).upper() + "!"
    path.write_text(_commentary(other), "utf-8")  # as long, but another sentence
    tmgr("ingest", str(path), "--replace")
    assert _long_translation(db_url, path.stem) == ("", "untranslated")
