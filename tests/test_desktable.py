"""The desk's figures computed by the database (``tmgr.desk.desktable``) are the
figures the desk's rules compute per document (``desk_rows``), on both databases.

A dozen commentaries in every stage a desk sees (untouched, half translated, all
translated, sent back, approved, exported, exported before a later approval), with
assignments and due dates before, on and after the day, recent work that sets a
pace, and assignments made that day; then the dashboard, its period, its CSV and
"My work" are compared field by field on several days.
"""

from __future__ import annotations

import random
import shutil
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, select, update

from tests.conftest import SAMPLE
from tmgr.desk import assignments as desk
from tmgr.desk import dashboard
from tmgr.desk.desktable import DeskLine, desk_lines
from tmgr.documents.ingest import ingest_file, list_documents
from tmgr.people.users import create_user
from tmgr.store.db import Database
from tmgr.store.models import Assignment, Document, Revision, Segment, State, Translation, User

LANGS = ("be", "ru")
PEOPLE = {"tb": ("translator", "be"), "rb": ("reviewer", "be"),
          "tr": ("translator", "ru"), "rr": ("reviewer", "ru"), "pub": ("publisher", "")}


def _documents(database: Database, folder: Path, count: int) -> None:
    with database.transaction() as session:
        for name, (role, lang) in PEOPLE.items():
            create_user(session, name, role=role, languages=[lang] if lang else [],
                        password="desk-table-pw", configured=LANGS)
    for n in range(count):
        path = folder / f"2026-{n % 12 + 1:02d}-{n % 27 + 1:02d}-desk-{n:02d}.txt"
        shutil.copyfile(SAMPLE, path)
        with database.transaction() as session:
            ingest_file(session, path, LANGS)


def _work(database: Database, today: date) -> None:
    """States, revisions (the pace), assignments and dates, different per document."""
    rng = random.Random(25)
    now = datetime.combine(today, datetime.min.time(), tzinfo=UTC) + timedelta(hours=12)
    with database.transaction() as session:
        users = dict(session.execute(select(User.name, User.id)).all())
        docs = list(session.scalars(select(Document.id).order_by(Document.id)))
        rows = session.execute(select(Translation.id, Translation.lang, Segment.document_id)
                               .join(Segment).order_by(Translation.id)).all()
        revisions = []
        for tid, lang, doc in rows:
            kind = doc % 6  # 0 untouched, 1 half, 2 translated, 3 sent back, 4/5 approved
            state = {0: State.UNTRANSLATED, 1: rng.choice([State.UNTRANSLATED,
                                                           State.TRANSLATED]),
                     2: State.TRANSLATED, 3: rng.choice([State.NEEDS_EDITING,
                                                         State.TRANSLATED])}.get(
                kind, State.APPROVED)
            if state is State.UNTRANSLATED:
                continue
            translator = users["tb" if lang == "be" else "tr"]
            when = now - timedelta(days=rng.randint(0, 20), hours=rng.randint(0, 11))
            revisions.append(dict(translation_id=tid, user_id=translator, created_at=when,
                                  old_text="", new_text="Т.", origin="human",
                                  old_state=State.UNTRANSLATED, new_state=State.TRANSLATED))
            if state is not State.TRANSLATED:
                revisions.append(dict(
                    translation_id=tid, user_id=users["rb" if lang == "be" else "rr"],
                    created_at=when + timedelta(hours=1), old_text="Т.", new_text="Т.",
                    origin="human", old_state=State.TRANSLATED, new_state=state))
            session.execute(update(Translation).where(Translation.id == tid)
                            .values(state=state, text="Т."))
        session.execute(insert(Revision), revisions)
        assignments = []
        for n, doc in enumerate(docs):
            for lang in LANGS:
                if (n + len(lang)) % 5 == 0:
                    continue  # some work is not assigned at all
                day = [None, *(today + timedelta(days=d) for d in (-3, -1, 0, 1, 2, 30))]
                approved = now - timedelta(days=2) if n % 6 >= 4 else None
                exported = {0: None, 1: now - timedelta(days=1),
                            2: now - timedelta(days=3)}[n % 3] if approved else None
                assignments.append(dict(
                    document_id=doc, lang=lang,
                    translator_id=None if n % 7 == 3 else users["tb" if lang == "be"
                                                                else "tr"],
                    reviewer_id=None if n % 4 == 1 else users["rb" if lang == "be"
                                                              else "rr"],
                    translation_due=rng.choice(day), review_due=rng.choice(day),
                    publication_due=rng.choice(day), approved_at=approved,
                    exported_at=exported,
                    updated_at=now - timedelta(days=rng.choice([0, 0, 3]))))
        session.execute(insert(Assignment), assignments)
        for n, doc in enumerate(docs):
            if n % 3 == 1:
                session.execute(update(Document).where(Document.id == doc).values(
                    deadline=today + timedelta(days=n % 5 - 2)))


