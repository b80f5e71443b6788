"""The editors' desk on the command line: assign, due dates, overdue work in `tmgr status`."""

from __future__ import annotations

import json
import os
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.conftest import DOMAIN_PACKAGES, Tmgr
from tmgr.documents.ingest import load_document
from tmgr.people.users import get_user
from tmgr.review import actions as review
from tmgr.store.db import Database

PASSWORD = "a-long-password"


@pytest.fixture
def team(tmgr: Tmgr, sample_doc: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
         ) -> str:
    monkeypatch.setenv("TMGR_PASSWORD_HASH", "pbkdf2:sha256:1000")
    secret = tmp_path / "pw"
    secret.write_text(PASSWORD + "\n", encoding="utf-8")
    for name, role, langs in (("ann", "translator", "be"), ("rita", "reviewer", "be"),
                              ("ivan", "translator", "ru"), ("pub", "publisher", ""),
                              ("ed", "editor", "")):
        tmgr("user", "add", name, "--role", role, "--lang", langs, "--password-file",
             str(secret), "--email", f"{name}@example.org")
    return sample_doc


def translate_all(db_url: str, slug: str, lang: str, user: str, upto: int | None = None
                  ) -> list[int]:
    database = Database(db_url)
    with database.transaction() as session:
        who = get_user(session, user)
        ids = [s.id for s in load_document(session, slug).segments][:upto]
        for segment_id in ids:
            review.save(session, who, segment_id, lang, text=f"Тэкст {segment_id}.",
                        expected_version=None)
    database.dispose()
    return ids


def approve_all(db_url: str, slug: str, lang: str, user: str, upto: int | None = None
                ) -> None:
    """Approve as a reviewer would, overriding QA errors with a reason."""
    database = Database(db_url)
    policy = review.ReviewPolicy()
    with database.transaction() as session:
        who = get_user(session, user)
        for segment in load_document(session, slug).segments[:upto]:
            review.approve(session, who, segment.id, lang, expected_version=None,
                           policy=policy, override_reason="checked by hand")
    database.dispose()


def status_row(tmgr: Tmgr, slug: str, lang: str) -> dict:
    rows = json.loads(tmgr("status", slug, "--json").output)
    return next(r for r in rows if r["lang"] == lang)


def test_assign_shows_in_status_json_and_table(tmgr: Tmgr, team: str) -> None:
    soon = (date.today() + timedelta(days=10)).isoformat()
    out = tmgr("assign", team, "--lang", "be", "--translator", "ann", "--reviewer", "rita",
               "--due", soon).output
    assert "translator ann" in out and "reviewer rita" in out
    row = status_row(tmgr, team, "be")
    assert (row["translator"], row["reviewer"], row["due"], row["overdue"]) == \
        ("ann", "rita", soon, False)
    assert row["stage"] == "translation"
    ru = status_row(tmgr, team, "ru")
    assert (ru["translator"], ru["reviewer"], ru["due"], ru["overdue"]) == \
        (None, None, None, False)
    table = tmgr("status", team).output.splitlines()
    assert table[0].split()[-3:] == ["translator", "reviewer", "due"]
    be_line = next(line for line in table if " be " in line)
    assert be_line.split()[-3:] == ["ann", "rita", soon]


def test_past_due_date_is_kept_with_a_warning_and_shows_overdue(tmgr: Tmgr, team: str
                                                                ) -> None:
    result = tmgr("assign", team, "--lang", "be", "--translator", "ann", "--due",
                  "2020-03-01")
    assert "warning:" in result.stderr and "2020-03-01 is in the past" in result.stderr
    row = status_row(tmgr, team, "be")
    assert (row["due"], row["overdue"]) == ("2020-03-01", True)
    assert "2020-03-01 OVERDUE" in tmgr("status", team).output


def test_the_due_date_follows_the_stage(tmgr: Tmgr, team: str, db_url: str) -> None:
    tmgr("assign", team, "--lang", "be", "--translator", "ann", "--reviewer", "rita",
         "--due", "2020-01-10", "--review-due", "2099-01-20")
    tmgr("doc", "set", team, "--deadline", "2099-02-01")
    assert status_row(tmgr, team, "be")["overdue"] is True
    translate_all(db_url, team, "be", "ann")
    row = status_row(tmgr, team, "be")  # every segment translated: the review is due next
    assert (row["stage"], row["due"], row["overdue"]) == ("review", "2099-01-20", False)
    approve_all(db_url, team, "be", "rita")
    row = status_row(tmgr, team, "be")
    assert (row["stage"], row["due"], row["publication_due"]) == \
        ("publication", "2099-02-01", "2099-02-01")
    # a language without its own dates falls back to the publication date
    assert status_row(tmgr, team, "ru")["due"] == "2099-02-01"


