"""Schema migrations: a real tmgr 0.1.0 database upgrades in place with every row kept.

The fixtures in ``tests/data/legacy`` were made by tmgr 0.1.0's own code
(``make_v010.py``): a SQLite file and a PostgreSQL dump.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlalchemy import MetaData, inspect, select, text

from tests.conftest import DATA, Tmgr
from tests.pgcluster import PostgresCluster
from tmgr.documents.ingest import load_document
from tmgr.store import schema
from tmgr.store.db import Database
from tmgr.store.models import State, Translation

LEGACY = DATA / "legacy"
TABLES_010 = {"documents", "blocks", "segments", "translations", "revisions", "users",
              "comments", "mt_cache", "login_attempts", "tm_units", "tm_generation",
              "glossary_terms", "glossary_translations", "qa_overrides"}


def _legacy_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """A copy of the 0.1.0 database on ``backend``."""
    if backend == "sqlite":
        path = tmp_path / "v010.sqlite3"
        shutil.copyfile(LEGACY / "v010.sqlite3", path)
        return f"sqlite:///{path}"
    cluster: PostgresCluster = request.getfixturevalue("pg_cluster")
    name = f"legacy_{tmp_path.name.lower().replace('-', '_')[-40:]}"
    admin = Database(cluster.url())
    with admin.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text(f"CREATE DATABASE {name}"))
    admin.dispose()
    subprocess.run([str(cluster.bindir / "psql"), "-q", "-v", "ON_ERROR_STOP=1",
                    "-h", str(cluster.socket_dir), "-p", str(cluster.port), "-U", "postgres",
                    "-d", name, "-f", str(LEGACY / "v010.postgresql.sql")],
                   check=True, capture_output=True)
    return cluster.url(name)


@pytest.fixture
def legacy_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    return _legacy_url(backend, tmp_path, request)


def _snapshot(database: Database, tables: set[str] | None = None) -> dict[str, list[Any]]:
    """Every row of every table (of ``tables``), in primary-key order."""
    metadata = MetaData()
    metadata.reflect(database.engine)
    rows: dict[str, list[Any]] = {}
    with database.engine.connect() as connection:
        for name, table in metadata.tables.items():
            if tables is not None and name not in tables or name == schema.VERSION_TABLE:
                continue
            order = list(table.primary_key.columns) or list(table.columns)
            rows[name] = [dict(row._mapping)
                          for row in connection.execute(select(table).order_by(*order))]
    return rows


def _stand_in_draft(table: str, row: dict[str, Any]) -> bool:
    """A 0.1.0 draft of the offline stand-in (transliteration): i12_1 empties these."""
    return table == "translations" and row["origin"] == "mt:offline" and row["state"] == "draft"


def revision_before(revision: str) -> str:
    """The revision ``revision`` follows (it moves as other migrations land before it)."""
    from alembic.script import ScriptDirectory

    down = ScriptDirectory.from_config(schema.alembic_config()).get_revision(
        revision).down_revision
    assert isinstance(down, str)
    return down


def _columns_kept(before: dict[str, list[Any]], after: dict[str, list[Any]]) -> None:
    for table, old_rows in before.items():
        assert table in after, f"table {table} is gone"
        new_rows = after[table]
        if table == "revisions":  # i12_1 adds one per emptied stand-in draft, at the end
            new_rows = new_rows[:len(old_rows)]
        assert len(new_rows) == len(old_rows), f"{table}: {len(old_rows)} -> {len(new_rows)}"
        for old, new in zip(old_rows, new_rows, strict=True):
            if _stand_in_draft(table, old):
                continue  # checked by test_i12_stand_in_drafts_leave_the_text_boxes
            assert {key: new[key] for key in old} == old, f"{table} row changed"


def test_a_010_database_upgrades_in_place_with_every_row_kept(legacy_url: str) -> None:
    database = Database(legacy_url)
    assert database.schema_status().is_legacy
    before = _snapshot(database)
    assert set(before) == TABLES_010
    assert all(before[table] for table in TABLES_010), "the fixture has rows in every table"

    result = database.upgrade()
    assert result.stamped_legacy
    assert result.after == schema.head_revision()
    _columns_kept(before, _snapshot(database))
    database.check_schema()  # no longer refused

    again = database.upgrade()
    assert not again.changed and not again.stamped_legacy
    database.dispose()


def test_upgraded_database_keeps_working(legacy_url: str) -> None:
    """After the upgrade the TM label triggers fire and the ORM reads every state."""
    database = Database(legacy_url)
    database.upgrade()
    with database.engine.connect() as connection:
        label = connection.execute(text("SELECT generation FROM tm_generation")).scalar()
    with database.transaction() as session:
        states = {row.state for row in session.scalars(select(Translation))}
        assert states == set(State) - {State.DRAFT}  # 0.1.0's drafts were transliterations
        row = session.scalars(select(Translation).where(
            Translation.state == State.TRANSLATED)).first()
        assert row is not None
        row.state = State.APPROVED
    with database.engine.connect() as connection:
        assert connection.execute(text("SELECT generation FROM tm_generation")).scalar() \
            != label, "approving a translation must relabel the TM"
    database.dispose()


def test_i12_stand_in_drafts_leave_the_text_boxes_and_no_first_draft_is_invented(
        legacy_url: str) -> None:
    """i12_1 on real 0.1.0 rows: what happens to existing translations."""
    database = Database(legacy_url)
    before = _snapshot(database)
    stand_in = [row for row in before["translations"] if _stand_in_draft("translations", row)]
    assert len(stand_in) == 17 and all(row["text"] for row in stand_in)
    database.upgrade()
    after = _snapshot(database)
    rows = {row["id"]: row for row in after["translations"]}
    for old in stand_in:
        new = rows[old["id"]]
        assert (new["state"], new["text"], new["origin"]) == ("untranslated", "", None)
        assert new["version"] == old["version"] + 1
        kept = [r for r in after["revisions"] if r["translation_id"] == old["id"]
                and r["old_text"] == old["text"] and r["new_state"] == "untranslated"]
        assert len(kept) == 1 and "offline stand-in" in kept[0]["note"], "text is in history"
    human = [row for row in before["translations"] if row["origin"] == "human"]
    # human rows keep every value they had (later migrations may add other columns)
    assert all({key: rows[row["id"]][key] for key in row} == row and
               rows[row["id"]]["unknown_words"] is None for row in human)
    assert after["post_edits"] == [], "0.1.0 has no real machine draft: none is invented"
    assert after["draft_runs"] == []
    assert {row["unknown_words"] for row in after["mt_cache"]} == {None}
    database.dispose()
    result = subprocess.run([sys.executable, "-m", "tmgr", "report", "mt", "--json"],
                            env={**os.environ, "TMGR_DATABASE_URL": legacy_url},
                            capture_output=True, text=True, timeout=60, check=True)
    assert json.loads(result.stdout) == []  # approved 0.1.0 work: figures unknown, not zero


def test_models_and_migrations_agree(database: Database) -> None:
    """``alembic check``: autogenerate finds nothing the migrations have not done."""
    with database.engine.connect() as connection:
        command.check(schema.alembic_config(connection))


def test_downgrade_to_baseline_and_back_keeps_the_010_rows(legacy_url: str) -> None:
    database = Database(legacy_url)
    database.upgrade()
    before = _snapshot(database, TABLES_010)
    schema.downgrade(database.engine, schema.BASELINE)
    assert database.schema_status().current == schema.BASELINE
    database.upgrade()
    after = _snapshot(database, TABLES_010)
    _columns_kept(before, after)
    database.dispose()


def test_a_fresh_database_gets_the_whole_schema(tmp_path: Path) -> None:
    database = Database(f"sqlite:///{tmp_path / 'new.sqlite3'}")
    assert database.schema_status().is_empty
    result = database.upgrade()
    assert not result.stamped_legacy and result.after == schema.head_revision()
    assert TABLES_010 <= set(inspect(database.engine).get_table_names())
    database.dispose()


@pytest.fixture
def legacy_env(legacy_url: str, env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("TMGR_DATABASE_URL", legacy_url)
    return legacy_url


def test_commands_refuse_an_old_schema_with_one_line(legacy_env: str, tmgr: Tmgr) -> None:
    result = tmgr("status", ok=False)
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("error: database schema is older than this tmgr (")
    assert lines[0].endswith("; run: tmgr db upgrade)") or "run: tmgr db upgrade" in lines[0]

    current = tmgr("db", "current")
    assert "tmgr 0.1.0" in current.output and "tmgr db upgrade" in current.output

    upgraded = tmgr("db", "upgrade")
    assert "recognised a tmgr 0.1.0 database" in upgraded.output
    assert "already current" in tmgr("db", "upgrade").output
    status = tmgr("status")
    assert "2024-10-14-crossings" in status.output
    assert "(current)" in tmgr("db", "current").output


def test_the_web_app_refuses_an_old_schema(legacy_env: str, tmgr: Tmgr) -> None:
    result = tmgr("serve", "--port", "1", ok=False)
    assert result.exit_code == 1
    assert "database schema is older than this tmgr" in result.output
    assert "Traceback" not in result.output


def test_init_runs_the_migrations_on_an_empty_database(env: dict[str, str], tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch,
                                                       tmgr: Tmgr) -> None:
    url = f"sqlite:///{tmp_path / 'empty.sqlite3'}"
    monkeypatch.setenv("TMGR_DATABASE_URL", url)
    refused = tmgr("status", ok=False)
    assert refused.exit_code == 1 and "run: tmgr init" in refused.output
    tmgr("init")
    assert "(current)" in tmgr("db", "current").output
    tmgr("init")  # again: nothing to do, no error
    assert tmgr("status").exit_code == 0


def test_i11b_authors_backfilled_and_old_overrides_still_apply(legacy_url: str) -> None:
    """0.1.0 kept no author: the upgrade reads it from the history. The translator of an
    approved row stays its author (the reviewer only approved), machine drafts have
    none, and the 0.1.0 override still covers its finding on the unchanged text."""
    from tmgr.quality.checks import current_overrides
    from tmgr.store.models import QAOverride, Revision, User

    database = Database(legacy_url)
    database.upgrade()
    with database.transaction() as session:
        names = {u.id: u.name for u in session.scalars(select(User))}
        rows = list(session.scalars(select(Translation)))
        approved = [t for t in rows if t.state == State.APPROVED]
        assert approved and {names[t.updated_by_id] for t in approved} == {"reviewer1"}
        assert {names.get(t.author_id) for t in approved} == {"translator1"}
        assert all(t.author_id is None for t in rows if t.state == State.DRAFT)
        assert all(t.author_id is None for t in rows if t.state == State.UNTRANSLATED)
        human = [t for t in rows if t.state in (State.TRANSLATED, State.NEEDS_EDITING)]
        assert human and all(names.get(t.author_id) == "translator1" for t in human)
        approvals = session.scalars(select(Revision).where(
            Revision.new_state == State.APPROVED)).all()
        assert approvals and all(names.get(r.author_id) == "translator1" for r in approvals)

        legacy = session.scalars(select(QAOverride)).one()
        found = current_overrides(session, [legacy.translation])
        assert found[legacy.translation_id]["numbers"].reason == "as said"
        assert found[legacy.translation_id]["numbers"].user == "reviewer1"
    database.dispose()


def test_i11a_1_adds_empty_word_and_name_tables_that_learn_from_approved_rows(
        legacy_env: str, tmgr: Tmgr) -> None:
    """The upgrade adds the house word list and the names table, empty; every 0.1.0
    row is kept; ``tmgr words learn`` then reads the database's approved rows."""
    from tmgr.review.translations import change_translation
    from tmgr.store.models import HouseWord, LearnedName

    database = Database(legacy_env)
    before = _snapshot(database)
    database.upgrade()
    after = _snapshot(database)
    _columns_kept(before, after)
    assert after["house_words"] == [] and after["learned_names"] == []

    # The fixture's approved texts are Latin placeholders: nothing to learn from them.
    assert "learned 0 word(s) and 0 name(s)" in tmgr("words", "learn").output
    with database.transaction() as session:
        approved = session.scalars(select(Translation).where(
            Translation.state == State.APPROVED, Translation.lang == "be")).first()
        assert approved is not None
        change_translation(session, approved, text="Пасля перамоваў Мінск змоўк.",
                           state=State.APPROVED, origin="human")
    assert "learned 1 word(s)" in tmgr("words", "learn").output
    assert "learned 0 word(s)" in tmgr("words", "learn").output  # safe to repeat
    tmgr("words", "add", "--lang", "be", "Палітвязні")
    listed = tmgr("words", "list", "--lang", "be").output
    assert "перамоваў" in listed and "approved" in listed
    assert "палітвязні" in listed and "editor" in listed
    with database.transaction() as session:
        assert session.scalars(select(LearnedName)).all() == []
        assert {w.word for w in session.scalars(select(HouseWord))} == {
            "перамоваў", "палітвязні"}
    schema.downgrade(database.engine, "i9_1")
    assert "house_words" not in inspect(database.engine).get_table_names()
    database.dispose()


