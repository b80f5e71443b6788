"""Benchmark tmgr's sentence segmenter against pySBD on the same text, in one run.

Prints, for both: the Golden Rules score, characters per second when each
paragraph is split by its own call, and the time of one call on the whole text
(pySBD's is cut off after --timeout seconds: it grows quadratically on list-like
text). Then the per-paragraph ratio tmgr / pySBD.

    python bench/bench_segment.py                  # needs: pip install pysbd
    python bench/bench_segment.py --size-mb 1 --repeat 1

The text is the one of ../shared/bench/seg_eval.py: the Golden Rules texts and
the sample commentary, joined by blank lines and repeated up to --size-mb.
"""

from __future__ import annotations

import argparse
import json
import re
import signal
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tmgr.segment import split_sentences  # noqa: E402

Segment = Callable[[str], list[str]]
SEED = Path("samples") / "000_ca17e7afe92a6442.txt"
RULES = Path("bench") / "golden_rules_en.json"


@dataclass
class Result:
    """What was measured for one segmenter."""

    name: str
    golden_total: int
    golden_failed: list[int]
    chars: int
    paragraph_seconds: float
    whole_seconds: float | None  # None: did not finish in time

    @property
    def paragraph_cps(self) -> float:
        """Characters per second, one call per paragraph."""
        return self.chars / self.paragraph_seconds


class _TimedOut(Exception):
    pass


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the table; 2 when an input or pySBD is missing."""
    args = _parse_args(argv)
    missing = [path for path in (args.shared / RULES, args.shared / SEED) if not path.is_file()]
    if missing:
        print(f"not found: {', '.join(map(str, missing))} (pass --shared DIR)", file=sys.stderr)
        return 2
    rules = json.loads((args.shared / RULES).read_text(encoding="utf-8"))
    seed = (args.shared / SEED).read_text(encoding="utf-8")
    text, copies = build_corpus(rules, seed, int(args.size_mb * 1_000_000))
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    print(f"corpus: {len(text):,} chars = {copies} copies of the {len(rules)} Golden Rules "
          f"texts + {SEED.name}; {len(paragraphs):,} paragraphs\n")
    try:
        baseline_name, baseline = _pysbd()
    except ImportError:
        print("pySBD, the baseline, is not installed: pip install pysbd", file=sys.stderr)
        return 2
    results = [measure(name, segment, rules, text, paragraphs, args)
               for name, segment in (("tmgr", split_sentences), (baseline_name, baseline))]
    print_table(results, args.timeout)
    return 0


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared",
                        help="the shared folder holding bench/ and samples/ "
                             "(default: ../shared from the repository root)")
    parser.add_argument("--size-mb", type=float, default=5.0,
                        help="corpus size in millions of characters (default 5)")
    parser.add_argument("--repeat", type=int, default=2,
                        help="timed runs per measurement, best is kept (default 2)")
    parser.add_argument("--timeout", type=float, default=20.0,
                        help="give up a whole-text call after this many seconds (default 20)")
    return parser.parse_args(argv)


def _pysbd() -> tuple[str, Segment]:
    import pysbd  # type: ignore[import-untyped]

    return f"pySBD {version('pysbd')}", pysbd.Segmenter(language="en", clean=False).segment


def build_corpus(rules: list[dict[str, object]], seed: str, size: int) -> tuple[str, int]:
    """The rule texts and the seed, joined by blank lines, repeated up to ``size``."""
    unit = "\n\n".join([str(rule["text"]) for rule in rules] + [seed.strip()]) + "\n\n"
    copies = max(1, -(-size // len(unit)))
    return unit * copies, copies


def measure(name: str, segment: Segment, rules: list[dict[str, object]], text: str,
            paragraphs: list[str], args: argparse.Namespace) -> Result:
    """Score ``segment`` on the Golden Rules and time it both ways."""
    print(f"measuring {name}...", flush=True)
    failed = [int(str(rule["id"])) for rule in rules
              if [s.strip() for s in segment(str(rule["text"]))] != rule["expected"]]
    segment("Warm-up call. It is not timed.")
    per_paragraph = _best_of(args.repeat, lambda: [segment(p) for p in paragraphs])
    try:
        whole: float | None = _best_of(args.repeat, lambda: segment(text), args.timeout)
    except _TimedOut:
        whole = None
    return Result(name, len(rules), failed, len(text), per_paragraph, whole)


def _best_of(repeat: int, run: Callable[[], object], timeout: float = 0.0) -> float:
    """The shortest wall time of ``repeat`` runs; raise _TimedOut past ``timeout``."""
    times = []
    for _ in range(max(1, repeat)):
        with _deadline(timeout):
            start = time.perf_counter()
            run()
            times.append(time.perf_counter() - start)
    return min(times)


@contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    """Raise _TimedOut in the block after ``seconds`` (0: never; POSIX only)."""
    if not seconds or not hasattr(signal, "setitimer"):
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise _TimedOut

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def print_table(results: list[Result], timeout: float) -> None:
    """The comparison table, then the ratio to the baseline (the last result)."""
    print(f"\n{'segmenter':<13} {'Golden Rules':>12}  {'per paragraph':>18}  "
          f"{'whole text, one call':<34}")
    for r in results:
        golden = f"{r.golden_total - len(r.golden_failed)}/{r.golden_total}"
        whole = (f"did not finish in {timeout:g} s" if r.whole_seconds is None else
                 f"{r.whole_seconds:.2f} s ({r.chars / r.whole_seconds:,.0f} chars/s)")
        print(f"{r.name:<13} {golden:>12}  {r.paragraph_cps:>10,.0f} chars/s  {whole:<34}")
    for r in results:
        if r.golden_failed:
            print(f"  {r.name} fails Golden Rules {r.golden_failed}")
    ours, baseline = results[0], results[-1]
    print(f"\nper paragraph, {ours.name} is {ours.paragraph_cps / baseline.paragraph_cps:.1f}x "
          f"as fast as {baseline.name} (the baseline), measured in this run")


if __name__ == "__main__":
    sys.exit(main())
