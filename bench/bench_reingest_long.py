"""Re-ingest of a commentary whose one sentence is very long, beside difflib's exact ratio.

    python bench/bench_reingest_long.py [--lengths 2500,10000,14000]

Issue 27: comparing a changed sentence with its predecessor used difflib's
character ratio, quadratic in the sentence's length (2.5k characters 1 s, 14k
16 s, all inside the write transaction). Each round ingests a commentary with a
sentence of the given length, changes one word in it and ingests it again
(``ingest_file(..., replace=True)``, as ``tmgr ingest --replace``), timing the
second ingest: with tmgr's bounded similarity, and with the baseline, the exact
``SequenceMatcher(...).ratio()`` swapped in, in the same run.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections.abc import Callable
from difflib import SequenceMatcher
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tmgr.documents import ingest as documents
from tmgr.documents import revisions as sources
from tmgr.documents.ingest import ingest_file
from tmgr.listeners import wire  # noqa: E402
from tmgr.store.db import Database  # noqa: E402

wire()  # what the use cases' events reach, as in the web app and the CLI (tmgr.events)

WORDS = ["the", "regime", "talks", "Minsk", "said", "again", "a", "of", "and", "week",
         "Lukashenka", "opposition", "to", "in", "on", "is", "Belarus", "sanctions"]
HEADER = ("Lukashenka Repeats Old Promises\n\nOctober 28 – November 3, 2024\n\n"
          "Politics\n\n")


def long_sentence(length: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    words: list[str] = []
    while sum(len(w) + 1 for w in words) < length:
        words.append(rng.choice(WORDS))
    return " ".join(words)[:length].rstrip() + "."


def exact_ratio(a: str, b: str, at_least: float = 0.0) -> float:
    """The baseline: difflib's exact character ratio, whatever the length."""
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def reingest_seconds(length: int, folder: Path) -> float:
    sentence = long_sentence(length)
    changed = sentence.replace(" week ", " month ", 1)
    path = folder / f"2024-10-28-long-{length}.txt"
    database = Database(f"sqlite:///{folder / f'bench-{length}-{time.monotonic_ns()}.db'}")
    database.upgrade()
    path.write_text(HEADER + "A short first sentence. " + sentence + "\n", "utf-8")
    with database.transaction() as session:
        ingest_file(session, path, ("be", "ru"))
    path.write_text(HEADER + "A short first sentence. " + changed + "\n", "utf-8")
    start = time.perf_counter()
    with database.transaction() as session:
        result = ingest_file(session, path, ("be", "ru"), replace=True)
    seconds = time.perf_counter() - start
    assert result.changes.get("changed") == 1, result.changes  # carried over, not lost
    database.dispose()
    return seconds


def run(lengths: list[int], similarity: Callable[..., float] | None) -> list[float]:
    saved = sources.similarity
    if similarity is not None:
        sources.similarity = similarity  # type: ignore[assignment]
        documents.similarity = similarity  # type: ignore[attr-defined]
    try:
        with tempfile.TemporaryDirectory() as folder:
            return [reingest_seconds(length, Path(folder)) for length in lengths]
    finally:
        sources.similarity = saved  # type: ignore[assignment]
        documents.similarity = saved  # type: ignore[attr-defined]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lengths", default="2500,10000,14000")
    lengths = [int(n) for n in parser.parse_args().lengths.split(",")]
    ours = run(lengths, None)
    baseline = run(lengths, exact_ratio)
    print(f"{'characters':>10} {'tmgr s':>8} {'difflib s':>10} {'ratio':>7}")
    for length, mine, theirs in zip(lengths, ours, baseline, strict=True):
        print(f"{length:>10} {mine:>8.3f} {theirs:>10.3f} {theirs / mine:>6.1f}x")


if __name__ == "__main__":
    main()