def test_i9_1_marks_every_010_segment_present_and_keeps_its_block(legacy_url: str) -> None:
    """i9_1 adds segments.removed (false for every existing sentence) on the real rows."""
    database = Database(legacy_url)
    before = _snapshot(database, {"segments"})["segments"]
    database.upgrade()
    after = _snapshot(database, {"segments"})["segments"]
    assert len(after) == len(before) > 0
    assert all(row["removed"] is False for row in after)
    assert [row["block_id"] for row in after] == [row["block_id"] for row in before]
    with database.engine.connect() as connection:  # the TM triggers on segments survive
        label = connection.execute(text("SELECT epoch FROM tm_generation")).scalar()
    with database.engine.begin() as connection:
        connection.execute(text("UPDATE segments SET source = source || ' ' "
                                "WHERE id = (SELECT min(id) FROM segments)"))
    with database.engine.connect() as connection:
        assert connection.execute(text("SELECT epoch FROM tm_generation")).scalar() != label
    database.dispose()


def test_i13_a_010_deadline_becomes_the_publication_due_date(legacy_env: str, tmgr: Tmgr
                                                             ) -> None:
    """i13_1: a 0.1.0 deadline is each language's publication (and fallback) due date;
    accounts have no e-mail yet and get every kind of news once they give one."""
    import json

    tmgr("db", "upgrade")
    rows = json.loads(tmgr("status", "--json").output)
    crossings = [r for r in rows if r["document"] == "2024-10-14-crossings"]
    assert crossings and all(r["publication_due"] == "2024-10-20" for r in crossings)
    for row in crossings:
        assert row["due"] == "2024-10-20"
        assert row["overdue"] is (row["stage"] != "published")
        assert (row["translator"], row["reviewer"]) == (None, None)
    others = [r for r in rows if r["document"] != "2024-10-14-crossings"]
    assert others and all(r["due"] is None and r["overdue"] is False for r in others)
    users = json.loads(tmgr("user", "list", "--json").output)
    assert users and all(u["email"] is None for u in users)
    database = Database(legacy_env)
    with database.engine.connect() as connection:
        kinds = {row[0] for row in connection.execute(text("SELECT notify FROM users"))}
    database.dispose()
    assert kinds == {"assigned,due_soon,rejected,mentioned,ready_to_publish"}
    assert "2024-10-20 OVERDUE" in tmgr("status").output


