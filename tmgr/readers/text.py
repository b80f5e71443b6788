"""Reader for the site's plain-text layout (``.txt``).

Paragraphs are separated by blank lines, or (in some exports) each paragraph is one
long line with no blank line between. Lines of one paragraph are kept as written
(joined with a space, so a hard-wrapped sentence stays one segment).
"""

from __future__ import annotations

from tmgr.readers.base import (
    LineCollector,
    Reader,
    ends_sentence,
    line_hint,
    looks_like_heading,
)
from tmgr.readers.model import SourceText

#: a line longer than this is a whole paragraph, not a hard-wrapped piece of one
LONG_LINE = 120


class TextReader(Reader):
    """Plain text: blank lines separate paragraphs; ``- ``/``1. `` items; ``> `` quotes."""

    suffixes = (".txt",)
    joiner = " "

    def read(self, text: str) -> SourceText:
        """Split text into lines, numbering blank-line-separated groups."""
        collector = LineCollector(self.joiner)
        group = 0
        for raw in text.split("\n"):
            if not raw.strip():
                group += 1
                continue
            hint, body = line_hint(raw)
            last = collector.last
            if (hint is None and raw[:1].isspace() and last is not None
                    and last.group == group and last.hint == "list_item"):
                last.parts.append(body)  # an indented continuation of a list item
            else:
                collector.add(body, group, hint)
        return SourceText(collector.lines())

    def plain_paragraphs(self, lines: list[str]) -> list[str]:
        """Split a run into paragraphs: one per line in one-line-per-paragraph files.

        A run whose lines all end a sentence, or that has lines too long to be hard
        wrapped, holds one paragraph per sentence-ending line; otherwise the run is one
        hard-wrapped paragraph. A Title Case line at a paragraph start is a subheading.
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
                paragraphs.append(self.joiner.join(current))
                current = []
        if current:
            paragraphs.append(self.joiner.join(current))
        return paragraphs
