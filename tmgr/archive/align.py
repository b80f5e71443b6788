"""Align the published translations of one commentary with its English, sentence by sentence.

Paragraphs first, then sentences within each pair of paragraphs, both with one
dynamic programme over "beads" (1-1, 1-2, 2-1, 1-0, 0-1). A bead's cost is
Gale–Church's length cost (the ratio of lengths is learned from the article itself)
plus a prior per bead shape, minus what the anchors (numbers, names, quotes,
question marks) agree on. Paragraphs left over by the monotone pass (a reordered
paragraph) are paired afterwards by their anchors.

Belarusian against Russian is aligned the same way with word similarity through
Apertium ru→be as the anchor; where the two translations agree on which English
sentence they render, both links gain confidence (the "witness").

    links = align_article(article_versions, witness=None)
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from tmgr.archive.anchors import Features, anchor_score, features, merged, stem_similarity

#: links at or above this confidence go into the memory without a person
CONFIDENT = 0.6
_BEADS = {(1, 1): 0.0, (1, 2): 2.3, (2, 1): 2.3, (1, 0): 3.0, (0, 1): 3.0}
_PARAGRAPH_BEADS = {(1, 1): 0.0, (1, 2): 3.0, (2, 1): 3.0, (1, 0): 3.5, (0, 1): 3.5}
_VARIANCE = 6.8  # Gale–Church: variance of the length difference per character
_ANCHOR_WEIGHT = 4.0
_SKIP_COST = 1.5  # length cost of a sentence or paragraph with nothing opposite
_SAME_RATIO = 0.005  # a second pass whose length ratio differs less than this is skipped

Bead = tuple[tuple[int, ...], tuple[int, ...]]
Scorer = Callable[[Features, Features], float]


@dataclass(frozen=True)
class Link:
    """English sentences ``en`` rendered by ``target`` sentences (indices in reading order).

    One side is empty for a sentence with nothing opposite (1-0, 0-1).
    """

    en: tuple[int, ...]
    target: tuple[int, ...]
    confidence: float

    @property
    def confident(self) -> bool:
        return bool(self.en and self.target) and self.confidence >= CONFIDENT


def length_probability(a: int, b: int, ratio: float) -> float:
    """Gale–Church: how likely a text of ``b`` characters renders one of ``a`` (0..1]."""
    if a == 0 and b == 0:
        return 1.0
    mean = max(a * ratio, 1.0)
    delta = (b - mean) / math.sqrt(max((a + b / ratio) / 2, 1.0) * _VARIANCE)
    return max(math.erfc(abs(delta) / math.sqrt(2)), 1e-12)


def _bead_cost(a: Features | None, b: Features | None, ratio: float, scorer: Scorer
               ) -> tuple[float, float]:
    """(cost, agreement) of pairing ``a`` with ``b``; None is an empty side."""
    if a is None or b is None:
        return _SKIP_COST, 0.0
    agreement = scorer(a, b)
    fit = -math.log(length_probability(a.length, b.length, ratio))
    return fit - _ANCHOR_WEIGHT * agreement, agreement


def _pair_cost(a: Features, b: Features, ratio: float, scorer: Scorer) -> float:
    """What :func:`_bead_cost` says of two non-empty sides, computed the same way."""
    return -math.log(length_probability(a.length, b.length, ratio)) \
        - _ANCHOR_WEIGHT * scorer(a, b)


def align_sequences(left: Sequence[Features], right: Sequence[Features], *,
                    ratio: float, beads: dict[tuple[int, int], float],
                    scorer: Scorer = anchor_score) -> list[tuple[Bead, float]]:
    """The cheapest monotone chain of beads over both sequences, with each bead's cost."""
    n, m = len(left), len(right)
    windows_l = _windows(left)
    windows_r = _windows(right)
    best = [[math.inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    shapes = list(beads.items())
    for i in range(n + 1):
        row = best[i]
        for j in range(m + 1):
            here = row[j]
            if here == math.inf:
                continue
            for shape, prior in shapes:
                di, dj = shape
                if i + di > n or j + dj > m:
                    continue
                if di and dj:
                    cost = here + prior + _pair_cost(windows_l[di][i], windows_r[dj][j], ratio,
                                                     scorer)
                else:
                    cost = here + prior + _SKIP_COST
                if cost < best[i + di][j + dj]:
                    best[i + di][j + dj], back[i + di][j + dj] = cost, shape
    chain: list[tuple[Bead, float]] = []
    i, j = n, m
    while i or j:
        step = back[i][j]
        assert step is not None
        di, dj = step
        bead = (tuple(range(i - di, i)), tuple(range(j - dj, j)))
        chain.append((bead, best[i][j] - best[i - di][j - dj]))
        i, j = i - di, j - dj
    return chain[::-1]


def _windows(items: Sequence[Features]) -> dict[int, list[Features]]:
    """Each item alone (1) and merged with the next (2), by where the window starts."""
    return {1: list(items), 2: [_merged_pair(items[k], items[k + 1])
                                for k in range(len(items) - 1)]}


@lru_cache(maxsize=65_536)
def _merged_pair(first: Features, second: Features) -> Features:
    """Two neighbours read as one: both passes and all three pairs ask for the same ones."""
    return merged((first, second))


def _ratio(left: Sequence[Features], right: Sequence[Features]) -> float:
    a, b = sum(f.length for f in left), sum(f.length for f in right)
    return min(max(b / a, 0.5), 2.0) if a and b else 1.0


def align_paragraphs(left: Sequence[Features], right: Sequence[Features], ratio: float,
                     scorer: Scorer = anchor_score,
                     sizes: tuple[Sequence[int], Sequence[int]] = ((), ())) -> list[Bead]:
    """Paragraph beads in order; leftovers of the monotone pass paired by anchors."""
    chain = [bead for bead, _ in align_sequences(left, right, ratio=ratio,
                                                 beads=_PARAGRAPH_BEADS, scorer=scorer)]
    lone_left = [b[0][0] for b in chain if not b[1]]
    lone_right = [b[1][0] for b in chain if not b[0]]
    for i in lone_left:
        scored = [(scorer(left[i], right[j]) + 0.3 * (sizes[0][i] == sizes[1][j])
                   + 0.5 * length_probability(left[i].length, right[j].length, ratio), j)
                  for j in lone_right]
        if scored and max(scored)[0] >= 0.6:
            j = max(scored)[1]
            lone_right.remove(j)
            chain = [b for b in chain if b != ((i,), ()) and b != ((), (j,))]
            chain.append(((i,), (j,)))
    return chain


@dataclass(frozen=True)
class Side:
    """One language's sentences grouped in paragraphs, with their features."""

    lang: str
    paragraphs: list[list[str]]

    def sentence_features(self) -> list[list[Features]]:
        return [[features(s, self.lang) for s in p] for p in self.paragraphs]

    def offsets(self) -> list[int]:
        starts, total = [], 0
        for paragraph in self.paragraphs:
            starts.append(total)
            total += len(paragraph)
        return starts


def align_pair(left: Side, right: Side, scorer: Scorer = anchor_score) -> list[Link]:
    """Sentence links of ``right`` against ``left`` (global sentence indices).

    A first pass with the ratio of the whole texts' lengths finds the sure 1-1 links;
    the ratio of those (a dropped sentence does not skew it) drives the second pass.
    """
    left_f, right_f = left.sentence_features(), right.sentence_features()
    flat_l = [f for p in left_f for f in p]
    flat_r = [f for p in right_f for f in p]
    first_ratio = _ratio(flat_l, flat_r)
    first = _align_with(left, right, left_f, right_f, first_ratio, scorer)
    sure = [link for link in first if len(link.en) == len(link.target) == 1
            and link.confidence >= 0.8]
    if len(sure) < 3:
        return first
    ratio = _ratio([flat_l[link.en[0]] for link in sure],
                   [flat_r[link.target[0]] for link in sure])
    if abs(ratio - first_ratio) <= _SAME_RATIO * first_ratio:
        return first  # the second pass would find the same links
    return _align_with(left, right, left_f, right_f, ratio, scorer)


def _align_with(left: Side, right: Side, left_f: list[list[Features]],
                right_f: list[list[Features]], ratio: float, scorer: Scorer) -> list[Link]:
    para_l = [merged(p) for p in left_f]
    para_r = [merged(p) for p in right_f]
    starts_l, starts_r = left.offsets(), right.offsets()
    links: list[Link] = []
    sizes = ([len(p) for p in left_f], [len(p) for p in right_f])
    for pl, pr in align_paragraphs(para_l, para_r, ratio, scorer, sizes):
        sent_l = [(starts_l[p] + k, f) for p in pl for k, f in enumerate(left_f[p])]
        sent_r = [(starts_r[p] + k, f) for p in pr for k, f in enumerate(right_f[p])]
        whole = len(pl) == len(pr) == 1 and len(sent_l) == len(sent_r)
        for (bl, br), _ in align_sequences([f for _, f in sent_l], [f for _, f in sent_r],
                                              ratio=ratio, beads=_BEADS, scorer=scorer):
            a = merged([sent_l[k][1] for k in bl]) if bl else None
            b = merged([sent_r[k][1] for k in br]) if br else None
            links.append(Link(tuple(sent_l[k][0] for k in bl), tuple(sent_r[k][0] for k in br),
                              _confidence(a, b, ratio, scorer, whole)))
    links.sort(key=lambda link: (link.en[:1] or (10**9,), link.target[:1] or (10**9,)))
    return links


def _confidence(a: Features | None, b: Features | None, ratio: float, scorer: Scorer,
                whole: bool) -> float:
    """How sure a link is (0..1) from length fit, anchors and the paragraph's shape."""
    if a is None or b is None:
        return 0.5 + (0.2 if whole else 0.0)
    fit = length_probability(a.length, b.length, ratio)
    agreement = scorer(a, b)
    confidence = 0.3 + 0.35 * fit + 0.35 * agreement + (0.15 if whole else 0.0)
    return max(0.0, min(1.0, confidence))


def witness_score(be: Features, ru_in_be: Features) -> float:
    """Scores BE against Apertium's BE of the RU: shared word stems, then anchors."""
    return max(-1.0, min(1.0, 2.5 * stem_similarity(be, ru_in_be) - 0.5
                         + 0.3 * anchor_score(be, ru_in_be)))


def apply_witness(en_be: list[Link], en_ru: list[Link], be_ru: list[Link]
                  ) -> tuple[list[Link], list[Link]]:
    """Raise the confidence of EN links the BE–RU alignment agrees with; lower the others."""
    agreed = {(link.en, link.target) for link in be_ru if link.en and link.target}
    be_of = {link.en: link.target for link in en_be if link.en and link.target}
    ru_of = {link.en: link.target for link in en_ru if link.en and link.target}

    def adjust(links: list[Link], other: dict[tuple[int, ...], tuple[int, ...]], be_first: bool
               ) -> list[Link]:
        out = []
        for link in links:
            partner = other.get(link.en)
            if not link.en or not link.target or partner is None:
                out.append(link)
                continue
            pair = (link.target, partner) if be_first else (partner, link.target)
            change = 0.3 if pair in agreed else -0.15
            out.append(Link(link.en, link.target,
                            max(0.0, min(1.0, link.confidence + change))))
        return out

    return adjust(en_be, ru_of, True), adjust(en_ru, be_of, False)
