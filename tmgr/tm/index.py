"""Word-level fuzzy search over a translation memory: fast, and equal to a full scan.

The similarity is a Levenshtein ratio over tokens (words, numbers, punctuation
marks), as OmegaT computes fuzzy matches: ``100 * (1 - edits / longer length)``.
A text identical to the query scores 100; same tokens but other spacing, 99.

:class:`FuzzyIndex` answers exactly what :meth:`FuzzyIndex.scan` (every unit
scored with rapidfuzz) answers, only faster. Each distinct source is encoded as
one character per token, so rapidfuzz's Levenshtein works on words. Candidates
come from a prefix-filtered inverted index with a shared-key count (see
:mod:`tmgr.tm.candidates`, which proves that nothing above the threshold is
dropped). Rare tokens come first, so the lists read at query time are short.
rapidfuzz is used only in this package (here and in :mod:`tmgr.tm.diff`).
"""

from __future__ import annotations

import struct
from array import array
from bisect import bisect_right, insort
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from tmgr.formats.model import MemoryPair
from tmgr.tm import snapshot
from tmgr.tm.candidates import candidates, indexed_keys
from tmgr.tm.tokens import tokenize

_EPS = 1e-9
# rapidfuzz turns a normalized cutoff into a whole number of edits with a rounding of its
# own: at 1e-9 below a score it can drop that score (3.14: 4 of 5 tokens at 0.8). Ask it
# for a little less, and keep only what reaches the threshold afterwards.
_CUTOFF_SLACK = 1e-6
_LOW_PLANE = 0xD800 - 0x100  # ids below this encode in the BMP, below the surrogates


def _char(token_id: int) -> str:
    return chr(0x100 + token_id) if token_id < _LOW_PLANE else chr(0x10000 + token_id)


def similarity(a: str, b: str) -> float:
    """Word-level Levenshtein similarity 0..100 of two texts (the reference definition)."""
    ta, tb = tokenize(a), tokenize(b)
    if not ta and not tb:
        return 100.0 if a == b else 0.0
    score = 100.0 * Levenshtein.normalized_similarity(ta, tb)
    return 99.0 if score == 100.0 and a != b else score


@dataclass(frozen=True)
class Unit:
    """A TM pair as the index keeps it: ``key`` identifies it in the database.

    ``segment_id`` is the segment an approved translation belongs to (None for a
    stored unit), so a look-up can leave the segment itself out.
    """

    key: Hashable
    pair: MemoryPair
    segment_id: int | None = None

    @property
    def source(self) -> str:
        return self.pair.source

    @property
    def target(self) -> str:
        return self.pair.target

    @property
    def document(self) -> str | None:
        return self.pair.document

    @property
    def stamp(self) -> float:
        """Newer units win ties."""
        moment = self.pair.changed_at
        return moment.timestamp() if moment is not None else 0.0


# How the index keeps a unit: (target, lang, changed_at timestamp, origin, document,
# segment_id). Plain values, so that a snapshot loads without building objects.
_Row = tuple[str, str, float | None, str | None, str | None, int | None]


def _row(unit: Unit) -> _Row:
    pair, moment = unit.pair, unit.pair.changed_at
    return (pair.target, pair.lang, moment.timestamp() if moment is not None else None,
            pair.origin, pair.document, unit.segment_id)


def _unit(key: Hashable, source: str, row: _Row) -> Unit:
    target, lang, stamp, origin, document, segment_id = row
    changed_at = datetime.fromtimestamp(stamp, UTC) if stamp is not None else None
    return Unit(key, MemoryPair(source, lang, target, changed_at=changed_at, origin=origin,
                                document=document), segment_id)


@dataclass(frozen=True)
class Hit:
    unit: Unit
    score: float


