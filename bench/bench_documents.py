"""Every list page at 500 and at 5,000 documents, with this code and with main's, in one run.

Builds a ten-year archive of N documents (the sample commentary ingested once, then
copied row for row under other slugs, one week after another back from this week,
about N/520 a week), with bench_dashboard's history (eight weeks of translators
and reviewers at work, rejections, QA overrides, assignments with due dates), and
of everything older than eight weeks a share approved and the rest (``--unfinished``,
0.8 by default) translated and never reviewed: the desk's worst case, where the
dashboard's period cannot leave the old documents out. Every list page and API is
timed (some signed in as a translator, a reviewer or an admin). Then, in fresh
processes, times each page (server time, in-process: the Flask test client) with
this code and with ``--baseline`` (default: the branch main, unpacked with ``git
archive``, on a copy of the database taken back to main's schema), and prints
each page's median at both sizes, the growth from 500 to 5,000 (goal: within 2x)
and the ratio to main.

    python bench/bench_documents.py [--sizes 500,5000] [--databases sqlite,postgresql]
        [--baseline main] [--laps 5] [--pages export,q=]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_dashboard import PASSWORD, _history  # noqa: E402
from sqlalchemy import text  # noqa: E402

from tmgr.people.users import create_user  # noqa: E402
from tmgr.store import schema, summaries  # noqa: E402
from tmgr.store.db import Database  # noqa: E402

#: every list page and API; "name /path": signed in as that user (else the editor ``ed``)
PAGES = ("/", "/?page=2", "/?sort=title", "/?sort=progress", "/?overdue=1",
         "/?lang=be&state=translated", "/?q=Istanbul", "/?week=2024-W44",
         "/?section=Belarus-West+relations",
         "/?assignee=tb1", "/?mine=1", "/api/documents", "/api/documents?q=Minsk",
         "/api/documents?overdue=1", "/dashboard", "/dashboard?weeks=52",
         "/dashboard?show=late&lang=be", "/dashboard.csv", "/dashboard/backlog.csv",
         "/dashboard/words.csv", "tb1 /", "tb1 /api/me/work", "rb1 /api/me/work", "/week",
         "/notifications", "adm /admin/users", "adm /admin/outbox", "/glossary", "/strings",
         "/archive/review", "/words", "/concordance?q=Minsk", "/reports/mt", "adm /export",
         "/?q=Minsk", "/api/documents?q=Minsk+Belarus")
#: the share of the archive (documents older than eight weeks) left awaiting review
UNFINISHED = 0.8
COPIED = {
    "blocks": "id, document_id, position, kind, text",
    "segments": "id, document_id, block_id, position, ordinal, key, source, start_offset, "
                "end_offset, previous_source, words, source_revision, removed",
    "translations": "id, segment_id, lang, text, state, origin, version, updated_by_id, "
                    "author_id, updated_at, mt_error, pivot_hash, flags, unknown_words, "
                    "source_basis",
}
SHIFTED = {"id", "document_id", "block_id", "segment_id"}


def _select(table: str, stride: dict[str, int]) -> str:
    """The template's rows of ``table`` with their ids moved by ``:k`` strides."""
    parts = []
    for name in (c.strip() for c in COPIED[table].split(",")):
        if name == "document_id":
            parts.append(":doc")
        elif name in SHIFTED:
            owner = {"id": table, "block_id": "blocks", "segment_id": "segments"}[name]
            parts.append(f"{name} + :k * {stride[owner]}")
        else:
            parts.append(name)
    where = ("document_id = 1" if table != "translations" else
             "segment_id IN (SELECT id FROM segments WHERE document_id = 1)")
    return f"SELECT {', '.join(parts)} FROM {table} WHERE {where}"


