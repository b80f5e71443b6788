"""Reading a commentary's header by the page's structure, not by word lists.

Every template of the site since 2013 puts, in this order: a byline, the week range,
the section, the headline, the status line, the headline again, a caption; older
ones print a ``header -->`` remnant, an often empty ``Category status:`` label and a
publication time. Any of these may be missing. A line's *place* says what it is:
the short line between the headline and its repetition is the status line whatever
its words; the vocabulary (``tmgr/data/commentary.toml``) only spells the known ones.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from tmgr.readers.base import normalise
from tmgr.readers.boilerplate import BoilerplateRules
from tmgr.readers.metadata import (
    Vocabulary,
    is_bracketed,
    is_cms_notice,
    is_cyrillic,
    is_other_language,
    is_short_label,
    looks_like_headline,
    looks_like_name,
    looks_like_status,
    parse_byline,
    parse_category_status,
    parse_dateline,
    parse_week_range,
    unbracket,
)
from tmgr.readers.model import LineReading, SourceLine, WeekRange

#: how far ahead a line after the week range is looked for again (a repeated headline)
REPEAT_WINDOW = 8
#: a short line above a headline-shaped one is the section when it has at most this
#: many words (section names have 1-4; headlines more)
SECTION_MAX_WORDS_WHEN_UNSURE = 4
#: a line this short above the byline is a leftover label when a headline follows
STRAY_LABEL_WORDS = 3
_PREVIEW = 60
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*$")
_INNER_SENTENCE_END = re.compile(r"[a-z][.!?…][\"'”’»)\]]*\s+[A-Z]")


def preview(text: str) -> str:
    """The start of a long text, for messages."""
    flat = " ".join(text.split())
    return flat if len(flat) <= _PREVIEW else flat[:_PREVIEW - 1].rstrip() + "…"


@dataclass
class Header:
    """What the header said, and how each of its lines was read."""

    title: str | None = None
    author: str | None = None
    section: str | None = None
    status_line: str | None = None
    week: WeekRange | None = None
    dated: str | None = None
    captions: list[str] = field(default_factory=list)
    readings: list[LineReading] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class HeaderParser:
    """Reads the lines at the top of a source into a :class:`Header`."""

    def __init__(self, lines: Sequence[SourceLine], rules: BoilerplateRules,
                 vocabulary: Vocabulary, *, english: bool = True) -> None:
        self.lines = lines
        self.english = english
        self.rules = rules
        self.vocabulary = vocabulary
        self.header = Header()
        self._explicit_title = any(line.hint == "title" for line in lines)
        self._after_week = False
        self._status_slot = False  # the line right after the headline is being read
        self._bare_by = False  # the line before was "by" alone
        self._after_label = False  # the line before was an empty "Category status:" label
        self._index = 0

    def run(self) -> int:
        """Read header lines; return the index of the first body line."""
        for index, line in enumerate(self.lines):
            self._index = index
            role = self._role(index, line)
            if role is None:
                return index
            self.header.readings.append(LineReading(line.number, line.text, *role))
        return len(self.lines)

    # -- one line ---------------------------------------------------------------------

    def _role(self, index: int, line: SourceLine) -> tuple[str, str] | None:
        """Take one line into the header: its (role, detail), or None where the body starts."""
        header = self.header
        after_week, self._after_week = self._after_week, False
        if line.hint != "title" and (found := self._metadata(line)) is not None:
            self._after_week = found[0] == "week"
            return found
        if after_week and header.section is None and self._section_here(index):
            known = self.vocabulary.section(line.text)
            header.section = known or line.text
            if known is not None:
                return "section", "known section"
            header.warnings.append(f"new section name: {line.text!r} "
                                   "(a site string to translate: tmgr strings list --pending)")
            return "section", "by position: after the week range"
        if header.title is not None:
            return self._after_title(index, line)
        if self._explicit_title and line.hint != "title":
            return "ignored", "text before the marked-up headline"
        if line.hint is None and is_cms_notice(line.text):
            return self._ignore(line, "a notice printed by the site's CMS")
        if line.hint is None and is_short_label(line.text) and self._headline_ahead(index):
            header.section = line.text
            header.warnings.append(f"new section name: {line.text!r} "
                                   "(a site string to translate: tmgr strings list --pending)")
            return "section", "by position: above the headline the page repeats"
        if line.hint != "title" and not looks_like_headline(line):
            header.warnings.append(
                f"no headline found: the text starts with a paragraph ({preview(line.text)!r}); "
                "set one with `tmgr doc set DOC --title TEXT`")
            return None
        if line.hint is None and (why := self._stray(index)) is not None:
            return self._ignore(line, why)
        header.title = line.text
        self._status_slot = True
        return "title", "marked-up headline" if line.hint == "title" else "first line of text"

    def _ignore(self, line: SourceLine, why: str) -> tuple[str, str]:
        self.header.warnings.append(f"line {line.number} above the headline ignored ({why}): "
                                    f"{preview(line.text)!r}")
        return "ignored", why

    def _stray(self, index: int) -> str | None:
        """Why a headline-shaped line above the real headline is not it (a CMS leftover),
        or None when it is the headline: the byline or week range still follows, or the
        next line is the headline the page prints twice or puts above its status label."""
        key = normalise(self.lines[index].text)
        following = self.lines[index + 1:index + 1 + REPEAT_WINDOW]
        if any(normalise(other.text) == key for other in following):
            return None
        for offset, other in enumerate(following):
            if parse_byline(other.text) is not None or parse_week_range(other.text) is not None:
                rest = following[offset + 1:]
                short = len(self.lines[index].text.split()) <= STRAY_LABEL_WORDS
                return ("a stray line above the byline and week range"
                        if self._anchored_headline(rest, loose=short) else None)
            if self._is_meta(other):
                continue
            if not looks_like_headline(other):
                return None
            upcoming, rest = normalise(other.text), following[offset + 1:]
            if any(normalise(later.text) == upcoming for later in rest):
                return "a stray line above the headline the page prints twice"
            if rest and parse_category_status(rest[0].text) is not None:
                return "a stray line above the headline and its Category status label"
        return None

    def _anchored_headline(self, lines: Sequence[SourceLine], *, loose: bool = False) -> bool:
        """Whether ``lines`` hold a headline the page prints twice, or one followed by a
        status line or ``Category status:`` label (then a line above them is not it);
        ``loose``: any headline-shaped line will do (the line above is a short label)."""
        for offset, line in enumerate(lines):
            if self._is_meta(line) or self.vocabulary.section(line.text) is not None:
                continue
            if not looks_like_headline(line):
                return False
            if loose:
                return True
            rest = lines[offset + 1:]
            key = normalise(line.text)
            if any(normalise(other.text) == key for other in rest) or rest and (
                    self.vocabulary.status(rest[0].text) is not None
                    or parse_category_status(rest[0].text) is not None):
                return True
        return False

    def _week_next(self) -> bool:
        """Whether the line after the current one is a week range."""
        following = self.lines[self._index + 1:self._index + 2]
        return bool(following) and parse_week_range(following[0].text) is not None

    def _headline_ahead(self, index: int) -> bool:
        """Whether the next content line is the headline (the page prints it twice)
        while this one is not repeated: then this short line above it is the section."""
        if self.header.section is not None:
            return False
        key = normalise(self.lines[index].text)
        following = self.lines[index + 1:index + 1 + REPEAT_WINDOW]
        if any(normalise(other.text) == key for other in following):
            return False
        content = [other for other in following if not self._is_meta(other)]
        if not content or not looks_like_headline(content[0]):
            return False
        upcoming = normalise(content[0].text)
        return any(normalise(other.text) == upcoming for other in content[1:])

    def _section_here(self, index: int) -> bool:
        line = self.lines[index]
        if self.header.title is None:
            return self._is_section(index)
        return (line.hint is None and is_short_label(line.text)
                and normalise(line.text) != normalise(self.header.title))

    def _metadata(self, line: SourceLine) -> tuple[str, str] | None:
        """Lines that are metadata wherever they stand in the header."""
        header, vocabulary = self.header, self.vocabulary
        text = line.text
        after_bare_by, self._bare_by = self._bare_by, False
        after_label, self._after_label = self._after_label, False
        if after_label and header.status_line is None and (
                is_bracketed(text) or header.title is not None and looks_like_status(text)
                and not parse_dateline(text) and parse_week_range(text) is None):
            self._set_status(text)
            self._status_slot = False
            return "status", "the verdict under the Category status label"
        if header.author is None and (byline := parse_byline(text)) is not None:
            header.author = byline.author
            self._bare_by = byline.author is None
            return "byline", "author" if byline.author else "byline without a name"
        if after_bare_by and header.title is None and looks_like_name(text) \
                and parse_week_range(text) is None and self._week_next():
            header.author = text
            return "byline", "author, on the line after 'by'"
        if header.week is None and (week := parse_week_range(text)) is not None:
            header.week = week
            return "week", "week range"
        found = self.rules.match(text)
        if found is not None:
            return "boilerplate", found[1]
        if (label := parse_category_status(text)) is not None:
            if label:
                self._set_status(label)
            self._status_slot = not label  # its value may stand on the next line
            self._after_label = not label
            return "status", "Category status label" + ("" if label else " (empty)")
        if parse_dateline(text):
            header.dated = header.dated or text
            return "date", "publication time"
        if (known := vocabulary.status(text)) is not None:
            header.status_line = header.status_line or known
            return "status", "known wording"
        if header.section is None and header.title is None and (
                section := vocabulary.section(text)) is not None:
            header.section = section
            return "section", "known section"
        why = "figure caption" if line.hint == "caption" else self._caption(text)
        if why is not None:
            header.captions.append(text)
            if "another language" in why or self.english and is_other_language(text):
                header.warnings.append(f"line {line.number} in another language kept as a "
                                       f"caption, not translated: {preview(text)!r}")
            return "caption", why
        return None

    def _after_title(self, index: int, line: SourceLine) -> tuple[str, str] | None:
        header = self.header
        if header.title is not None and normalise(line.text) == normalise(header.title):
            return "title-repeat", "the headline printed again"
        if self._status_slot and header.status_line is None and self._is_status(index):
            self._set_status(line.text)
            self._status_slot = False
            return "status", "by position: after the headline"
        return None

    def _set_status(self, text: str) -> None:
        text = unbracket(text)
        known = self.vocabulary.status(text)
        self.header.status_line = self.header.status_line or known or text
        if known is None:
            self.header.warnings.append(
                f"new status line wording: {text!r}; kept as written, it becomes a site "
                "string to translate and approve (tmgr strings list --pending)")

    # -- structure --------------------------------------------------------------------

    def _is_status(self, index: int) -> bool:
        """Whether the line right after the headline is its status line.

        It has a status line's shape (a short verdict) and either the headline is
        printed again after it, or a paragraph follows.
        """
        line = self.lines[index]
        if line.hint not in (None, "heading") or not looks_like_status(line.text):
            return False
        following = [other for other in self.lines[index + 1:index + 1 + REPEAT_WINDOW]
                     if self._caption(other.text) is None and not parse_dateline(other.text)]
        if not following:
            return False
        title = normalise(self.header.title or "")
        if normalise(following[0].text) == title:
            return True
        if _SENTENCE_END.search(line.text) or _INNER_SENTENCE_END.search(line.text):
            return False  # a sentence after the headline: the body has begun
        nxt = following[0]
        if nxt.group == line.group and nxt.text[:1].islower():
            return False  # the first line of a hard-wrapped paragraph
        cyrillic = self.english and is_cyrillic(nxt.text)
        return nxt.hint is None and not looks_like_headline(nxt) and not cyrillic

    def _is_section(self, index: int) -> bool:
        """Whether the short line right after the week range names the section.

        Not if the page repeats it (then it is the headline). Otherwise it is the
        section when a headline follows and, after that, a status line (known words,
        or another headline-shaped line); with a lone headline-shaped line before
        the first paragraph it is the section only if it is as short as one.
        """
        line = self.lines[index]
        if line.hint is not None or not is_short_label(line.text):
            return False
        key = normalise(line.text)
        following = self.lines[index + 1:index + 1 + REPEAT_WINDOW]
        if any(normalise(other.text) == key for other in following):
            return False
        content = [other for other in following if self._caption(other.text)
                   is None and self.rules.action(other.text) is None]
        if not content or not looks_like_headline(content[0]):
            return False
        if self.vocabulary.status(content[0].text) is not None:
            return False  # this line is the headline, and its status line follows
        upcoming = normalise(content[0].text)
        if any(normalise(other.text) == upcoming for other in content[1:]):
            return True
        for other in content[1:]:
            if self.vocabulary.status(other.text) or parse_category_status(other.text) is not None:
                return True
            if looks_like_headline(other):
                return True
            # one headline-shaped line before the text: this line and it are either
            # section + headline or headline + an unknown status; sections are short
            return len(line.text.split()) <= SECTION_MAX_WORDS_WHEN_UNSURE
        return True

    def _caption(self, text: str) -> str | None:
        return self.vocabulary.caption_kind(text, english=self.english)

    def _is_meta(self, line: SourceLine) -> bool:
        vocabulary = self.vocabulary
        text = line.text
        return line.hint == "caption" or line.hint != "title" and (
            parse_byline(text) is not None or parse_week_range(text) is not None
            or vocabulary.status(text) is not None or self._caption(text) is not None
            or parse_dateline(text) or self.rules.action(text) is not None)
