"""The shape every source reader shares, and the text tests they have in common.

A reader turns decoded text into :class:`SourceLine` objects (``read``) and later
turns the body's lines back into blocks (``build_blocks``). Readers differ only in
``read`` and in how a run of plain lines becomes paragraphs (``plain_paragraphs``).
"""

from __future__ import annotations

import itertools
import re
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from tmgr.readers.model import LineHint, ParsedBlock, SourceLine, SourceText

_QUOTE_MARK_RE = re.compile(r"^\s*>\s?(?P<body>.*)$")
_LIST_MARK_RE = re.compile(r"^\s*(?:[-*+•‣◦▪]|\d{1,2}[.)])\s+(?P<body>\S.*)$")
_CLOSERS = "\"'”’»)]"
_SENTENCE_END_RE = re.compile(rf"[.!?…:][{re.escape(_CLOSERS)}]*$")
_NO_HEADING_END_RE = re.compile(rf"[.,;:!…][{re.escape(_CLOSERS)}]*$")
_QUOTE_PAIRS = {"“": "”", "«": "»", "„": "“”", '"': '"'}
# A subheading is short, and that share of its longer words are capitalised: Title
# Case when it sits among paragraph lines (strict); a line standing alone needs only
# the loose share, or no share at all when it has at most FEW_WORDS words.
HEADING_MAX_CHARS = 120
HEADING_MAX_WORDS = 12
LONG_WORD_LETTERS = 4
TITLE_CASE_SHARE = 0.6
LOOSE_TITLE_CASE_SHARE = 0.5
FEW_WORDS = 4


def normalise(text: str) -> str:
    """Return ``text`` with whitespace runs collapsed and case folded, for comparisons."""
    folded = " ".join(text.split()).casefold()
    return folded.replace("’", "'").replace("‘", "'")


def line_hint(raw: str) -> tuple[LineHint | None, str]:
    """Split a plain-text line into its ``>``/bullet/number marker's hint and its text."""
    quote = _QUOTE_MARK_RE.match(raw)
    if quote:
        return "quote", quote.group("body").strip()
    item = _LIST_MARK_RE.match(raw)
    if item:
        return "list_item", item.group("body").strip()
    return None, raw.strip()


def ends_sentence(text: str) -> bool:
    """Whether ``text`` ends like a finished sentence (or a colon introducing more)."""
    return bool(_SENTENCE_END_RE.search(text.rstrip()))


def looks_like_heading(text: str, *, strict: bool = False) -> bool:
    """Whether a line reads as a subheading: short, capitalised, no closing punctuation.

    ``strict`` also asks for Title Case, for lines that sit inside a paragraph run.
    """
    words = text.split()
    if "\n" in text or len(text) > HEADING_MAX_CHARS or not 1 <= len(words) <= HEADING_MAX_WORDS:
        return False
    if not (text[0].isupper() or text[0].isdigit()) or _NO_HEADING_END_RE.search(text):
        return False
    significant = [w for w in words if sum(c.isalpha() for c in w) >= LONG_WORD_LETTERS]
    capitalised = sum(w[0].isupper() for w in significant)
    share = capitalised / len(significant) if significant else 1.0
    if strict:
        return share >= TITLE_CASE_SHARE
    return len(words) <= FEW_WORDS or share >= LOOSE_TITLE_CASE_SHARE


def is_wholly_quoted(text: str) -> bool:
    """Whether the whole paragraph is one quotation: “...” or «...», nothing outside."""
    opener = text[:1]
    closers = _QUOTE_PAIRS.get(opener)
    if not closers:
        return False
    body = text.rstrip(".!?…").rstrip()
    if len(body) < len("“x”") or body[-1] not in closers:
        return False
    return not any(closer in body[1:-1] for closer in closers)


#: a line longer than this is a whole paragraph, not a hard-wrapped piece of one
LONG_LINE = 120


def run_paragraphs(lines: list[str], joiner: str) -> list[str]:
    """Split a run of plain lines into paragraphs, the same way for .txt and .md.

    A run whose lines all end a sentence, or that has lines too long to be hard
    wrapped, holds one paragraph per sentence-ending line (the site's exports put
    one paragraph on each line); otherwise the run is one hard-wrapped paragraph.
    A Title Case line at a paragraph start is a subheading.
    """
    one_per_line = len(lines) > 1 and (
        all(ends_sentence(line) for line in lines)
        or any(len(line) > LONG_LINE for line in lines)
    )
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines:
        if not current and len(lines) > 1 and looks_like_heading(line, strict=True):
            paragraphs.append(line)
            continue
        current.append(line)
        if one_per_line and ends_sentence(line):
            paragraphs.append(joiner.join(current))
            current = []
    if current:
        paragraphs.append(joiner.join(current))
    return paragraphs


def classify_paragraph(text: str) -> str:
    """The block kind of a plain paragraph: quote, heading or paragraph."""
    if is_wholly_quoted(text):
        return "quote"
    if looks_like_heading(text):
        return "heading"
    return "paragraph"


