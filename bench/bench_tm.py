"""Fuzzy TM look-ups on a 200,000-unit translation memory, against two baselines.

Builds a TM of news-like English sentences (a word-level Markov chain over the
commentaries in this repository, with names and numbers mixed in), stores it as
TM units in a database, and measures top-5 look-ups at threshold 75 through
``fuzzy_matches`` (the service the editor calls). In the same run it measures
a worker's cold start (its first look-up from the index snapshot stored in the
database, against building the index as 0.1.0 did; and in fresh processes, against
the code of main before the snapshot was read in place, commit 90864a8, unpacked
from this repository's history), the brute-force scan
(every distinct source scored with the same scorer) and Translate Toolkit's
``translate.search.match.matcher``, checks that every look-up returns exactly
what the scan returns, and prints the ratios.

    python bench/bench_tm.py [--units 200000] [--queries 500] [--postgres]

``--postgres`` runs on a throwaway PostgreSQL cluster (needs the server
installed) and also measures a pg_trgm candidate query, reporting its recall.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import insert, text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tmgr.formats.model import MemoryPair  # noqa: E402
from tmgr.store.db import Database  # noqa: E402
from tmgr.store.models import TMUnit  # noqa: E402
from tmgr.tm.index import brute_force  # noqa: E402
from tmgr.tm.memory import (  # noqa: E402
    add_tm_units,
    forget_tm_indexes,
    fuzzy_matches,
    source_hash,
    tm_index,
)

BASELINE_COMMIT = "90864a8"  # main before the in-place snapshot: the cold-start baseline
WORD = re.compile(r"[\w’'.,%-]+")


def sentence_maker(seed: int) -> Callable[[], str]:
    """A generator of English news-like sentences (deterministic for ``seed``)."""
    texts = [p.read_text(encoding="utf-8") for p in
             sorted(ROOT.glob("sources/*.txt")) + sorted(ROOT.glob("tests/data/sources/*.txt"))]
    words = WORD.findall(" ".join(texts))
    chain: dict[tuple[str, str], list[str]] = {}
    for a, b, c in zip(words, words[1:], words[2:], strict=False):
        chain.setdefault((a, b), []).append(c)
    starts = list(chain)
    rng = random.Random(seed)
    names = ["".join(rng.choice("bcdfghklmnprstvz") + rng.choice("aeiou")
                     for _ in range(rng.randint(2, 4))).capitalize() for _ in range(30000)]

    def make() -> str:
        a, b = rng.choice(starts)
        out = [a, b]
        while len(out) < rng.randint(8, 40):
            following = chain.get((a, b))
            if not following:
                a, b = rng.choice(starts)
                out += [a, b]
                continue
            c = rng.choice(following)
            out.append(c)
            a, b = b, c
        for _ in range(rng.randint(1, 3)):
            out[rng.randrange(len(out))] = (rng.choice(names) if rng.random() < 0.7
                                            else str(rng.randint(1, 5000)))
        return " ".join(out)
    return make


def edited(sentence: str, rng: random.Random) -> str:
    """A near-duplicate: one to three words changed, dropped or added."""
    words = sentence.split()
    for _ in range(rng.randint(1, 3)):
        i = rng.randrange(len(words))
        choice = rng.random()
        if choice < 0.5:
            words[i] = rng.choice(["regime", "officials", "Minsk", "again", "2025", "new"])
        elif choice < 0.8 and len(words) > 3:
            del words[i]
        else:
            words.insert(i, rng.choice(["also", "reportedly", "still"]))
    return " ".join(words)


def fill(database: Database, count: int) -> list[str]:
    make = sentence_maker(seed=1)
    sources = [make() for _ in range(count)]
    rows = [{"source": s, "source_hash": source_hash(s), "target": f"[be] {s}", "lang": "be",
             "origin": "bench"} for s in sources]
    with database.transaction() as session:
        for i in range(0, len(rows), 20000):
            session.execute(insert(TMUnit), rows[i:i + 20000])
    return sources


def queries(sources: list[str], count: int) -> list[str]:
    rng = random.Random(7)
    make = sentence_maker(seed=99)
    novel = [make() for _ in range(count * 3 // 5)]
    near = [edited(rng.choice(sources), rng) for _ in range(count - len(novel))]
    return novel + near


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def run(database: Database, args: argparse.Namespace) -> None:
    started = time.perf_counter()
    sources = fill(database, args.units)
    print(f"TM: {args.units} units stored in {time.perf_counter() - started:.1f} s")
    asked = queries(sources, args.queries)
    with database.transaction() as session:
        build = timed(lambda: tm_index(session, "be"))
        index = tm_index(session, "be")
        print(f"index built in {build:.1f} s (cold start of a worker)")
        times, results = [], []
        for query in asked:
            start = time.perf_counter()
            results.append(fuzzy_matches(session, query, "be", limit=5, threshold=75))
            times.append(time.perf_counter() - start)
        with_hits = sum(1 for r in results if r)
        median, p99 = statistics.median(times), percentile(times, 0.99)
        print(f"fuzzy_matches: {len(asked)} look-ups ({with_hits} with matches): "
              f"median {median * 1e3:.2f} ms, p99 {p99 * 1e3:.2f} ms, "
              f"max {max(times) * 1e3:.2f} ms")
        scan_times, mismatches = [], 0
        for query, got in zip(asked, results, strict=True):
            start = time.perf_counter()
            expected = index.scan(query, limit=5, threshold=75)
            scan_times.append(time.perf_counter() - start)
            if [(h.unit.source, h.unit.target, round(h.score, 1)) for h in expected] != \
                    [(m.source, m.target, m.score) for m in got]:
                mismatches += 1
        scan_median = statistics.median(scan_times)
        print(f"baseline brute-force scan (same scorer, every distinct source): median "
              f"{scan_median * 1e3:.2f} ms, p99 {percentile(scan_times, 0.99) * 1e3:.2f} ms "
              f"-> index is {scan_median / median:.1f}x faster (median)")
        print(f"results equal to the scan: {len(asked) - mismatches}/{len(asked)}")
        check_from_scratch(index, asked[-args.scratch:])
        if args.tt_queries:  # 0: skip it (its build is slow at a million units)
            translate_toolkit(sources, asked[:args.tt_queries], median)
        if database.engine.dialect.name == "postgresql":
            pg_trgm(session, asked[:50], results[:50], median)
    # The build above was stored as a snapshot when its transaction ended.
    mismatches += cold_start(database, asked, results, build + times[0])
    mismatches += cold_start_processes(database, asked[:args.cold_queries],
                                       results[:args.cold_queries], args.cold_runs,
                                       args.baseline)
    if mismatches:
        raise SystemExit("FAILED: the index disagrees with the brute-force scan")


def cold_start(database: Database, asked: list[str], results: list, built: float) -> int:
    """A new worker's first look-up: from the stored snapshot, against building the index."""
    forget_tm_indexes()
    with database.transaction(readonly=True) as session:
        first = timed(lambda: fuzzy_matches(session, asked[0], "be", limit=5, threshold=75))
        again = [fuzzy_matches(session, q, "be", limit=5, threshold=75) for q in asked]
    mismatches = sum(1 for a, b in zip(again, results, strict=True) if a != b)
    print(f"cold start (a new worker's first fuzzy look-up): {first:.2f} s from the stored "
          f"index; baseline 0.1.0 (build the index, then look up): {built:.1f} s -> "
          f"{built / first:.0f}x faster; results equal to the scan's: "
          f"{len(asked) - mismatches}/{len(asked)}")
    return mismatches


