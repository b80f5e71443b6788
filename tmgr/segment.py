"""Split text into sentences with SRX-style rules kept as data.

The rules live in ``tmgr/data/segmentation.toml``: an ordered list of break /
no-break rules (a ``before`` regex, an ``after`` regex, ``break = true/false``),
word lists (abbreviations, sentence starters) and list-marker patterns. The file
documents itself; editors change it, not this module.

A sentence only ends in a whitespace gap. The candidate gaps are found with one
regex scan; at each, the rules are tried in order and the first that matches
decides. Every regex sees a bounded window around its gap, so the work per gap
is bounded and the whole split is linear in the length of the text.

    >>> split_sentences("He lives in the U.S. The EU is far. See No. 5.")
    ['He lives in the U.S.', 'The EU is far.', 'See No. 5.']
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from tmgr.data import data_file
from tmgr.errors import ConfigError

Span = tuple[int, int]

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
_RULE_KEYS = {"name", "break", "before", "after", "gap"}
_WHITESPACE = re.compile(r"\s*")
_HINT = "see the comments at the top of tmgr/data/segmentation.toml"


@dataclass(frozen=True)
class Lookback:
    """A regex that must match the text ending at a given index."""

    pattern: re.Pattern[str]  # ends with \Z
    reach: int  # how far back a match can start; searching no further keeps it cheap

    def ends_at(self, text: str, index: int) -> bool:
        """Whether the pattern matches text ending at ``index``."""
        return self.pattern.search(text, max(0, index - self.reach), index) is not None


@dataclass(frozen=True)
class Rule:
    """One ordered rule: at a gap, break (or not) when all its parts match."""

    name: str
    breaks: bool
    before: Lookback | None
    after: re.Pattern[str] | None
    gap: re.Pattern[str] | None


@dataclass(frozen=True)
class ListRules:
    """How list items are recognised (the ``lists`` table of a rules file)."""

    marker: Lookback
    item: re.Pattern[str]
    not_after: Lookback | None
    opens_after: Lookback | None
    bullet: re.Pattern[str] | None


@dataclass(frozen=True)
class SegmentationRules:
    """Everything the segmenter needs, compiled from one rules file."""

    rules: tuple[Rule, ...]
    candidates: re.Pattern[str]
    lists: ListRules
    lookahead: int


def default_rules_text() -> str:
    """The text of the rules file shipped with tmgr."""
    return data_file("segmentation.toml").read_text("utf-8")


def load_rules(path: str | Path | None = None) -> SegmentationRules:
    """Read and compile a rules file (the shipped one when ``path`` is None)."""
    if path is None:
        return parse_rules(default_rules_text(), source="tmgr/data/segmentation.toml")
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read segmentation rules {path}: {exc.strerror}",
                          hint="check the path") from exc
    return parse_rules(text, source=str(path))


def parse_rules(toml_text: str, *, source: str = "<string>") -> SegmentationRules:
    """Compile the TOML text of a rules file; raise ConfigError when it is broken."""
    try:
        return _compile(tomllib.loads(toml_text))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"segmentation rules {source} are not valid TOML: {exc}") from exc
    except KeyError as exc:
        raise ConfigError(f"segmentation rules {source} lack the setting {exc.args[0]!r}",
                          hint=_HINT) from exc
    except (TypeError, ValueError, re.error) as exc:
        raise ConfigError(f"segmentation rules {source} are invalid: {exc}",
                          hint=_HINT) from exc


def _compile(data: dict[str, Any]) -> SegmentationRules:
    names = _Namespace(data)
    settings, lists = data["settings"], data["lists"]
    lookbehind = int(settings.get("lookbehind", 40))

    def lookback(pattern: str) -> Lookback:
        compiled = re.compile(f"(?:{names.expand(pattern)})\\Z")
        return Lookback(compiled, _reach(compiled, lookbehind))

    marker = lookback(f"(?<!\\S)(?:{lists['marker']})")
    if missing := {"number", "letter", "bullet"} - set(marker.pattern.groupindex):
        raise ValueError(f"lists.marker lacks the named groups {sorted(missing)}")
    not_after, opens_after, bullet = (lists.get(key) for key in
                                      ("not_after", "opens_after", "bullet"))
    return SegmentationRules(
        rules=tuple(_compile_rule(raw, names, lookback) for raw in data.get("rule", [])),
        candidates=re.compile(names.expand(settings["candidates"])),
        lists=ListRules(marker=marker, item=re.compile(names.expand(lists["item"])),
                        not_after=lookback(not_after) if not_after else None,
                        opens_after=lookback(opens_after) if opens_after else None,
                        bullet=re.compile(names.expand(bullet)) if bullet else None),
        lookahead=int(settings.get("lookahead", 40)),
    )


def _compile_rule(raw: dict[str, Any], names: _Namespace,
                  lookback: Callable[[str], Lookback]) -> Rule:
    name = str(raw.get("name", "unnamed rule"))
    if set(raw) - _RULE_KEYS:
        raise ValueError(f"rule {name!r} has unknown keys {sorted(set(raw) - _RULE_KEYS)}")
    if not isinstance(raw.get("break"), bool):
        raise ValueError(f"rule {name!r} needs break = true or false")
    before, after, gap = (str(raw.get(key, "")) for key in ("before", "after", "gap"))
    try:
        return Rule(name=name, breaks=raw["break"],
                    before=lookback(before) if before else None,
                    after=re.compile(names.expand(after)) if after else None,
                    gap=re.compile(names.expand(gap)) if gap else None)
    except re.error as exc:
        raise ValueError(f"rule {name!r} has a bad regex: {exc}") from exc


def _reach(pattern: re.Pattern[str], lookbehind: int) -> int:
    """The longest text ``pattern`` can match, capped by ``lookbehind``."""
    try:  # the parser is private; without it, look back the whole window
        longest = re._parser.parse(pattern.pattern).getwidth()[1]  # type: ignore[attr-defined]
    except Exception:
        return lookbehind
    return min(lookbehind, int(longest))


class _Namespace:
    """The ``{name}`` placeholders of a rules file: classes, words, patterns."""

    def __init__(self, data: dict[str, Any]) -> None:
        self._values: dict[str, str] = {}
        for name, chars in data.get("classes", {}).items():
            self._values[name] = str(chars)
        for name, words in data.get("words", {}).items():
            self._values[name] = _word_alternation(words)
        for name, pattern in data.get("patterns", {}).items():
            self._values[name] = f"(?:{self.expand(pattern)})"

    def expand(self, pattern: str) -> str:
        """Replace each ``{name}``; regex counts like ``{2,}`` are left alone."""
        def replace(match: re.Match[str]) -> str:
            if match[1] not in self._values:
                raise ValueError(f"unknown placeholder {match[0]} in {pattern!r}")
            return self._values[match[1]]

        return _PLACEHOLDER.sub(replace, pattern)


def _word_alternation(words: list[str]) -> str:
    """A regex matching exactly one of ``words``, as a whole word."""
    if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
        raise ValueError("each entry of the words table must be a list of non-empty strings")
    alternatives = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
    return f"(?<![\\w.])(?:{alternatives})(?!\\w)"


# A rule ready to run: (gap search, after match, before search, before reach).
_Check = tuple[Callable[..., Any] | None, Callable[..., Any] | None,
               Callable[..., Any] | None, int]


def _check(rule: Rule) -> _Check:
    return (rule.gap.search if rule.gap else None, rule.after.match if rule.after else None,
            rule.before.pattern.search if rule.before else None,
            rule.before.reach if rule.before else 0)


def _any_applies(checks: tuple[_Check, ...], text: str, start: int, end: int,
                 horizon: int) -> bool:
    """Whether one of ``checks`` applies to the whitespace gap text[start:end].

    ``after`` sees the text up to ``horizon``; ``before`` looks back its reach.
    This is the hot loop, kept flat on purpose.
    """
    for gap, after, before, reach in checks:
        if ((gap is None or gap(text, start, end) is not None)
                and (after is None or after(text, end, horizon) is not None)
                and (before is None
                     or before(text, start - reach if start > reach else 0, start) is not None)):
            return True
    return False


class Segmenter:
    """Splits text into sentences by one compiled set of rules."""

    def __init__(self, rules: SegmentationRules) -> None:
        self.rules = rules
        # For each break rule, the no-break rules listed before it: it decides
        # a gap only when none of them matches there (SRX: the first rule wins).
        self._plan = [((_check(rule),), tuple(_check(r) for r in rules.rules[:i] if not r.breaks))
                      for i, rule in enumerate(rules.rules) if rule.breaks]

    @classmethod
    def from_file(cls, path: str | Path) -> Segmenter:
        """A segmenter using the rules file at ``path``."""
        return cls(load_rules(path))

    def split(self, text: str) -> list[str]:
        """The sentences of ``text``, without surrounding whitespace."""
        return [text[start:end] for start, end in self.spans(text)]

    def spans(self, text: str) -> list[Span]:
        """(start, end) offsets of each sentence of ``text``, whitespace stripped."""
        first = len(text) - len(text.lstrip())
        last = len(text.rstrip())
        if first >= last:
            return []
        gaps = self._candidate_gaps(text, first, last)
        decided = self._list_decisions(text, gaps)
        if decided:
            gaps = sorted(set(gaps).union((start, end) for start, (end, _) in decided.items()))
        spans: list[Span] = []
        begin = first
        for start, end in gaps:
            known = decided.get(start)
            if known[1] if known else self._breaks(text, start, end):
                if start > begin:
                    spans.append((begin, start))
                begin = end
        if last > begin:
            spans.append((begin, last))
        return spans

    def _candidate_gaps(self, text: str, first: int, last: int) -> list[Span]:
        """The whitespace gaps marked by ``candidates``, in text order."""
        gaps: list[Span] = []
        covered = -1
        for match in self.rules.candidates.finditer(text, first, last):
            start = match.end()
            if start > covered:
                if text[start - 1].isspace():
                    start = _gap_start(text, start)
                covered = _gap_end(text, start)
                if covered > start:
                    gaps.append((start, covered))
        return gaps

    def _breaks(self, text: str, start: int, end: int) -> bool:
        """Whether the first rule matching at gap text[start:end] is a break rule."""
        horizon = end + self.rules.lookahead
        for rule, exceptions in self._plan:
            if _any_applies(rule, text, start, end, horizon):
                return not _any_applies(exceptions, text, start, end, horizon)
        return False

    def _list_decisions(self, text: str, gaps: list[Span]) -> dict[int, tuple[int, bool]]:
        """Gaps decided by list items: gap start -> (gap end, breaks).

        A list marker that counts gets a break before it and none right after.
        """
        decided: dict[int, tuple[int, bool]] = {}
        for before, after in self._numbered_items(text, gaps):
            if before is not None:
                decided[before[0]] = (before[1], True)
            decided.setdefault(after[0], (after[1], False))
        for before in self._bulleted_items(text):
            decided[before[0]] = (before[1], True)
        return decided

    def _numbered_items(self, text: str, gaps: list[Span]) -> list[tuple[Span | None, Span]]:
        """(gap before, gap after) of each numbered list marker that counts.

        A marker counts when it opens a line, the text or a bulleted item, when
        it follows a sentence end or a colon (``opens_after``), or when it comes
        next in sequence after a marker that counts (1. -> 2., a) -> b)).
        """
        items: list[tuple[Span | None, Span]] = []
        last_of_kind: dict[str, int] = {}
        for gap in gaps:
            marker = self._list_marker(text, gap)
            if marker is None:
                continue
            before = _gap_around(text, marker.start())
            kind, value = _marker_value(marker)
            if last_of_kind.pop(kind, None) == value - 1 or _opens_item(
                    text, marker, before, self.rules.lists.opens_after):
                items.append((before if before and before[0] > 0 else None, gap))
                last_of_kind[kind] = value
        return items

    def _list_marker(self, text: str, gap: Span) -> re.Match[str] | None:
        """The list marker that ends where ``gap`` starts, if one does."""
        lists = self.rules.lists
        if lists.item.match(text, gap[1], gap[1] + self.rules.lookahead) is None:
            return None
        marker = lists.marker.pattern.search(text, max(0, gap[0] - lists.marker.reach), gap[0])
        if marker is None or lists.not_after is None:
            return marker
        if lists.not_after.ends_at(text, _gap_start(text, marker.start())):
            return None
        return marker

    def _bulleted_items(self, text: str) -> list[Span]:
        """The gaps before each list bullet."""
        if self.rules.lists.bullet is None:
            return []
        gaps = (_gap_around(text, m.start()) for m in self.rules.lists.bullet.finditer(text))
        return [gap for gap in gaps if gap is not None and gap[0] > 0]


def _opens_item(text: str, marker: re.Match[str], before: Span | None,
                opens_after: Lookback | None) -> bool:
    """Whether a list marker stands where an item may start by itself."""
    if before is None or before[0] == 0 or marker["bullet"] is not None:
        return True
    if "\n" in text[before[0]:before[1]]:
        return True
    return opens_after is not None and opens_after.ends_at(text, before[0])


def _marker_value(match: re.Match[str]) -> tuple[str, int]:
    """('number' or 'letter', place in its sequence) of a list marker."""
    if match["number"] is not None:
        return "number", int(match["number"])
    if match["letter"] is not None:
        return "letter", ord(match["letter"]) - ord("a") + 1
    return "other", -1


def _gap_start(text: str, index: int) -> int:
    """Where the whitespace run that ends at or holds ``index`` starts."""
    while index > 0 and text[index - 1].isspace():
        index -= 1
    return index


def _gap_end(text: str, index: int) -> int:
    """Where the whitespace run that starts at or holds ``index`` ends."""
    match = _WHITESPACE.match(text, index)
    return match.end() if match else index


def _gap_around(text: str, index: int) -> Span | None:
    """The whole whitespace run that ``index`` starts, ends or lies in, if any."""
    start, end = _gap_start(text, index), _gap_end(text, index)
    return (start, end) if end > start else None


@cache
def default_segmenter() -> Segmenter:
    """The segmenter of the shipped rules, compiled once."""
    return Segmenter(load_rules())


def sentence_spans(text: str) -> list[Span]:
    """(start, end) offsets of each sentence of ``text``, whitespace stripped."""
    return default_segmenter().spans(text)


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text``, without surrounding whitespace."""
    return [text[start:end] for start, end in sentence_spans(text)]
