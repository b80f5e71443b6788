"""Reader for Markdown sources (``.md``, ``.markdown``).

``# Headline`` is the title, ``##``.. headings are subheadings, ``> `` quotes,
``- ``/``* ``/``1. `` list items; lines of one paragraph are joined with a space, as
Markdown renders them. Inline markup is removed: ``*em*``, ``**strong**``, ``_em_``,
```code```, ``[text](url)`` becomes ``text``, and images are dropped.
"""

from __future__ import annotations

import re
from dataclasses import replace

from tmgr.readers.base import Reader, line_hint
from tmgr.readers.model import LineHint, SourceLine, SourceText

_ATX_RE = re.compile(r"^\s{0,3}(?P<level>#{1,6})\s+(?P<body>.*?)(?:\s+#+)?\s*$")
_SETEXT_RE = re.compile(r"^\s{0,3}(?P<mark>=+|-+)\s*$")
_RULE_RE = re.compile(r"^\s{0,3}(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})$")
_LINK_DEFINITION_RE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+")
_FRONT_MATTER_RE = re.compile(r"\A---\n.*?\n(?:---|\.\.\.)\n", re.DOTALL)
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
    for pattern, replacement in _INLINE_RULES:
        text = pattern.sub(replacement, text)
    return text.strip()


class MarkdownReader(Reader):
    """Markdown: ATX/Setext headings, quotes, lists and inline markup."""

    suffixes = (".md", ".markdown")
    joiner = " "

    def read(self, text: str) -> SourceText:
        """Split Markdown into lines; headings get a group of their own."""
        lines: list[SourceLine] = []
        warnings: list[str] = []
        group = 0
        if front_matter := _FRONT_MATTER_RE.match(text):
            text = text[front_matter.end():]
            warnings.append("front matter ignored")
        for raw in text.split("\n"):
            if not raw.strip() or _RULE_RE.match(raw) and not self._underlines(raw, lines, group):
                group += 1
            elif _SETEXT_RE.match(raw) and self._underlines(raw, lines, group):
                level: LineHint = "title" if "=" in raw else "heading"
                lines[-1] = replace(lines[-1], hint=level, group=group)
                group += 1
            elif _LINK_DEFINITION_RE.match(raw):
                continue
            elif heading := _ATX_RE.match(raw):
                hint: LineHint = "title" if len(heading.group("level")) == 1 else "heading"
                self._append(lines, SourceLine(strip_inline(heading.group("body")), group + 1, hint))
                group += 2
            else:
                group = self._add_text_line(lines, raw, group)
        return SourceText(lines, warnings)

    @staticmethod
    def _underlines(raw: str, lines: list[SourceLine], group: int) -> bool:
        """Whether ``raw`` (``===`` or ``---``) underlines the plain line just above it."""
        previous = lines[-1] if lines else None
        return (bool(_SETEXT_RE.match(raw)) and previous is not None
                and previous.group == group and previous.hint is None)

    @staticmethod
    def _append(lines: list[SourceLine], line: SourceLine) -> None:
        if line.text:
            lines.append(line)

    def _add_text_line(self, lines: list[SourceLine], raw: str, group: int) -> int:
        """Add a quote, list item or plain line; return the (maybe new) group number."""
        hint, body = line_hint(raw)
        body = strip_inline(body)
        previous = lines[-1] if lines else None
        if hint == "quote" and not body:
            return group + 1
        if (hint is None and previous is not None and previous.group == group
                and previous.hint in ("list_item", "quote")):
            lines[-1] = replace(previous, text=f"{previous.text} {body}".strip())
            return group
        self._append(lines, SourceLine(body, group, hint))
        return group