def test_doc_set_deadline_and_clearing_it(tmgr: Tmgr, team: str) -> None:
    assert "publication date 2099-05-01" in tmgr("doc", "set", team, "--deadline",
                                                  "2099-05-01").output
    assert json.loads(tmgr("show", team, "--json").output)["deadline"] == "2099-05-01"
    tmgr("doc", "set", team, "--no-deadline")
    assert json.loads(tmgr("show", team, "--json").output)["deadline"] is None
    bad = tmgr("doc", "set", team, "--deadline", "31.12.2099", ok=False)
    assert bad.exit_code == 2 and "31.12.2099" in bad.output


@pytest.mark.parametrize(("args", "message"), [
    (("--translator", "nobody"), "no user 'nobody'"),
    (("--translator", "ivan"), "ivan (translator) cannot edit in be"),
    (("--reviewer", "ann"), "ann (translator) cannot approve in be"),
])
def test_bad_assignees_are_refused_in_one_line(tmgr: Tmgr, team: str, args: tuple,
                                               message: str) -> None:
    result = tmgr("assign", team, "--lang", "be", *args, ok=False)
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0]
    assert status_row(tmgr, team, "be")["translator"] is None  # nothing half-written


def test_unknown_document_or_language(tmgr: Tmgr, team: str) -> None:
    result = tmgr("assign", "no-such-doc", "--lang", "be", "--translator", "ann", ok=False)
    assert result.exit_code == 1 and "no document 'no-such-doc'" in result.stderr
    result = tmgr("assign", team, "--lang", "uk", "--translator", "ann", ok=False)
    assert result.exit_code == 1 and "language uk is not configured" in result.stderr


def test_unassigning_and_only_given_fields_change(tmgr: Tmgr, team: str) -> None:
    tmgr("assign", team, "--lang", "be", "--translator", "ann", "--reviewer", "rita")
    tmgr("assign", team, "--lang", "be", "--translator", "")
    row = status_row(tmgr, team, "be")
    assert (row["translator"], row["reviewer"]) == (None, "rita")


def test_at_risk_is_projected_from_the_translators_recent_pace(tmgr: Tmgr, team: str,
                                                               db_url: str) -> None:
    translate_all(db_url, team, "be", "ann", upto=6)  # today's work sets ann's pace
    database = Database(db_url)
    with database.transaction() as session:
        from tmgr.desk import assignments as desk
        from tmgr.documents.ingest import get_document

        document = get_document(session, team)
        today = date.today()
        far, near = today + timedelta(days=365), today + timedelta(days=3)
        desk.assign(session, team, "be", configured=("be", "ru"), translator="ann",
                    translation_due=far)
        row = desk.desk_rows(session, [document], ["be"], today)[0]
        assert row.projected is not None and row.projected > today
        assert row.at_risk is False
        # the same pace cannot finish the rest in three days
        desk.assign(session, team, "be", configured=("be", "ru"), translation_due=near)
        row = desk.desk_rows(session, [document], ["be"], today)[0]
        assert row.at_risk is True and row.projected > near
        # a translator with no recent work: at risk only when it is due very soon
        desk.assign(session, team, "be", configured=("be", "ru"), translator="rita")
        row = desk.desk_rows(session, [document], ["be"], today)[0]
        assert row.projected is None and row.at_risk is False
        desk.assign(session, team, "be", configured=("be", "ru"),
                    translation_due=today + timedelta(days=1))
        row = desk.desk_rows(session, [document], ["be"], today)[0]
        assert row.at_risk is False, "not at risk the moment it is assigned"
        tomorrow = today + timedelta(days=1)  # a day on, nothing done, due that day
        assert desk.desk_rows(session, [document], ["be"], tomorrow)[0].at_risk is True
    database.dispose()


# --- `tmgr status` read straight from SQLite equals the services' rows -----------------