def test_i10_source_revisions_backfill_the_010_documents(legacy_env: str, tmgr: Tmgr,
                                                         tmp_path: Path) -> None:
    """i10_1: each 0.1.0 document gets version 1 from its own rows; re-ingest then works."""
    database = Database(legacy_env)
    documents = _snapshot(database, {"documents"})["documents"]
    database.upgrade()
    rows = _snapshot(database, {"source_revisions", "segments", "translations"})
    revisions = {row["document_id"]: row for row in rows["source_revisions"]}
    assert sorted(revisions) == sorted(d["id"] for d in documents)
    for document in documents:
        revision = revisions[document["id"]]
        assert (revision["number"], revision["path"], revision["checksum"]) == (
            1, document["source_path"], document["checksum"])
        assert revision["ingested_by"] is None and revision["changes"] == "[]"
        assert str(revision["created_at"])[:19] == str(document["created_at"])[:19]
    assert {row["source_revision"] for row in rows["segments"]} == {1}
    assert {row["source_basis"] for row in rows["translations"]} == {None}
    database.dispose()

    # a corrected source of a 0.1.0 document: its approved work is kept or flagged
    slug = "2024-12-30-winter-drills"
    upgraded = Database(legacy_env)
    with upgraded.transaction() as session:
        document = load_document(session, slug)
        approved = next(s for s in document.segments
                        if s.translation("be") and s.translation("be").state == State.APPROVED
                        and len(s.source.split()) > 4)
        old_source, kept = approved.source, {
            s.source for s in document.segments
            if any(t.state == State.APPROVED for t in s.translations)} - {approved.source}
    upgraded.dispose()
    source = (DATA / "sources" / f"{slug}.txt").read_text(encoding="utf-8")
    assert old_source in source
    new_source = old_source.replace(" ", " indeed ", 1)
    path = tmp_path / f"{slug}.txt"
    path.write_text(source.replace(old_source, new_source), encoding="utf-8")
    assert "source revision 2" in tmgr("ingest", "--replace", str(path)).stdout
    shown = json.loads(tmgr("show", slug, "--json").stdout)
    segments = {s["source"]: s for b in shown["blocks"] for s in b["segments"]}
    changed = segments[new_source]
    assert changed["source_revision"] == 2 and changed["previous_source"] == old_source
    assert changed["translations"]["be"]["state"] == "needs_editing"
    assert changed["translations"]["be"]["source_basis"] == old_source
    assert all(segments[s]["translations"]["be"]["state"] == "approved"
               or segments[s]["translations"]["ru"]["state"] == "approved" for s in kept)


