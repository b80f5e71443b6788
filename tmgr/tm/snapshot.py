"""The stored form of a fuzzy index: read in place, so a worker's first look-up is quick.

A snapshot is a short header (marshal: the vocabulary, section sizes) followed by
flat sections: native integer arrays (postings, offsets) and UTF-8 text (sources,
codes) plus one small marshal record per slot (its units). Loading it copies and
decodes nothing but the vocabulary: arrays are read through ``memoryview.cast``,
a slot's text and units are decoded when a look-up first touches that slot. At
200,000 units that is the difference between about a second of unmarshalling and
a few milliseconds (``bench/bench_tm.py`` prints the cold start).
"""

from __future__ import annotations

import marshal
import struct
import sys
from array import array
from bisect import bisect_left
from collections.abc import Hashable, Mapping, Sequence
from typing import Any

MAGIC = b"TMGRFX2\x00"  # a new layout gets a new magic: old snapshots are rebuilt
_HEADER = struct.Struct("<Q")
_ALIGN = 8
Row = tuple[Any, ...]
Posting = tuple[Sequence[int], Sequence[int]]  # slots, and their token counts, by count


SECTIONS = ("lengths", "source_ends", "sources", "code_ends", "codes", "posting_keys",
            "posting_ends", "posting_slots", "posting_lengths", "unit_ends", "units")
_TEXTS = ("sources", "codes", "units")


def _ints(values: Sequence[int]) -> bytes:
    return array("q", values).tobytes()


def encode(min_score: float, vocab: Sequence[str], sources: Sequence[str],
           codes: Sequence[str], lengths: Sequence[int],
           postings: Mapping[tuple[int, int], tuple[Sequence[int], Sequence[int]]],
           units: Sequence[dict[Hashable, Row]]) -> bytes:
    """The bytes of a snapshot; :func:`decode` reads them back."""
    shift = max((occurrence for _, occurrence in postings), default=1).bit_length()
    keys = sorted(postings)
    encoded_sources = [s.encode("utf-8") for s in sources]
    encoded_codes = [c.encode("utf-8") for c in codes]
    records = [marshal.dumps(list(slot_units.items())) for slot_units in units]
    slots: list[int] = []
    counts: list[int] = []
    ends: list[int] = []
    for key in keys:
        slots.extend(postings[key][0])
        counts.extend(postings[key][1])
        ends.append(len(slots))
    sections = {
        "lengths": _ints(lengths), "source_ends": _ints(_ends(encoded_sources)),
        "sources": b"".join(encoded_sources), "code_ends": _ints(_ends(encoded_codes)),
        "codes": b"".join(encoded_codes),
        "posting_keys": _ints([(token << shift) | occurrence for token, occurrence in keys]),
        "posting_ends": _ints(ends), "posting_slots": _ints(slots),
        "posting_lengths": _ints(counts), "unit_ends": _ints(_ends(records)),
        "units": b"".join(records)}
    sizes = [len(sections[name]) for name in SECTIONS]
    header = marshal.dumps({"min_score": min_score, "vocab": list(vocab), "shift": shift,
                            "count": len(sources), "sizes": sizes,
                            "byteorder": sys.byteorder})
    parts = [MAGIC, _HEADER.pack(len(header)), header, _pad(len(MAGIC) + 8 + len(header))]
    for name in SECTIONS:
        parts += [sections[name], _pad(len(sections[name]))]
    return b"".join(parts)


def _ends(chunks: Sequence[bytes]) -> list[int]:
    total, found = 0, []
    for chunk in chunks:
        total += len(chunk)
        found.append(total)
    return found


def _pad(length: int) -> bytes:
    return b"\x00" * (-length % _ALIGN)


class Frozen:
    """A snapshot read in place: what a look-up needs, decoded slot by slot."""

    def __init__(self, blob: bytes | memoryview) -> None:
        view = memoryview(blob)
        if bytes(view[:len(MAGIC)]) != MAGIC:
            raise ValueError("not a tmgr index snapshot of this layout")
        (header_length,) = _HEADER.unpack(view[len(MAGIC):len(MAGIC) + 8])
        offset = len(MAGIC) + 8
        header = marshal.loads(view[offset:offset + header_length])
        if header["byteorder"] != sys.byteorder:
            raise ValueError("a snapshot of another byte order")
        offset += header_length
        offset += -offset % _ALIGN
        parts: dict[str, memoryview] = {}
        for name, size in zip(SECTIONS, header["sizes"], strict=True):
            parts[name] = view[offset:offset + size]
            offset += size + (-size % _ALIGN)
        if offset > len(view):
            raise ValueError("a truncated snapshot")
        self.min_score: float = header["min_score"]
        self.vocab: list[str] = header["vocab"]
        self.count: int = header["count"]
        self._shift: int = header["shift"]
        ints = {name: parts[name].cast("q") for name in SECTIONS
                if name not in _TEXTS}
        self._lengths = ints["lengths"]
        self._source_ends, self._sources = ints["source_ends"], parts["sources"]
        self._code_ends, self._codes = ints["code_ends"], parts["codes"]
        self._keys, self._posting_ends = ints["posting_keys"], ints["posting_ends"]
        self._slots, self._counts = ints["posting_slots"], ints["posting_lengths"]
        self._unit_ends, self._units = ints["unit_ends"], parts["units"]
        if not (len(self._lengths) == len(self._source_ends) == len(self._code_ends)
                == len(self._unit_ends) == self.count):
            raise ValueError("a snapshot whose sections disagree")

    @staticmethod
    def _slice(ends: memoryview, data: memoryview, slot: int) -> memoryview:
        return data[ends[slot - 1] if slot else 0:ends[slot]]

    def source(self, slot: int) -> str:
        return str(self._slice(self._source_ends, self._sources, slot), "utf-8")

    def code(self, slot: int) -> str:
        return str(self._slice(self._code_ends, self._codes, slot), "utf-8")

    def units(self, slot: int) -> list[tuple[Hashable, Row]]:
        found: list[tuple[Hashable, Row]] = marshal.loads(
            self._slice(self._unit_ends, self._units, slot))
        return found

    def posting(self, key: tuple[int, int]) -> Posting | None:
        token, occurrence = key
        if token < 0 or occurrence >> self._shift:
            return None
        wanted = (token << self._shift) | occurrence
        at = bisect_left(self._keys, wanted)
        if at == len(self._keys) or self._keys[at] != wanted:
            return None
        start, end = self._posting_ends[at - 1] if at else 0, self._posting_ends[at]
        return self._slots[start:end], self._counts[start:end]

    def lengths(self) -> list[int]:
        return self._lengths.tolist()

    def postings(self) -> dict[tuple[int, int], tuple[list[int], list[int]]]:
        """Every posting list, for an index that is about to be edited."""
        mask = (1 << self._shift) - 1
        found = {}
        start = 0
        for composite, end in zip(self._keys, self._posting_ends, strict=True):
            found[(composite >> self._shift, composite & mask)] = (
                self._slots[start:end].tolist(), self._counts[start:end].tolist())
            start = end
        return found

