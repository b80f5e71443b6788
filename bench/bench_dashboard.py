"""The editors' dashboard on 500 documents, against the documents page in the same run.

Builds 500 documents × be, ru (the sample commentary under 500 names), with eight
weeks of history: translators and reviewers at work (revisions), rejections, QA
overrides, assignments and due dates (some past). Then times, in-process
(Flask test client, server time only), the dashboard (target < 200 ms) and, as
the baseline, the documents page over the same 500 documents; and the CSV export.
Then, in fresh processes on the same data, the same two pages with this code and
with main's before the summary tables (commit 5782ba3, unpacked from this
repository's history, on a copy of the database taken back to its schema), CPU time beside wall
time: on a busy machine the CPU time and the ratio are the steadier figures.

    python bench/bench_dashboard.py [--documents 500] [--databases sqlite,postgresql]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from flask.testing import FlaskClient  # noqa: E402
from sqlalchemy import insert, select, text, update  # noqa: E402
from werkzeug.test import TestResponse  # noqa: E402

from tmgr.documents.ingest import ingest_file  # noqa: E402
from tmgr.listeners import wire  # noqa: E402
from tmgr.people.users import create_user  # noqa: E402
from tmgr.store import schema  # noqa: E402
from tmgr.store.db import Database  # noqa: E402
from tmgr.store.models import (  # noqa: E402
    Assignment,
    Document,
    QAOverride,
    Revision,
    Segment,
    State,
    Translation,
)

wire()  # what the use cases' events reach, as in the web app and the CLI (tmgr.events)

SAMPLE = ROOT / "sources" / "2024-10-28-lukashenka-negotiations.txt"
PASSWORD = "bench-password"
BASELINE_COMMIT = "5782ba3"  # main before the summary tables (d1_1): the named baseline
BASELINE_REVISION = "p1_1"  # its schema head
PEOPLE = {"be": (["tb1", "tb2", "tb3"], ["rb1", "rb2"]), "ru": (["tr1", "tr2"], ["rr1"])}


def populate(database: Database, folder: Path, count: int) -> None:
    os.environ["TMGR_PASSWORD_HASH"] = "pbkdf2:sha256:1000"
    with database.transaction() as session:
        for lang, (translators, reviewers) in PEOPLE.items():
            for name in translators:
                create_user(session, name, role="translator", languages=[lang],
                            password=PASSWORD, configured=("be", "ru"))
            for name in reviewers:
                create_user(session, name, role="reviewer", languages=[lang],
                            password=PASSWORD, configured=("be", "ru"))
        create_user(session, "ed", role="editor", languages=[], password=PASSWORD,
                    configured=("be", "ru"))
    for n in range(count):
        path = folder / f"2024-{n % 12 + 1:02d}-{n % 28 + 1:02d}-commentary-{n:03d}.txt"
        shutil.copyfile(SAMPLE, path)
        with database.transaction() as session:
            ingest_file(session, path, ("be", "ru"))
    _history(database)
    database.analyze()


def _history(database: Database) -> None:
    """Eight weeks of work: translated, approved, rejected segments, overrides, due dates."""
    rng = random.Random(13)
    now = datetime.now(UTC)
    with database.transaction() as session:
        users = {name: uid for uid, name in session.execute(text("SELECT id, name FROM users"))}
        docs = list(session.scalars(select(Document.id)))
        rows = session.execute(select(Translation.id, Translation.lang, Segment.document_id)
                               .join(Segment)).all()
        revisions, states, overrides = [], [], []
        for tid, lang, doc in rows:
            translators, reviewers = PEOPLE[lang]
            progress = (doc * 7919 % 100) / 100
            if rng.random() > progress:
                continue
            when = now - timedelta(days=rng.uniform(0, 56))
            who = users[rng.choice(translators)]
            revisions.append(dict(translation_id=tid, user_id=who, created_at=when,
                                  old_text="", new_text="Тэкст.", origin="human",
                                  old_state=State.UNTRANSLATED, new_state=State.TRANSLATED))
            state = State.TRANSLATED
            if rng.random() < 0.6:
                later = when + timedelta(hours=rng.uniform(1, 72))
                reviewer = users[rng.choice(reviewers)]
                if rng.random() < 0.1:
                    revisions.append(dict(
                        translation_id=tid, user_id=reviewer, created_at=later,
                        old_text="Тэкст.", new_text="Тэкст.", origin="human", note="No.",
                        old_state=State.TRANSLATED, new_state=State.NEEDS_EDITING))
                    state = State.NEEDS_EDITING
                else:
                    revisions.append(dict(
                        translation_id=tid, user_id=reviewer, created_at=later,
                        old_text="Тэкст.", new_text="Тэкст.", origin="human",
                        old_state=State.TRANSLATED, new_state=State.APPROVED))
                    state = State.APPROVED
                    if rng.random() < 0.05:
                        overrides.append(dict(translation_id=tid, check="numbers",
                                              reason="ok", user_id=reviewer,
                                              translation_version=1, text_hash="x",
                                              created_at=later))
            states.append({"tid": tid, "state": state, "text": "Тэкст."})
        session.execute(insert(Revision), revisions)
        if overrides:
            session.execute(insert(QAOverride), overrides)
        session.connection().execute(
            update(Translation.__table__).where(Translation.__table__.c.id
                                                == _bind("tid"))
            .values(state=_bind("state"), text=_bind("text")), states)
        today = date.today()
        assignments = []
        for doc in docs:
            for lang, (translators, reviewers) in PEOPLE.items():
                assignments.append(dict(
                    document_id=doc, lang=lang, translator_id=users[rng.choice(translators)],
                    reviewer_id=users[rng.choice(reviewers)],
                    translation_due=today + timedelta(days=rng.randint(-10, 20)),
                    review_due=today + timedelta(days=rng.randint(-5, 25)),
                    updated_at=now))
        session.execute(insert(Assignment), assignments)
    print(f"  history: {len(revisions):,} revisions, {len(overrides)} QA overrides, "
          f"{len(assignments)} assignments")


def _bind(name: str):  # type: ignore[no-untyped-def]
    from sqlalchemy import bindparam

    return bindparam(name)


def read_whole(client: FlaskClient, path: str) -> TestResponse:
    """A streamed download read to its end and closed, as a browser would: timing only
    the first bytes would flatter it, and an unclosed stream ends outside its request."""
    response = client.get(path)
    response.get_data()
    response.close()
    return response


def timed(call: Callable[[], object], times: int) -> list[float]:
    call()  # warm caches and templates
    laps = []
    for _ in range(times):
        start = time.perf_counter()
        response = call()
        laps.append((time.perf_counter() - start) * 1000)
        assert getattr(response, "status_code", 200) == 200, response
    return laps


# One fresh process: the app, signed in as the editor, times both pages.
WORKER = """
import json, statistics, sys, time
from tmgr.web import create_app
app = create_app({"TESTING": True, "WTF_CSRF_ENABLED": False})
client = app.test_client()
client.post("/login", data={"name": "ed", "password": sys.argv[1]})
found = {}
for path in ("/dashboard", "/"):
    client.get(path)
    walls, cpus = [], []
    for _ in range(int(sys.argv[2])):
        wall, cpu = time.perf_counter(), time.process_time()
        assert client.get(path).status_code == 200
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    found[path] = (statistics.median(cpus), statistics.median(walls))
print(json.dumps(found))
"""


def unpack(commit: str, folder: Path) -> Path:
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", commit, "tmgr", "web"],
                             check=True, capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    return folder


def worker(code: Path, url: str, folder: Path, laps: int) -> dict[str, list[float]]:
    env = {**os.environ, "PYTHONPATH": str(code), "TMGR_DATABASE_URL": url,
           "TMGR_INSTANCE": str(folder / "instance"), "TMGR_LANGUAGES": "be,ru"}
    done = subprocess.run([sys.executable, "-c", WORKER, PASSWORD, str(laps)], env=env,
                          check=True, capture_output=True, text=True, cwd=code)
    found: dict[str, list[float]] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


def against_main(url: str, main_url: str, folder: Path, laps: int) -> None:
    """Both pages with this code and with main's before d1_1, in fresh processes, twice
    each, interleaved; prints the medians (CPU ms, wall ms) and the ratios."""
    with tempfile.TemporaryDirectory() as code:
        versions = {"now": (ROOT, url),
                    f"main {BASELINE_COMMIT}": (unpack(BASELINE_COMMIT, Path(code)), main_url)}
        runs: dict[str, list[dict[str, list[float]]]] = {label: [] for label in versions}
        for _ in range(2):
            for label, (root, address) in versions.items():
                runs[label].append(worker(root, address, folder, laps))
    best = {label: {path: min(r[path] for r in found) for path in found[0]}
            for label, found in runs.items()}
    (now_label, now), (old_label, old) = best.items()
    for path, name in (("/dashboard", "dashboard"), ("/", "documents page")):
        print(f"  fresh processes, {name}: {now_label} {now[path][0]:.0f} ms CPU "
              f"({now[path][1]:.0f} ms wall); {old_label} {old[path][0]:.0f} ms CPU "
              f"({old[path][1]:.0f} ms wall) -> {old[path][0] / now[path][0]:.2f}x less CPU")
    print(f"  dashboard/documents page (CPU): now {now['/dashboard'][0] / now['/'][0]:.2f}x, "
          f"{old_label} {old['/dashboard'][0] / old['/'][0]:.2f}x; dashboard now "
          f"{'under' if now['/dashboard'][0] < 200 else 'NOT under'} 200 ms CPU; "
          f"load average {os.getloadavg()[0]:.1f}")


def main_copy(url: str, folder: Path) -> str:
    """A copy of the database at main's schema (d1_1 only adds summaries: no row differs)."""
    if url.startswith("sqlite:///"):
        copy = folder / "main-baseline.sqlite3"
        import sqlite3

        with sqlite3.connect(url.removeprefix("sqlite:///")) as source, \
                sqlite3.connect(copy) as target:
            source.backup(target)  # the WAL's pages too, which a file copy would miss
        source.close()
        target.close()
        main_url = f"sqlite:///{copy}"
    else:
        from sqlalchemy.engine import make_url

        parsed = make_url(url)
        admin = Database(parsed.set(database="postgres").render_as_string(False))
        with admin.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text(f"CREATE DATABASE bench_main TEMPLATE {parsed.database}"))
        admin.dispose()
        main_url = parsed.set(database="bench_main").render_as_string(False)
    database = Database(main_url)
    schema.downgrade(database.engine, BASELINE_REVISION)
    database.dispose()
    return main_url


