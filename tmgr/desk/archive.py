"""The published archive in the editors' figures and lists, when they ask for it.

Archived articles (``tmgr archive import``) are read-only documents of their own
table, never rows of ``documents``: nothing can draft, edit, approve or export them,
and the week's work lists and summaries stay as they were. The figures include
them only when asked (``--include-archive``, ``?archive=1``): an archived article
counts in each language it was published in, all of its English segments and
words as published (the approved column: a published text is past approval).
Every read here uses the article's stored counts (``segments``, ``words``), never
its texts, and the list reads one page in week order on ``ix_archive_articles_week``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, func, or_, select, tuple_
from sqlalchemy.orm import Session

from tmgr.store.deskrules import DeskFigures, Progress
from tmgr.store.models import ArchiveArticle, State

#: the state an archived article's words count in: published is past approval
PUBLISHED = State.APPROVED
#: the draft origin the MT/post-edit report shows archived translations under
ARCHIVE_ENGINE = "archive"
PAGE = 50


@dataclass(frozen=True)
class ArchivedRow:
    """One archived article in a list: where it came from and what it holds."""

    slug: str
    title: str
    week: str | None
    week_start: date | None
    section: str | None
    languages: tuple[str, ...]
    segments: int
    words: int


_COLUMNS = (ArchiveArticle.slug, ArchiveArticle.title, ArchiveArticle.week_text,
            ArchiveArticle.week_start, ArchiveArticle.section, ArchiveArticle.languages,
            ArchiveArticle.segments, ArchiveArticle.words, ArchiveArticle.id)


def _row(slug: str, title: str, week: str | None, start: date | None, section: str | None,
         langs: str, segments: int, words: int, *_rest: object) -> ArchivedRow:
    return ArchivedRow(slug, title or slug, week, start, section,
                       tuple(code for code in (langs or "").split(",") if code),
                       int(segments or 0), int(words or 0))


def _in_language(lang: str) -> ColumnElement[bool]:
    """Articles published in ``lang`` (``languages`` is a short list like ``be,ru``)."""
    return ("," + ArchiveArticle.languages + ",").contains(f",{lang},")


def archive_progress(session: Session, languages: Sequence[str],
                     slugs: Sequence[str] = ()) -> list[Progress]:
    """One :class:`Progress` per archived article × language it was published in."""
    query = select(*_COLUMNS).order_by(ArchiveArticle.week_start.desc().nulls_last(),
                                       ArchiveArticle.slug)
    if slugs:
        query = query.where(ArchiveArticle.slug.in_(list(slugs)))
    figures = []
    for values in session.execute(query):
        row = _row(*values)
        for lang in languages:
            if lang in row.languages:
                entry = Progress(row.slug, lang)
                entry.segments[PUBLISHED], entry.words[PUBLISHED] = row.segments, row.words
                figures.append(entry)
    return figures


def archive_figures(session: Session, languages: Sequence[str],
                    slugs: Sequence[str] = ()) -> list[DeskFigures]:
    """The ``tmgr status`` rows of the archive: stage ``published``, nobody assigned."""
    return [DeskFigures(entry, "published", None, False, False, None, None, None, None,
                        None, None) for entry in archive_progress(session, languages, slugs)]


def archived_slugs(session: Session, slugs: Sequence[str]) -> set[str]:
    """Which of ``slugs`` name archived articles."""
    if not slugs:
        return set()
    return set(session.scalars(select(ArchiveArticle.slug).where(
        ArchiveArticle.slug.in_(list(slugs)))))


def archive_totals(session: Session, languages: Sequence[str]) -> dict[str, tuple[int, int, int]]:
    """Per language: archived articles, their segments and their words (one query each)."""
    totals = {}
    for lang in languages:
        count, segments, words = session.execute(
            select(func.count(), func.coalesce(func.sum(ArchiveArticle.segments), 0),
                   func.coalesce(func.sum(ArchiveArticle.words), 0))
            .where(_in_language(lang))).one()
        totals[lang] = (int(count), int(segments), int(words))
    return totals


def archive_report_rows(session: Session, languages: Sequence[str],
                        by: str = "engine") -> list[dict[str, object]]:
    """The MT/post-edit report's rows for the archive: published human translations,
    no machine draft, so segments and words only."""
    extra: dict[str, object] = {} if by == "engine" else {by: None}
    return [{"engine": ARCHIVE_ENGINE, "lang": lang, **extra,
             "segments": segments, "words": words,
             "unchanged": None, "edit_distance": None, "chrf": None,
             "seconds_per_word": None}
            for lang, (count, segments, words) in archive_totals(session, languages).items()
            if count]


def archived_page(session: Session, *, week: date | None = None, text: str = "",
                  after: tuple[date | None, int] | None = None,
                  limit: int = PAGE) -> tuple[list[ArchivedRow], tuple[date | None, int] | None]:
    """One page of archived articles, newest week first, and the next page's cursor."""
    query = select(*_COLUMNS)
    if week is not None:
        query = query.where(ArchiveArticle.week_start == week)
    if text.strip():
        pattern = f"%{text.strip()}%"
        query = query.where(or_(ArchiveArticle.title.ilike(pattern),
                                ArchiveArticle.slug.ilike(pattern)))
    if after is not None and after[0] is not None:
        query = query.where(or_(ArchiveArticle.week_start.is_(None),
                                tuple_(ArchiveArticle.week_start, ArchiveArticle.id)
                                < tuple_(after[0], after[1])))
    elif after is not None:
        query = query.where(ArchiveArticle.week_start.is_(None), ArchiveArticle.id < after[1])
    query = query.order_by(ArchiveArticle.week_start.desc().nulls_last(),
                           ArchiveArticle.id.desc()).limit(limit + 1)
    found: list[Any] = list(session.execute(query).all())
    rows = [_row(*values) for values in found[:limit]]
    if len(found) <= limit:
        return rows, None
    last = found[limit - 1]
    return rows, (last.week_start, int(last.id))


def archived_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(ArchiveArticle)) or 0


__all__ = ["ARCHIVE_ENGINE", "PUBLISHED", "ArchivedRow", "archive_figures", "archive_progress",
           "archive_report_rows", "archive_totals", "archived_count", "archived_page",
           "archived_slugs"]
