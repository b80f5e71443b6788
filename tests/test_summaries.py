"""The desk's summary tables stay exact through every way rows change.

``progress_counts`` and ``daily_activity`` are what the dashboard and ``tmgr status``
read. Here they are compared, after each step of real work on both databases,
with a count made from the base tables by this test itself, and with
``tmgr.store.summaries.differences`` (the count ``tmgr db summaries`` makes).
"""

from __future__ import annotations

import json
import re
import shutil
from collections import Counter
from datetime import UTC
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.engine import Connection

from tests.conftest import SAMPLE, Tmgr
from tests.test_desk import PASSWORD, approve_all, translate_all
from tmgr.documents.ingest import load_document
from tmgr.people.users import get_user
from tmgr.review import actions as review
from tmgr.store import summaries
from tmgr.store.db import Database
from tmgr.store.models import DailyActivity, Revision, Segment, State, Translation, User


def counted(db_url: str) -> dict[tuple[str, str], dict[str, int]]:
    """(slug, lang) → segments per state, counted here from segments and translations."""
    database = Database(db_url)
    table: dict[tuple[str, str], Counter[str]] = {}
    with database.transaction(readonly=True) as session:
        for segment, translation in session.execute(
                select(Segment, Translation).join(Translation)
                .where(Segment.removed.is_(False))):
            key = (segment.document.slug, translation.lang)
            table.setdefault(key, Counter())[translation.state.value] += 1
    database.dispose()
    return {key: dict(states) for key, states in table.items()}


def shown(tmgr: Tmgr) -> dict[tuple[str, str], dict[str, int]]:
    """What `tmgr status --json` says: segments per state (zero states left out)."""
    rows = json.loads(tmgr("status", "--json").output)
    return {(r["document"], r["lang"]): {s: n for s, n in r["segments"].items() if n}
            for r in rows}


def agree(db_url: str) -> None:
    database = Database(db_url)
    with database.engine.connect() as connection:
        assert summaries.differences(connection) == []
    database.dispose()


