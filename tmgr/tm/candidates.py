"""Which stored texts a fuzzy look-up must score: the prefix filter with a shared-key count.

Two token multisets with a word-level similarity of at least ``t`` share at least
``tau = ceil(t * longer)`` tokens (each edit spoils at most one of the longer text's
tokens). Under one global token order (rarest first) the ``level`` smallest shared
tokens then lie within the first ``n - tau + level`` tokens of *both* texts: the
shared tokens after them are at least ``tau - level`` and come later in each text.
So a stored text of ``n`` tokens indexes its first ``n - ceil(t_min * n) + LEVEL``
tokens, and a query of ``m`` tokens reads the lists of its first
``m - ceil(t * m) + level`` tokens and keeps only the texts met ``level`` times
(``level = min(LEVEL, ceil(t * m))``): a text it drops cannot reach ``t``. The
lengths prune too (``t * m <= n <= m / t``). numpy is used only here.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence

import numpy as np

EPS = 1e-9
#: keys beyond the plain prefix a stored text indexes: a look-up may ask for this many
LEVEL = 5

Posting = tuple[Sequence[int], Sequence[int]]  # slots, and their token counts, by count


def indexed_keys(n: int, min_score: float) -> int:
    """How many of a text's ``n`` keys (rarest first) go into the posting lists."""
    return min(n, n - math.ceil(min_score / 100 * n - EPS) + LEVEL)


def candidates(keys: Sequence[tuple[int, int]], m: int, threshold: float,
               posting: Callable[[tuple[int, int]], Posting | None],
               slot_count: int) -> list[int]:
    """Slots that may score ``threshold`` for a query of ``m`` tokens (``keys`` rarest first).

    The lists read are counted into one array of a byte per slot (wider for a query of
    hundreds of tokens): linear in their length, with no sorting.
    """
    t = threshold / 100
    needed = math.ceil(t * m - EPS)
    level = max(1, min(LEVEL, needed))
    low, high = needed, math.floor(m / t + EPS) if t > 0 else 1 << 60
    parts = []
    for key in keys[:max(m - needed + level, 0)]:
        found = posting(key)
        if found is None:
            continue
        slots, lengths = found
        start, end = bisect_left(lengths, low), bisect_right(lengths, high)
        if end > start:
            parts.append(np.frombuffer(slots[start:end], dtype=np.int64))  # type: ignore[call-overload]
    if len(parts) < level:
        return []
    wide = len(parts) >= 256  # more lists than a byte counts
    met: np.ndarray[tuple[int], np.dtype[np.integer]] = np.zeros(
        slot_count, dtype=np.int32 if wide else np.uint8)
    for part in parts:  # a slot is at most once in a list: += counts it
        met[part] += 1
    return list(np.flatnonzero(met >= level).tolist())
