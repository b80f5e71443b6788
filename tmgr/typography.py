"""Language-correct typography for published texts, with a list of what changed.

Rules and their word lists live in ``tmgr/data/typography.toml``; an instance can
override them under ``[typography]`` in its ``tmgr.toml``. :meth:`Typography.apply`
returns the new text and one :class:`Change` per replacement, so an export can
report exactly what it did.

Text may contain the invisible marks :data:`GAP_OPEN` and :data:`GAP_CLOSE`
(exports use them to delimit unapproved text); rules step over them.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from tmgr.data import data_file, load_toml
from tmgr.errors import ConfigError

NBSP = "\u00a0"
GAP_OPEN, GAP_CLOSE = "\ue000", "\ue001"
MARKS = GAP_OPEN + GAP_CLOSE
RULES = ("ellipsis", "quotes", "apostrophes", "dashes", "ranges", "thousands",
         "decimal_comma", "nbsp")
_QUOTE_CHARS = '"“”„«»'
_OPENING_CONTEXT = "([{/—–-" + "«„“\""


@dataclass(frozen=True)
class Change:
    """One replacement: which rule, what it replaced, with what, and where."""

    rule: str
    before: str
    after: str
    context: str

    def describe(self) -> str:
        """One line for people; non-breaking spaces are shown as ␣."""
        return (f"{self.rule}: {visible(self.before)!r} -> {visible(self.after)!r} "
                f"in …{visible(self.context)}…")

    def as_dict(self) -> dict[str, str]:
        return {"rule": self.rule, "before": self.before, "after": self.after,
                "context": self.context}


def visible(text: str) -> str:
    return text.replace(NBSP, "␣").replace(GAP_OPEN, "").replace(GAP_CLOSE, "")


@dataclass(frozen=True)
class Typography:
    """The typographic rules of one language."""

    lang: str
    rules: tuple[str, ...]
    quotes: tuple[str, str, str, str]
    range_dash: str
    nbsp_after: tuple[str, ...]
    nbsp_before: tuple[str, ...]

    def apply(self, text: str, *, source: str = "",
              only: Iterable[str] | None = None) -> tuple[str, list[Change]]:
        """Return ``text`` typeset and the changes made.

        ``source`` is the English original, consulted by the ``thousands`` rule;
        ``only`` narrows the rules to a subset of those enabled.
        """
        wanted = set(only) if only is not None else None
        changes: list[Change] = []
        for rule in self.rules:
            if wanted is None or rule in wanted:
                text = _RULE_FUNCTIONS[rule](self, text, source, changes)
        return text, changes


def _context(text: str, start: int, end: int, width: int = 20) -> str:
    return text[max(0, start - width):end + width].replace(GAP_OPEN, "").replace(GAP_CLOSE, "")


def _substitute(rule: str, pattern: re.Pattern[str], replacement: Callable[[re.Match[str]], str],
                text: str, changes: list[Change]) -> str:
    def replace_match(match: re.Match[str]) -> str:
        new = replacement(match)
        if new != match.group(0):
            changes.append(Change(rule, match.group(0), new,
                                  _context(text, match.start(), match.end())))
        return new

    return pattern.sub(replace_match, text)


_ELLIPSIS = re.compile(r"\.\.\.(?!\.)")
_APOSTROPHE = re.compile(r"(?<=[^\W\d_])'(?=[^\W\d_])")
_DASH = re.compile(r"(?<=\S)[ \u00a0]+(?:--?|–|—)[ \u00a0]+(?=\S)")
_RANGE = re.compile(r"(?<![\w.,\-–—])(\d{1,4})(?: ?[-–] ?|[—])(\d{1,4})(?![\d\-–—]|[.,]\d)")
_THOUSANDS = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?!\d|[.,]\d)")
_DECIMAL = re.compile(r"(?<![\d.,])(\d+)\.(\d+)(?!\d|[.,]\d)")
_INITIAL = re.compile(r"(?<![\w.])([A-ZА-ЯЁІЎ]\.) (?=[A-ZА-ЯЁІЎ])")
_SIGN = re.compile(r"([№§]) (?=\d)")


def _ellipsis(typo: Typography, text: str, source: str, changes: list[Change]) -> str:
    return _substitute("ellipsis", _ELLIPSIS, lambda m: "…", text, changes)


def _apostrophes(typo: Typography, text: str, source: str, changes: list[Change]) -> str:
    return _substitute("apostrophes", _APOSTROPHE, lambda m: "’", text, changes)


def _dashes(typo: Typography, text: str, source: str, changes: list[Change]) -> str:
    return _substitute("dashes", _DASH, lambda m: f"{NBSP}— ", text, changes)


def _ranges(typo: Typography, text: str, source: str, changes: list[Change]) -> str:
    return _substitute("ranges", _RANGE,
                       lambda m: f"{m.group(1)}{typo.range_dash}{m.group(2)}", text, changes)


def _thousands(typo: Typography, text: str, source: str, changes: list[Change]) -> str:
    english = set(_THOUSANDS.findall(source))
    return _substitute("thousands", _THOUSANDS,
                       lambda m: m.group(0).replace(",", NBSP) if m.group(0) in english
                       else m.group(0), text, changes)


def _decimal_comma(typo: Typography, text: str, source: str, changes: list[Change]) -> str:
    return _substitute("decimal_comma", _DECIMAL, lambda m: f"{m.group(1)},{m.group(2)}",
                       text, changes)


@functools.lru_cache(maxsize=32)
def _word_patterns(after: tuple[str, ...],
                   before: tuple[str, ...]) -> tuple[re.Pattern[str] | None, ...]:
    def alternation(words: tuple[str, ...]) -> str:
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

    short = (re.compile(rf"(?<![\w\-])({alternation(after)}) (?=\S)", re.IGNORECASE)
             if after else None)
    unit = (re.compile(rf"(?<=\d) ({alternation(before)})(?!\w)") if before else None)
    return short, unit


def _nbsp(typo: Typography, text: str, source: str, changes: list[Change]) -> str:
    short, unit = _word_patterns(typo.nbsp_after, typo.nbsp_before)
    if short is not None:
        # twice, so that runs of short words ("и в") are all bound to what follows
        for _ in range(2):
            text = _substitute("nbsp", short, lambda m: f"{m.group(1)}{NBSP}", text, changes)
    if unit is not None:
        text = _substitute("nbsp", unit, lambda m: f"{NBSP}{m.group(1)}", text, changes)
    text = _substitute("nbsp", _INITIAL, lambda m: f"{m.group(1)}{NBSP}", text, changes)
    return _substitute("nbsp", _SIGN, lambda m: f"{m.group(1)}{NBSP}", text, changes)


def _neighbour(text: str, index: int, step: int) -> str:
    """The nearest character before (step -1) or after (+1) ``index``, skipping marks."""
    index += step
    while 0 <= index < len(text) and text[index] in MARKS:
        index += step
    return text[index] if 0 <= index < len(text) else ""


def _opens(text: str, index: int) -> bool:
    char = text[index]
    if char in "«„":
        return True
    if char == "»":
        return False
    before, after = _neighbour(text, index, -1), _neighbour(text, index, 1)
    if not before or before.isspace() or before in _OPENING_CONTEXT:
        return bool(after) and not after.isspace()
    return False


def _quotes(typo: Typography, text: str, source: str, changes: list[Change]) -> str:
    outer_open, outer_close, inner_open, inner_close = typo.quotes
    chars, depth = list(text), 0
    for index, char in enumerate(text):
        if char not in _QUOTE_CHARS:
            continue
        if _opens(text, index):
            depth += 1
            new = outer_open if depth == 1 else inner_open
        else:
            new = outer_close if depth <= 1 else inner_close
            depth = max(depth - 1, 0)
        if new != char:
            chars[index] = new
            changes.append(Change("quotes", char, new, _context(text, index, index + 1)))
    return "".join(chars)


_RULE_FUNCTIONS: dict[str, Callable[[Typography, str, str, list[Change]], str]] = {
    "ellipsis": _ellipsis, "quotes": _quotes, "apostrophes": _apostrophes,
    "dashes": _dashes, "ranges": _ranges, "thousands": _thousands,
    "decimal_comma": _decimal_comma, "nbsp": _nbsp,
}


@functools.lru_cache(maxsize=1)
def _shipped_tables() -> dict[str, Any]:
    return load_toml(data_file("typography.toml"))


def _build(lang: str, table: Mapping[str, Any]) -> Typography:
    try:
        rules = tuple(table["rules"])
        quotes = tuple(table["quotes"])
        typo = Typography(lang=lang, rules=rules, quotes=quotes,
                          range_dash=str(table["range_dash"]),
                          nbsp_after=tuple(table["nbsp_after"]),
                          nbsp_before=tuple(table["nbsp_before"]))
    except (KeyError, TypeError) as exc:
        raise ConfigError(f"typography for {lang!r}: missing or malformed {exc}") from exc
    unknown = [rule for rule in rules if rule not in _RULE_FUNCTIONS]
    if unknown:
        raise ConfigError(f"typography for {lang!r}: unknown rule {', '.join(unknown)}",
                          hint=f"rules are: {', '.join(RULES)}")
    if len(quotes) != 4:
        raise ConfigError(f"typography for {lang!r}: quotes needs four characters")
    return typo


def typography_for(lang: str, overrides: Mapping[str, Any] | None = None) -> Typography | None:
    """The rules for ``lang`` (shipped table + ``[typography]`` overrides), or None if off."""
    overrides = overrides or {}
    if overrides.get("enabled", True) is False:
        return None
    shipped = _shipped_tables()
    table = dict(shipped.get(lang, shipped["default"]))
    local = overrides.get(lang, {})
    if not isinstance(local, Mapping):
        raise ConfigError(f"[typography.{lang}] must be a table")
    table.update(local)
    return _build(lang, table)


def without_rules(typo: Typography, *names: str) -> Typography:
    """A copy of ``typo`` with some rules switched off."""
    return replace(typo, rules=tuple(r for r in typo.rules if r not in names))