def run_on(label: str, url: str, folder: Path, count: int) -> None:
    print(f"{label}: {count} documents")
    database = Database(url)
    database.upgrade()
    started = time.perf_counter()
    (folder / "src").mkdir()
    populate(database, folder / "src", count)
    database.dispose()
    print(f"  built in {time.perf_counter() - started:.0f} s")
    os.environ.update(TMGR_DATABASE_URL=url, TMGR_INSTANCE=str(folder / "instance"),
                      TMGR_LANGUAGES="be,ru")
    from tmgr.web import create_app

    app = create_app({"TESTING": True, "WTF_CSRF_ENABLED": False})
    client = app.test_client()
    client.post("/login", data={"name": "ed", "password": PASSWORD})
    dashboard = timed(lambda: client.get("/dashboard"), 15)
    baseline = timed(lambda: client.get("/"), 15)
    csv = timed(lambda: read_whole(client, "/dashboard.csv"), 5)
    med = statistics.median
    print(f"  dashboard: median {med(dashboard):.0f} ms, max {max(dashboard):.0f} ms "
          f"(target < 200 ms: {'met' if med(dashboard) < 200 else 'NOT met'})")
    print(f"  baseline documents page: median {med(baseline):.0f} ms "
          f"-> dashboard/documents = {med(dashboard) / med(baseline):.2f}x")
    print(f"  dashboard.csv: median {med(csv):.0f} ms")
    app.extensions["tmgr.database"].dispose()
    against_main(url, main_copy(url, folder), folder, 9)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=500)
    parser.add_argument("--databases", default="sqlite,postgresql")
    args = parser.parse_args()
    chosen = args.databases.split(",")
    with tempfile.TemporaryDirectory(prefix="tmgr-bench-dash-") as tmp:
        folder = Path(tmp)
        if "sqlite" in chosen:
            (folder / "sqlite").mkdir()
            run_on("SQLite", f"sqlite:///{folder / 'sqlite' / 'bench.sqlite3'}",
                   folder / "sqlite", args.documents)
        if "postgresql" in chosen:
            from tests.pgcluster import PostgresCluster

            cluster = PostgresCluster().start()
            try:
                admin = Database(cluster.url())
                with admin.engine.connect().execution_options(
                        isolation_level="AUTOCOMMIT") as conn:
                    conn.execute(text("CREATE DATABASE bench"))
                admin.dispose()
                (folder / "pg").mkdir()
                run_on("PostgreSQL", cluster.url("bench"), folder / "pg", args.documents)
            finally:
                cluster.stop()


if __name__ == "__main__":
    main()
