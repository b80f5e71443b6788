"""Store what the archive teaches, and let editors accept or reject the candidates.

Names go straight into the names table (``learned_names``: each form is one the
publication printed). Published words the lexicons lack and consistently translated
terms become :class:`~tmgr.store.models.ArchiveCandidate` rows that wait for a person:
accepting one adds the house word or the glossary rendering.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from tmgr.archive.learn import (
    Pair,
    archive_word_candidates,
    glossary_candidates,
    name_forms,
)
from tmgr.errors import NotFound, TmgrError
from tmgr.formats.model import TermRecord
from tmgr.qa.morphology import is_known
from tmgr.qa.names import english_names
from tmgr.quality.glossary import add_term, find_term, record_of
from tmgr.quality.words import add_word, house_words
from tmgr.store.models import ArchiveArticle, ArchiveCandidate, ArchiveLink, LearnedName, User

KINDS = ("house-word", "glossary")
LEARNED_STATUSES = ("auto", "confirmed")


def learn_from_pairs(session: Session, pairs: Sequence[Pair]) -> tuple[int, int]:
    """Names and house-word candidates of newly imported articles: (names, words)."""
    with session.no_autoflush:
        forms = name_forms(pairs, english_names)
        existing = {(row.lang, row.name, row.rendering): row for row in session.scalars(
            select(LearnedName).where(LearnedName.name.in_({name for _, name, _ in forms})))}
        names = 0
        for key, seen in forms.items():
            if key in existing:
                existing[key].seen += seen
            else:
                session.add(LearnedName(lang=key[0], name=key[1], rendering=key[2], seen=seen))
                names += 1
        counts = archive_word_candidates(pairs, is_known, house_words(session))
        words = _upsert(session, "house-word", {(lang, word, ""): n
                                                for (lang, word), n in counts.items()},
                        add=True)
    session.flush()
    return names, words


def _upsert(session: Session, kind: str, found: dict[tuple[str, str, str], int], *,
            add: bool) -> int:
    """Insert new candidates; ``add`` adds to the counts of known ones, else sets them."""
    if not found:
        return 0
    existing = {(c.lang, c.term, c.rendering): c for c in session.scalars(
        select(ArchiveCandidate).where(ArchiveCandidate.kind == kind,
                                       ArchiveCandidate.term.in_({k[1] for k in found})))}
    new = 0
    for key, seen in found.items():
        row = existing.get(key)
        if row is None:
            session.add(ArchiveCandidate(kind=kind, lang=key[0], term=key[1],
                                         rendering=key[2], seen=seen))
            new += 1
        else:
            row.seen = row.seen + seen if add else seen
    return new


def learned_pairs(session: Session, article_ids: Iterable[int] | None = None) -> list[Pair]:
    """The confident and confirmed links, as pairs to learn from."""
    query = (select(ArchiveArticle.slug, ArchiveLink.lang, ArchiveLink.source,
                    ArchiveLink.target)
             .join(ArchiveArticle, ArchiveArticle.id == ArchiveLink.article_id)
             .where(ArchiveLink.status.in_(LEARNED_STATUSES)))
    if article_ids is not None:
        query = query.where(ArchiveLink.article_id.in_(list(article_ids)))
    return [Pair(*row) for row in session.execute(query)]


def refresh_glossary_candidates(session: Session) -> int:
    """Find the consistently translated terms of the whole archive; returns how many are new."""
    found = {(lang, term, rendering): seen
             for lang, term, rendering, seen in glossary_candidates(learned_pairs(session))}
    new = _upsert(session, "glossary", found, add=False)
    session.flush()
    return new


def list_candidates(session: Session, kind: str | None = None, status: str = "pending",
                    limit: int = 200) -> list[ArchiveCandidate]:
    """Candidates of ``kind`` in ``status``, the most often seen first."""
    query = select(ArchiveCandidate).where(ArchiveCandidate.status == status)
    if kind:
        query = query.where(ArchiveCandidate.kind == kind)
    return list(session.scalars(query.order_by(ArchiveCandidate.seen.desc(),
                                               ArchiveCandidate.id).limit(limit)))


def decide_candidate(session: Session, candidate_id: int, accept: bool, *,
                     languages: Sequence[str], user: User | None = None) -> ArchiveCandidate:
    """Accept (add the house word or glossary rendering) or reject one candidate."""
    candidate = session.get(ArchiveCandidate, candidate_id)
    if candidate is None:
        raise NotFound(f"no archive candidate {candidate_id}",
                       hint="see `tmgr archive candidates`")
    if candidate.status != "pending":
        raise TmgrError(f"candidate {candidate_id} is already {candidate.status}")
    if accept and candidate.kind == "house-word":
        add_word(session, candidate.lang, candidate.term, languages=languages, user=user)
    elif accept:
        _add_rendering(session, candidate, user)
    candidate.status = "accepted" if accept else "rejected"
    session.flush()
    return candidate


def _add_rendering(session: Session, candidate: ArchiveCandidate, by: User | None) -> None:
    entry = find_term(session, candidate.term)
    record = record_of(entry) if entry is not None else TermRecord(term=candidate.term)
    renderings = record.translations.setdefault(candidate.lang, [])
    if candidate.rendering not in renderings:
        renderings.append(candidate.rendering)
    add_term(session, record, replace=entry is not None, by=by)
