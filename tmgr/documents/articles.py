"""Rebuild a commentary in a target language, ready for a publishable format.

Each block is its English text with every sentence replaced, at the segment's
offsets, by its translation, so the spacing between sentences is the original's.
Metadata comes from the language's tables (:mod:`tmgr.localedata`); typography
(:mod:`tmgr.typography`) is applied last and every change is reported.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field

from tmgr.documents.snapshot import BlockView, DocumentView
from tmgr.formats.model import Article, ArticleBlock, Run
from tmgr.localedata import MetadataTable
from tmgr.localedata.cldr import week_range
from tmgr.typography import GAP_CLOSE, GAP_OPEN, MARKS, Change, Typography

_AUTHOR_SEPARATORS = re.compile(r"\s*(?:,\s*and\s+|,\s*|\s+and\s+|\s*&\s*)\s*")
_GAP_SPLIT = re.compile(f"({GAP_OPEN}.{GAP_CLOSE})", re.DOTALL)
_PLACEHOLDER = 0xF0000  # supplementary private use area: no rule touches it
DEFAULT_LABELS = {"byline": "by {authors}", "byline_many": "by {authors}", "and": " and ",
                  "draft": "DRAFT, not for publication: text in ⟦…⟧ is not approved yet",
                  "gap": "not approved"}


@dataclass
class Gaps:
    """What is not ready: segment keys, and metadata fields by name."""

    segments: set[str] = field(default_factory=set)
    fields: set[str] = field(default_factory=set)

    def __bool__(self) -> bool:
        return bool(self.segments or self.fields)


def split_authors(author: str) -> list[str]:
    """``Pavel Novik and Ala Marchuk`` → both names."""
    return [name for name in _AUTHOR_SEPARATORS.split(author.strip()) if name]


def label(table: MetadataTable, name: str, **values: str) -> str:
    template = table.labels.get(name, DEFAULT_LABELS[name])
    return template.format(**values)


def _block_runs(block: BlockView, lang: str, gaps: Collection[str]) -> list[Run]:
    runs: list[Run] = []
    cursor = 0
    for segment in block.segments:
        runs.append(Run(block.text[cursor:segment.start]))
        translation = segment.translations.get(lang)
        text = translation.text if translation else ""
        if segment.key in gaps:
            runs.append(Run(text or segment.source, gap=True))
        else:
            runs.append(Run(text))
        cursor = segment.end
    runs.append(Run(block.text[cursor:]))
    return _merge(runs)


def _merge(runs: list[Run]) -> list[Run]:
    merged: list[Run] = []
    for run in runs:
        if not run.text:
            continue
        if merged and merged[-1].gap == run.gap and not run.gap:
            merged[-1] = Run(merged[-1].text + run.text)
        else:
            merged.append(run)
    return merged


def _typeset(runs: list[Run], typography: Typography | None, changes: list[Change], *,
             source: str = "", only: Collection[str] | None = None) -> list[Run]:
    """Typeset the approved runs; a gap stands in as one private-use character, so quotes
    pair across it but its own text (often the English) is left as it is."""
    if typography is None or not runs:
        return runs
    gaps = [run.text for run in runs if run.gap]
    placeholders = iter(range(len(gaps)))
    marked = "".join(f"{GAP_OPEN}{chr(_PLACEHOLDER + next(placeholders))}{GAP_CLOSE}"
                     if run.gap else run.text for run in runs)
    text, made = typography.apply(marked, source=source, only=only)
    changes.extend(made)
    result = []
    for piece in _GAP_SPLIT.split(text):
        if piece.startswith(GAP_OPEN):
            result.append(Run(gaps[ord(piece.strip(MARKS)) - _PLACEHOLDER], gap=True))
        elif piece:
            result.append(Run(piece))
    return result


def _field(value: str | None, translated: str | None, name: str, gaps: Gaps) -> list[Run]:
    if not value:
        return []
    if translated is None or name in gaps.fields:
        return [Run(value, gap=True)]
    return [Run(translated)]


def _byline(view: DocumentView, table: MetadataTable, gaps: Gaps) -> list[Run]:
    if not view.author:
        return []
    names = split_authors(view.author)
    translated = [table.author(name) for name in names]
    joined = label(table, "and").join(t or name for t, name in zip(translated, names, strict=True))
    if "author" in gaps.fields or None in translated:
        return [Run(view.author, gap=True)]
    return [Run(label(table, "byline_many" if len(names) > 1 else "byline", authors=joined))]


def _week(view: DocumentView, lang: str, gaps: Gaps) -> list[Run]:
    if view.week_start and view.week_end and "week" not in gaps.fields:
        return [Run(week_range(view.week_start, view.week_end, lang))]
    return [Run(view.week_text, gap=True)] if view.week_text else []


def build_article(view: DocumentView, lang: str, table: MetadataTable,
                  typography: Typography | None, gaps: Gaps) -> tuple[Article, list[Change]]:
    """The document in ``lang``; gaps are marked (the caller decides whether that is allowed)."""
    changes: list[Change] = []
    title: list[Run] = []
    blocks: list[ArticleBlock] = []
    for block in view.blocks:
        runs = _typeset(_block_runs(block, lang, gaps.segments), typography, changes,
                        source=block.text)
        if block.kind == "title" and not title:
            title = runs
        else:
            blocks.append(ArticleBlock(block.kind, runs))
    if not title:
        title = [Run(view.title, gap=True)]

    def meta(runs: list[Run]) -> list[Run]:
        return _typeset(runs, typography, changes)

    article = Article(
        slug=view.slug, lang=lang, title=title, blocks=blocks,
        byline=meta(_byline(view, table, gaps)),
        week=_typeset(_week(view, lang, gaps), typography, changes, only={"nbsp"}),
        week_start=view.week_start,
        section=meta(_field(view.section, table.section(view.section or ""), "section", gaps)),
        status_line=meta(_field(view.status_line, table.status_line(view.status_line or ""),
                                "status_line", gaps)))
    fields = (article.title, article.byline, article.week, article.section, article.status_line,
              *(block.runs for block in article.blocks))
    if gaps or any(run.gap for runs in fields for run in runs):
        article.draft_label = label(table, "draft")
        article.gap_label = label(table, "gap")
    return article, changes
