"""Make the tmgr 0.1.0 databases that the upgrade tests start from.

Run with the code of tmgr 0.1.0 (commit eef31a7), not with the current tree::

    git worktree add /tmp/v010 eef31a7
    cd /tmp/v010 && python -m venv .venv && .venv/bin/pip install -e .
    TMGR_DATABASE_URL=sqlite:///$PWD/v010.sqlite3 .venv/bin/python make_v010.py

For PostgreSQL, point TMGR_DATABASE_URL at an empty database, run the script,
then ``pg_dump --no-owner --no-privileges`` it to ``v010.postgresql.sql``.

The database holds a piece of everything 0.1.0 stores: documents, translations
in every state with their revisions, users with password hashes, comments, a QA
override, glossary terms, TM units, MT cache entries and login attempts.
"""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

from tmgr.db import Database
from tmgr.glossary_io import TermRecord
from tmgr.models import (
    Comment,
    Document,
    LoginAttempt,
    MTCacheEntry,
    QAOverride,
    State,
    TMUnit,
    Translation,
)
from tmgr.services.documents import ingest_file
from tmgr.services.glossary import save_term
from tmgr.services.translations import change_translation
from tmgr.services.users import create_user
from tmgr.tm.memory import source_hash

SOURCES = Path(sys.argv[1] if len(sys.argv) > 1 else "tests/data/sources")
FILES = ("2024-10-14-crossings.txt", "2024-11-04-china-trade.txt",
         "2024-12-30-winter-drills.md")
STATES = (State.DRAFT, State.NEEDS_EDITING, State.TRANSLATED, State.APPROVED)


def main() -> None:
    database = Database(os.environ["TMGR_DATABASE_URL"])
    database.create_schema()
    with database.transaction() as session:
        users = {role: create_user(session, f"{role}1", role=role, languages=["be", "ru"],
                                   password=f"{role}-password-1", configured=["be", "ru"])
                 for role in ("translator", "reviewer", "editor", "publisher", "admin")}
        for name in FILES:
            ingest_file(session, SOURCES / name, languages=("be", "ru"))
        session.flush()
        docs = session.query(Document).order_by(Document.id).all()
        docs[0].deadline = date(2024, 10, 20)
        docs[1].no_external_mt = True
        rows = session.query(Translation).order_by(Translation.id).all()
        for index, row in enumerate(rows):
            state = STATES[index % (len(STATES) + 1) - 1] if index % 5 else None
            if state is None:
                continue  # stays untranslated
            text = f"[{row.lang}] {row.segment.source[:60]}"
            user = users["translator"] if state is not State.DRAFT else None
            origin = "mt:offline" if state is State.DRAFT else "human"
            change_translation(session, row, text=text, state=min(state, State.TRANSLATED),
                               origin=origin, user=user)
            if state is State.APPROVED:
                change_translation(session, row, text=text, state=State.APPROVED,
                                   origin="human", user=users["reviewer"], note="approved")
            if index % 7 == 0:
                row.set_flag("mt")
        first = rows[3]
        session.add(Comment(segment_id=first.segment_id, lang=first.lang,
                            user=users["reviewer"], text="Check the name @translator1"))
        session.add(QAOverride(translation_id=first.id, check="numbers", reason="as said",
                               user=users["reviewer"], translation_version=first.version,
                               text_hash=source_hash(first.text)))
        save_term(session, TermRecord(term="Lukashenka", note="the president",
                                      translations={"be": ["Лукашэнка"], "ru": ["Лукашенко"]},
                                      forbidden={"ru": ["Лукашенка"]}))
        save_term(session, TermRecord(term="Hi-Tech Park", do_not_translate=False,
                                      translations={"be": ["Парк высокіх тэхналогій"]}))
        for lang, target in (("be", "Мінск — сталіца."), ("ru", "Минск — столица.")):
            session.add(TMUnit(source="Minsk is the capital.",
                               source_hash=source_hash("Minsk is the capital."),
                               target=target, lang=lang, origin="tmx:old.tmx",
                               document="old-site", context_before="Before.",
                               context_after="After."))
            session.add(MTCacheEntry(engine="google", source_lang="en", target_lang=lang,
                                     source_hash=source_hash("Hello."),
                                     source_text="Hello.", target_text=target))
        session.add(LoginAttempt(name="admin1", remote_addr="127.0.0.1", success=False))
        session.add(LoginAttempt(name="admin1", remote_addr="127.0.0.1", success=True))
    database.dispose()


if __name__ == "__main__":
    main()