def _indexes(database: Database, wanted: dict[str, str]) -> set[str]:
    with database.engine.connect() as connection:
        found = inspect(connection)
        return {name for table, name in wanted.items()
                if name in {index["name"] for index in found.get_indexes(table)}}


def test_p1_1_adds_the_desks_covering_indexes_and_changes_no_row(legacy_url: str) -> None:
    """p1_1 on the 0.1.0 fixture: three indexes appear, every row stays as it was, the
    desk's pace reads the 0.1.0 history through them, and downgrading drops only them."""
    from datetime import date

    from tmgr.desk.assignments import recent_pace

    wanted = {"revisions": "ix_revisions_activity",
              "translations": "ix_translations_id_segment_id",
              "segments": "ix_segments_id_words"}
    database = Database(legacy_url)
    database.upgrade()
    before = _snapshot(database, set(wanted))
    assert before["revisions"], "the 0.1.0 fixture has history"
    schema.downgrade(database.engine, "q1_1")
    assert _indexes(database, wanted) == set()
    database.upgrade()
    assert _indexes(database, wanted) == set(wanted.values())
    assert _snapshot(database, set(wanted)) == before
    with database.transaction(readonly=True) as session:
        pace = recent_pace(session, date.today(), days=100 * 365)  # all of the history
        if database.engine.dialect.name == "sqlite":
            plan = " ".join(str(row[-1]) for row in session.execute(text(
                "EXPLAIN QUERY PLAN SELECT r.user_id, sum(s.words) FROM revisions AS r "
                "JOIN translations AS t ON t.id = r.translation_id "
                "JOIN segments AS s ON s.id = t.segment_id "
                "WHERE r.created_at >= '2000-01-01' AND r.new_state IN ('approved') "
                "GROUP BY r.user_id")))
            for name in wanted.values():  # the texts are not read
                assert f"COVERING INDEX {name}" in plan, plan
    humans = {row["user_id"] for row in before["revisions"]
              if row["user_id"] is not None and row["new_state"] in ("translated", "approved")
              and row["old_state"] != row["new_state"]}
    assert {user for user, _state in pace} == humans
    database.dispose()