def _seen(row: desk.DeskRow) -> tuple[object, ...]:
    p = row.progress
    return (row.document.slug, row.document.title, row.lang, row.stage, row.due, row.overdue,
            row.at_risk, row.projected, row.translator, row.reviewer, row.publication_due,
            p.total_words, p.words[State.TRANSLATED], round(p.percent_approved, 6))


def _line(line: DeskLine) -> tuple[object, ...]:
    return (line.document.slug, line.document.title, line.lang, line.stage, line.due,
            line.overdue, line.at_risk, line.projected, line.translator, line.reviewer,
            line.publication_due, line.words, line.translated_words,
            round(line.percent_approved, 6))


def test_the_database_computes_what_the_rules_compute(database: Database,
                                                      tmp_path: Path) -> None:
    today = date.today()
    _documents(database, tmp_path, 14)
    _work(database, today)
    with database.transaction(readonly=True) as session:
        stages: set[str] = set()
        flags: set[str] = set()
        for day in (today - timedelta(days=1), today, today + timedelta(days=1),
                    today + timedelta(days=4)):
            done = dashboard.activity(session, day)
            for weeks in (None, 4):
                rows = dashboard.dashboard_rows(session, LANGS, day, done=done, weeks=weeks)
                lines = dashboard.dashboard_lines(session, LANGS, day, done=done, weeks=weeks)
                assert [_line(x) for x in lines] == [_seen(r) for r in rows]
                stages |= {r.stage for r in rows}
                flags |= {f for r in rows for f in ("at_risk", "overdue") if getattr(r, f)}
            plain = desk.desk_rows(session, list_documents(session), LANGS, day,
                                   with_risk=False)
            assert [_line(x) for x in desk_lines(session, LANGS, day)] == [
                _seen(r) for r in plain]
        assert stages == {"translation", "review", "publication", "published"}
        assert flags == {"at_risk", "overdue"}


def test_my_work_is_the_desk_rows_of_each_persons_documents(database: Database,
                                                            tmp_path: Path) -> None:
    today = date.today()
    _documents(database, tmp_path, 12)
    _work(database, today)
    with database.transaction(readonly=True) as session:
        every = desk.desk_rows(session, list_documents(session), LANGS, today,
                               with_risk=False)
        for name in PEOPLE:
            user = session.scalars(select(User).where(User.name == name)).one()
            items = dashboard.my_work(session, user, LANGS, today)
            expected = _expected_work(every, user)
            assert sorted((i.document.slug, i.lang, i.task, i.segments, i.words, i.due,
                           i.overdue) for i in items) == expected
            assert items == sorted(items, key=lambda i: (i.due is None, i.due or date.max,
                                                         i.document.title, i.lang))


def _expected_work(rows: list[desk.DeskRow], user: User) -> list[tuple[object, ...]]:
    """The queue from the rules' own rows. Here every translation sent back was
    translated by its language's translator, so theirs are all the rejections."""
    found = []
    approved = {r.document.id for r in rows if r.assignment and r.assignment.approved_at}
    for row in rows:
        a, p = row.assignment, row.progress
        back = (p.segments[State.NEEDS_EDITING] if user.role == "translator"
                and row.lang in user.language_list else 0)
        if back:
            found.append((row.document.slug, row.lang, "fix", back,
                          p.words[State.NEEDS_EDITING], row.due, row.overdue))
        if a and a.translator_id == user.id and row.stage == "translation":
            left = [s for s in State if s < State.TRANSLATED
                    and not (back and s is State.NEEDS_EDITING)]
            segments = sum(p.segments[s] for s in left)
            if segments:
                found.append((row.document.slug, row.lang, "translate", segments,
                              sum(p.words[s] for s in left), row.due, row.overdue))
        if a and a.reviewer_id == user.id and p.segments[State.TRANSLATED]:
            due = a.review_due or row.publication_due
            found.append((row.document.slug, row.lang, "review", p.segments[State.TRANSLATED],
                          p.words[State.TRANSLATED], due, bool(due and due < date.today())))
        if (user.role == "publisher" and row.stage == "publication"
                and row.document.id in approved):
            found.append((row.document.slug, row.lang, "publish", p.total_segments,
                          p.total_words, row.due, row.overdue))
    return sorted(found)


def test_words_per_person_summed_by_the_database(database: Database,
                                                 tmp_path: Path) -> None:
    today = date.today()
    _documents(database, tmp_path, 6)
    _work(database, today)
    with database.transaction(readonly=True) as session:
        since = today - timedelta(days=14)
        summed: dict[tuple[int, State, date], int] = {}
        for user_id, state, on, words in dashboard.first_stage_reached(session, since):
            summed[(user_id, state, on)] = summed.get((user_id, state, on), 0) + words
        by_db = {(u, s, d): w for u, s, d, w in dashboard.first_stage_words(session, since)}
        assert by_db == summed and sum(summed.values()) > 0