@pytest.fixture
def people(tmgr: Tmgr, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TMGR_PASSWORD_HASH", "pbkdf2:sha256:1000")
    secret = tmp_path / "pw"
    secret.write_text(PASSWORD + "\n", encoding="utf-8")
    for name, role in (("ann", "translator"), ("rita", "reviewer")):
        tmgr("user", "add", name, "--role", role, "--lang", "be,ru", "--password-file",
             str(secret))


def test_status_and_dashboard_figures_follow_every_kind_of_change(
        tmgr: Tmgr, people: None, db_url: str, tmp_path: Path) -> None:
    source = tmp_path / "sources" / SAMPLE.name
    source.parent.mkdir()
    shutil.copyfile(SAMPLE, source)
    slug = source.stem
    tmgr("ingest", str(source))
    assert shown(tmgr) == counted(db_url)
    total = sum(shown(tmgr)[(slug, "be")].values())
    assert shown(tmgr)[(slug, "be")] == {"untranslated": total}

    # people at work: translated, approved, rejected
    translate_all(db_url, slug, "be", "ann", upto=6)
    approve_all(db_url, slug, "be", "rita", upto=3)
    database = Database(db_url)
    with database.transaction() as session:
        segment = load_document(session, slug).segments[4]
        review.reject(session, get_user(session, "rita"), segment.id, "be",
                      expected_version=None, comment="the tense")
    database.dispose()
    assert shown(tmgr)[(slug, "be")] == {"approved": 3, "translated": 2, "needs_editing": 1,
                                         "untranslated": total - 6}
    assert shown(tmgr) == counted(db_url)
    agree(db_url)

    # a catalog comes back from outside: the import's changes are counted too
    tmgr("export", slug, "--format", "po", "--out", str(tmp_path / "out"))
    [po] = [p for p in (tmp_path / "out").rglob("*.po") if "ru" in p.parts]
    catalog = po.read_text(encoding="utf-8")
    po.write_text(re.sub(r'msgstr ""\n(?=\n|$)', 'msgstr "Перевод."\n', catalog, count=2),
                  encoding="utf-8")
    assert "2 updated" in tmgr("import", str(po), "--as", "ann").output
    ru = shown(tmgr)[(slug, "ru")]
    assert ru.get("untranslated", 0) < total
    assert shown(tmgr) == counted(db_url)

    # the English changes: a sentence leaves (its work is kept, not counted), then returns
    original = source.read_text(encoding="utf-8")
    database = Database(db_url)
    with database.transaction(readonly=True) as session:
        leaving = load_document(session, slug).segments[1].source
    database.dispose()
    source.write_text(original.replace(leaving, ""), encoding="utf-8")
    tmgr("ingest", "--replace", str(source))
    assert sum(shown(tmgr)[(slug, "be")].values()) == total - 1
    assert shown(tmgr) == counted(db_url)
    source.write_text(original, encoding="utf-8")
    tmgr("ingest", "--replace", str(source))
    assert sum(shown(tmgr)[(slug, "be")].values()) == total
    assert shown(tmgr) == counted(db_url)
    agree(db_url)
    # a translated sentence is reworded (one word more): its work moves to the new
    # sentence and goes back to the translator; the day's words follow the new length
    database = Database(db_url)
    with database.transaction(readonly=True) as session:
        edited = load_document(session, slug).segments[2]
        reworded, words_before = edited.source, edited.words
    database.dispose()
    first, rest = reworded.split(" ", 1)
    source.write_text(original.replace(reworded, f"{first} indeed {rest}"), encoding="utf-8")
    tmgr("ingest", "--replace", str(source))
    assert shown(tmgr)[(slug, "be")]["needs_editing"] == 2
    assert shown(tmgr) == counted(db_url)
    agree(db_url)
    database = Database(db_url)
    with database.transaction(readonly=True) as session:
        moved = load_document(session, slug).segments[2]
        assert moved.words == words_before + 1 and moved.translation("be").state \
            is State.NEEDS_EDITING
    database.dispose()
    original = source.read_text(encoding="utf-8")

    # a backup restored over the database: the same figures, counted once
    before = shown(tmgr)
    tmgr("backup", str(tmp_path / "all.tmgr"))
    translate_all(db_url, slug, "ru", "ann")  # work after the backup, undone by the restore
    assert shown(tmgr) != before
    tmgr("restore", "--force", str(tmp_path / "all.tmgr"))
    assert shown(tmgr) == before == counted(db_url)
    agree(db_url)
    # the restore loaded with the triggers off: they are back on for the next save
    translate_all(db_url, slug, "ru", "ann", upto=3)  # the third is new work
    assert shown(tmgr)[(slug, "ru")]["translated"] == before[(slug, "ru")]["translated"] + 1
    assert shown(tmgr) == counted(db_url)
    agree(db_url)


def test_a_load_that_fails_leaves_the_triggers_on(tmgr: Tmgr, people: None,
                                                   db_url: str) -> None:
    tmgr("ingest", str(SAMPLE))
    database = Database(db_url)
    with pytest.raises(RuntimeError), database.engine.begin() as connection, \
            summaries.suspended(connection):
        _sql(connection, "DELETE FROM revisions")
        raise RuntimeError("the load broke off")
    database.dispose()
    translate_all(db_url, SAMPLE.stem, "be", "ann", upto=2)
    assert shown(tmgr)[(SAMPLE.stem, "be")]["translated"] == 2
    assert shown(tmgr) == counted(db_url)
    agree(db_url)


def _sql(connection: Connection, statement: str) -> None:
    connection.execute(text(statement))


def _figures(db_url: str) -> tuple[dict[str, int], int, int]:
    """Stored: segments per state (all documents, both languages), failed drafts, and
    the words of the day's translated revisions."""
    database = Database(db_url)
    with database.engine.connect() as connection:
        states = {state: int(n) for state, n in connection.execute(text(
            "SELECT state, SUM(segments) FROM progress_counts GROUP BY state "
            "HAVING SUM(segments) <> 0"))}
        failed = connection.execute(text(
            "SELECT COALESCE(SUM(mt_failed), 0) FROM progress_counts")).scalar_one()
        work = connection.execute(text(
            "SELECT COALESCE(SUM(revisions), 0) FROM daily_activity "
            "WHERE new_state = 'translated'")).scalar_one()
        assert summaries.differences(connection) == []
    database.dispose()
    return states, int(failed), int(work)


def test_plain_sql_at_every_level_keeps_the_summaries_exact(
        tmgr: Tmgr, people: None, db_url: str, tmp_path: Path) -> None:
    """Changes no tmgr code makes (an administrator's SQL, cascades) are counted too."""
    for n in range(2):
        copy = tmp_path / f"2024-10-2{n}-copy-{n}.txt"
        shutil.copyfile(SAMPLE, copy)
        tmgr("ingest", str(copy))
    per_doc = sum(shown(tmgr)[("2024-10-20-copy-0", "be")].values())
    database = Database(db_url)
    with database.engine.begin() as connection:
        user = connection.execute(select(User.id).where(User.name == "ann")).scalar_one()
        ids = [row[0] for row in connection.execute(text(
            "SELECT t.id FROM translations AS t JOIN segments AS s ON s.id = t.segment_id "
            "JOIN documents AS d ON d.id = s.document_id "
            "WHERE d.slug = '2024-10-20-copy-0' AND t.lang = 'be' ORDER BY s.ordinal"))]
        listed = ", ".join(map(str, ids[:4]))
        _sql(connection, f"UPDATE translations SET state = 'translated' WHERE id IN ({listed})")
        _sql(connection, f"UPDATE translations SET mt_error = 'engine down' WHERE id = {ids[5]}")
        connection.execute(text(
            "INSERT INTO revisions (translation_id, user_id, created_at, old_text, new_text, "
            "old_state, new_state) SELECT id, :user, :when, '', 'x', 'untranslated', "
            f"'translated' FROM translations WHERE id IN ({listed})"),
            {"user": user, "when": "2026-11-30 10:00:00"})
    database.dispose()
    states, failed, work = _figures(db_url)
    assert states["translated"] == 4 and failed == 1 and work == 4
    assert states["untranslated"] == 4 * per_doc - 4

    steps = [
        # a revision deleted: its work leaves the chart
        (f"DELETE FROM revisions WHERE translation_id = {ids[0]}", (4, 1, 3)),
        # a translation deleted: its counts and its revisions' work leave
        (f"DELETE FROM translations WHERE id = {ids[1]}", (3, 1, 2)),
        # a segment removed from the counts, then deleted with everything below it
        (f"UPDATE segments SET removed = true WHERE id = "
         f"(SELECT segment_id FROM translations WHERE id = {ids[2]})", (2, 1, 2)),
        (f"DELETE FROM segments WHERE id = "
         f"(SELECT segment_id FROM translations WHERE id = {ids[3]})", (1, 1, 1)),
        # a whole document deleted
        ("DELETE FROM documents WHERE slug = '2024-10-20-copy-0'", (0, 0, 0)),
    ]
    database = Database(db_url)
    for statement, (translated, failed_after, work_after) in steps:
        with database.engine.begin() as connection:
            _sql(connection, statement)
        states, failed, work = _figures(db_url)
        assert (states.get("translated", 0), failed, work) == \
            (translated, failed_after, work_after), statement
    database.dispose()
    assert states == {"untranslated": 2 * per_doc}
    assert set(shown(tmgr)) == {("2024-10-21-copy-1", "be"), ("2024-10-21-copy-1", "ru")}


def test_a_work_day_is_the_utc_day_of_the_revision(tmgr: Tmgr, people: None,
                                                      db_url: str) -> None:
    tmgr("ingest", str(SAMPLE))
    translate_all(db_url, SAMPLE.stem, "be", "ann", upto=2)
    database = Database(db_url)
    with database.transaction(readonly=True) as session:
        days = [(a.day, a.user_id, a.new_state, a.revisions)
                for a in session.scalars(select(DailyActivity))]
        stamps = session.scalars(select(Revision.created_at)).all()
        ann = get_user(session, "ann").id
    database.dispose()
    utc = {(when.astimezone(UTC) if when.tzinfo else when).date() for when in stamps}
    assert len(stamps) == 2 and days == [(utc.pop(), ann, State.TRANSLATED, 2)]


def test_db_summaries_reports_agreement_and_rebuilds(tmgr: Tmgr, people: None,
                                                      db_url: str) -> None:
    tmgr("ingest", str(SAMPLE))
    translate_all(db_url, SAMPLE.stem, "be", "ann", upto=3)
    assert "agree" in tmgr("db", "summaries").output
    database = Database(db_url)
    with database.engine.begin() as connection:  # as if someone had edited the table
        _sql(connection, "UPDATE progress_counts SET segments = segments + 5")
    database.dispose()
    result = tmgr("db", "summaries", ok=False)
    assert result.exit_code == 1 and "progress_counts" in result.output
    assert "--rebuild" in result.output
    assert "rebuilt" in tmgr("db", "summaries", "--rebuild").output
    assert "agree" in tmgr("db", "summaries").output
    assert shown(tmgr) == counted(db_url)
    assert State.TRANSLATED.value in shown(tmgr)[(SAMPLE.stem, "be")]


def test_people_saving_in_one_document_at_once_all_land(tmgr: Tmgr, people: None,
                                                        db_url: str) -> None:
    """Translators and a reviewer at work in the same document and language at the
    same moment: every save lands (the summary rows they share never deadlock) and
    the figures count each once."""
    from concurrent.futures import ThreadPoolExecutor

    tmgr("ingest", str(SAMPLE))
    slug = SAMPLE.stem
    translate_all(db_url, slug, "be", "ann", upto=8)
    database = Database(db_url)
    with database.transaction(readonly=True) as session:
        ids = [s.id for s in load_document(session, slug).segments]

    def save(segment_id: int) -> None:
        with database.transaction() as session:
            review.save(session, get_user(session, "ann"), segment_id, "be",
                        text=f"Тэкст {segment_id}.", expected_version=None)

    def approve(segment_id: int) -> None:
        with database.transaction() as session:
            review.approve(session, get_user(session, "rita"), segment_id, "be",
                           expected_version=None, policy=review.ReviewPolicy(),
                           override_reason="checked by hand")

    with ThreadPoolExecutor(max_workers=4) as pool:
        jobs = [pool.submit(approve, i) for i in ids[:8]]
        jobs += [pool.submit(save, i) for i in ids[8:20]]
        for job in jobs:
            job.result()  # raises if a save failed
    database.dispose()
    assert shown(tmgr)[(slug, "be")] == {"approved": 8, "translated": 12,
                                         "untranslated": len(ids) - 20}
    assert shown(tmgr) == counted(db_url)
    agree(db_url)