# A worker that has just started: open the database, time the first look-up, answer the rest.
WORKER = """
import json, sys, time
from tmgr.db import Database  # the baseline's path; tmgr/_moved.py maps it
from tmgr.tm.memory import fuzzy_matches
url, asked = sys.argv[1], json.loads(sys.stdin.read())
database = Database(url)
with database.transaction(readonly=True) as session:
    start, cpu = time.perf_counter(), time.process_time()
    first = fuzzy_matches(session, asked[0], "be", limit=5, threshold=75)
    took, cpu = time.perf_counter() - start, time.process_time() - cpu
    rest = [fuzzy_matches(session, q, "be", limit=5, threshold=75) for q in asked[1:]]
database.dispose()
print(json.dumps({"first": took, "cpu": cpu, "results": [[[m.source, m.target, m.score] for m in r]
                                             for r in [first, *rest]]}))
"""


def unpack(commit: str, folder: Path) -> Path:
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", commit, "tmgr"],
                             check=True, capture_output=True).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    return folder


def worker(code: Path, url: str, asked: list[str]) -> tuple[tuple[float, float], list]:
    """(wall, CPU) seconds of the first look-up, and every answer."""
    env = {**os.environ, "PYTHONPATH": str(code)}
    done = subprocess.run([sys.executable, "-c", WORKER, url], input=json.dumps(asked),
                          env=env, check=True, capture_output=True, text=True, cwd=code)
    answer = json.loads(done.stdout)
    return (answer["first"], answer["cpu"]), answer["results"]