@contextmanager
def _summaries_off(database: Database) -> Iterator[None]:
    """PostgreSQL: the summary triggers off for the build and the summaries counted
    once after it (a trigger per copied or updated row made 500 documents take 12
    minutes on a busy machine). SQLite's build goes through them as it is."""
    if database.engine.dialect.name != "postgresql":
        yield
        return
    with database.engine.begin() as connection:
        saved = connection.exec_driver_sql(
            "SELECT c.relname, t.tgname FROM pg_trigger AS t JOIN pg_class AS c "
            "ON c.oid = t.tgrelid WHERE NOT t.tgisinternal "
            "AND t.tgname LIKE 'summary%%'").all()
        for table, name in saved:
            connection.exec_driver_sql(f"ALTER TABLE {table} DISABLE TRIGGER {name}")
    try:
        yield
    finally:
        with database.engine.begin() as connection:
            for table, name in saved:
                connection.exec_driver_sql(f"ALTER TABLE {table} ENABLE TRIGGER {name}")
            summaries.rebuild(connection)


def build(database: Database, folder: Path, count: int, unfinished: float = UNFINISHED
          ) -> None:
    """``count`` documents over ten years, by copying one ingested commentary's rows;
    ``unfinished``: the share of the archive translated but never approved."""
    with _summaries_off(database):
        _build(database, folder, count, unfinished)
    database.analyze()


def _build(database: Database, folder: Path, count: int, unfinished: float) -> None:
    """``count`` documents over ten years, by copying one ingested commentary's rows;
    ``unfinished``: the share of the archive translated but never approved."""
    from bench_dashboard import populate

    populate(database, folder, 1)  # the people, and document 1 with its history
    with database.transaction() as session:
        create_user(session, "adm", role="admin", languages=[], password=PASSWORD,
                    configured=("be", "ru"))
    monday = date.today() - timedelta(days=date.today().weekday())
    with database.engine.begin() as connection:
        stride = {t: int(connection.execute(text(f"SELECT max(id) FROM {t}")).scalar() or 0)
                  for t in COPIED}
        connection.execute(text("DELETE FROM revisions"))
        connection.execute(text("DELETE FROM qa_overrides"))
        connection.execute(text("DELETE FROM assignments"))
        connection.execute(text("UPDATE translations SET state = 'untranslated', text = ''"))
        for k in range(count):
            if k % 250 == 0 and connection.dialect.name == "postgresql":
                connection.execute(text("ANALYZE"))  # else each copy scans every row
            week = monday - timedelta(weeks=k * 520 // count)
            doc = k + 1
            if k:
                connection.execute(text(
                    "INSERT INTO documents (id, slug, title, section, week_text, week_start, "
                    "week_end, status_line, author, source_path, checksum, no_external_mt, "
                    "edited_fields, created_at, updated_at) SELECT :doc, :slug, title, "
                    "section, week_text, :start, :end, status_line, author, source_path, "
                    "checksum, no_external_mt, edited_fields, created_at, updated_at "
                    "FROM documents WHERE id = 1"),
                    {"doc": doc, "slug": f"{week.isoformat()}-commentary-{k:05d}",
                     "start": week, "end": week + timedelta(days=6)})
                for table in COPIED:
                    connection.execute(text(f"INSERT INTO {table} ({COPIED[table]}) "
                                            f"{_select(table, stride)}"),
                                       {"doc": doc, "k": k})
            else:
                connection.execute(text("UPDATE documents SET week_start = :s, week_end = :e "
                                        "WHERE id = 1"),
                                   {"s": week, "e": week + timedelta(days=6)})
        if connection.dialect.name == "postgresql":
            for table in ("documents", *COPIED):
                connection.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', "
                                        f"'id'), (SELECT max(id) FROM {table}))"))
    _history(database)
    cut = monday - timedelta(weeks=8)
    with database.engine.begin() as connection:  # an archive: the old work is approved
        connection.execute(text(
            "UPDATE translations SET state = 'approved', text = 'Тэкст.' WHERE segment_id IN "
            "(SELECT s.id FROM segments AS s JOIN documents AS d ON d.id = s.document_id "
            "WHERE d.week_start < :cut)"), {"cut": cut})
        connection.execute(text(  # most of it still waits for a reviewer
            "UPDATE translations SET state = 'translated' WHERE segment_id IN "
            "(SELECT s.id FROM segments AS s JOIN documents AS d ON d.id = s.document_id "
            "WHERE d.week_start < :cut AND d.id % 100 < :share)"),
            {"cut": cut, "share": round(unfinished * 100)})


