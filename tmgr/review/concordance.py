"""Concordance look-ups over the TM and the approved translations of this database.

The index is built once per process and rebuilt when the memory or an approved text
changes (the newest revision and TM unit tell); building 200,000 units takes a few
seconds, a look-up milliseconds.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tmgr.concordance import ConcordanceIndex, Entry, Hit
from tmgr.store.models import (
    ArchiveArticle,
    Document,
    Revision,
    Segment,
    State,
    TMUnit,
    Translation,
)

_lock = threading.Lock()
_cache: dict[str, tuple[tuple[object, ...], ConcordanceIndex]] = {}


def _fingerprint(session: Session) -> tuple[object, ...]:
    return (session.scalar(select(func.max(Revision.id))),
            session.scalar(select(func.max(TMUnit.id))),
            session.scalar(select(func.count(TMUnit.id))))


def load_entries(session: Session) -> list[Entry]:
    """Every approved translation and every TM unit, as concordance entries."""
    entries = [Entry(source, target, lang, slug) for source, target, lang, slug in
               session.execute(select(Segment.source, Translation.text, Translation.lang,
                                      Document.slug)
                               .join(Translation, Translation.segment_id == Segment.id)
                               .join(Document, Document.id == Segment.document_id)
                               .where(Translation.state == State.APPROVED,
                                      Segment.removed.is_(False)))]
    entries += [Entry(source, target, lang, f"tm:{origin or ''}",
                      document if (origin or "").startswith("archive") else None)
                for source, target, lang, origin, document in session.execute(
                    select(TMUnit.source, TMUnit.target, TMUnit.lang, TMUnit.origin,
                           TMUnit.document))]
    return entries


def concordance_index(session: Session) -> ConcordanceIndex:
    """This database's index, rebuilt only when its texts changed."""
    key = str(session.get_bind().engine.url)
    stamp = _fingerprint(session)
    with _lock:
        known = _cache.get(key)
        if known is not None and known[0] == stamp:
            return known[1]
        index = ConcordanceIndex(load_entries(session))
        _cache[key] = (stamp, index)
        return index


def look_up(session: Session, query: str, languages: Sequence[str],
            limit: int = 20) -> list[Hit]:
    """Where ``query`` (English, Belarusian or Russian; any form) occurs, best first."""
    return concordance_index(session).search(query, languages, limit)


@dataclass(frozen=True)
class ArchiveContext:
    """Where an archive hit was published: the article, its week, the English around it."""

    slug: str
    title: str
    week: str | None
    before: str | None
    after: str | None


def archive_context(session: Session, hits: Sequence[Hit]) -> dict[tuple[str, str], ArchiveContext]:
    """The published context of the hits that come from archived articles, by (slug, source)."""
    wanted = {(hit.entry.article, hit.entry.source) for hit in hits if hit.entry.article}
    if not wanted:
        return {}
    slugs = {slug for slug, _ in wanted}
    articles = {slug: (title, week) for slug, title, week in session.execute(
        select(ArchiveArticle.slug, ArchiveArticle.title, ArchiveArticle.week_text)
        .where(ArchiveArticle.slug.in_(slugs)))}
    found: dict[tuple[str, str], ArchiveContext] = {}
    for slug, source, before, after in session.execute(
            select(TMUnit.document, TMUnit.source, TMUnit.context_before, TMUnit.context_after)
            .where(TMUnit.document.in_(slugs), TMUnit.source.in_({s for _, s in wanted}))):
        if (slug, source) in wanted and slug in articles:
            title, week = articles[slug]
            found[(slug, source)] = ArchiveContext(slug, title, week, before, after)
    return found