def rank_hits(hits: Iterable[Hit], limit: int) -> list[Hit]:
    """Best score first, then newest; one hit per distinct (source, target)."""
    ordered = sorted(hits, key=lambda h: (-h.score, -h.unit.stamp, h.unit.source,
                                         h.unit.target, str(h.unit.key)))
    seen: set[tuple[str, str]] = set()
    best: list[Hit] = []
    for hit in ordered:
        pair = (hit.unit.source, hit.unit.target)
        if pair not in seen:
            seen.add(pair)
            best.append(hit)
            if len(best) == limit:
                break
    return best


def brute_force(units: Iterable[Unit], query: str, *, limit: int = 5,
                threshold: float = 75.0,
                exclude: Callable[[Unit], bool] | None = None) -> list[Hit]:
    """Score every unit from scratch: the slow definition the index must equal."""
    hits = []
    for unit in units:
        if exclude is not None and exclude(unit):
            continue
        score = similarity(query, unit.source)
        if score >= threshold - _EPS:
            hits.append(Hit(unit, score))
    return rank_hits(hits, limit)


def _keys(token_ids: Sequence[int]) -> list[tuple[int, int]]:
    """The multiset of tokens as a sorted set of (token, occurrence) pairs."""
    seen: dict[int, int] = {}
    keys = []
    for token_id in token_ids:
        seen[token_id] = seen.get(token_id, 0) + 1
        keys.append((token_id, seen[token_id]))
    keys.sort()
    return keys