# One fresh process: the app on one database, signed in as the editor, times each page.
WORKER = """
import json, statistics, sys, time
from tmgr.web import create_app
app = create_app({"TESTING": True, "WTF_CSRF_ENABLED": False})
clients = {}
def client_of(name):
    if name not in clients:
        clients[name] = app.test_client()
        clients[name].post("/login", data={"name": name, "password": sys.argv[1]})
    return clients[name]
found = []
for spec in json.loads(sys.argv[3]):
    name, _, path = spec.rpartition(" ")
    client = client_of(name or "ed")
    if path == "/?page=2":  # the second page: this code's next link, main has none
        first = client.get("/").get_data(as_text=True)
        at = first.find('rel="next"')
        start = first.rfind('href="', 0, at) + 6
        path = first[start:first.index('"', start)].replace("&amp;", "&") if at > 0 else "/"
    first = client.get(path)
    size, status = len(first.get_data()), first.status_code
    laps, cpus = [], []
    for _ in range(int(sys.argv[2])):
        wall, cpu = time.perf_counter(), time.process_time()
        response = client.get(path)
        response.get_data()
        laps.append((time.perf_counter() - wall) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    found.append((statistics.median(laps), size, status, statistics.median(cpus)))
print(json.dumps(found))
"""


def unpack(ref: str, folder: Path) -> Path:
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref, "tmgr", "web"],
                             check=True, capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    return folder


def measure(code: Path, url: str, folder: Path, laps: int) -> list[tuple[float, int]]:
    env = {**os.environ, "PYTHONPATH": str(code), "TMGR_DATABASE_URL": url,
           "TMGR_INSTANCE": str(folder / "instance"), "TMGR_LANGUAGES": "be,ru"}
    done = subprocess.run([sys.executable, "-c", WORKER, PASSWORD, str(laps),
                           json.dumps(PAGES)], env=env, check=True, capture_output=True,
                          text=True, cwd=code)
    return [tuple(x) for x in json.loads(done.stdout.strip().splitlines()[-1])]


def baseline_copy(url: str, folder: Path, revision: str, name: str) -> str:
    """A copy of the database taken back to the baseline's schema."""
    if url.startswith("sqlite:///"):
        import sqlite3

        copy = folder / f"{name}.sqlite3"
        with sqlite3.connect(url.removeprefix("sqlite:///")) as source, \
                sqlite3.connect(copy) as target:
            source.backup(target)
        source.close()
        target.close()
        copied = f"sqlite:///{copy}"
    else:
        from sqlalchemy.engine import make_url

        parsed = make_url(url)
        admin = Database(parsed.set(database="postgres").render_as_string(False))
        with admin.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
            c.execute(text(f"CREATE DATABASE {name} TEMPLATE {parsed.database}"))
        admin.dispose()
        copied = parsed.set(database=name).render_as_string(False)
    database = Database(copied)
    schema.downgrade(database.engine, revision)
    database.dispose()
    return copied


def baseline_revision(code: Path) -> str:
    # a baseline checkout: the old module path answers before and after the store moved
    found = subprocess.run([sys.executable, "-c", "from tmgr.schema_head import quick_head;"
                            "print(quick_head())"], env={**os.environ, "PYTHONPATH": str(code)},
                           check=True, capture_output=True, text=True, cwd=code)
    return found.stdout.strip()


