"""The documents page and the dashboard before and after 1,000 archived articles arrive.

Builds bench_documents' ten-year database of N documents (default 5,000), times the
pages, adds ``--archived`` published articles (the labelled archive imported with
``tmgr archive import``, then copied row for row under other slugs and weeks, texts
and all), and times them again, with the archive hidden (the default) and shown
(``?archive=1``). Server time in-process (the Flask test client), median of laps.

    python bench/bench_archive_pages.py [--documents 5000] [--archived 1000]
        [--databases sqlite,postgresql] [--laps 5]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_dashboard import PASSWORD  # noqa: E402
from bench_documents import WORKER, build  # noqa: E402
from sqlalchemy import text  # noqa: E402

from tmgr.store.db import Database  # noqa: E402

LABELLED = ROOT / "tests" / "data" / "archive" / "labelled"
HIDDEN = ("/", "/?sort=title", "/api/documents", "/dashboard", "/reports/mt")
SHOWN = ("/?archive=1", "/?archive=1&q=Minsk", "/dashboard?archive=1", "/reports/mt?archive=1")
COLUMNS = ("title, section, week_text, languages, checksum, texts, imported_at, segments, "
           "words")


def add_archive(url: str, folder: Path, count: int) -> None:
    """``count`` archived articles: three imported for real, the rest copied from them."""
    env = {**os.environ, "TMGR_DATABASE_URL": url, "TMGR_INSTANCE": str(folder / "instance")}
    subprocess.run([sys.executable, "-m", "tmgr", "archive", "import", str(LABELLED)],
                   env=env, check=True, capture_output=True, cwd=ROOT)
    database = Database(url)
    monday = date(2024, 1, 1)
    with database.engine.begin() as connection:
        for k in range(count - 3):
            week = monday - timedelta(weeks=k // 2)
            connection.execute(text(
                f"INSERT INTO archive_articles (slug, week_start, {COLUMNS}) SELECT :slug, "
                f":week, {COLUMNS} FROM archive_articles WHERE id = :model"),
                {"slug": f"{week.isoformat()}-archived-{k:05d}", "week": week,
                 "model": k % 3 + 1})
    database.analyze()
    database.dispose()


def measure(url: str, folder: Path, pages: tuple[str, ...], laps: int) -> list[float]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TMGR_DATABASE_URL": url,
           "TMGR_INSTANCE": str(folder / "instance"), "TMGR_LANGUAGES": "be,ru"}
    done = subprocess.run([sys.executable, "-c", WORKER, PASSWORD, str(laps),
                           json.dumps(pages)], env=env, check=True, capture_output=True,
                          text=True, cwd=ROOT)
    return [row[0] for row in json.loads(done.stdout.strip().splitlines()[-1])]


def run(url: str, folder: Path, documents: int, archived: int, laps: int) -> None:
    database = Database(url)
    database.upgrade()
    started = time.perf_counter()
    (folder / "src").mkdir(parents=True)
    build(database, folder / "src", documents)
    database.dispose()
    print(f"  {documents} documents built in {time.perf_counter() - started:.0f} s",
          flush=True)
    before = measure(url, folder, HIDDEN, laps)
    add_archive(url, folder, archived)
    after = measure(url, folder, HIDDEN, laps)
    shown = measure(url, folder, SHOWN, laps)
    print(f"  {'page':28} {'no archive':>11} {f'{archived} archived':>14} {'ratio':>6}")
    for page, old, new in zip(HIDDEN, before, after, strict=True):
        print(f"  {page:28} {old:9.1f} ms {new:11.1f} ms {new / old:5.2f}x")
    for page, ms in zip(SHOWN, shown, strict=True):
        print(f"  {page:28} {'':>11} {ms:11.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=5000)
    parser.add_argument("--archived", type=int, default=1000)
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--laps", type=int, default=5)
    args = parser.parse_args()
    os.environ["TMGR_PASSWORD_HASH"] = "pbkdf2:sha256:1000"
    with tempfile.TemporaryDirectory(prefix="tmgr-bench-archive-") as tmp:
        for backend in args.databases.split(","):
            folder = Path(tmp) / backend
            folder.mkdir()
            print(f"{backend}:", flush=True)
            if backend == "sqlite":
                run(f"sqlite:///{folder / 'bench.sqlite3'}", folder, args.documents,
                    args.archived, args.laps)
                continue
            from tests.pgcluster import PostgresCluster

            cluster = PostgresCluster().start()
            try:
                run(cluster.url(), folder, args.documents, args.archived, args.laps)
            finally:
                cluster.stop()


if __name__ == "__main__":
    main()
