"""Reader for the site's plain-text layout (``.txt``).

Paragraphs are separated by blank lines, or (in some exports) each paragraph is one
long line with no blank line between. Lines of one paragraph are kept as written
(joined with a space, so a hard-wrapped sentence stays one segment).
"""

from __future__ import annotations

from tmgr.readers.base import LineCollector, Reader, line_hint, run_paragraphs
from tmgr.readers.model import SourceText


class TextReader(Reader):
    """Plain text: blank lines separate paragraphs; lines starting ``-`` or ``1.`` are
    items, lines starting ``>`` quotes."""

    suffixes = (".txt",)
    joiner = " "

    def read(self, text: str) -> SourceText:
        """Split text into lines, numbering blank-line-separated groups."""
        collector = LineCollector(self.joiner)
        group = 0
        for number, raw in enumerate(text.split("\n"), start=1):
            if not raw.strip():
                group += 1
                continue
            hint, body = line_hint(raw)
            last = collector.last
            if (hint is None and raw[:1].isspace() and last is not None
                    and last.group == group and last.hint == "list_item"):
                last.parts.append(body)  # an indented continuation of a list item
            else:
                collector.add(body, group, hint, number)
        return SourceText(collector.lines())

    def plain_paragraphs(self, lines: list[str]) -> list[str]:
        """One paragraph per sentence-ending line in one-line-per-paragraph runs."""
        return run_paragraphs(lines, self.joiner)
