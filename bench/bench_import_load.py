"""Editors' saves during a big TMX import, against the same saves without it.

1. A TMX file of 100,000 units imported with `tmgr import` (target: under a
   minute), against the 0.1.0 way of adding units (one SELECT per unit, measured
   in the same run on a 5,000-unit slice and scaled per unit).
2. 16 clients saving segments through a real `tmgr serve` on 127.0.0.1 while the
   import runs: p95 save time and errors side by side with the same 16 clients
   and the same pace with no import running (the baseline).

    python bench/bench_import_load.py [--units 100000] [--databases sqlite,postgresql]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_web import (  # noqa: E402
    CLIENTS,
    lost_updates,
    make_source,
    p95,
    populate,
    run_clients,
    socket_port,
    wait_for,
)
from sqlalchemy import func, select  # noqa: E402

from tmgr.listeners import wire  # noqa: E402
from tmgr.people.users import create_user  # noqa: E402
from tmgr.store.db import Database  # noqa: E402
from tmgr.store.models import TMUnit, Translation, utcnow  # noqa: E402
from tmgr.tm.memory import source_hash  # noqa: E402

wire()  # what the use cases' events reach, as in the web app and the CLI (tmgr.events)

THINK = (0.2, 0.6)  # seconds between one client's saves: busy translators


def write_tmx(path: Path, units: int, tag: str = "") -> None:
    """``units`` distinct English sentences, each with a Belarusian and a Russian pair."""
    with path.open("w", encoding="utf-8") as fh:
        fh.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header '
                 'creationtool="bench" creationtoolversion="1" segtype="sentence" '
                 'o-tmf="bench" adminlang="en" srclang="en" datatype="plaintext"/><body>\n')
        for n in range(units // 2):
            fh.write(f'<tu><tuv xml:lang="en"><seg>Imported sentence {tag}{n} about the '
                     f'border.</seg></tuv><tuv xml:lang="be"><seg>Імпартаваны сказ {n} пра '
                     f'мяжу.</seg></tuv><tuv xml:lang="ru"><seg>Импортированное предложение '
                     f'{n} о границе.</seg></tuv></tu>\n')
        fh.write("</body></tmx>\n")


def naive_add(database: Database, path: Path) -> tuple[int, float]:
    """Baseline: 0.1.0's add_tm_units, one SELECT and one ORM object per unit."""
    from tmgr.formats import FORMATS

    memory = FORMATS["tmx"].load(path.read_bytes(), path.name)  # type: ignore[union-attr]
    start = time.perf_counter()
    with database.transaction() as session:
        for pair in memory.pairs:
            digest = source_hash(pair.source)
            if session.scalar(select(TMUnit.id).where(
                    TMUnit.source_hash == digest, TMUnit.lang == pair.lang,
                    TMUnit.target == pair.target).limit(1)):
                continue
            session.add(TMUnit(source=pair.source, source_hash=digest, target=pair.target,
                               lang=pair.lang, origin="naive", created_at=utcnow()))
            session.flush()
    return len(memory.pairs), time.perf_counter() - start


def import_tmx(env: dict[str, str], path: Path) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "tmgr", "import", str(path), "--as",
                           "importer"], env=env, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode:
        raise SystemExit(f"import failed: {done.stderr[-500:]}")
    return elapsed, done.stdout.strip().splitlines()[-1]


def summary(label: str, workers: list, lost: int) -> list[float]:  # type: ignore[type-arg]
    times = [x for w in workers for x in w.latencies]
    errors = sum(len(w.errors) for w in workers)
    print(f"  {label}: {len(times)} saves, median {statistics.median(times):.1f} ms, "
          f"p95 {p95(times):.1f} ms, max {max(times):.0f} ms; errors {errors}, "
          f"lost updates {lost}")
    for w in workers:
        for e in w.errors[:2]:
            print(f"    {w.name}: {e}")
    return times


