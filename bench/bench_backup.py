"""Benchmark: backup, restore and db copy of 1,000 documents, against the databases' own tools.

    python bench/bench_backup.py [--documents 1000]

Builds a throwaway SQLite database of N documents (60 segments each: the sample
commentary twice), every segment translated into be and ru and approved, with
two revisions of history per translation and a comment on every tenth segment
(1,000 documents: 60,000 segments, 120,000 translations, 240,000 revisions).
Then, in the same run, each step as its own `tmgr` process (wall time, peak
memory = the process's maximum resident set size, rows per second):

* SQLite: `tmgr backup` vs **`sqlite3 DB ".backup FILE"`**, `tmgr restore` into an
  empty SQLite file vs **`sqlite3 NEW ".restore FILE"`**;
* `tmgr db copy --to` a PostgreSQL database (a throwaway cluster, as the tests use);
* PostgreSQL: `tmgr backup` vs **`pg_dump -Fc`**, `tmgr restore` into an empty
  PostgreSQL database vs **`pg_restore`** into one;
* `tmgr db copy` from PostgreSQL back to an empty SQLite file.

The baselines copy pages or use COPY and know nothing of tmgr's schema; tmgr's
backup is portable between the two databases and checks every row count and
checksum. The ratio printed is tmgr's wall time over the baseline's. The cpu
column is the process's own user + system time (on a shared machine wall time
stretches with the load; for PostgreSQL much of the work is in the server and
is in neither column).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import delete, insert, select, text  # noqa: E402

from tests.pgcluster import PostgresCluster  # noqa: E402
from tmgr.documents.ingest import ingest_file  # noqa: E402
from tmgr.listeners import wire  # noqa: E402
from tmgr.store.db import Database  # noqa: E402
from tmgr.store.models import (  # noqa: E402
    Block,
    Comment,
    Document,
    Revision,
    Segment,
    State,
    Translation,
    User,
)

wire()  # what the use cases' events reach, as in the web app and the CLI (tmgr.events)

SAMPLE = ROOT / "sources" / "2024-10-28-lukashenka-negotiations.txt"
LANGUAGES = ("be", "ru")
COPIES_PER_DOCUMENT = 2
TIME = "/usr/bin/time"  # GNU time, for the peak memory of each step


def _document_rows(original: Document, copy: int, ids: dict[str, int],
                   user_id: int) -> dict[type, list[dict]]:
    rows: dict[type, list[dict]] = {Document: [], Block: [], Segment: [], Translation: [],
                                    Revision: [], Comment: []}
    ids["document"] += 1
    doc_id = ids["document"]
    rows[Document].append({"id": doc_id, "slug": f"{original.slug}-{copy:04d}",
                           "title": original.title, "section": original.section,
                           "week_text": original.week_text, "week_start": original.week_start,
                           "week_end": original.week_end, "source_path": "bench",
                           "checksum": str(copy)})
    ordinal = 0
    for half in range(COPIES_PER_DOCUMENT):
        for block in original.blocks:
            ids["block"] += 1
            rows[Block].append({"id": ids["block"], "document_id": doc_id,
                                "position": half * 100 + block.position, "kind": block.kind,
                                "text": block.text})
            for segment in block.segments:
                ids["segment"] += 1
                rows[Segment].append({
                    "id": ids["segment"], "document_id": doc_id, "block_id": ids["block"],
                    "position": segment.position, "ordinal": ordinal,
                    "key": f"{segment.key}-{half}", "source": segment.source,
                    "start_offset": segment.start_offset, "end_offset": segment.end_offset,
                    "words": segment.words})
                if ordinal % 10 == 0:
                    rows[Comment].append({"segment_id": ids["segment"], "lang": "be",
                                          "user_id": user_id, "text": "check the term"})
                ordinal += 1
                for lang in LANGUAGES:
                    ids["translation"] += 1
                    final = f"[{lang}] {segment.source}"
                    rows[Translation].append({
                        "id": ids["translation"], "segment_id": ids["segment"], "lang": lang,
                        "text": final, "state": State.APPROVED, "origin": "human",
                        "version": 3, "updated_by_id": user_id})
                    rows[Revision] += [
                        {"translation_id": ids["translation"], "user_id": user_id,
                         "old_text": "", "new_text": final + " (draft)",
                         "old_state": State.UNTRANSLATED, "new_state": State.TRANSLATED,
                         "origin": "human"},
                        {"translation_id": ids["translation"], "user_id": user_id,
                         "old_text": final + " (draft)", "new_text": final,
                         "old_state": State.TRANSLATED, "new_state": State.APPROVED,
                         "origin": "human"}]
    return rows


def build_database(path: Path, count: int) -> int:
    """The bench database; returns its number of rows."""
    database = Database(f"sqlite:///{path}")
    database.upgrade()
    with database.transaction() as session:
        ingest_file(session, SAMPLE, LANGUAGES)
    with database.transaction() as session:
        user = User(name="reviewer", role="reviewer", password_hash="scrypt:bench")
        session.add(user)
        session.flush()
        original = session.scalars(select(Document)).one()
        ids = {"document": 10_000, "block": 10_000, "segment": 10_000, "translation": 10_000}
        for start in range(0, count, 100):
            batch: dict[type, list[dict]] = {}
            for copy in range(start, min(count, start + 100)):
                for model, rows in _document_rows(original, copy, ids, user.id).items():
                    batch.setdefault(model, []).extend(rows)
            for model in (Document, Block, Segment, Translation, Revision, Comment):
                session.execute(insert(model), batch[model])
        original_id = original.id
        session.expunge_all()
        session.execute(delete(Document).where(Document.id == original_id))
    total = 0
    with database.engine.connect() as connection:
        for table in ("documents", "blocks", "segments", "translations", "revisions",
                      "comments", "users", "tm_generation"):
            total += connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
    database.dispose()
    return total


@dataclass
class Run:
    label: str
    seconds: float  # wall clock
    cpu: float  # user + system seconds of the process (what it costs on a busy machine)
    peak_mb: float


def measure(label: str, command: list[str], env: dict[str, str] | None = None) -> Run:
    """Run ``command`` to the end; its wall time and its own peak resident memory.

    GNU time reports the peak: a child's maximum RSS counts the memory of the
    process it was forked from, and time(1) is a small one.
    """
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss:
        started = time.perf_counter()
        done = subprocess.run([TIME, "-q", "-f", "%M %U %S", "-o", rss.name, *command],
                              env=env or dict(os.environ), cwd=ROOT, capture_output=True,
                              text=True)
        seconds = time.perf_counter() - started
        if done.returncode != 0:
            raise SystemExit(f"{label} failed: {done.stdout} {done.stderr}")
        peak_kb, user, system = rss.read().split()[-3:]
    return Run(label, seconds, float(user) + float(system), int(peak_kb) / 1024)


def tmgr(url: str, *args: str, instance: Path) -> list[str]:
    return [sys.executable, "-m", "tmgr", *args]


def tmgr_env(url: str, instance: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("TMGR_")}
    return {**env, "TMGR_DATABASE_URL": url, "TMGR_INSTANCE": str(instance)}


def report(rows: int, ours: Run, baseline: Run | None = None) -> None:
    line = (f"  {ours.label:<34} {ours.seconds:6.1f} s wall {ours.cpu:6.1f} s cpu "
            f"{ours.peak_mb:5.0f} MB {rows / ours.seconds:8,.0f} rows/s "
            f"({rows / ours.cpu:7,.0f}/cpu s)")
    if baseline is not None:
        line += (f" | {baseline.label:<16} {baseline.seconds:5.1f} s wall "
                 f"{baseline.cpu:5.1f} s cpu {baseline.peak_mb:4.0f} MB | ratio "
                 f"{ours.seconds / baseline.seconds:4.1f}x wall")
    print(line, flush=True)


def create_database(cluster: PostgresCluster, name: str) -> str:
    admin = Database(cluster.url())
    with admin.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
        c.execute(text(f"CREATE DATABASE {name}"))
    admin.dispose()
    return cluster.url(name)


def pg_tool(cluster: PostgresCluster, tool: str, *args: str) -> list[str]:
    command = [str(cluster.bindir / tool), "-h", str(cluster.socket_dir),
               "-p", str(cluster.port), "-U", "postgres", *args]
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


def bench_sqlite(folder: Path, source: Path, rows: int) -> None:
    url, instance = f"sqlite:///{source}", folder / "instance"
    ours = measure("tmgr backup (SQLite)", tmgr(url, "backup", str(folder / "s.tmgr"),
                                                instance=instance), tmgr_env(url, instance))
    base = measure("sqlite3 .backup", ["sqlite3", str(source),
                                       f".backup {folder / 'baseline.sqlite3'}"])
    report(rows, ours, base)
    size = (folder / "s.tmgr").stat().st_size / 2**20
    print(f"    backup file {size:.1f} MB; database file {source.stat().st_size / 2**20:.1f} MB")
    target = f"sqlite:///{folder / 'restored.sqlite3'}"
    ours = measure("tmgr restore (into SQLite)", tmgr(target, "restore", str(folder / "s.tmgr"),
                                                      instance=instance),
                   tmgr_env(target, instance))
    base = measure("sqlite3 .restore", ["sqlite3", str(folder / "restored-base.sqlite3"),
                                        f".restore {folder / 'baseline.sqlite3'}"])
    report(rows, ours, base)


def bench_postgresql(folder: Path, source: Path, rows: int) -> None:
    cluster = PostgresCluster(port=5499).start()
    try:
        os.chmod(folder, 0o777)
        sqlite_url, instance = f"sqlite:///{source}", folder / "instance"
        pg_url = create_database(cluster, "bench")
        copy = measure("tmgr db copy SQLite -> PostgreSQL",
                       tmgr(sqlite_url, "db", "copy", "--to", pg_url, instance=instance),
                       tmgr_env(sqlite_url, instance))
        report(rows, copy)
        dump = folder / "bench.pgdump"
        ours = measure("tmgr backup (PostgreSQL)",
                       tmgr(pg_url, "backup", str(folder / "p.tmgr"), instance=instance),
                       tmgr_env(pg_url, instance))
        base = measure("pg_dump -Fc", pg_tool(cluster, "pg_dump", "-Fc", "-f", str(dump),
                                              "bench"))
        report(rows, ours, base)
        target = create_database(cluster, "restored")
        ours = measure("tmgr restore (into PostgreSQL)",
                       tmgr(target, "restore", str(folder / "p.tmgr"), instance=instance),
                       tmgr_env(target, instance))
        create_database(cluster, "restored_base")
        base = measure("pg_restore", pg_tool(cluster, "pg_restore", "-d", "restored_base",
                                             str(dump)))
        report(rows, ours, base)
        back = f"sqlite:///{folder / 'back.sqlite3'}"
        ours = measure("tmgr db copy PostgreSQL -> SQLite",
                       tmgr(pg_url, "db", "copy", "--to", back, instance=instance),
                       tmgr_env(pg_url, instance))
        report(rows, ours)
    finally:
        cluster.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--no-postgres", action="store_true",
                        help="only the SQLite part")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tmgr-bench-backup-") as tmp:
        folder = Path(tmp)
        source = folder / "bench.sqlite3"
        started = time.perf_counter()
        rows = build_database(source, args.documents)
        print(f"{args.documents} documents, {args.documents * 30 * COPIES_PER_DOCUMENT:,} "
              f"segments x {len(LANGUAGES)} languages, {rows:,} rows "
              f"(built in {time.perf_counter() - started:.0f} s)", flush=True)
        bench_sqlite(folder, source, rows)
        if not args.no_postgres:
            bench_postgresql(folder, source, rows)


if __name__ == "__main__":
    main()