def test_q1_1_house_words_keep_their_removals_on_an_upgraded_010_database(
        legacy_env: str, tmgr: Tmgr) -> None:
    """The upgrade keeps every 0.1.0 row, adds ``house_words.removed_at`` (every word
    stays in the list) and an empty change history; a removal there is kept with who
    and why, and a downgrade that would lose it is refused."""
    from tmgr.store.models import HouseWord, HouseWordChange, User

    database = Database(legacy_env)
    before = _snapshot(database)
    database.upgrade()
    after = _snapshot(database)
    _columns_kept(before, after)
    assert after["house_word_changes"] == []
    assert "removed_at" in {c["name"] for c in inspect(database.engine).get_columns(
        "house_words")}
    with database.transaction() as session:
        editor = session.scalars(select(User).where(User.role == "editor")).first()
        if editor is None:
            editor = User(name="eda", role="editor")
            session.add(editor)
        name = editor.name
    tmgr("words", "add", "--lang", "be", "перамоваў", "палітвязняў")
    tmgr("words", "remove", "--lang", "be", "перамоваў", "--reason", "a typo", "--as", name)
    with database.transaction() as session:
        words = {w.word: w.removed_at for w in session.scalars(select(HouseWord))}
        assert words["палітвязняў"] is None and words["перамоваў"] is not None
        change = session.scalars(select(HouseWordChange)).one()
        assert (change.action, change.reason, change.user.name) == ("removed", "a typo", name)
    with pytest.raises(RuntimeError, match="would be lost"):
        schema.downgrade(database.engine, "i10_1")
    assert len(_snapshot(database, {"house_word_changes"})["house_word_changes"]) == 1
    database.dispose()


