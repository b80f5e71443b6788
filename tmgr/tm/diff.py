"""Word-level differences between two texts, for TM matches, history and conflicts.

Texts are cut by the TM's tokenizer (:mod:`tmgr.tm.tokens`) and aligned on their
longest common subsequence of tokens (rapidfuzz's bit-parallel Indel alignment,
after the common head and tail are set aside). The work is bounded: when the
differing middles of both texts together would need more than
:data:`MAX_CELLS` comparisons, the middle is reported as one deletion and one
insertion instead, so no input can hold a thread for long.
"""

from __future__ import annotations

from rapidfuzz.distance import Indel

from tmgr.errors import TooLarge
from tmgr.tm.tokens import pieces

EQUAL, INSERT, DELETE = "equal", "insert", "delete"
MAX_CELLS = 25_000_000  # token pairs one diff may compare (~5,000 x 5,000 tokens)
MAX_DIFF_CHARS = 20_000  # longest text a request may ask to compare (10x a long segment)

Piece = tuple[str, str]


def word_diff(old: str, new: str) -> list[Piece]:
    """``(op, text)`` pieces turning ``old`` into ``new``; op is equal, insert or delete."""
    a, b = pieces(old), pieces(new)
    head = _common_head(a, b)
    tail = _common_head(a[:head - 1:-1] if head else a[::-1],
                        b[:head - 1:-1] if head else b[::-1])
    tail = min(tail, len(a) - head, len(b) - head)
    middle_a, middle_b = a[head:len(a) - tail], b[head:len(b) - tail]
    found: list[Piece] = [(EQUAL, "".join(a[:head]))]
    found += _align(middle_a, middle_b)
    found.append((EQUAL, "".join(a[len(a) - tail:])))
    return _tidy(found)


def check_diff_input(*texts: str) -> None:
    """Refuse texts longer than :data:`MAX_DIFF_CHARS` (the web API's bound per request)."""
    for text in texts:
        if len(text) > MAX_DIFF_CHARS:
            raise TooLarge(f"a text of {len(text):,} characters is too long to compare",
                           hint=f"compare texts of at most {MAX_DIFF_CHARS:,} characters")


def _common_head(a: list[str], b: list[str]) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _align(a: list[str], b: list[str]) -> list[Piece]:
    if not a or not b or len(a) * len(b) > MAX_CELLS:
        return [(DELETE, "".join(a)), (INSERT, "".join(b))]
    ids: dict[str, int] = {}
    codes_a = [ids.setdefault(p, len(ids)) for p in a]
    codes_b = [ids.setdefault(p, len(ids)) for p in b]
    found: list[Piece] = []
    for op in Indel.opcodes(codes_a, codes_b):
        if op.tag == "equal":
            found.append((EQUAL, "".join(a[op.src_start:op.src_end])))
            continue
        found.append((DELETE, "".join(a[op.src_start:op.src_end])))
        found.append((INSERT, "".join(b[op.dest_start:op.dest_end])))
    return found


def _tidy(found: list[Piece]) -> list[Piece]:
    """Drop empty pieces, fold a lone space between two changes into them, merge runs.

    Between changes the deletions come first, so a reader sees "old → new".
    """
    found = [(op, text) for op, text in found if text]
    for i in range(1, len(found) - 1):
        op, text = found[i]
        if op == EQUAL and not text.strip() and found[i - 1][0] != EQUAL \
                and found[i + 1][0] != EQUAL:
            found[i] = ("both", text)
    merged: list[Piece] = []
    deleted: list[str] = []
    inserted: list[str] = []

    def flush() -> None:
        if deleted:
            merged.append((DELETE, "".join(deleted)))
        if inserted:
            merged.append((INSERT, "".join(inserted)))
        deleted.clear()
        inserted.clear()

    for op, text in found:
        if op == EQUAL:
            flush()
            if merged and merged[-1][0] == EQUAL:
                merged[-1] = (EQUAL, merged[-1][1] + text)
            else:
                merged.append((EQUAL, text))
            continue
        if op in (DELETE, "both"):
            deleted.append(text)
        if op in (INSERT, "both"):
            inserted.append(text)
    flush()
    return merged
