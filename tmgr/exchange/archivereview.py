"""The alignment review: an editor confirms, re-links or drops an unsure archive link.

A pending link shows its English, the target sentences it holds and the ones
around them; re-linking chooses another run of neighbouring target sentences.
Confirming puts the pair into the memory (origin ``archive:<week>``); dropping keeps
the link with status ``dropped`` (nothing is deleted), so it is never offered again.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tmgr.errors import NotFound, TmgrError
from tmgr.exchange.archive import archive_origin
from tmgr.people import permissions as perm
from tmgr.store.models import ArchiveArticle, ArchiveLink, TMUnit, User, utcnow
from tmgr.tm.memory import source_hash

AROUND = 2  # target sentences offered on each side of a link's own
ACTIONS = ("confirm", "drop")


@dataclass(frozen=True)
class Choice:
    """A target sentence an editor may include in the link."""

    index: int
    text: str
    chosen: bool


@dataclass(frozen=True)
class PendingLink:
    """One link awaiting an editor, with the sentences around it."""

    id: int
    slug: str
    week: str | None
    lang: str
    source: str
    confidence: float
    choices: tuple[Choice, ...]


def pending_count(session: Session, lang: str) -> int:
    return session.scalar(select(func.count()).select_from(ArchiveLink).where(
        ArchiveLink.status == "pending", ArchiveLink.lang == lang)) or 0


def pending_links(session: Session, lang: str, limit: int = 30) -> list[PendingLink]:
    """The least confident pending links of ``lang`` first."""
    rows = session.scalars(
        select(ArchiveLink).where(ArchiveLink.status == "pending", ArchiveLink.lang == lang)
        .order_by(ArchiveLink.confidence, ArchiveLink.id).limit(limit))
    texts: dict[int, list[str]] = {}
    shown = []
    for link in rows:
        article = link.article
        if article.id not in texts:
            paragraphs = json.loads(article.texts).get(lang, [])
            texts[article.id] = [s for p in paragraphs for s in p]
        sentences = texts[article.id]
        first = max(0, link.target_start - AROUND)
        last = min(len(sentences), link.target_end + AROUND)
        choices = tuple(Choice(i, sentences[i], link.target_start <= i < link.target_end)
                        for i in range(first, last))
        shown.append(PendingLink(link.id, article.slug, article.week_text, lang, link.source,
                                 link.confidence, choices))
    return shown


def review_link(session: Session, link_id: int, action: str, *, user: User,
                target: tuple[int, int] | None = None) -> ArchiveLink:
    """Confirm (with ``target`` = [start, end) re-linking it) or drop one pending link."""
    link = session.get(ArchiveLink, link_id)
    if link is None:
        raise NotFound(f"no archive link {link_id}", hint="reload the review page")
    perm.require(user, perm.APPROVE, link.lang)
    if link.status != "pending":
        raise TmgrError(f"this link was already {link.status}", hint="reload the review page")
    if action not in ACTIONS:
        raise TmgrError(f"unknown review action {action!r}", hint="confirm or drop")
    link.reviewed_by_id, link.reviewed_at = user.id, utcnow()
    if action == "drop":
        link.status = "dropped"
        session.flush()
        return link
    if target is not None and target != (link.target_start, link.target_end):
        _relink(link, *target)
    link.status = "confirmed"
    article: ArchiveArticle = link.article
    link.tm_unit = TMUnit(source=link.source, source_hash=source_hash(link.source),
                          target=link.target, lang=link.lang, origin=archive_origin(article),
                          document=article.slug)
    session.flush()
    return link


def _relink(link: ArchiveLink, start: int, end: int) -> None:
    sentences = [s for p in json.loads(link.article.texts).get(link.lang, []) for s in p]
    near = range(max(0, link.target_start - AROUND), link.target_end + AROUND + 1)
    if not (start < end and start in near and end in near and end <= len(sentences)):
        raise TmgrError("choose one run of neighbouring sentences",
                        hint="select the sentences that render the English, next to each other")
    link.target_start, link.target_end = start, end
    link.target = " ".join(sentences[start:end])


@dataclass(frozen=True)
class ParallelRow:
    """One English sentence and, per language, what was published for it ("" when the
    sentence is rendered together with the one before it)."""

    english: str
    targets: dict[str, str]


@dataclass(frozen=True)
class ArticleView:
    """A read-only archived article: its header and its links in reading order."""

    slug: str
    title: str
    week: str | None
    section: str | None
    links: dict[str, list[ArchiveLink]]
    week_start: date | None = None
    rows: tuple[ParallelRow, ...] = ()

    @property
    def languages(self) -> list[str]:
        return list(self.links)


def parallel_rows(english: list[str], links: dict[str, list[ArchiveLink]]
                  ) -> tuple[ParallelRow, ...]:
    """The article side by side: per English sentence, each language's sentences."""
    cells: dict[str, list[list[str]]] = {lang: [[] for _ in english] for lang in links}
    for lang, found in links.items():
        last = 0
        for link in sorted(found, key=lambda x: (x.target_start, x.en_start)):
            if link.en_end > link.en_start and link.en_start < len(english):
                last = link.en_start
            if link.target and link.status != "dropped":
                cells[lang][min(last, len(english) - 1)].append(link.target)
    return tuple(ParallelRow(sentence, {lang: " ".join(cells[lang][i]) for lang in links})
                 for i, sentence in enumerate(english)) if english else ()


def archived_article(session: Session, slug: str) -> ArticleView:
    """One archived article with its sentence links per language (NotFound if unknown)."""
    article = session.scalars(select(ArchiveArticle).where(ArchiveArticle.slug == slug)).first()
    if article is None:
        raise NotFound(f"no archived article {slug!r}", hint="see `tmgr archive import`")
    links: dict[str, list[ArchiveLink]] = {}
    for link in sorted(article.links, key=lambda x: (x.lang, x.en_start, x.target_start)):
        links.setdefault(link.lang, []).append(link)
    english = [s for p in json.loads(article.texts).get("en", []) for s in p]
    return ArticleView(article.slug, article.title, article.week_text, article.section, links,
                       article.week_start, parallel_rows(english, links))