#: the summary triggers of i25h_1 (stage_words): a test of an earlier migration that
#: upgrades on to the head finds them added, and every earlier one still there
STAGE_TRIGGERS = frozenset({
    "summary_stage_rev_insert", "summary_stage_rev_update", "summary_stage_rev_delete",
    "summary_stage_tr_moved", "summary_stage_tr_delete", "summary_stage_seg_words",
    "summary_stage_seg_delete"})


def _summary_triggers(database: Database) -> set[str]:
    query = ("SELECT name FROM sqlite_master WHERE type = 'trigger'"
             if database.engine.dialect.name == "sqlite" else
             "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
    with database.engine.connect() as connection:
        return {name for (name,) in connection.exec_driver_sql(query)
                if name.startswith("summary_")}


def test_d1_1_fills_the_desk_summaries_from_the_010_rows_and_keeps_them(
        legacy_url: str) -> None:
    """d1_1 on the 0.1.0 fixture: every row stays; progress per document × language ×
    state and work per person per day equal a count made here from the 0.1.0 rows; the
    triggers keep them as work goes on; a downgrade drops only the summaries."""
    from collections import Counter
    from datetime import UTC

    database = Database(legacy_url)
    base = {"documents", "segments", "translations", "revisions"}
    old = _snapshot(database, base)
    schema.upgrade(database.engine, "p1_1")
    assert _summary_triggers(database) == set()
    database.upgrade()
    _columns_kept(old, _snapshot(database, base))
    rows = _snapshot(database, base | {"progress_counts", "daily_activity"})

    segments = {s["id"]: s for s in rows["segments"]}
    progress: Counter[tuple[int, str, str]] = Counter()
    words: Counter[tuple[int, str, str]] = Counter()
    for t in rows["translations"]:
        segment = segments[t["segment_id"]]
        if not segment["removed"]:
            progress[(segment["document_id"], t["lang"], t["state"])] += 1
            words[(segment["document_id"], t["lang"], t["state"])] += segment["words"]
    stored = {(r["document_id"], r["lang"], r["state"]): (r["segments"], r["words"])
              for r in rows["progress_counts"] if r["segments"]}
    assert stored and stored == {key: (n, words[key]) for key, n in progress.items()}

    work: Counter[tuple[str, int, str, str]] = Counter()
    for r in rows["revisions"]:
        if r["user_id"] is None or r["old_state"] == r["new_state"]:
            continue
        when = r["created_at"]
        day = (when.astimezone(UTC) if when.tzinfo else when).date().isoformat()
        work[(day, r["user_id"], r["old_state"], r["new_state"])] += 1
    stored_work = {(str(r["day"]), r["user_id"], r["old_state"], r["new_state"]): r["revisions"]
                   for r in rows["daily_activity"]}
    assert stored_work and stored_work == dict(work)

    # the triggers fire on the upgraded database
    with database.transaction() as session:
        translation = session.scalars(select(Translation).where(
            Translation.state != State.APPROVED)).first()
        assert translation is not None
        key = (translation.segment.document_id, translation.lang)
        translation.state = State.APPROVED
    after = {(r["document_id"], r["lang"], r["state"]): r["segments"] for r in _snapshot(
        database, {"progress_counts"})["progress_counts"]}
    assert after[(*key, "approved")] == progress[(*key, "approved")] + 1

    schema.downgrade(database.engine, "p1_1")
    assert _summary_triggers(database) == set()
    assert not {"progress_counts", "daily_activity"} & set(
        inspect(database.engine).get_table_names())
    database.upgrade()  # to the head: a later migration must not lose any of them
    names = {"summary_tr_insert", "summary_tr_update", "summary_tr_delete",
             "summary_seg_update", "summary_seg_delete", "summary_rev_insert",
             "summary_rev_update", "summary_rev_delete"}
    if database.engine.dialect.name == "sqlite":  # no IF in SQLite's triggers: three more
        names |= {"summary_tr_moved", "summary_seg_words", "summary_seg_delete_work"}
    names |= STAGE_TRIGGERS  # i25h_1: the words-per-person summary
    assert _summary_triggers(database) == names
    with database.engine.connect() as connection:
        from tmgr.store import summaries

        assert summaries.differences(connection) == []
    database.dispose()


def test_i22b_1_users_keep_their_rows_and_read_mail_in_english_until_they_choose(
        legacy_url: str) -> None:
    """i22b_1 on the 0.1.0 fixture: every row stays; 0.1.0 users have no UI language
    (their mail stays English) and no digest; the new outbox columns are empty; the
    summary triggers stay (plain ADD COLUMN); downgrading drops only the new columns."""
    from tmgr.people import mailtext
    from tmgr.store.models import User

    database = Database(legacy_url)
    before = _snapshot(database)
    database.upgrade()
    after = _snapshot(database)
    _columns_kept(before, after)
    assert after["users"] and all(u["ui_lang"] is None and not u["mail_digest"]
                                  for u in after["users"])
    if database.engine.dialect.name == "sqlite":
        assert _summary_triggers(database)
    with database.transaction() as session:
        user = session.scalars(select(User)).first()
        assert user is not None
        assert mailtext.subject("ready_to_publish", {"title": "T", "lang": "be"},
                                user.ui_lang).startswith("[tmgr] ready to publish: ")
        user.ui_lang, user.mail_digest = "be", True
    assert after["glossary_changes"] == []
    assert after["glossary_terms"] and all(t["domain"] == "" for t in after["glossary_terms"])
    from tmgr.quality.glossary import remove_term

    with database.transaction() as session:  # a 0.1.0 term removed: kept in the history
        term = after["glossary_terms"][0]["term"]
        remove_term(session, term)
    before_i22b = revision_before("i22b_1")
    with pytest.raises(RuntimeError, match="would be lost"):
        schema.downgrade(database.engine, before_i22b)
    with database.engine.begin() as connection:  # history exported elsewhere, say
        connection.execute(text("DELETE FROM glossary_changes"))
    schema.downgrade(database.engine, before_i22b)
    columns = {c["name"] for c in inspect(database.engine).get_columns("users")}
    assert "ui_lang" not in columns and "mail_digest" not in columns
    assert len(_snapshot(database, {"users"})["users"]) == len(before["users"])
    database.dispose()


def test_i25g_1_journals_tm_changes_on_an_upgraded_010_database(legacy_url: str) -> None:
    """i25g_1 on the 0.1.0 fixture: every row stays; the change journal starts empty and
    then lists every approved translation and TM unit changed; the first look-up stores
    a snapshot with its journal position; a change after it reaches a new worker; the
    summary triggers stay (no table rebuild); a downgrade drops only the journal."""
    from tmgr.formats.model import MemoryPair
    from tmgr.store.models import TMChange, TMIndexSnapshot
    from tmgr.tm.memory import add_tm_units, forget_tm_indexes, fuzzy_matches

    database = Database(legacy_url)
    schema.upgrade(database.engine, revision_before("i25g_1"))
    before = _snapshot(database)
    before.pop("tmgr_releases", None)  # release stamps record each upgrade
    triggers = _summary_triggers(database)
    database.upgrade()
    after = _snapshot(database)
    _columns_kept(before, after)
    assert after["tm_changes"] == []
    assert _summary_triggers(database) == triggers
    with database.transaction() as session:
        approved = session.scalars(select(Translation).where(
            Translation.state == State.APPROVED, Translation.lang == "be")).first()
        assert approved is not None, "the 0.1.0 fixture has approved Belarusian rows"
        source = approved.segment.source
        approved.text = "Новы пераклад з архіва."
    forget_tm_indexes()
    with database.transaction() as session:
        assert [m.target for m in fuzzy_matches(session, source, "be") if m.score >= 100] == [
            "Новы пераклад з архіва."]
        journal = session.execute(select(TMChange.lang, TMChange.kind, TMChange.unit_id)).all()
        assert [tuple(row) for row in journal] == [("be", "t", approved.id)]
    with database.transaction() as session:
        add_tm_units(session, [MemoryPair("A sentence added after the snapshot.", "be",
                                          "Сказ, дададзены пасля здымка.")])
        position = session.scalar(select(TMIndexSnapshot.journal)
                                  .where(TMIndexSnapshot.lang == "be"))
        assert position is not None and position >= 1
    forget_tm_indexes()  # a new worker
    with database.transaction() as session:
        assert [m.target for m in fuzzy_matches(session, "A sentence added after the snapshot.",
                                                "be")] == ["Сказ, дададзены пасля здымка."]
    forget_tm_indexes()
    worked = _snapshot(database)
    for cache in ("tmgr_releases", "tm_changes", "tm_index_snapshots"):
        worked.pop(cache)
    schema.downgrade(database.engine, revision_before("i25g_1"))
    assert "tm_changes" not in inspect(database.engine).get_table_names()
    assert _summary_triggers(database) == triggers
    _columns_kept(worked, _snapshot(database))
    database.dispose()
