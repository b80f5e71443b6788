"""Reader of the site's published Belarusian and Russian pages (for the archive).

A published page has the English page's shape in its own language: an author line
(«Аўтар: …»), the week («28 кастрычніка – 3 лістапада 2024 г.»), the section, the
headline, a status line («Сітуацыя не змянілася»), the headline repeated, a photo
credit («фота: …») and the text. The words it may use are data:
``tmgr/data/published_layout.toml`` plus the section and status names of
``metadata_<lang>.toml``. The line splitting is the format readers' (txt, md, html).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import Any

from tmgr.data import data_file, load_toml
from tmgr.readers.base import normalise
from tmgr.readers.model import ParsedBlock, SourceLine, WeekRange
from tmgr.readers.registry import reader_for

PUBLISHED_LANGUAGES = ("be", "ru")
_HEADER_LINES = 8  # the header sits in the first lines of a page


@dataclass(frozen=True)
class Layout:
    """The words of one language's published pages."""

    lang: str
    months: tuple[str, ...]
    byline: tuple[str, ...]
    caption: tuple[str, ...]
    boilerplate: tuple[str, ...]
    sections: frozenset[str]
    status_lines: frozenset[str]

    def week(self, text: str) -> WeekRange | None:
        """The week range a line states (``4–10 лістапада 2024``), or None."""
        month = "|".join(self.months)
        match = re.fullmatch(
            rf"\s*(\d{{1,2}})\s*(?:({month})\s*(\d{{4}})?)?\s*[–—-]\s*(\d{{1,2}})\s+"
            rf"({month})\s+(\d{{4}})\s*(?:г\.?|гг\.?)?\s*", text, re.IGNORECASE)
        if not match:
            return None
        day1, month1, year1, day2, month2, year2 = match.groups()
        end_month = self._month(month2)
        start_month = self._month(month1) if month1 else end_month
        end_year = int(year2)
        start_year = int(year1) if year1 else end_year - (start_month > end_month)
        try:
            return WeekRange(text.strip(), date(start_year, start_month, int(day1)),
                             date(end_year, end_month, int(day2)))
        except ValueError:
            return WeekRange(text.strip(), None, None)

    def _month(self, name: str) -> int:
        return [m.lower() for m in self.months].index(name.lower()) + 1

    def is_caption(self, text: str) -> bool:
        folded = text.strip().casefold()
        return any(folded.startswith(p.casefold()) for p in self.caption) and len(text) < 200

    def is_boilerplate(self, text: str) -> bool:
        folded = text.strip().casefold()
        return any(folded.startswith(p.casefold()) for p in self.boilerplate)

    def byline_of(self, text: str) -> str | None:
        for prefix in self.byline:
            if text.strip().casefold().startswith(prefix.casefold()):
                return text.strip()[len(prefix):].strip() or None
        return None


@cache
def layout(lang: str) -> Layout:
    """The layout of ``lang``'s published pages (be or ru)."""
    data: dict[str, Any] = load_toml(data_file("published_layout.toml"))[lang]
    meta = load_toml(data_file(f"metadata_{lang}.toml"))
    sections = {normalise(s) for s in [*data.get("sections", []),
                                       *meta.get("sections", {}).values()]}
    statuses = {normalise(s) for s in [*data.get("status_lines", []),
                                       *meta.get("status_lines", {}).values()]}
    return Layout(lang, tuple(data["months"]), tuple(data["byline"]), tuple(data["caption"]),
                  tuple(data["boilerplate"]), frozenset(sections), frozenset(statuses))


@dataclass
class PublishedPage:
    """A published BE or RU page: its header separated from its text blocks."""

    lang: str
    title: str = ""
    week: WeekRange | None = None
    section: str | None = None
    status_line: str | None = None
    author: str | None = None
    blocks: list[ParsedBlock] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)


def read_published(text: str, name: str, lang: str) -> PublishedPage:
    """Read a decoded published page; ``name`` (the file name) picks the format."""
    reader = reader_for(name)
    page = PublishedPage(lang)
    words = layout(lang)
    body: list[SourceLine] = []
    for index, line in enumerate(reader.read(text).lines):
        if not _header_line(page, words, line, in_header=index < _HEADER_LINES):
            body.append(line)
    page.blocks = [b for b in reader.build_blocks(body) if b.text.strip()]
    if not page.title and page.blocks and page.blocks[0].kind == "heading":
        page.title = page.blocks.pop(0).text
    return page


def _header_line(page: PublishedPage, words: Layout, line: SourceLine, *,
                 in_header: bool) -> bool:
    """Take a header, caption or boilerplate line into ``page``; False for text."""
    text = line.text.strip()
    folded = normalise(text).rstrip(".")
    if not text or words.is_boilerplate(text):
        return True
    if words.is_caption(text) or line.hint == "caption":
        page.captions.append(text)
        return True
    if page.title and normalise(text) == normalise(page.title):
        return True  # the headline repeated above the photo
    if not in_header:
        return False
    if (author := words.byline_of(text)) is not None or folded.rstrip(":") in ("аўтар", "автор"):
        page.author = page.author or author
        return True
    if page.week is None and (week := words.week(text)):
        page.week = week
        return True
    if page.section is None and folded in words.sections:
        page.section = text
        return True
    if page.status_line is None and folded in words.status_lines:
        page.status_line = text
        return True
    if not page.title and (line.hint in ("title", "heading") or page.week or page.section):
        page.title = text
        return True
    return False
