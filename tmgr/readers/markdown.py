"""Reader for Markdown sources (``.md``, ``.markdown``).

``# Headline`` is the title, ``##``.. headings are subheadings, ``> `` quotes,
``- ``/``* ``/``1. `` list items; lines of one paragraph are joined with a space, as
Markdown renders them. Inline markup is removed: ``*em*``, ``**strong**``, ``_em_``,
backticks, ``[text](url)`` becomes ``text``, and images are dropped. YAML front
matter (``---`` / ``key: value`` lines / ``---``) is skipped with a warning.
"""

from __future__ import annotations

import re

from tmgr.readers.base import LineCollector, PendingLine, Reader, line_hint, run_paragraphs
from tmgr.readers.model import LineHint, SourceText

_ATX_RE = re.compile(r"^\s{0,3}(?P<level>#{1,6})\s+(?P<body>.*?)(?:\s+#+)?\s*$")
_SETEXT_RE = re.compile(r"^\s{0,3}(?P<mark>=+|-+)\s*$")
_RULE_RE = re.compile(r"^\s{0,3}(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$")
_LINK_DEFINITION_RE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+")
_FRONT_MATTER_RE = re.compile(r"\A---\n[A-Za-z_][\w-]*:.*?\n(?:---|\.\.\.)\n", re.DOTALL)
_MARKUP_CHARS_RE = re.compile(r"[*_`\[<\\]")
_INLINE_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    # Each span stops at the next delimiter of its kind, so a stray "*" or "[" cannot
    # make the search scan to the end of the line (which is quadratic on long lines).
    (re.compile(r"!\[[^\[\]]*\]\([^()]*\)"), ""),
    (re.compile(r"\[([^\[\]]+)\]\([^()]*\)"), r"\1"),
    (re.compile(r"\[([^\[\]]+)\]\[[^\[\]]*\]"), r"\1"),
    (re.compile(r"<(https?://[^<>\s]+)>"), r"\1"),
    (re.compile(r"`([^`]+)`"), r"\1"),
    (re.compile(r"\*\*(?=\S)((?:[^*]|\*(?!\*))+?)(?<=\S)\*\*"), r"\1"),
    (re.compile(r"__(?=\S)((?:[^_]|_(?!_))+?)(?<=\S)__"), r"\1"),
    (re.compile(r"(?<![\w*\\])\*(?=[^\s*])([^*]+?)(?<=[^\s\\])\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w\\])_(?=[^\s_])([^_]+?)(?<=[^\s\\])_(?!\w)"), r"\1"),
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!>])"), r"\1"),
)


def strip_inline(text: str) -> str:
    """Remove Markdown inline markup, keeping the words a reader sees."""
    if not _MARKUP_CHARS_RE.search(text):
        return text.strip()
    for pattern, replacement in _INLINE_RULES:
        text = pattern.sub(replacement, text)
    return text.strip()


class MarkdownReader(Reader):
    """Markdown: ATX/Setext headings, quotes, lists and inline markup."""

    suffixes = (".md", ".markdown")
    joiner = " "

    def read(self, text: str) -> SourceText:
        """Split Markdown into lines; headings get a group of their own."""
        collector = LineCollector(self.joiner)
        warnings: list[str] = []
        group = 0
        offset = 0
        if front_matter := _FRONT_MATTER_RE.match(text):
            offset = front_matter.group().count("\n")
            text = text[front_matter.end():]
            warnings.append("front matter ignored")
        for number, raw in enumerate(text.split("\n"), start=offset + 1):
            underlined = _underlined_line(raw, collector, group)
            if underlined is not None:
                underlined.hint = "title" if "=" in raw else "heading"
                group += 1
            elif not raw.strip() or _RULE_RE.match(raw):
                group += 1
            elif _LINK_DEFINITION_RE.match(raw):
                continue
            elif heading := _ATX_RE.match(raw):
                hint: LineHint = "title" if len(heading.group("level")) == 1 else "heading"
                collector.add(strip_inline(heading.group("body")), group + 1, hint, number)
                group += 2
            else:
                group = _add_text_line(collector, raw, group, number)
        return SourceText(collector.lines(), warnings)

    def plain_paragraphs(self, lines: list[str]) -> list[str]:
        """As in .txt: a saved page with one paragraph per line keeps its paragraphs.

        CommonMark would join such lines into one paragraph; a site export is not
        hand-written Markdown, so the .txt rule applies (see ``run_paragraphs``).
        """
        return run_paragraphs(lines, self.joiner)


def _underlined_line(raw: str, collector: LineCollector, group: int) -> PendingLine | None:
    """The plain line that ``raw`` (``===`` or ``---``) underlines as a heading, if any."""
    last = collector.last
    if _SETEXT_RE.match(raw) and last is not None and last.group == group and last.hint is None:
        return last
    return None


def _add_text_line(collector: LineCollector, raw: str, group: int, number: int) -> int:
    """Add a quote, list item or plain line; return the (maybe new) group number."""
    hint, body = line_hint(raw)
    body = strip_inline(body)
    last = collector.last
    if hint == "quote" and not body:
        return group + 1  # a bare ">" separates paragraphs inside a quote
    if (hint is None and last is not None and last.group == group
            and last.hint in ("list_item", "quote")):
        last.parts.append(body)  # a lazy continuation line
    else:
        collector.add(body, group, hint, number)
    return group