def run_size(make_url, count: int, folder: Path, main_code: Path,  # type: ignore[no-untyped-def]
             laps: int, unfinished: float = UNFINISHED) -> dict[str, list[tuple[float, int]]]:
    url = make_url(f"docs{count}")
    database = Database(url)
    database.upgrade()
    started = time.perf_counter()
    (folder / f"src{count}").mkdir()
    build(database, folder / f"src{count}", count, unfinished)
    database.dispose()
    print(f"  {count} documents built in {time.perf_counter() - started:.0f} s", flush=True)
    main_url = baseline_copy(url, folder, baseline_revision(main_code), f"main{count}")
    found = {"now": measure(ROOT, url, folder, laps),
             "main": measure(main_code, main_url, folder, laps)}
    for page, now, main in zip(PAGES, found["now"], found["main"], strict=True):
        print(f"    {count}: {page:34} now {now[0]:7.0f} ms (CPU {now[3]:5.0f}), main "
              f"{main[0]:7.0f} ms (CPU {main[3]:5.0f})", flush=True)
    return found


def report(label: str, sizes: list[int], found: dict[int, dict[str, list]]) -> None:
    small, large = sizes[0], sizes[-1]
    print(f"\n{label}: median server time, ms (CPU ms of the process at {large}; KB of the "
          f"answer at {large})")
    print(f"  {'page':34} {'now ' + str(small):>9} {'now ' + str(large):>10} {'growth':>7}"
          f" {'main ' + str(small):>10} {'main ' + str(large):>10} {'main/now':>9}")
    for n, page in enumerate(PAGES):
        now_s, now_l = found[small]["now"][n], found[large]["now"][n]
        main_s, main_l = found[small]["main"][n], found[large]["main"][n]
        growth = now_l[0] / now_s[0]
        status = "" if now_l[2] == 200 else f" HTTP {now_l[2]}"
        print(f"  {page:34} {now_s[0]:9.0f} {now_l[0]:10.0f} {growth:6.1f}x"
              f"{'' if growth <= 2 else '!'} {main_s[0]:10.0f} {main_l[0]:10.0f}"
              f" {main_l[0] / now_l[0]:8.1f}x   (CPU {now_l[3]:.0f} / main {main_l[3]:.0f};"
              f" {now_l[1] // 1024} KB, main {main_l[1] // 1024} KB){status}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="500,5000")
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--baseline", default="main", help="git ref of the code to compare")
    parser.add_argument("--laps", type=int, default=5)
    parser.add_argument("--pages", default="",
                        help="time only the pages whose spec contains one of these "
                             "comma-separated strings (e.g. 'export,q=')")
    parser.add_argument("--unfinished", type=float, default=UNFINISHED,
                        help="share of the archive left awaiting review (0 to 1)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    if args.pages:
        global PAGES
        wanted = [w for w in args.pages.split(",") if w]
        PAGES = tuple(p for p in PAGES if any(w in p for w in wanted))
        if not PAGES:
            parser.error(f"no page matches --pages {args.pages!r}")
    os.environ["TMGR_PASSWORD_HASH"] = "pbkdf2:sha256:1000"
    with tempfile.TemporaryDirectory(prefix="tmgr-bench-docs-") as tmp:
        folder = Path(tmp)
        main_code = unpack(args.baseline, folder / "baseline")
        for backend in args.databases.split(","):
            (folder / backend).mkdir()
            print(f"{backend}:", flush=True)
            if backend == "sqlite":
                found = {n: run_size(lambda name: f"sqlite:///{folder / name}.sqlite3", n,
                                     folder / backend, main_code, args.laps, args.unfinished)
                         for n in sizes}
            else:
                found = _on_postgresql(folder / backend, sizes, main_code, args.laps,
                                       args.unfinished)
            report(backend, sizes, found)


def _on_postgresql(folder: Path, sizes: list[int], main_code: Path, laps: int,
                   unfinished: float) -> dict[int, dict[str, list[tuple[float, int]]]]:
    from tests.pgcluster import PostgresCluster

    cluster = PostgresCluster().start()
    admin = Database(cluster.url())

    def make_url(name: str) -> str:
        with admin.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
            c.execute(text(f"CREATE DATABASE {name}"))
        return cluster.url(name)

    try:
        return {n: run_size(make_url, n, folder, main_code, laps, unfinished) for n in sizes}
    finally:
        admin.dispose()
        cluster.stop()


if __name__ == "__main__":
    main()
