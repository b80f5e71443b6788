"""Turning a reader's lines into a commentary: header, body, boilerplate, lead.

The header is read by the page's structure (:mod:`tmgr.readers.header`); the body
runs from there until a "cut" boilerplate rule matches. Captions and lines in
Cyrillic are kept aside, never sent for translation. Every line's reading is kept
for the ingest report (``tmgr ingest --explain``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from tmgr.errors import IngestError
from tmgr.readers.base import Reader, ends_sentence, normalise
from tmgr.readers.boilerplate import Action, BoilerplateRules
from tmgr.readers.header import Header, HeaderParser, preview
from tmgr.readers.metadata import Vocabulary, is_cyrillic, parse_dateline
from tmgr.readers.model import LineReading, ParsedBlock, ParsedCommentary, SourceLine, SourceText

_ADDRESS_RE = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)


@dataclass(frozen=True)
class Context:
    """What the assembly needs besides the lines: the rules and the file's name."""

    rules: BoilerplateRules
    vocabulary: Vocabulary
    name: str
    english: bool = True  # the source is in English (Cyrillic lines are captions)


@dataclass
class Body:
    """The body's lines, what was kept aside, and how each line was read."""

    lines: list[SourceLine]
    captions: list[str]
    readings: list[LineReading]
    warnings: list[str]


def _body(lines: Sequence[SourceLine], context: Context, header: Header) -> Body:
    """The body's lines up to the first cut rule, without boilerplate and captions."""
    body = Body([], [], [], [])
    cut_by: str | None = None
    for line in lines:
        if cut_by is not None:
            body.readings.append(LineReading(line.number, line.text, "after-cut", cut_by))
            continue
        role, detail = _body_role(line, context, header.status_line)
        if role == "body" and header.title and normalise(line.text) == normalise(header.title):
            role, detail = "title-repeat", "the headline printed again, after the lead"
        if role == "cut":
            cut_by = f"below the cut on line {line.number}"
        elif role == "caption":
            body.captions.append(line.text)
            if "Cyrillic" in detail or "another language" in detail:
                which = "in Cyrillic" if "Cyrillic" in detail else "in another language"
                body.warnings.append(f"line {which} kept as a caption, not translated: "
                                     f"{preview(line.text)!r}")
        elif role == "body":
            body.lines.append(line)
        elif role == "ignored":
            body.warnings.append(f"line {line.number} ignored ({detail}): "
                                 f"{preview(line.text)!r}")
        body.readings.append(LineReading(line.number, line.text, role, detail))
    return body


def _body_role(line: SourceLine, context: Context, status: str | None) -> tuple[str, str]:
    found = context.rules.match(line.text)
    if found is not None:
        return ("cut" if found[0] is Action.CUT else "boilerplate"), found[1]
    vocabulary = context.vocabulary
    if line.hint == "caption":
        return "caption", "figure caption"
    if (why := vocabulary.caption_kind(line.text, english=context.english)) is not None:
        return "caption", why
    if vocabulary.status(line.text) is not None:
        return "status", "known wording" if status is None else "status line again"
    if parse_dateline(line.text):
        return "date", "a date alone on a line"
    if not any(char.isalpha() for char in line.text):
        return "ignored", "no words"
    if _ADDRESS_RE.fullmatch(line.text.strip()):
        return "ignored", "a web address alone"
    return "body", ""


def _filter_blocks(blocks: list[ParsedBlock], rules: BoilerplateRules) -> list[ParsedBlock]:
    """Apply the rules once more to whole paragraphs (e.g. a hard-wrapped blurb)."""
    kept: list[ParsedBlock] = []
    for block in blocks:
        action = rules.action(block.text)
        if action is Action.CUT:
            break
        if action is None:
            kept.append(block)
    return kept


def _mark_lead(blocks: list[ParsedBlock]) -> list[ParsedBlock]:
    """Make the first ordinary paragraph the lead."""
    for index, block in enumerate(blocks):
        if block.kind == "paragraph":
            return [*blocks[:index], replace(block, kind="lead"), *blocks[index + 1:]]
    return blocks


