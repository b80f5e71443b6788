"""A clean standalone HTML page: ``lang`` set, UTF-8, a little CSS, no script.

All text is escaped; a Content-Security-Policy forbids scripts and outside
resources, so the file is safe to open and to paste from.
"""

from __future__ import annotations

from html import escape

from tmgr.formats.base import PublishFormat, body_groups
from tmgr.formats.model import Article, ArticleBlock, Run

_STYLE = """\
body{max-width:42em;margin:2em auto;padding:0 1em;font:1.1em/1.55 Georgia,serif;color:#222}
header p{margin:.2em 0;color:#555}
.status{font-weight:bold;color:#222}
.draft{padding:.5em 1em;background:#fff3cd;border:1px solid #e0b000;font-weight:bold}
mark.gap{background:#ffe08a}
blockquote{margin-left:0;padding-left:1em;border-left:3px solid #ccc}"""
_CSP = "default-src 'none'; style-src 'unsafe-inline'"


def _inline(runs: list[Run], gap: str = "not approved") -> str:
    """Runs as HTML; a gap is marked, its title (``gap``) in the text's language."""
    return "".join(f'<mark class="gap" title="{escape(gap)}">{escape(run.text)}</mark>'
                   if run.gap else escape(run.text) for run in runs)


def _table(text: str) -> str:
    """A table block (rows of tab-separated cells) as an HTML table."""
    rows = ["<tr>" + "".join(f"<td>{cell}</td>" for cell in row.split("\t")) + "</tr>"
            for row in text.split("\n")]
    return "<table>\n" + "\n".join(rows) + "\n</table>"


inline = _inline


def _block(block: ArticleBlock, gap: str) -> str:
    text = _inline(block.runs, gap)
    if block.kind == "table":
        return _table(text)
    if block.kind == "heading":
        return f"<h2>{text}</h2>"
    if block.kind == "lead":
        return f'<p class="lead">{text}</p>'
    if block.kind == "quote":
        return f"<blockquote><p>{text}</p></blockquote>"
    if block.kind == "list_item":
        return f"<li>{text}</li>"
    return f"<p>{text}</p>"


def _header(article: Article) -> list[str]:
    def inline(runs: list[Run]) -> str:
        return _inline(runs, article.gap_label)

    lines = ["<header>"]
    if article.byline:
        lines.append(f'<p class="byline">{inline(article.byline)}</p>')
    if article.week:
        when = (f' datetime="{article.week_start.isoformat()}"' if article.week_start else "")
        lines.append(f'<p class="week"><time{when}>{inline(article.week)}</time></p>')
    if article.section:
        lines.append(f'<p class="section">{inline(article.section)}</p>')
    lines.append(f"<h1>{inline(article.title)}</h1>")
    if article.status_line:
        lines.append(f'<p class="status">{inline(article.status_line)}</p>')
    lines.append("</header>")
    return lines


class HtmlFormat(PublishFormat):
    """A standalone web page."""

    name = "html"
    extension = ".html"
    media_type = "text/html; charset=utf-8"
    description = "standalone HTML page (publishable)"

    def render(self, article: Article) -> bytes:
        lang = escape(article.lang)
        lines = ["<!DOCTYPE html>", f'<html lang="{lang}">', "<head>",
                 '<meta charset="utf-8">',
                 f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
                 '<meta name="viewport" content="width=device-width, initial-scale=1">',
                 f"<title>{escape(article.title_text)}</title>",
                 f"<style>\n{_STYLE}\n</style>", "</head>", "<body>", "<article>"]
        if article.draft_label:
            lines.append(f'<p class="draft">{escape(article.draft_label)}</p>')
        lines += _header(article)
        for group in body_groups(article.blocks):
            items = [_block(block, article.gap_label) for block in group]
            lines += ["<ul>", *items, "</ul>"] if group[0].kind == "list_item" else items
        lines += ["</article>", "</body>", "</html>"]
        return ("\n".join(lines) + "\n").encode("utf-8")