def cold_start_processes(database: Database, asked: list[str], results: list,
                         runs: int, baseline: str = BASELINE_COMMIT) -> int:
    """A fresh process's first look-up: this code beside main's before the in-place
    snapshot, each from its own snapshot of the same memory (stored by a first run).
    On SQLite also after 50 TM changes since that snapshot, each version on its own
    copy of the database with the same changes (their answers must agree)."""
    url = database.engine.url.render_as_string(hide_password=False)
    expected = [[[m.source, m.target, m.score] for m in r] for r in results]
    mismatches, figures, changed = 0, {}, {}
    with tempfile.TemporaryDirectory() as folder:
        versions = {f"main {baseline}": unpack(baseline, Path(folder)), "now": ROOT}
        for label, code in versions.items():
            if code != ROOT:  # the baseline builds and stores its own snapshot, whatever
                forget_snapshots(database)  # layout it shares with this code
            worker(code, url, asked[:1])  # finds the other layout: builds, stores its own
            firsts = []
            for _ in range(runs):
                first, got = worker(code, url, asked)
                firsts.append(first)
                mismatches += sum(1 for a, b in zip(got, expected, strict=True) if a != b)
            figures[label] = _medians(firsts)
            if url.startswith("sqlite:///"):
                changed[label] = after_changes(code, url, Path(folder) / "copy.sqlite3",
                                               asked, runs)
    (old_label, old), (_, new) = figures.items()
    print(f"cold start in a fresh process (first look-up, median of {runs}): now {_s(new)}; "
          f"baseline {old_label}: {_s(old)} -> {old[0] / new[0]:.1f}x faster "
          f"(goal < 1 s: {'met' if new[0] < 1 else 'NOT met'}); results equal to the scan's "
          f"in both: {'yes' if not mismatches else f'NO, {mismatches} differ'}; "
          f"load average {os.getloadavg()[0]:.1f}")
    if changed:
        (_, (old, old_got)), (_, (new, new_got)) = changed.items()
        differ = sum(1 for a, b in zip(old_got, new_got, strict=True) if a != b)
        mismatches += differ
        print(f"cold start after 50 TM changes since the snapshot: now {_s(new)}; "
              f"baseline {old_label}: {_s(old)} -> {old[0] / new[0]:.1f}x faster "
              f"(goal < 1 s: {'met' if new[0] < 1 else 'NOT met'}); the two versions' "
              f"answers agree: {'yes' if not differ else f'NO, {differ} differ'}")
    return mismatches


def forget_snapshots(database: Database) -> None:
    """No stored index: the next worker builds one and stores it as its code does."""
    with database.transaction() as session:
        session.execute(text("DELETE FROM tm_index_snapshots"))
    database_file = database.engine.url.database
    if database.engine.dialect.name == "sqlite" and database_file:
        shutil.rmtree(f"{database_file}.tm-index", ignore_errors=True)


def _medians(firsts: list[tuple[float, float]]) -> tuple[float, float]:
    return (statistics.median(f[0] for f in firsts), statistics.median(f[1] for f in firsts))


def _s(figure: tuple[float, float]) -> str:
    return f"{figure[0]:.2f} s wall ({figure[1]:.2f} s CPU)"


def after_changes(code: Path, url: str, copy: Path, asked: list[str], runs: int
                  ) -> tuple[tuple[float, float], list]:
    """On a copy holding this version's snapshot: 50 units added since, then fresh starts."""
    import sqlite3

    with sqlite3.connect(url.removeprefix("sqlite:///")) as source, \
            sqlite3.connect(copy) as target:
        source.backup(target)  # the WAL's pages too, which a file copy would miss
    source.close()
    target.close()
    beside = Path(url.removeprefix("sqlite:///") + ".tm-index")  # the snapshot file
    if beside.is_dir():  # it lies beside the database a worker opens: the copy's too
        shutil.copytree(beside, Path(f"{copy}.tm-index"), dirs_exist_ok=True)
    changed = Database(f"sqlite:///{copy}")
    make = sentence_maker(seed=5)
    with changed.transaction() as session:
        add_tm_units(session, [MemoryPair(text, "be", f"[be-new] {text}")
                               for text in [make() for _ in range(50)]])
    changed.dispose()
    firsts, got = [], []
    for _ in range(runs):
        first, got = worker(code, f"sqlite:///{copy}", asked)
        firsts.append(first)
    copy.unlink()
    shutil.rmtree(Path(f"{copy}.tm-index"), ignore_errors=True)
    return _medians(firsts), got