def _mend_ending(blocks: list[ParsedBlock], warnings: list[str]) -> list[ParsedBlock]:
    """A page cut off mid-sentence: warn, and never call its last fragment a heading."""
    if not blocks:
        return blocks
    last = blocks[-1]
    if last.kind == "heading":
        last = replace(last, kind="paragraph")
        blocks = [*blocks[:-1], last]
    if last.kind in ("paragraph", "lead", "list_item", "quote") and not ends_sentence(last.text):
        tail = " ".join(last.text.split()[-8:])
        warnings.append(f"the text seems to end mid-sentence: …{tail!r}; "
                        "check the source is complete")
    return blocks


def assemble(source: SourceText, reader: Reader, context: Context) -> ParsedCommentary:
    """Build the commentary from a reader's lines, or raise IngestError if it has no body."""
    if is_cyrillic(" ".join(line.text for line in source.lines[:200])):
        context = replace(context, english=False)
    parser = HeaderParser(source.lines, context.rules, context.vocabulary,
                          english=context.english)
    start = parser.run()
    header = parser.header
    body = _body(source.lines[start:], context, header)
    warnings = [*source.warnings, *header.warnings, *body.warnings]
    blocks = _mark_lead(_mend_ending(
        _filter_blocks(reader.build_blocks(body.lines), context.rules), warnings))
    if not blocks:
        raise IngestError(
            f"no commentary text found in {context.name}: after the headline, metadata "
            "and site boilerplate there is no paragraph left",
            hint="check the file holds the whole article with its paragraphs; "
                 "boilerplate rules are in tmgr/data/boilerplate.toml")
    warnings += _header_warnings(header) + _guess_warnings(header, blocks)
    title = header.title or ""
    return ParsedCommentary(
        title=title, section=header.section, week=header.week,
        status_line=header.status_line, author=header.author,
        blocks=[ParsedBlock("title", title), *blocks] if title else blocks,
        warnings=warnings, captions=[*header.captions, *body.captions],
        dated=header.dated, readings=[*header.readings, *body.readings],
    )


#: header roles that anchor the headline: the page's own metadata around it
_ANCHORS = frozenset({"byline", "week", "section", "status", "title-repeat", "date"})


def _guess_warnings(header: Header, blocks: list[ParsedBlock]) -> list[str]:
    """Say so when the headline is only a guess (no metadata around it), and name the
    short lines between it and the first paragraph that were kept as headings."""
    if not header.title or any(r.role in _ANCHORS for r in header.readings) \
            or any(r.role == "title" and r.detail == "marked-up headline"
                   for r in header.readings):
        return []
    found = [f"no byline, week, section or status line found: the first line "
             f"{preview(header.title)!r} was taken as the headline; check it "
             "(tmgr doc set DOC --title TEXT)"]
    leading = []
    for block in blocks:
        if block.kind not in ("heading", "lead", "paragraph") or ends_sentence(block.text):
            break
        leading.append(preview(block.text))
    if leading:
        found.append(f"{len(leading)} short piece(s) of text between that headline and the first "
                     f"paragraph kept as text: {', '.join(map(repr, leading))}; remove "
                     "them from the source if they are not the article's")
    return found


def _header_warnings(header: Header) -> list[str]:
    """What an editor should check about the header."""
    found: list[str] = []
    ignored = sum(1 for reading in header.readings if reading.role == "ignored")
    if ignored:
        found.append(f"{ignored} line{'s' if ignored > 1 else ''} before the headline ignored")
    week = header.week
    if week is None:
        dated = f" (the page is dated {header.dated})" if header.dated else ""
        found.append(f"no week range found{dated}")
    elif week.start is None:
        reason = "is not a valid range of dates" if re.search(r"\d{4}", week.text) \
            else "has no year"
        found.append(f"week range {week.text!r} {reason}; its dates are unknown")
    if header.status_line is None:
        found.append("no status line found")
    return found