@dataclass
class PendingLine:
    """A line being collected; continuation lines are appended to ``parts``."""

    group: int
    hint: LineHint | None
    parts: list[str]
    number: int = 0


class LineCollector:
    """Collects a reader's lines; growing the last one is O(1), not a string copy."""

    def __init__(self, joiner: str) -> None:
        self.joiner = joiner
        self.pending: list[PendingLine] = []

    @property
    def last(self) -> PendingLine | None:
        """The line added last, to extend or re-tag; None before the first."""
        return self.pending[-1] if self.pending else None

    def add(self, text: str, group: int, hint: LineHint | None = None,
            number: int = 0) -> None:
        """Add a line (empty text is ignored); ``number`` is its line in the file."""
        if text:
            self.pending.append(PendingLine(group, hint, [text], number))

    def lines(self) -> list[SourceLine]:
        """The collected lines, continuation parts joined."""
        return [SourceLine(self.joiner.join(line.parts), line.group, line.hint, line.number)
                for line in self.pending]


#: a gap between the columns of a table printed with aligned spaces (or NBSP, or tabs)
_CELL_GAP_RE = re.compile("[ \u00a0\u2007\u202f]{2,}|\t")
#: a single row is a table only when its columns stand this far apart
LONE_ROW_GAP = 4


def table_cells(text: str) -> list[str] | None:
    """The cells of a line printed as a row of aligned columns, or None if it is prose.

    A row has two columns or more, set apart by runs of spaces, non-breaking spaces
    or tabs: a gap of three spaces at least, or several gaps (two spaces after a full
    stop are prose).
    """
    flat = text.strip()
    gaps = [match.group() for match in _CELL_GAP_RE.finditer(flat)
            if not (match.group() == "  " and flat[match.start() - 1] in ".!?:;")]
    if not gaps:
        return None
    if len(gaps) == 1 and "\t" not in gaps[0] and len(gaps[0]) < 3:
        return None
    cells = [cell.strip() for cell in _CELL_GAP_RE.split(flat)]
    if len(cells) > len(gaps) + 1:  # some gaps were prose (two spaces after a full stop)
        return None
    return cells if len(cells) >= 2 and all(cells) else None


def _table_runs(texts: list[str]) -> list[tuple[bool, list[str]]]:
    """Split a run of lines into (is_table, lines) pieces; a table has two rows or more
    (one row is a table only when its columns stand far apart)."""
    pieces: list[tuple[bool, list[str]]] = []
    for text in texts:
        row = table_cells(text) is not None
        if pieces and pieces[-1][0] == row:
            pieces[-1][1].append(text)
        else:
            pieces.append((row, [text]))
    merged: list[tuple[bool, list[str]]] = []
    for is_table, lines in pieces:
        lone = len(lines) == 1 and max(
            (len(m.group()) for m in _CELL_GAP_RE.finditer(lines[0].strip())), default=0
        ) < LONE_ROW_GAP
        is_table = is_table and not lone
        if merged and merged[-1][0] == is_table:
            merged[-1][1].extend(lines)
        else:
            merged.append((is_table, list(lines)))
    return merged


def table_text(rows: list[str]) -> str:
    """A table block's text: one row per line, its cells separated by tabs."""
    return "\n".join("\t".join(table_cells(row) or [row.strip()]) for row in rows)


class Reader(ABC):
    """Base of the per-format readers; subclasses set ``suffixes`` and implement ``read``."""

    suffixes: ClassVar[tuple[str, ...]] = ()
    #: how lines of one paragraph are joined into the block's text
    joiner: ClassVar[str] = " "

    @abstractmethod
    def read(self, text: str) -> SourceText:
        """Split decoded text into lines with paragraph groups and markup hints."""

    def plain_paragraphs(self, lines: list[str]) -> list[str]:
        """Turn one run of plain lines of a paragraph group into paragraph texts."""
        return [self.joiner.join(lines)]

    def build_blocks(self, lines: Sequence[SourceLine]) -> list[ParsedBlock]:
        """Turn the body's lines into blocks (no lead yet: the caller marks it)."""
        blocks: list[ParsedBlock] = []
        for (_, hint), run in itertools.groupby(lines, key=lambda ln: (ln.group, ln.hint)):
            texts = [line.text for line in run]
            if hint is None:
                for is_table, piece in _table_runs(texts):
                    if is_table:
                        blocks.append(ParsedBlock("table", table_text(piece)))
                        continue
                    paragraphs = self.plain_paragraphs(piece)
                    blocks += [ParsedBlock(classify_paragraph(p), p) for p in paragraphs]
            elif hint == "quote":
                blocks.append(ParsedBlock("quote", self.joiner.join(texts)))
            elif hint == "list_item":
                blocks += [ParsedBlock("list_item", text) for text in texts]
            else:
                blocks += [ParsedBlock("heading", text) for text in texts]
        return blocks
