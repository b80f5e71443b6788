"""Site boilerplate rules: which lines and paragraphs of a source are not the article.

The rules are data, in ``tmgr/data/boilerplate.toml`` (its format is documented at its
top). ``BoilerplateRules.load(path)`` reads another file, e.g. in tests.
"""

from __future__ import annotations

import enum
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tmgr.data import data_file, load_toml, patterns, strings, table
from tmgr.errors import ConfigError
from tmgr.readers.base import normalise

DEFAULT_RULES_FILE = "boilerplate.toml"
_KEYS = {"lines", "prefixes", "patterns"}
MEMO_LIMIT = 20_000  # remembered answers per rule set (boilerplate lines repeat)
#: decoration around a whole-line match that does not make it a different line
_DECORATION = " .:!?→»›←«‹|•·"


class Action(enum.Enum):
    """What a matching rule does with the text."""

    DROP = "drop"  # remove this line or paragraph
    CUT = "cut"  # remove it and everything after it


@dataclass(frozen=True)
class Matcher:
    """One set of rules: whole lines, prefixes and regular expressions."""

    lines: frozenset[str] = frozenset()
    prefixes: tuple[str, ...] = ()
    patterns: tuple[re.Pattern[str], ...] = ()

    @classmethod
    def from_table(cls, data: dict[str, Any], key: str, source: Path) -> Matcher:
        """Build a matcher from the ``[drop]`` or ``[cut]`` table of a rules file."""
        section = table(data, key, _KEYS, source)
        lines = strings(section, "lines", key, source)
        prefixes = strings(section, "prefixes", key, source)
        return cls(
            lines=frozenset(normalise(line).strip(_DECORATION) for line in lines),
            prefixes=tuple(normalise(prefix) for prefix in prefixes),
            patterns=patterns(strings(section, "patterns", key, source), f"[{key}]", source),
        )

    def matches(self, text: str) -> bool:
        """Whether ``text`` (a line or a whole paragraph) is matched by a rule."""
        return self.matches_normalised(normalise(text), " ".join(text.split()))

    def matches_normalised(self, key: str, flat: str) -> bool:
        """``matches`` for text already normalised (``key``) and flattened (``flat``)."""
        return self.rule_for(key, flat) is not None

    def rule_for(self, key: str, flat: str) -> str | None:
        """The rule that matches (``lines: Read more``, ``prefixes: ...``), or None."""
        bare = key.strip(_DECORATION)
        if bare in self.lines:
            return f"lines: {bare}"
        prefix = next((p for p in self.prefixes if key.startswith(p)), None)
        if prefix is not None:
            return f"prefixes: {prefix}"
        pattern = next((p for p in self.patterns if p.search(flat)), None)
        return f"patterns: {pattern.pattern}" if pattern is not None else None


@dataclass(frozen=True)
class BoilerplateRules:
    """The drop and cut rules the reader applies to every line and paragraph."""

    drop: Matcher = Matcher()
    cut: Matcher = Matcher()

    @classmethod
    def load(cls, path: Path | None = None) -> BoilerplateRules:
        """Read rules from ``path`` (default: the shipped ``tmgr/data/boilerplate.toml``)."""
        source = path if path is not None else data_file(DEFAULT_RULES_FILE)
        data = load_toml(source)
        unknown = sorted(set(data) - {"drop", "cut"})
        if unknown:
            raise ConfigError(f"{source}: unknown table(s) {', '.join(unknown)}",
                              hint="a rules file has only [drop] and [cut] tables")
        return cls(drop=Matcher.from_table(data, "drop", source),
                   cut=Matcher.from_table(data, "cut", source))

    def action(self, text: str) -> Action | None:
        """What to do with ``text``: cut, drop, or nothing (None) when it is article text."""
        found = self.match(text)
        return found[0] if found is not None else None

    def match(self, text: str) -> tuple[Action, str] | None:
        """The action and the rule (``[cut] lines: ...``) for ``text``, or None.

        Answers are remembered: the header asks about a line several times.
        """
        memo: dict[str, tuple[Action, str] | None] = self.__dict__.setdefault("_memo", {})
        if text not in memo:
            if len(memo) > MEMO_LIMIT:
                memo.clear()
            memo[text] = self._match(text)
        return memo[text]

    def _match(self, text: str) -> tuple[Action, str] | None:
        key, flat = normalise(text), " ".join(text.split())
        for action, matcher in ((Action.CUT, self.cut), (Action.DROP, self.drop)):
            rule = matcher.rule_for(key, flat)
            if rule is not None:
                return action, f"[{action.value}] {rule}"
        return None


@functools.cache
def default_rules() -> BoilerplateRules:
    """The shipped rules, read once per process."""
    return BoilerplateRules.load()