class FuzzyIndex:
    """An in-memory index of TM units for top-k word-level fuzzy look-ups.

    ``min_score`` is the lowest threshold the index serves; lower thresholds scan.
    """

    def __init__(self, min_score: float = 75.0) -> None:
        self.min_score = min_score
        self._vocab: dict[str, int] = {}
        self._chars: list[str] = []  # token id -> its character in the codes
        self._slot_of: dict[str, int] = {}
        self._sources: list[str] = []
        self._codes: list[str] = []
        self._lengths = array("q")
        self._units: list[dict[Hashable, _Row]] = []
        self._postings: dict[tuple[int, int], tuple[array, array]] = {}
        self._where: dict[Hashable, int] = {}
        # A stored snapshot read in place; edits since go to an overlay (the keys
        # edited away from it, and a small index of what was added) until something
        # needs the structures above whole.
        self._frozen: snapshot.Frozen | None = None
        self._removed: set[Hashable] = set()
        self._delta: FuzzyIndex | None = None

    @classmethod
    def build(cls, units: Iterable[Unit], min_score: float = 75.0) -> FuzzyIndex:
        """An index of ``units``; token ids are assigned rarest first."""
        index = cls(min_score)
        units = list(units)
        tokens = {unit.source: tokenize(unit.source) for unit in units}
        frequency = Counter(tok for toks in tokens.values() for tok in set(toks))
        for token in sorted(frequency, key=lambda tok: (frequency[tok], tok)):
            index._vocab[token] = len(index._chars)
            index._chars.append(_char(len(index._chars)))
        for unit in sorted(units, key=lambda u: len(tokens[u.source])):
            index._add(unit, tokens[unit.source])
        return index

    def __len__(self) -> int:
        self._materialize()
        return len(self._where)

    def keys(self) -> set[Hashable]:
        self._materialize()
        return set(self._where)

    def _materialize(self) -> None:
        """Decode a stored snapshot whole into the structures that edits work on."""
        frozen = self._frozen
        if frozen is None:
            return
        self._frozen = None
        self._chars = [_char(i) for i in range(len(self._vocab))]
        self._sources = [frozen.source(slot) for slot in range(frozen.count)]
        self._codes = [frozen.code(slot) for slot in range(frozen.count)]
        self._lengths = array("l", frozen.lengths())
        self._postings = {key: (array("l", slots), array("l", lengths))
                          for key, (slots, lengths) in frozen.postings().items()}
        self._slot_of = {source: slot for slot, source in enumerate(self._sources)}
        self._units = [dict(frozen.units(slot)) for slot in range(frozen.count)]
        self._where = {key: slot for slot, units in enumerate(self._units) for key in units}
        delta, self._delta = self._delta, None
        self.remove(self._removed)
        self._removed = set()
        if delta is not None:
            self.add(unit for key in delta.keys() if (unit := delta.unit(key)) is not None)

    def _source(self, slot: int) -> str:
        return self._frozen.source(slot) if self._frozen is not None else self._sources[slot]

    def _code(self, slot: int) -> str:
        return self._frozen.code(slot) if self._frozen is not None else self._codes[slot]

    def _codes_of(self, slots: list[int]) -> list[str]:
        if self._frozen is not None:
            return self._frozen.codes_of(slots)
        codes = self._codes
        return [codes[slot] for slot in slots]

    def _slot_count(self) -> int:
        return self._frozen.count if self._frozen is not None else len(self._codes)

    def _posting(self, key: tuple[int, int]) -> snapshot.Posting | None:
        if self._frozen is not None:
            return self._frozen.posting(key)
        return self._postings.get(key)

    def unit(self, key: Hashable) -> Unit | None:
        self._materialize()
        slot = self._where.get(key)
        if slot is None or key not in self._units[slot]:
            return None
        return _unit(key, self._sources[slot], self._units[slot][key])

    def add(self, units: Iterable[Unit]) -> None:
        """Add (or replace) units; new tokens rank after the known ones."""
        if self._frozen is not None:  # into the overlay: the snapshot stays as stored
            units = list(units)
            self._removed.update(unit.key for unit in units)
            self._delta = self._delta or FuzzyIndex(self.min_score)
            self._delta.add(units)
            return
        for unit in units:
            self.remove([unit.key])
            self._add(unit, tokenize(unit.source))

    def remove(self, keys: Iterable[Hashable]) -> None:
        if self._frozen is not None:
            keys = list(keys)
            self._removed.update(keys)
            if self._delta is not None:
                self._delta.remove(keys)
            return
        for key in keys:
            slot = self._where.pop(key, None)
            if slot is not None:
                self._units[slot].pop(key, None)

    def _add(self, unit: Unit, tokens: list[str]) -> None:
        slot = self._slot_of.get(unit.source)
        if slot is None:
            slot = self._new_slot(unit.source, tokens)
        self._units[slot][unit.key] = _row(unit)
        self._where[unit.key] = slot

    def _new_slot(self, source: str, tokens: list[str]) -> int:
        vocab, chars = self._vocab, self._chars
        ids = []
        for token in tokens:
            token_id = vocab.get(token)
            if token_id is None:
                token_id = vocab[token] = len(chars)
                chars.append(_char(token_id))
            ids.append(token_id)
        slot = len(self._sources)
        self._slot_of[source] = slot
        self._sources.append(source)
        self._codes.append("".join([chars[i] for i in ids]))
        self._lengths.append(len(ids))
        self._units.append({})
        n = len(ids)
        for key in _keys(ids)[:indexed_keys(n, self.min_score)]:
            slots, lengths = self._postings.setdefault(key, (array("q"), array("q")))
            if not lengths or lengths[-1] <= n:
                slots.append(slot)
                lengths.append(n)
            else:
                at = bisect_right(lengths, n)
                slots.insert(at, slot)
                insort(lengths, n)
        return slot

    def _encode_query(self, tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
        unknown: dict[str, int] = {}
        ids = []
        for token in tokens:
            token_id = self._vocab.get(token)
            if token_id is None:
                token_id = unknown.setdefault(token, len(self._vocab) + len(unknown))
            ids.append(token_id)
        code = "".join(map(_char, ids))
        known = [key for key in _keys(ids) if key[0] < len(self._vocab)]
        rarest_first = [(-1, 0)] * (len(ids) - len(known)) + known
        return code, rarest_first

    def search(self, query: str, *, limit: int = 5, threshold: float = 75.0,
               exclude: Callable[[Unit], bool] | None = None) -> list[Hit]:
        """The ``limit`` best units scoring at least ``threshold``: what :meth:`scan` says."""
        hits = self._search(query, limit, threshold, exclude)
        if self._delta is None:
            return hits
        # Each part's own best are exact, so the best of both are the best of all.
        return rank_hits(hits + self._delta.search(query, limit=limit, threshold=threshold,
                                                   exclude=exclude), limit)

    def _search(self, query: str, limit: int, threshold: float,
                exclude: Callable[[Unit], bool] | None) -> list[Hit]:
        tokens = tokenize(query)
        if not tokens or threshold < self.min_score - _EPS:
            return self._scan(query, limit, threshold, exclude)
        code, keys = self._encode_query(tokens)
        slots = candidates(keys, len(tokens), threshold, self._posting, self._slot_count())
        return rank_hits(self._verify(query, code, slots, threshold, exclude), limit)

    def _verify(self, query: str, code: str, slots: Iterable[int], threshold: float,
                exclude: Callable[[Unit], bool] | None) -> list[Hit]:
        slots = list(slots)
        scored = process.extract(code, self._codes_of(slots), limit=None,
                                 scorer=Levenshtein.normalized_similarity,
                                 score_cutoff=max(threshold / 100 - _CUTOFF_SLACK, 0.0))
        hits: list[Hit] = []
        for _, raw, position in scored:
            slot = slots[position]
            score = 100.0 * raw
            if score == 100.0 and self._source(slot) != query:
                score = 99.0
            if score < threshold - _EPS:
                continue
            hits.extend(Hit(unit, score) for unit in self._slot_units(slot)
                        if exclude is None or not exclude(unit))
        return hits

    def _slot_units(self, slot: int) -> list[Unit]:
        source = self._source(slot)
        if self._frozen is not None:
            return [_unit(key, source, row) for key, row in self._frozen.units(slot)
                    if key not in self._removed]
        return [_unit(key, source, row) for key, row in self._units[slot].items()]

    def scan(self, query: str, *, limit: int = 5, threshold: float = 75.0,
             exclude: Callable[[Unit], bool] | None = None) -> list[Hit]:
        """Score every distinct source: the brute-force baseline, same scores."""
        hits = self._scan(query, limit, threshold, exclude)
        if self._delta is None:
            return hits
        return rank_hits(hits + self._delta.scan(query, limit=limit, threshold=threshold,
                                                 exclude=exclude), limit)

    def _scan(self, query: str, limit: int, threshold: float,
              exclude: Callable[[Unit], bool] | None) -> list[Hit]:
        tokens = tokenize(query)
        if not tokens:
            hits = [Hit(unit, 100.0) for slot in range(self._slot_count())
                    if self._source(slot) == query for unit in self._slot_units(slot)
                    if exclude is None or not exclude(unit)]
            return rank_hits(hits, limit) if threshold <= 100 else []
        code, _ = self._encode_query(tokens)
        return rank_hits(self._verify(query, code, range(self._slot_count()), threshold,
                                      exclude), limit)

    # --- snapshots: a worker starts from a stored index instead of building one ---

    def to_bytes(self) -> bytes:
        """The whole index as bytes for :meth:`from_bytes` (see :mod:`tmgr.tm.snapshot`)."""
        self._materialize()
        return snapshot.encode(self.min_score, list(self._vocab), self._sources, self._codes,
                               self._lengths, self._postings, self._units)

    @classmethod
    def from_bytes(cls, blob: bytes | memoryview) -> FuzzyIndex | None:
        """An index read in place from :meth:`to_bytes`, or None if the bytes are not one."""
        try:
            frozen = snapshot.Frozen(blob)
        except (EOFError, ValueError, TypeError, KeyError, struct.error):
            return None
        index = cls(frozen.min_score)
        index._vocab = {token: i for i, token in enumerate(frozen.vocab)}
        index._frozen = frozen
        return index
