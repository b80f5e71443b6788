"""Bring the published archive in: read, check, align and store each commentary.

``plan_archive`` finds the articles under some paths; ``import_articles`` stores a
batch of them (the caller commits after each batch, so an interrupted import goes
on where it stopped). Each article is stored whole or not at all (a savepoint per
article); a bad file is a message about that article and the batch goes on.
Importing the same files again changes nothing.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from tmgr.archive.align import Link
from tmgr.archive.files import (
    ArchiveProblem,
    Article,
    ArticleFiles,
    checksum_of,
    find_articles,
    read_article,
)
from tmgr.archive.learn import Pair
from tmgr.archive.witness import Witness, align_article
from tmgr.errors import IngestError, TmgrError
from tmgr.exchange.archivelearn import learn_from_pairs
from tmgr.store.models import ArchiveArticle, ArchiveLink, TMUnit, utcnow
from tmgr.tm.memory import source_hash

#: a translation shorter than this share of the English is not the same article
MIN_LENGTH_SHARE = 0.5
#: below this share of confident links, a translation does not match its English
MIN_CONFIDENT_SHARE = 0.3


@dataclass
class ArticleResult:
    """What became of one article: ``imported``, ``unchanged`` or ``refused``."""

    slug: str
    status: str
    links: int = 0
    confident: int = 0
    pending: int = 0
    message: str = ""
    warnings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {"slug": self.slug, "status": self.status, "links": self.links,
                "confident": self.confident, "pending": self.pending,
                "message": self.message, "warnings": self.warnings}


def plan_archive(paths: Sequence[Path]) -> tuple[list[ArticleFiles], list[ArchiveProblem]]:
    """The articles under ``paths`` and the files that are not part of any."""
    problems: list[ArchiveProblem] = []
    return find_articles(paths, problems), problems


def import_articles(session: Session, batch: Sequence[ArticleFiles], witness: Witness | None,
                    *, dry_run: bool = False) -> list[ArticleResult]:
    """Read, check, align and (unless ``dry_run``) store each article of ``batch``."""
    known = dict(session.execute(select(ArchiveArticle.slug, ArchiveArticle.checksum).where(
        ArchiveArticle.slug.in_([files.slug for files in batch]))).all())
    articles: list[Article] = []
    results: dict[str, ArticleResult] = {}
    for files in batch:
        try:
            if files.slug in known:
                results[files.slug] = _known(files, known[files.slug])
                continue
            articles.append(read_article(files))
        except TmgrError as exc:
            results[files.slug] = ArticleResult(files.slug, "refused", message=_message(exc))
    if witness is not None:
        witness.prepare([s for a in articles if "ru" in a.versions
                         for s in a.versions["ru"].sentences])
    for article in articles:
        results[article.slug] = _import_one(session, article, witness, dry_run)
    return [results[files.slug] for files in batch]


def _known(files: ArticleFiles, checksum: str) -> ArticleResult:
    if checksum_of(files) == checksum:
        return ArticleResult(files.slug, "unchanged")
    return ArticleResult(files.slug, "refused", message=f"{files.slug}: already imported "
                         "from different files; the earlier import is kept")


def _message(exc: TmgrError) -> str:
    """The refusal as one line: the error already says its hint in brackets."""
    return str(exc)


def _import_one(session: Session, article: Article, witness: Witness | None,
                dry_run: bool) -> ArticleResult:
    try:
        _check_versions(article)
        links = align_article(article, witness)
        _check_links(article, links)
    except TmgrError as exc:
        return ArticleResult(article.slug, "refused", message=_message(exc),
                             warnings=article.warnings)
    flat = [link for lang in links for link in links[lang] if link.en and link.target]
    confident = sum(link.confident for link in flat)
    result = ArticleResult(article.slug, "imported", len(flat), confident,
                           len(flat) - confident, warnings=article.warnings)
    if not dry_run:
        try:
            with session.begin_nested():  # rolled back whole if anything fails
                _store(session, article, links)
                learn_from_pairs(session, _pairs(article, links))
        except SQLAlchemyError as exc:
            reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
            return ArticleResult(article.slug, "refused", message=(
                f"{article.slug}: not stored, nothing of it kept: {reason} (check the "
                "page's header lines: title, week, section)"), warnings=article.warnings)
    return result


def _pairs(article: Article, links: dict[str, list[Link]]) -> list[Pair]:
    en = article.versions["en"].sentences
    return [Pair(article.slug, lang, " ".join(en[i] for i in link.en),
                 " ".join(article.versions[lang].sentences[i] for i in link.target))
            for lang, found in links.items() for link in found if link.confident]


def _check_versions(article: Article) -> None:
    """Refuse translations of another week, or far shorter than the English."""
    english = article.versions["en"]
    size = sum(len(s) for s in english.sentences)
    for lang, version in article.versions.items():
        if lang == "en":
            continue
        if english.week and version.week and english.week.start and version.week.start \
                and english.week.start != version.week.start:
            raise IngestError(
                f"{article.slug}: the {lang} page is of the week {version.week.text!r}, the "
                f"English of {english.week.text!r}", hint=f"check that the {lang} file "
                "is this article's translation")
        share = sum(len(s) for s in version.sentences) / max(size, 1)
        if share < MIN_LENGTH_SHARE:
            raise IngestError(
                f"{article.slug}: the {lang} text is much shorter than the English "
                f"({share:.0%} of its length)", hint="check that the page was saved whole")


def _check_links(article: Article, links: dict[str, list[Link]]) -> None:
    for lang, found in links.items():
        paired = [link for link in found if link.en and link.target]
        share = sum(link.confident for link in paired) / max(len(paired), 1)
        if share < MIN_CONFIDENT_SHARE:
            raise IngestError(f"{article.slug}: the {lang} text does not match the English "
                              f"(only {share:.0%} of its sentences align)",
                              hint=f"check that the {lang} file is this article's translation")


def _store(session: Session, article: Article, links: dict[str, list[Link]]) -> None:
    english = article.versions["en"]
    week = english.week
    row = ArchiveArticle(
        slug=article.slug, title=english.title, section=english.section,
        week_text=week.text if week else None, week_start=week.start if week else None,
        languages=",".join(lang for lang in links), checksum=article.checksum,
        segments=len(english.sentences), words=sum(len(s.split()) for s in english.sentences),
        texts=json.dumps({lang: v.paragraphs for lang, v in article.versions.items()},
                         ensure_ascii=False))
    session.add(row)
    session.flush()
    en = english.sentences
    origin = archive_origin(row)
    records: list[dict[str, Any]] = []
    units: list[dict[str, Any]] = []
    for lang, found in links.items():
        target = article.versions[lang].sentences
        for link in found:
            record = _link_row(link, lang, en, target)
            record["article_id"] = row.id
            if record["status"] == "auto":
                units.append(_unit(record, lang, en, link, origin, article.slug))
            records.append(record)
    # Two multi-row INSERTs (the units' ids come back in order), not an ORM object each
    ids = iter(session.scalars(insert(TMUnit).returning(TMUnit.id, sort_by_parameter_order=True),
                               units).all() if units else [])
    for record in records:
        record["tm_unit_id"] = next(ids) if record["status"] == "auto" else None
    if records:
        session.execute(insert(ArchiveLink), records)


def archive_origin(article: ArchiveArticle) -> str:
    """The memory units' origin: ``archive`` and the week the article was published."""
    return f"archive:{article.week_start.isoformat()}" if article.week_start else "archive"


def _link_row(link: Link, lang: str, en: list[str], target: list[str]) -> dict[str, Any]:
    en_start = link.en[0] if link.en else _edge(link.target)
    target_start = link.target[0] if link.target else 0
    status = "auto" if link.confident else "pending"
    if not link.en or not link.target:
        status = "unpaired"
    return {"lang": lang, "en_start": en_start, "en_end": en_start + len(link.en),
            "target_start": target_start, "target_end": target_start + len(link.target),
            "source": " ".join(en[i] for i in link.en),
            "target": " ".join(target[i] for i in link.target),
            "confidence": round(link.confidence, 3), "status": status}


def _edge(indices: tuple[int, ...]) -> int:
    return indices[0] if indices else 0


def _unit(record: dict[str, Any], lang: str, en: list[str], link: Link, origin: str,
          slug: str) -> dict[str, Any]:
    before = en[link.en[0] - 1] if link.en[0] > 0 else None
    after = en[link.en[-1] + 1] if link.en[-1] + 1 < len(en) else None
    return {"source": record["source"], "source_hash": source_hash(record["source"]),
            "target": record["target"], "lang": lang, "origin": origin, "document": slug,
            "context_before": before, "context_after": after, "created_at": utcnow(),
            "changed_by": None}
