"""Word diff: tmgr's bounded LCS diff against 0.1.0's difflib one, in the same run.

Inputs are the case of issue 14: two versions of a long text whose words repeat
(a 800-character save, 300 and 1,000 words each side), and 100,000 words each side
(which 0.1.0's ``/api/diff`` accepted). The 0.1.0 baseline runs in a child process
with a time limit, since it takes minutes on the larger inputs.

    python bench/bench_diff.py
"""

from __future__ import annotations

import multiprocessing
import random
import re
import sys
import time
from difflib import SequenceMatcher
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tmgr.tm.diff import word_diff  # noqa: E402

LIMIT = 60.0  # seconds the baseline may take per input
_TOKEN_010 = re.compile(r"\w+|\s+|[^\w\s]", re.UNICODE)
VOCAB = ["the", "regime", "talks", "Minsk", "said", "again", "a", "of", ",", ".", "and",
         "Lukashenka", "opposition", "week", "to", "in", "on", "is"]


def word_diff_010(old: str, new: str) -> int:
    """tmgr 0.1.0's services/diffs.word_diff (difflib over words and spaces)."""
    a, b = _TOKEN_010.findall(old), _TOKEN_010.findall(new)
    return len(SequenceMatcher(None, a, b, autojunk=False).get_opcodes())


def texts(words: int, seed: int) -> tuple[str, str]:
    rng = random.Random(seed)
    old = [rng.choice(VOCAB) for _ in range(words)]
    new = [w if rng.random() > 0.2 else rng.choice(VOCAB) for w in old]
    return " ".join(old), " ".join(new)


def _child(old: str, new: str, out: multiprocessing.Queue) -> None:
    start = time.perf_counter()
    word_diff_010(old, new)
    out.put(time.perf_counter() - start)


def baseline(old: str, new: str) -> float | None:
    out: multiprocessing.Queue = multiprocessing.Queue()
    child = multiprocessing.Process(target=_child, args=(old, new, out))
    child.start()
    child.join(LIMIT)
    if child.is_alive():
        child.terminate()
        child.join()
        return None
    return out.get()


def main() -> None:
    print(f"{'input':<28}{'0.1.0 difflib':>16}{'tmgr now':>12}{'ratio':>10}")
    cases = [("800-char save (~130 words)", 130), ("300 words each side", 300),
             ("1,000 words each side", 1000), ("100,000 words each side", 100_000)]
    for label, words in cases:
        old, new = texts(words, words)
        start = time.perf_counter()
        word_diff(old, new)
        now = time.perf_counter() - start
        before = baseline(old, new) if words <= 1000 else None
        shown = f"{before:.3f} s" if before is not None else f"> {LIMIT:.0f} s"
        if words > 1000:
            shown = "not run"
        ratio = f"{before / now:,.0f}x" if before is not None else "-"
        print(f"{label:<28}{shown:>16}{now:>10.3f} s{ratio:>10}")


if __name__ == "__main__":
    main()
