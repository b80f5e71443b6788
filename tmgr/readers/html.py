"""Reader for saved article pages (``.html``, ``.htm``).

``<h1>`` is the headline, ``<h2>``-``<h6>`` subheadings, ``<p>``, ``<li>`` and
``<blockquote>`` the text, ``<figcaption>`` a caption (never translated). Page
furniture (``<script>``, ``<style>``, ``<nav>``, a page-level ``<header>``,
``<footer>``, ``<form>``, ``<aside>``...) is ignored; a ``<header>`` inside
``<article>``/``<main>`` is kept, as it holds the headline and metadata. Outside
paragraphs, ``<span>``/``<time>`` and ``<br>`` end a line, so metadata written as
``<div><span>by X</span><time>...</time></div>`` reads as lines. Whitespace is
collapsed as a browser would; entities are decoded.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from tmgr.readers.base import Reader
from tmgr.readers.model import LineHint, SourceLine, SourceText

IGNORED_TAGS = frozenset({
    "head", "title", "script", "style", "noscript", "template", "nav", "header", "footer",
    "form", "aside", "svg", "iframe", "button", "select", "textarea", "dialog",
})
TEXT_CONTAINERS = frozenset({
    "p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figcaption",
    "td", "th", "dt", "dd", "pre", "caption",
})
BLOCK_TAGS = TEXT_CONTAINERS | frozenset({
    "html", "body", "main", "article", "section", "header", "div", "ul", "ol", "dl",
    "table", "tbody", "thead", "tr", "figure", "hr", "address", "details", "summary",
    "fieldset", "center",
})
LINE_TAGS = frozenset({"span", "time"})
_LANDMARKS = frozenset({"article", "main"})
_UNREPORTED = frozenset({"head", "title"})
_HTML_SPACE_RE = re.compile(r"[ \t\n\r\f]+")
_COMMENT_CLOSE_RE = re.compile(r"--\s*>")
_MARKED_SECTION_CLOSE_RE = re.compile(r"]\s*]\s*>")


def defuse_unclosed_markup(text: str) -> str:
    """Escape ``<`` that can never be closed, so html.parser stays linear.

    html.parser rescans from every ``<`` whose tag, comment (``<!--``) or marked
    section (``<![``) has no closing delimiter later in the text: each rescan reads to
    the end, which takes minutes on a hostile 2 MB file. Such a ``<`` cannot start
    markup anyway, so it is turned into ``&lt;`` (text) before parsing.
    """
    for opener, closer in (("<!--", _COMMENT_CLOSE_RE), ("<![", _MARKED_SECTION_CLOSE_RE)):
        last_close = max((match.start() for match in closer.finditer(text)), default=-1)
        keep = max(last_close - len(opener) + 1, 0)
        text = text[:keep] + text[keep:].replace(opener, "&lt;" + opener[1:])
    keep = text.rfind(">") + 1
    return text[:keep] + text[keep:].replace("<", "&lt;")


class _ArticleParser(HTMLParser):
    """Collects the page's text as lines with paragraph groups and hints."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[SourceLine] = []
        self.ignored: list[str] = []
        self._buffer: list[str] = []
        self._group = 0
        self._containers: list[str] = []
        self._depth = {"list": 0, "quote": 0, "landmark": 0}
        self._heading: str | None = None
        self._caption = 0  # inside <figcaption>
        self._skip_tag: str | None = None
        self._skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._skip_tag is not None:
            self._skip_depth += tag == self._skip_tag
            self._note_ignored(tag)
        elif tag in IGNORED_TAGS and not (tag == "header" and self._depth["landmark"]):
            self._flush(new_group=True)
            self._skip_tag, self._skip_depth = tag, 1
            self._note_ignored(tag)
        elif tag == "br" and self._heading is not None:
            self._buffer.append(" ")
        elif tag == "br":
            self._flush(new_group=False)
        elif tag in BLOCK_TAGS:
            self._open_block(tag)
        elif tag in LINE_TAGS and not self._containers:
            self._flush(new_group=False)

    def handle_endtag(self, tag: str) -> None:
        if self._skip_tag is not None:
            self._skip_depth -= tag == self._skip_tag
            if self._skip_depth == 0:
                self._skip_tag = None
        elif tag in BLOCK_TAGS:
            self._flush(new_group=True)
            self._close_block(tag)
        elif tag in LINE_TAGS and not self._containers:
            self._flush(new_group=False)

    def handle_data(self, data: str) -> None:
        if self._skip_tag is None:
            self._buffer.append(data)

    def close(self) -> None:
        super().close()
        self._flush(new_group=True)

    def _note_ignored(self, tag: str) -> None:
        if tag in IGNORED_TAGS and tag not in _UNREPORTED and tag not in self.ignored:
            self.ignored.append(tag)

    def _open_block(self, tag: str) -> None:
        self._flush(new_group=True)
        open_container = self._containers[-1] if self._containers else None
        if open_container == "p" or (tag == "li" and open_container == "li"):
            self._containers.pop()  # an unclosed <p> or <li> ends here, as in a browser
        if tag in TEXT_CONTAINERS:
            self._containers.append(tag)
        self._count(tag, +1)
        if tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self._heading = tag
        self._caption += tag == "figcaption"

    def _close_block(self, tag: str) -> None:
        if tag in self._containers:
            del self._containers[len(self._containers) - 1 - self._containers[::-1].index(tag):]
        self._count(tag, -1)
        if tag == self._heading:
            self._heading = None
        if tag == "figcaption":
            self._caption = max(0, self._caption - 1)

    def _count(self, tag: str, step: int) -> None:
        key = {"ul": "list", "ol": "list", "blockquote": "quote"}.get(tag)
        key = "landmark" if tag in _LANDMARKS else key
        if key is not None:
            self._depth[key] = max(0, self._depth[key] + step)

    def _hint(self) -> LineHint | None:
        if self._caption:
            return "caption"
        if self._heading is not None:
            return "title" if self._heading == "h1" else "heading"
        if self._depth["quote"]:
            return "quote"
        return "list_item" if self._depth["list"] else None

    def _flush(self, *, new_group: bool) -> None:
        text = _HTML_SPACE_RE.sub(" ", "".join(self._buffer)).strip()
        self._buffer.clear()
        if text:
            self.lines.append(SourceLine(text, self._group, self._hint(), self.getpos()[0]))
        if new_group:
            self._group += 1


class HtmlReader(Reader):
    """A saved HTML article page."""

    suffixes = (".html", ".htm")
    joiner = "\n"

    def read(self, text: str) -> SourceText:
        """Parse the page, keeping article text and dropping page furniture."""
        parser = _ArticleParser()
        parser.feed(defuse_unclosed_markup(text))
        parser.close()
        warnings = []
        if parser.ignored:
            names = ", ".join(f"<{tag}>" for tag in parser.ignored)
            warnings.append(f"page furniture ignored: {names}")
        return SourceText(parser.lines, warnings)
