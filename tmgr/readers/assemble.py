"""Turning a reader's lines into a commentary: header, body, boilerplate, lead.

The header (byline, week range, section, headline, status line, photo credit) is read
line by line from the top, in any order, until the first line that is none of these;
the body runs from there until a "cut" boilerplate rule matches.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from tmgr.errors import IngestError
from tmgr.readers.base import Reader, normalise
from tmgr.readers.boilerplate import Action, BoilerplateRules
from tmgr.readers.metadata import (
    Vocabulary,
    is_short_label,
    looks_like_headline,
    parse_byline,
    parse_week_range,
)
from tmgr.readers.model import ParsedBlock, ParsedCommentary, SourceLine, SourceText, WeekRange

#: how far ahead a line after the week range is looked for again (a repeated headline)
_REPEAT_WINDOW = 8


@dataclass(frozen=True)
class Context:
    """What the assembly needs besides the lines: the rules and the file's name."""

    rules: BoilerplateRules
    vocabulary: Vocabulary
    name: str


class _HeaderParser:
    """Reads the header lines at the top of a source into metadata fields."""

    def __init__(self, lines: Sequence[SourceLine], context: Context) -> None:
        self.lines = lines
        self.context = context
        self.title: str | None = None
        self.author: str | None = None
        self.section: str | None = None
        self.status_line: str | None = None
        self.week: WeekRange | None = None
        self.skipped = 0
        self._byline_seen = False
        self._after_week = False
        self._explicit_title = any(line.hint == "title" for line in lines)

    def run(self) -> int:
        """Consume header lines; return the index of the first body line."""
        for index, line in enumerate(self.lines):
            if not self._take(index, line):
                return index
        return len(self.lines)

    def _take(self, index: int, line: SourceLine) -> bool:
        """Take one line into the header; False when it is the start of the body."""
        if self._take_metadata(line) or self._is_furniture(line):
            return True
        after_week, self._after_week = self._after_week, False
        if after_week and self._is_section(index):
            self.section = line.text
            return True
        if self.title is not None:
            return normalise(line.text) == normalise(self.title)  # the repeated headline
        if self._explicit_title and line.hint != "title":
            self.skipped += 1  # stray text before the marked-up headline
            return True
        self.title = line.text
        return True

    def _take_metadata(self, line: SourceLine) -> bool:
        if line.hint == "title":
            return False
        vocabulary = self.context.vocabulary
        if not self._byline_seen and (byline := parse_byline(line.text)) is not None:
            self._byline_seen, self.author = True, byline.author
            return True
        if self.week is None and (week := parse_week_range(line.text)) is not None:
            self.week, self._after_week = week, True
            return True
        if (status := vocabulary.status(line.text)) is not None:
            self.status_line = self.status_line or status
            return True
        return vocabulary.is_photo_credit(line.text)

    def _is_furniture(self, line: SourceLine) -> bool:
        """Boilerplate above the body is dropped, whether its rule drops or cuts."""
        return line.hint != "title" and self.context.rules.action(line.text) is not None

    def _is_meta(self, line: SourceLine) -> bool:
        vocabulary = self.context.vocabulary
        return line.hint != "title" and (
            parse_byline(line.text) is not None or parse_week_range(line.text) is not None
            or vocabulary.status(line.text) is not None
            or vocabulary.is_photo_credit(line.text) or self._is_furniture(line))

    def _is_section(self, index: int) -> bool:
        """Whether the line right after the week range names the section.

        It must be a short label, not the headline (which the page repeats), and when
        the headline is still to come, the next content line must look like one.
        """
        line = self.lines[index]
        if line.hint is not None or not is_short_label(line.text):
            return False
        key = normalise(line.text)
        following = self.lines[index + 1:index + 1 + _REPEAT_WINDOW]
        if any(normalise(other.text) == key for other in following):
            return False
        if self.title is not None:
            return True
        upcoming = next((other for other in following if not self._is_meta(other)), None)
        return upcoming is not None and looks_like_headline(upcoming)

    def warnings(self) -> list[str]:
        """What an editor should check about the header."""
        found: list[str] = []
        if self.skipped:
            found.append(f"{_count(self.skipped, 'line')} before the headline ignored")
        if self.week is None:
            found.append("no week range found")
        elif self.week.start is None:
            reason = "is not a valid range of dates" if re.search(r"\d{4}", self.week.text) \
                else "has no year"
            found.append(f"week range {self.week.text!r} {reason}; its dates are unknown")
        if self.status_line is None:
            found.append("no status line found (known ones: tmgr/data/commentary.toml)")
        return found


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _body_lines(lines: Sequence[SourceLine],
                context: Context) -> tuple[list[SourceLine], str | None]:
    """The body's lines up to the first cut rule, without boilerplate and credits."""
    kept: list[SourceLine] = []
    status: str | None = None
    for line in lines:
        action = context.rules.action(line.text)
        if action is Action.CUT:
            break
        if action is Action.DROP or context.vocabulary.is_photo_credit(line.text):
            continue
        if (found := context.vocabulary.status(line.text)) is not None:
            status = status or found
            continue
        kept.append(line)
    return kept, status


def _filter_blocks(blocks: list[ParsedBlock], rules: BoilerplateRules) -> list[ParsedBlock]:
    """Apply the rules once more to whole paragraphs (e.g. a hard-wrapped blurb)."""
    kept: list[ParsedBlock] = []
    for block in blocks:
        action = rules.action(block.text)
        if action is Action.CUT:
            break
        if action is None:
            kept.append(block)
    return kept


def _mark_lead(blocks: list[ParsedBlock]) -> list[ParsedBlock]:
    """Make the first ordinary paragraph the lead."""
    for index, block in enumerate(blocks):
        if block.kind == "paragraph":
            return [*blocks[:index], replace(block, kind="lead"), *blocks[index + 1:]]
    return blocks


def assemble(source: SourceText, reader: Reader, context: Context) -> ParsedCommentary:
    """Build the commentary from a reader's lines, or raise IngestError if it has no body."""
    header = _HeaderParser(source.lines, context)
    start = header.run()
    body, late_status = _body_lines(source.lines[start:], context)
    blocks = _mark_lead(_filter_blocks(reader.build_blocks(body), context.rules))
    if header.title is None or not blocks:
        raise IngestError(
            f"no commentary text found in {context.name}: after the headline, metadata "
            "and site boilerplate there is no paragraph left",
            hint="check the file holds the whole article with its paragraphs; "
                 "boilerplate rules are in tmgr/data/boilerplate.toml")
    header.status_line = header.status_line or late_status
    return ParsedCommentary(
        title=header.title, section=header.section, week=header.week,
        status_line=header.status_line, author=header.author,
        blocks=[ParsedBlock("title", header.title), *blocks],
        warnings=[*source.warnings, *header.warnings()],
    )