def _service_rows(db_url: str, slugs: tuple[str, ...], languages: tuple[str, ...]
                  ) -> list[dict]:
    from tmgr.desk import assignments as desk
    from tmgr.documents.ingest import list_documents

    database = Database(db_url)
    with database.transaction(readonly=True) as session:
        rows = [{**row.progress.as_dict(), **row.as_dict()} for row in
                desk.desk_rows(session, list_documents(session, slugs), languages)]
    database.dispose()
    return rows


def _assigned_days_ago(db_url: str, slug: str, lang: str, days: int) -> None:
    from sqlalchemy import update

    from tmgr.documents.ingest import get_document
    from tmgr.store.models import Assignment, utcnow

    database = Database(db_url)
    with database.transaction() as session:
        document = get_document(session, slug)
        session.execute(update(Assignment).where(
            Assignment.document_id == document.id, Assignment.lang == lang).values(
            updated_at=utcnow() - timedelta(days=days)))
    database.dispose()


def test_status_shows_exactly_what_the_desk_services_compute(
        tmgr: Tmgr, team: str, db_url: str, backend: str, tmp_path: Path) -> None:
    """On SQLite `tmgr status` reads through the standard library (tmgr.store.quickstatus):
    every figure, date and flag must equal the ORM services' on real work."""
    from tests.conftest import SAMPLE
    from tmgr.store import quickstatus

    week = SAMPLE.read_text(encoding="utf-8").replace(
        "October 28 – November 3, 2024", "May 1 – May 7, 2023")
    other = tmp_path / "2023-05-01-the-older-one.txt"
    other.write_text(week, encoding="utf-8")
    tmgr("ingest", str(other))
    soon = (date.today() + timedelta(days=2)).isoformat()
    tmgr("assign", team, "--lang", "be", "--translator", "ann", "--reviewer", "rita",
         "--due", "2020-01-10", "--review-due", "2099-01-20")
    tmgr("assign", team, "--lang", "ru", "--translator", "ivan", "--due", soon)
    tmgr("assign", other.stem, "--lang", "be", "--reviewer", "rita", "--due", soon)
    tmgr("doc", "set", other.stem, "--deadline", "2021-06-01")
    translate_all(db_url, team, "be", "ann", upto=8)
    approve_all(db_url, team, "be", "rita", upto=3)
    translate_all(db_url, other.stem, "be", "ann")
    _assigned_days_ago(db_url, team, "ru", 1)  # ivan has had a day and done nothing: at risk
    seen = []
    for slugs in ((), (team,), (other.stem, team)):
        for langs in (("be", "ru"), ("ru",)):
            shown = json.loads(tmgr("status", *slugs, "--lang", ",".join(langs),
                                    "--json").output)
            assert shown == _service_rows(db_url, slugs, langs)
            seen += shown
    assert [row["document"] for row in shown] == [other.stem, team]  # as asked
    assert {row["stage"] for row in seen} == {"translation", "review"}
    assert {row["overdue"] for row in seen} == {True, False}
    assert any(row["at_risk"] for row in seen) and any(row["projected"] for row in seen)
    table = tmgr("status").output
    assert "2020-01-10 OVERDUE" in table and f"{soon} at risk" in table
    answered = quickstatus.status_figures(db_url, (), ("be", "ru"))
    assert (answered is not None) == (backend == "sqlite")


def test_status_on_sqlite_starts_without_the_orm_and_still_explains_problems(
        tmgr: Tmgr, team: str, db_url: str, backend: str, env: dict[str, str]) -> None:
    if backend != "sqlite":
        pytest.skip("the direct read is SQLite's; PostgreSQL goes through the services")
    import sqlite3
    import subprocess
    import sys

    code = ("import sys, json\nfrom tmgr.cli import main\nsys.argv = ['tmgr', 'status']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(json.dumps(sorted(sys.modules)), file=sys.stderr)")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env={**os.environ, **env})
    assert team in run.stdout
    loaded = json.loads(run.stderr.strip().splitlines()[-1])
    heavy = [m for m in loaded if m.split(".")[0] in ("sqlalchemy", "alembic", "flask")
             or m == "tmgr.store.models"
             or any(m == p or m.startswith(p + ".") for p in DOMAIN_PACKAGES)]
    assert heavy == []
    result = tmgr("status", "no-such-doc", ok=False)
    assert result.exit_code == 1 and "no document 'no-such-doc'" in result.stderr
    path = db_url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = 'i14_1'")
    result = tmgr("status", ok=False)
    assert result.exit_code == 1 and "older than this tmgr" in result.stderr
    assert "tmgr db upgrade" in result.stderr