def check_from_scratch(index: object, asked: list[str]) -> None:
    """A few look-ups against a scan that re-tokenizes every unit (no shared code path)."""
    units = [index.unit(key) for key in index.keys()]
    for query in asked:
        expected = brute_force(units, query, limit=5, threshold=75)
        got = index.search(query, limit=5, threshold=75)
        if [(h.unit.key, h.score) for h in expected] != [(h.unit.key, h.score) for h in got]:
            raise SystemExit(f"FAILED: from-scratch scan disagrees for {query!r}")
    print(f"results equal to a from-scratch scan (re-tokenizing all units): "
          f"{len(asked)}/{len(asked)}")


def translate_toolkit(sources: list[str], asked: list[str], our_median: float) -> None:
    from translate.search import match
    from translate.storage import base

    # The matcher's heap compares units when two similarities tie: give them an order.
    base.TranslationUnit.__lt__ = lambda self, other: id(self) < id(other)
    store = base.TranslationStore()
    for source in sources:
        unit = store.UnitClass(source)
        unit.target = f"[be] {source}"
        store.addunit(unit)
    start = time.perf_counter()
    matcher = match.matcher(store, max_candidates=5, min_similarity=75, max_length=1000)
    built = time.perf_counter() - start
    times = [timed(lambda q=q: matcher.matches(q)) for q in asked]
    median = statistics.median(times)
    print(f"baseline Translate Toolkit translate.search.match.matcher (character "
          f"Levenshtein, its own scorer): built in {built:.1f} s, median "
          f"{median * 1e3:.1f} ms over {len(asked)} look-ups -> index is "
          f"{median / our_median:.0f}x faster (median)")


def pg_trgm(session: object, asked: list[str], results: list, our_median: float) -> None:
    available = session.execute(text(
        "SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")).first()
    if not available:
        print("pg_trgm: not shipped with this PostgreSQL; skipped")
        return
    session.execute(text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
    session.execute(text("CREATE INDEX bench_trgm ON tm_units USING gin (source gin_trgm_ops)"))
    session.execute(text("SET pg_trgm.similarity_threshold = 0.5"))
    times, found, wanted = [], 0, 0
    for query, ours in zip(asked, results, strict=True):
        start = time.perf_counter()
        rows = session.execute(text(
            "SELECT source FROM tm_units WHERE lang = 'be' AND source % :q "
            "ORDER BY similarity(source, :q) DESC LIMIT 50"), {"q": query}).scalars().all()
        times.append(time.perf_counter() - start)
        wanted += len(ours)
        found += len({m.source for m in ours} & set(rows))
    median = statistics.median(times)
    print(f"pg_trgm (GIN, similarity >= 0.5, 50 candidates): median {median * 1e3:.1f} ms "
          f"({median / our_median:.1f}x our median), recall of the exact top-5: "
          f"{found}/{wanted} -> not used: trigram similarity cannot guarantee the exact "
          f"word-level results")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=200_000)
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument("--tt-queries", type=int, default=5,
                        help="look-ups timed with Translate Toolkit (slow)")
    parser.add_argument("--scratch", type=int, default=5,
                        help="look-ups checked against a from-scratch scan (slow)")
    parser.add_argument("--cold-runs", type=int, default=3,
                        help="fresh processes timed per version for the cold start")
    parser.add_argument("--cold-queries", type=int, default=50,
                        help="look-ups each fresh process checks against the scan")
    parser.add_argument("--baseline", default=BASELINE_COMMIT,
                        help="the commit whose code the fresh-process cold starts are "
                             f"compared with (default {BASELINE_COMMIT}; e.g. main)")
    parser.add_argument("--postgres", action="store_true",
                        help="run on a throwaway PostgreSQL cluster")
    args = parser.parse_args()
    if args.postgres:
        from tests.pgcluster import PostgresCluster

        cluster = PostgresCluster().start()
        try:
            database = Database(cluster.url())
            database.upgrade()
            run(database, args)
            database.dispose()
        finally:
            cluster.stop()
        return
    with tempfile.TemporaryDirectory() as folder:
        database = Database(f"sqlite:///{folder}/bench.sqlite3")
        database.upgrade()
        run(database, args)
        database.dispose()


if __name__ == "__main__":
    main()
