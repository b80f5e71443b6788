"""CommonMark: ``#`` headline, header lines, ``##`` headings, lists and block quotes.

Every character that CommonMark could read as markup is escaped, so the text
renders exactly as written. Unapproved text (drafts only) is wrapped in ``⟦…⟧``.
"""

from __future__ import annotations

import re

from tmgr.formats.base import PublishFormat, body_groups
from tmgr.formats.model import Article, ArticleBlock, Run
from tmgr.formats.txt import GAP_END, GAP_START

_INLINE = re.compile(r"([\\`*_\[\]<>&!|~{}])")
_ORDERED = re.compile(r"^(\s*\d+)([.)])")
_HARD_BREAK = "\\\n"


def escape(text: str) -> str:
    """``text`` with CommonMark's inline markup characters backslash-escaped."""
    return _INLINE.sub(r"\\\1", text)


def _line_starts(text: str) -> str:
    """Escape what would start a heading, list or rule at a line start; drop indentation
    (four spaces would make a code block)."""
    lines = []
    for line in text.split("\n"):
        line = _ORDERED.sub(r"\1\\\2", line.lstrip())
        if line and line[0] in "#=+-":
            line = "\\" + line
        lines.append(line.rstrip())
    return "\n".join(lines)


def inline(runs: list[Run]) -> str:
    """Runs as CommonMark text: escaped, gaps wrapped in ⟦…⟧."""
    text = "".join(f"{GAP_START}{escape(run.text)}{GAP_END}" if run.gap else escape(run.text)
                   for run in runs)
    return _line_starts(text)


def _prefixed(text: str, first: str, rest: str) -> str:
    lines = text.split("\n")
    return "\n".join([first + lines[0], *(rest + line for line in lines[1:])])


def _table(text: str) -> str:
    """A table block (rows of tab-separated cells) as a pipe table."""
    rows = [[cell.replace("|", "\\|") for cell in row.split("\t")] for row in text.split("\n")]
    width = max(len(row) for row in rows)
    lines = ["| " + " | ".join(row + [""] * (width - len(row))) + " |" for row in rows]
    return "\n".join([lines[0], "|" + " --- |" * width, *lines[1:]])


def _block(block: ArticleBlock) -> str:
    if block.kind == "table":
        return _table("".join(f"{GAP_START}{escape(run.text)}{GAP_END}" if run.gap
                              else escape(run.text) for run in block.runs))
    text = inline(block.runs)
    if block.kind == "heading":
        return "## " + text.replace("\n", " ")
    if block.kind == "list_item":
        return _prefixed(text, "- ", "  ")
    if block.kind == "quote":
        return _prefixed(text, "> ", "> ")
    return text


class MarkdownFormat(PublishFormat):
    """CommonMark for sites and editors that take Markdown."""

    name = "md"
    extension = ".md"
    media_type = "text/markdown; charset=utf-8"
    description = "CommonMark Markdown (publishable)"

    def render(self, article: Article) -> bytes:
        chunks: list[str] = []
        if article.draft_label:
            chunks.append(f"**{escape(article.draft_label)}**")
        chunks.append("# " + inline(article.title).replace("\n", " "))
        header = [inline(runs) for runs in (article.week, article.section) if runs]
        if article.byline:
            header.insert(0, f"*{inline(article.byline)}*")
        if header:
            chunks.append(_HARD_BREAK.join(header))
        if article.status_line:
            chunks.append(f"**{inline(article.status_line)}**")
        for group in body_groups(article.blocks):
            chunks.append("\n".join(_block(block) for block in group))
        return ("\n\n".join(chunks) + "\n").encode("utf-8")