def run_on(name: str, url: str, folder: Path, units: int, rounds: int) -> None:
    print(f"\n== {name}: {units:,} TMX units, {CLIENTS} saving clients ==")
    database = Database(url)
    database.upgrade()
    populate(database, make_source(folder))
    with database.transaction() as session:
        create_user(session, "importer", role="reviewer", languages=["be", "ru"],
                    password="bench-password", configured=("be", "ru"))
        ids = list(session.scalars(select(Translation.segment_id).where(
            Translation.lang == "be").order_by(Translation.segment_id)))
    database.analyze()
    slice_path = folder / "slice.tmx"
    write_tmx(slice_path, 5000, tag="naive-")
    naive_units, naive_seconds = naive_add(database, slice_path)
    big = folder / "big.tmx"
    write_tmx(big, units)
    env = {k: v for k, v in os.environ.items() if not k.startswith("TMGR_")}
    env.update(TMGR_DATABASE_URL=url, TMGR_INSTANCE=str(folder / "instance"),
               TMGR_LANGUAGES="be,ru")
    with socket_port() as port:
        pass
    server = subprocess.Popen([sys.executable, "-m", "tmgr", "serve", "--port", str(port),
                               "--threads", str(CLIENTS)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/"
    try:
        wait_for(base)
        quiet = run_clients(base, ids, CLIENTS, rounds, "quiet", THINK)
        quiet_lost = lost_updates(database, quiet)
        result: dict[str, object] = {}

        def importer() -> None:
            result["seconds"], result["line"] = import_tmx(env, big)

        thread = threading.Thread(target=importer)
        thread.start()
        time.sleep(1.0)  # the import is parsing: start saving once it writes
        busy = run_clients(base, ids, CLIENTS, rounds, "busy", THINK)
        busy_lost = lost_updates(database, busy)
        still_importing = thread.is_alive()
        thread.join()
    finally:
        server.terminate()
        server.wait(timeout=10)
    with database.transaction() as session:
        stored = session.scalar(select(func.count()).select_from(TMUnit))
    database.dispose()
    seconds = float(result["seconds"])  # type: ignore[arg-type]
    naive_rate = naive_units / naive_seconds
    print(f"  import of {units:,} units: {seconds:.1f} s ({units / seconds:,.0f} units/s; "
          f"target < 60 s) — {result['line']}")
    print(f"  baseline 0.1.0 one-SELECT-per-unit add: {naive_rate:,.0f} units/s on "
          f"{naive_units:,} units (and it grows with the table) -> "
          f"{units / seconds / naive_rate:.1f}x faster; {stored:,} units stored in all")
    print(f"  clients pause {THINK[0]:g}-{THINK[1]:g} s between saves; the import was "
          f"{'still running' if still_importing else 'finished'} when the busy run ended")
    quiet_times = summary("baseline, no import", quiet, quiet_lost)
    busy_times = summary("during the import", busy, busy_lost)
    print(f"  p95 during the import / without: {p95(busy_times) / p95(quiet_times):.1f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=100_000, help="TMX units to import")
    parser.add_argument("--rounds", type=int, default=2, help="passes over the segments")
    parser.add_argument("--databases", default="sqlite,postgresql")
    args = parser.parse_args()
    chosen = args.databases.split(",")
    with tempfile.TemporaryDirectory(prefix="tmgr-bench-import-") as tmp:
        folder = Path(tmp)
        if "sqlite" in chosen:
            (folder / "sqlite").mkdir()
            run_on("SQLite", f"sqlite:///{folder / 'sqlite' / 'bench.sqlite3'}",
                   folder / "sqlite", args.units, args.rounds)
        if "postgresql" in chosen:
            from tests.pgcluster import PostgresCluster

            cluster = PostgresCluster().start()
            try:
                (folder / "pg").mkdir()
                run_on("PostgreSQL", cluster.url(), folder / "pg", args.units, args.rounds)
            finally:
                cluster.stop()


if __name__ == "__main__":
    main()
