"""Ingest of 1,000 commentaries: files per second and peak memory, beside tmgr 0.1.0.

    python bench/bench_ingest.py [--files 1000] [--baseline eef31a7]

The commentaries are the reader fixtures (``tests/data/pages``: every layout since
2013, .txt, .md and .html) copied under 1,000 slugs, each with a sentence of its
own. Both tmgrs run in a subprocess of their own with the same driver, on a fresh
SQLite database: first reading every file (the reader alone), then ``ingest_file``
for every file, one transaction each, as ``tmgr ingest`` does. Peak memory is the
subprocess's maximum resident set size; each side runs ``--rounds`` times and
the best round counts. The baseline is tmgr 0.1.0's code, taken
from git (commit ``eef31a7``) into a temporary folder.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path

from tmgr.listeners import wire

wire()  # what the use cases' events reach, as in the web app and the CLI (tmgr.events)

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "tests" / "data" / "pages"
BASELINE = "eef31a7"  # tmgr 0.1.0


def make_corpus(folder: Path, count: int) -> list[Path]:
    """``count`` commentary files in ``folder`` made from the fixture pages."""
    pages = sorted(p for p in PAGES.iterdir() if p.suffix in (".txt", ".md", ".html"))
    files = []
    for number in range(count):
        page = pages[number % len(pages)]
        text = page.read_text(encoding="utf-8")
        extra = f"Analysts expect the figure {number} to be revised next week."
        marker = "</article>" if page.suffix == ".html" else None
        if marker:
            text = text.replace(marker, f"<p>{extra}</p>{marker}", 1)
        else:
            parts = text.split("\n\n")
            parts.insert(min(len(parts) - 1, 12), extra)
            text = "\n\n".join(parts)
        path = folder / f"{number:04d}-{page.stem}{page.suffix}"
        path.write_text(text, encoding="utf-8")
        files.append(path)
    return files


def drive(folder: Path, database: Path) -> dict[str, float]:
    """Run in the subprocess: read, then ingest, every file in ``folder``."""
    # the old module paths (tmgr.ingest, tmgr.db): the baseline has only them, and
    # tmgr/_moved.py makes them answer in this tree too
    from tmgr.db import Database
    from tmgr.documents.ingest import ingest_file
    from tmgr.errors import TmgrError
    from tmgr.ingest import read_commentary

    files = sorted(folder.iterdir())
    started, failed_reads = time.perf_counter(), 0
    for path in files:
        try:
            read_commentary(path)
        except TmgrError:
            failed_reads += 1
    read_seconds = time.perf_counter() - started
    db = Database(f"sqlite:///{database}")
    (db.upgrade if hasattr(db, "upgrade") else db.create_schema)()
    started, failed = time.perf_counter(), 0
    for path in files:
        try:
            with db.transaction() as session:
                ingest_file(session, path, ("be", "ru"))
        except TmgrError:
            failed += 1
    ingest_seconds = time.perf_counter() - started
    db.dispose()
    return {"files": len(files), "read_seconds": read_seconds, "failed_reads": failed_reads,
            "ingest_seconds": ingest_seconds, "failed": failed,
            "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def best(rounds: list[dict[str, float]]) -> dict[str, float]:
    """The fastest of several rounds for each timing (the machine may be busy)."""
    result = dict(rounds[0])
    for key in ("read_seconds", "ingest_seconds", "peak_mb"):
        result[key] = min(r[key] for r in rounds)
    return result


def run(code_root: Path, corpus: Path, work: Path, number: int) -> dict[str, float]:
    database = work / f"bench-{code_root.name}-{number}.sqlite3"
    result = subprocess.run(
        [sys.executable, __file__, "--drive", str(corpus), str(database)],
        check=True, capture_output=True, text=True, cwd=code_root,
        env={"PYTHONPATH": str(code_root), "PATH": "/usr/bin:/bin",
             "TMGR_PASSWORD_HASH": "pbkdf2:sha256:1000"})
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--baseline", default=BASELINE)
    parser.add_argument("--rounds", type=int, default=2, help="runs of each, best kept")
    parser.add_argument("--drive", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.drive:
        print(json.dumps(drive(*args.drive)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        corpus = work / "corpus"
        corpus.mkdir()
        make_corpus(corpus, args.files)
        baseline = work / "baseline"
        baseline.mkdir()
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", args.baseline, "tmgr"],
                                 check=True, capture_output=True).stdout
        with tarfile.open(fileobj=BytesIO(archive)) as tar:
            tar.extractall(baseline, filter="data")
        shutil.copytree(ROOT / "web", baseline / "web", dirs_exist_ok=True)
        mine: list[dict[str, float]] = []
        base: list[dict[str, float]] = []
        for number in range(args.rounds):  # interleaved: both see the same machine load
            mine.append(run(ROOT, corpus, work, number))
            base.append(run(baseline, corpus, work, number))
        ours, theirs = best(mine), best(base)
    print(f"ingest of {args.files} commentaries (fixture layouts, .txt/.md/.html), SQLite")
    print(f"{'':<22}{'tmgr (this)':>14}{'0.1.0':>12}{'ratio':>9}")
    for label, key in (("read files/s", "read_seconds"), ("ingest files/s", "ingest_seconds")):
        rate, base_rate = ours["files"] / ours[key], theirs["files"] / theirs[key]
        print(f"{label:<22}{rate:>14.1f}{base_rate:>12.1f}{rate / base_rate:>8.2f}x")
    print(f"{'peak memory (MB)':<22}{ours['peak_mb']:>14.1f}{theirs['peak_mb']:>12.1f}"
          f"{ours['peak_mb'] / theirs['peak_mb']:>8.2f}x")
    print(f"{'files refused':<22}{ours['failed']:>14}{theirs['failed']:>12}")


if __name__ == "__main__":
    main()
