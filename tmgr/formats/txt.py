"""Plain text, laid out like the site's own text export: header lines, then paragraphs.

Blank lines separate paragraphs; list items start with ``- ``, quotes with ``> ``.
Text that is not approved yet (drafts only) is wrapped in ``⟦…⟧``.
"""

from __future__ import annotations

from tmgr.formats.base import PublishFormat, body_groups
from tmgr.formats.model import Article, ArticleBlock, Run

GAP_START, GAP_END = "⟦", "⟧"


def plain(runs: list[Run]) -> str:
    """Runs as text, gaps wrapped in ⟦…⟧."""
    return "".join(f"{GAP_START}{run.text}{GAP_END}" if run.gap else run.text for run in runs)


def _prefixed(text: str, first: str, rest: str) -> str:
    lines = text.split("\n")
    return "\n".join([first + lines[0], *(rest + line for line in lines[1:])])


def _block(block: ArticleBlock) -> str:
    text = plain(block.runs)
    if block.kind == "list_item":
        return _prefixed(text, "- ", "  ")
    if block.kind == "quote":
        return _prefixed(text, "> ", "> ")
    return text


class TextFormat(PublishFormat):
    """UTF-8 plain text to paste into the site."""

    name = "txt"
    extension = ".txt"
    media_type = "text/plain; charset=utf-8"
    description = "plain text (publishable)"

    def render(self, article: Article) -> bytes:
        chunks: list[str] = []
        if article.draft_label:
            chunks.append(article.draft_label)
        header = [plain(runs) for runs in (article.byline, article.week, article.section) if runs]
        if header:
            chunks.append("\n".join(header))
        chunks.append(plain(article.title))
        if article.status_line:
            chunks.append(plain(article.status_line))
        for group in body_groups(article.blocks):
            chunks.append("\n".join(_block(block) for block in group))
        return ("\n\n".join(chunks) + "\n").encode("utf-8")
