"""What the commentary reader produces: a parsed commentary and its blocks.

``tmgr.readers`` re-exports these; code elsewhere should import them from there.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

BlockKind = Literal["title", "lead", "paragraph", "heading", "list_item", "quote", "table"]
BLOCK_KINDS: frozenset[str] = frozenset(
    {"title", "lead", "paragraph", "heading", "list_item", "quote", "table"}
)
LineHint = Literal["title", "heading", "list_item", "quote", "caption"]


@dataclass(frozen=True)
class WeekRange:
    """The week a commentary covers, as written and (when a year is known) as dates."""

    text: str
    start: date | None
    end: date | None


@dataclass(frozen=True)
class ParsedBlock:
    """One unit of reading order: the headline, a paragraph, a list item..."""

    kind: str
    text: str


@dataclass(frozen=True)
class LineReading:
    """How one source line was read, for ``tmgr ingest --explain``.

    ``role`` is one of: byline, week, section, title, status, title-repeat, date,
    caption, boilerplate, cut, after-cut, ignored, body; ``detail`` says more (the
    rule that matched, the field, why).
    """

    number: int
    text: str
    role: str
    detail: str = ""


@dataclass
class ParsedCommentary:
    """A commentary with its metadata separated from its text.

    ``title`` is empty when the page has no headline (a warning says so); captions
    and other non-English lines are kept in ``captions``, never in ``blocks``.
    """

    title: str
    section: str | None
    week: WeekRange | None
    status_line: str | None
    author: str | None
    blocks: list[ParsedBlock]
    warnings: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    dated: str | None = None
    readings: list[LineReading] = field(default_factory=list)


@dataclass(frozen=True)
class SourceLine:
    """One line a reader found in a source, before metadata and boilerplate are sorted out.

    ``group`` numbers the paragraph the line belongs to (lines of one paragraph share
    it); ``hint`` is what the source's markup says the line is, None for plain text;
    ``number`` is where it starts in the file, for the ingest report.
    """

    text: str
    group: int
    hint: LineHint | None = None
    number: int = 0  # the line of the source file it starts on (0: unknown)


@dataclass
class SourceText:
    """Everything a reader returns: the lines in reading order and what it noticed."""

    lines: list[SourceLine]
    warnings: list[str] = field(default_factory=list)
