"""Recognising a commentary's header lines: byline, week range, section, status, credits.

The status vocabulary and photo-credit patterns are data, in
``tmgr/data/commentary.toml``; the date grammar of week ranges is code.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import NamedTuple

from tmgr.data import data_file, load_toml, patterns, strings, table
from tmgr.readers.base import normalise
from tmgr.readers.model import SourceLine, WeekRange

DEFAULT_VOCABULARY_FILE = "commentary.toml"
MONTHS: dict[str, int] = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
    "apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
    "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10,
    "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}
_MONTH = r"[A-Za-z]{3,9}\.?"
_WEEK_RE = re.compile(
    rf"(?P<m1>{_MONTH})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y1>\d{{4}}))?"
    r"(?:\s*[-‐‑‒–—−]\s*|\s+(?:to|through|until|till)\s+)"
    rf"(?:(?P<m2>{_MONTH})\s+)?(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<y2>\d{{4}}))?\.?",
    re.IGNORECASE,
)
#: day first, as some exports print it: "28 October – 3 November 2024", "4–10 November 2024"
_WEEK_DAY_FIRST_RE = re.compile(
    rf"(?P<d1>\d{{1,2}})(?:\s+(?P<m1>{_MONTH}))?(?:,?\s+(?P<y1>\d{{4}}))?"
    r"\s*[-‐‑‒–—−]\s*"
    rf"(?P<d2>\d{{1,2}})\s+(?P<m2>{_MONTH})(?:,?\s+(?P<y2>\d{{4}}))?\.?",
    re.IGNORECASE,
)
#: the monthly and annual reviews' period: "01-31.12.2019", "1.11-30.11.2019"
_DOTTED_RANGE_RE = re.compile(
    r"(?P<d1>\d{1,2})(?:\.(?P<m1>\d{1,2})(?:\.(?P<y1>\d{4}))?)?\.?\s*[-‐‑‒–—−]\s*"
    r"(?P<d2>\d{1,2})\.(?P<m2>\d{1,2})\.(?P<y2>\d{4})")
#: a review's period printed as a month: "December 2019", "December, 2019"
_MONTH_PERIOD_RE = re.compile(rf"(?P<m>{_MONTH}),?\s+(?P<y>\d{{4}})", re.IGNORECASE)
#: what the site's CMS prints above a page when something failed: not the headline
_CMS_NOTICE_RE = re.compile(
    r"(?:PHP\s+)?(?:warning|notice|deprecated|strict standards|(?:fatal|parse)?\s*error|"
    r"exception)\s*:.*|(?:error\s+)?(?:40[34]|50[023])\s*[-:–]?\s*(?:page )?(?:not found|"
    r"forbidden|internal server error|bad gateway|service (?:temporarily )?unavailable)|"
    r".*\bon line \d+\.?|.*(?:undefined (?:index|variable|offset)|stack trace).*",
    re.IGNORECASE)
_NAME_RE = re.compile(r"[A-ZÀ-ÞА-ЯЁІЎ][\w’'-]+(?:\s+(?:and\s+)?[A-ZÀ-ÞА-ЯЁІЎ][\w’'.-]+){1,5}")
_BYLINE_RE = re.compile(r"by(?:\s+(?P<author>.+))?", re.IGNORECASE)
#: a page's publication time, as the 2013-2017 templates print it: "October 31, 2016 11:26"
_DATELINE_RE = re.compile(
    rf"(?:{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH}\s+\d{{4}}|\d{{1,2}}\.\d{{1,2}}\.\d{{4}})"
    r"(?:,?\s+\d{1,2}:\d{2}(?::\d{2})?)?", re.IGNORECASE)
#: the 2013-2017 templates' label above the status (often left empty): "Category status:"
_CATEGORY_STATUS_RE = re.compile(r"(?:category\s+)?status\s*:\s*(?P<status>.*)", re.IGNORECASE)
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_LATIN = re.compile("[A-Za-z\u00c0-\u024f]")
#: Latin letters with diacritics that English text does not use (names aside)
_FOREIGN_LATIN = re.compile("[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]")
CAPTION_MAX_WORDS = 30
STATUS_MAX_WORDS = 12
STATUS_MAX_CHARS = 100
MEMO_LIMIT = 20_000  # remembered caption answers per vocabulary
_UNFINISHED_RE = re.compile(r"[.!?;:,]$")
AUTHOR_MAX_WORDS = 10
SECTION_MAX_WORDS = 8
SECTION_MAX_CHARS = 60
HEADLINE_MAX_WORDS = 40
HEADLINE_MAX_CHARS = 300


class Byline(NamedTuple):
    """A ``by ...`` line; ``author`` is None when the site printed ``by`` alone."""

    author: str | None


def parse_byline(text: str) -> Byline | None:
    """Read ``by``, ``by Name Surname`` or ``by Name and Name``; None if not a byline."""
    match = _BYLINE_RE.fullmatch(" ".join(text.split()))
    if match is None:
        return None
    author = match.group("author")
    if author is None:
        return Byline(None)
    too_long = len(author.split()) > AUTHOR_MAX_WORDS
    if not author[0].isupper() or too_long or _UNFINISHED_RE.search(author):
        return None
    return Byline(author)


def parse_week_range(text: str) -> WeekRange | None:
    """Read a week range such as ``October 28 – November 3, 2024``; None if not one.

    Dates stay None when no year is written, or when the dates are impossible.
    """
    flat = " ".join(text.split())
    match = _WEEK_RE.fullmatch(flat)
    if match is None:
        match = _WEEK_DAY_FIRST_RE.fullmatch(flat)
        if match is None:
            return _review_period(text.strip(), flat)
        second = MONTHS.get(match["m2"].rstrip(".").lower())
        first = MONTHS.get(match["m1"].rstrip(".").lower()) if match["m1"] else second
    else:
        first = MONTHS.get(match["m1"].rstrip(".").lower())
        second = MONTHS.get(match["m2"].rstrip(".").lower()) if match["m2"] else first
    if first is None or second is None:
        return None
    start, end = _resolve_dates(
        (first, int(match["d1"]), _year(match["y1"])),
        (second, int(match["d2"]), _year(match["y2"])),
    )
    return WeekRange(text.strip(), start, end)


def _review_period(text: str, flat: str) -> WeekRange | None:
    """A monthly or annual review's period: ``01-31.12.2019`` or ``December 2019``."""
    if (match := _DOTTED_RANGE_RE.fullmatch(flat)) is not None:
        month2, year2 = int(match["m2"]), int(match["y2"])
        month1 = int(match["m1"]) if match["m1"] else month2
        year1 = int(match["y1"]) if match["y1"] else year2
        start, end = _resolve_dates((month1, int(match["d1"]), year1),
                                    (month2, int(match["d2"]), year2))
        return WeekRange(text, start, end) if start is not None else None
    if (match := _MONTH_PERIOD_RE.fullmatch(flat)) is not None:
        month = MONTHS.get(match["m"].rstrip(".").lower())
        if month is None:
            return None
        year = int(match["y"])
        last = (date(year + month // 12, month % 12 + 1, 1) - date.resolution)
        return WeekRange(text, date(year, month, 1), last)
    return None


def is_cms_notice(text: str) -> bool:
    """Whether a line is a notice the site's CMS printed (an error, a warning)."""
    return _CMS_NOTICE_RE.fullmatch(" ".join(text.split())) is not None


def unbracket(text: str) -> str:
    """A status verdict without the parentheses the reviews print it in."""
    flat = text.strip()
    while len(flat) > 2 and flat[0] in "([" and flat[-1] in ")]":
        flat = flat[1:-1].strip()
    return flat


def is_bracketed(text: str) -> bool:
    """Whether a line stands wholly in parentheses: ``(The situation has worsened)``."""
    flat = text.strip()
    return len(flat) > 2 and flat[0] in "([" and flat[-1] in ")]" and unbracket(flat) != ""


def _year(text: str | None) -> int | None:
    return int(text) if text else None


def _resolve_dates(first: tuple[int, int, int | None],
                   second: tuple[int, int, int | None]) -> tuple[date | None, date | None]:
    """Fill in a missing year from the other end (a range may cross New Year)."""
    (month1, day1, year1), (month2, day2, year2) = first, second
    crosses_new_year = (month2, day2) < (month1, day1)
    if year1 is None:
        if year2 is None:
            return None, None
        year1 = year2 - 1 if crosses_new_year else year2
    elif year2 is None:
        year2 = year1 + 1 if crosses_new_year else year1
    try:
        start, end = date(year1, month1, day1), date(year2, month2, day2)
    except ValueError:
        return None, None
    return (start, end) if start <= end else (None, None)


def looks_like_name(text: str) -> bool:
    """Whether a line is only a person's name (or two): ``Pavel Novik and Ala Marchuk``."""
    flat = " ".join(text.split())
    return len(flat.split()) <= 8 and _NAME_RE.fullmatch(flat) is not None


def parse_dateline(text: str) -> bool:
    """Whether a line is only a publication date (and time), e.g. ``October 31, 2016 11:26``."""
    match = _DATELINE_RE.fullmatch(" ".join(text.split()))
    return match is not None and (match.group().split()[0].rstrip(".").lower() in MONTHS
                                  or not match.group()[0].isalpha())


def parse_category_status(text: str) -> str | None:
    """The text after a ``Category status:`` label ('' when empty), or None if not one."""
    match = _CATEGORY_STATUS_RE.fullmatch(" ".join(text.split()))
    return match.group("status").strip() if match is not None else None


def is_cyrillic(text: str) -> bool:
    """Whether most letters of ``text`` are Cyrillic: not English source text."""
    if _CYRILLIC.search(text) is None:
        return False
    return len(_CYRILLIC.findall(text)) > len(_LATIN.findall(text))


def is_other_language(text: str) -> bool:
    """Whether a short line reads as neither English nor Cyrillic: several of its
    words carry letters English never writes (ą ł ß ö ň...) and it ends no sentence."""
    words = text.split()
    foreign = [word for word in words if _FOREIGN_LATIN.search(word)]
    return (len(foreign) >= 2 and len(foreign) * 4 >= len(words)
            and not text.rstrip("\"'”’»)").endswith((".", "!", "?")))


def looks_like_status(text: str) -> bool:
    """Whether a line has the shape of a status line: a short verdict, no full stop."""
    text = unbracket(text)
    words = text.split()
    return (0 < len(words) <= STATUS_MAX_WORDS and len(text) <= STATUS_MAX_CHARS
            and "\n" not in text and text[0].isupper() and not is_cyrillic(text)
            and not text.rstrip("\"'”’»)").endswith((":", ";", ",", "?", "!")))


def is_short_label(text: str) -> bool:
    """Whether a line could be a section name: a few words, capitalised, no full stop."""
    words = text.split()
    return (0 < len(words) <= SECTION_MAX_WORDS and len(text) <= SECTION_MAX_CHARS
            and "\n" not in text
            and text[0].isupper() and not _UNFINISHED_RE.search(text))


def looks_like_headline(line: SourceLine) -> bool:
    """Whether a line could be the headline rather than the first paragraph."""
    if line.hint == "title":
        return True
    text = line.text
    return ("\n" not in text and len(text) <= HEADLINE_MAX_CHARS
            and len(text.split()) <= HEADLINE_MAX_WORDS
            and not text.rstrip("\"'”’»)").endswith((".", ":", ";", ",")))


@dataclass(frozen=True)
class Vocabulary:
    """Header wording the reader recognises, from ``tmgr/data/commentary.toml``."""

    status_lines: tuple[str, ...] = ()
    photo_credits: tuple[re.Pattern[str], ...] = ()
    sections: tuple[str, ...] = ()
    captions: tuple[re.Pattern[str], ...] = ()

    @classmethod
    def load(cls, path: Path | None = None) -> Vocabulary:
        """Read the vocabulary from ``path`` (default: the shipped file)."""
        source = path if path is not None else data_file(DEFAULT_VOCABULARY_FILE)
        data = load_toml(source)
        status = table(data, "status", {"lines"}, source)
        credits_ = table(data, "photo_credit", {"patterns"}, source)
        credit_texts = strings(credits_, "patterns", "photo_credit", source)
        section = table(data, "section", {"names"}, source)
        caption = table(data, "caption", {"patterns"}, source)
        caption_texts = strings(caption, "patterns", "caption", source)
        return cls(status_lines=strings(status, "lines", "status", source),
                   photo_credits=patterns(credit_texts, "[photo_credit]", source),
                   sections=strings(section, "names", "section", source),
                   captions=patterns(caption_texts, "[caption]", source))

    _status_by_key: dict[str, str] = field(init=False, repr=False, compare=False)

    _section_by_key: dict[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        keys = {normalise(line).rstrip(". "): line for line in self.status_lines}
        object.__setattr__(self, "_status_by_key", keys)  # a cache; the class stays frozen
        sections = {normalise(name).rstrip(". "): name for name in self.sections}
        object.__setattr__(self, "_section_by_key", sections)

    def section(self, text: str) -> str | None:
        """The vocabulary's spelling of a known section name, or None."""
        return self._section_by_key.get(normalise(text).rstrip(". "))

    def caption_kind(self, text: str, *, english: bool = True) -> str | None:
        """Why ``text`` is a caption (credit, credit inside, Cyrillic), or None if not one.

        In an ``english`` source a line mostly in Cyrillic is a caption too.
        """
        memo: dict[tuple[str, bool], str | None] = self.__dict__.setdefault("_memo", {})
        key = (text, english)
        if key not in memo:
            if len(memo) > MEMO_LIMIT:
                memo.clear()
            memo[key] = self._caption_kind(text, english)
        return memo[key]

    def _caption_kind(self, text: str, english: bool) -> str | None:
        if self.is_photo_credit(text):
            return "photo credit"
        if english and is_cyrillic(text):
            return "Cyrillic line: not English source text"
        flat = " ".join(text.split())
        if len(flat.split()) > CAPTION_MAX_WORDS:
            return None
        if any(p.search(flat) for p in self.captions):
            return "caption with a credit"
        if english and is_other_language(flat):
            return "line in another language: not English source text"
        return None

    def status(self, text: str) -> str | None:
        """The vocabulary's spelling of a status line, or None if ``text`` is not one."""
        return self._status_by_key.get(normalise(unbracket(text)).rstrip(". "))

    def is_photo_credit(self, text: str) -> bool:
        """Whether ``text`` is a photo credit such as ``photo: elements.envato.com``."""
        flat = " ".join(text.split())
        return any(pattern.search(flat) for pattern in self.photo_credits)


@functools.cache
def default_vocabulary() -> Vocabulary:
    """The shipped vocabulary, read once per process."""
    return Vocabulary.load()
