"""The persistent MT cache: a sentence is never sent to the same engine twice.

Entries are keyed by engine, languages and the hash of the normalized text.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from tmgr.documents.ingest import normalize_source
from tmgr.mt import Draft
from tmgr.store.models import MTCacheEntry, utcnow

_CHUNK = 500  # keeps IN lists well under every database's parameter limit


def text_hash(text: str) -> str:
    """SHA-256 of the normalized text: the cache key."""
    return hashlib.sha256(normalize_source(text).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class CacheKey:
    """What a cached translation is for."""

    engine: str
    source_lang: str
    target_lang: str
    text: str

    @property
    def digest(self) -> str:
        return text_hash(self.text)


def cached(session: Session, keys: Iterable[CacheKey]) -> dict[CacheKey, str]:
    """The cached translations of ``keys`` (those that have one)."""
    groups: dict[tuple[str, str, str], dict[str, CacheKey]] = {}
    for key in keys:
        groups.setdefault((key.engine, key.source_lang, key.target_lang), {})[key.digest] = key
    found: dict[CacheKey, str] = {}
    for (engine, source_lang, target_lang), by_digest in groups.items():
        digests = list(by_digest)
        for start in range(0, len(digests), _CHUNK):
            query = select(MTCacheEntry).where(
                MTCacheEntry.engine == engine, MTCacheEntry.source_lang == source_lang,
                MTCacheEntry.target_lang == target_lang,
                MTCacheEntry.source_hash.in_(digests[start:start + _CHUNK]))
            for entry in session.scalars(query):
                key = by_digest[entry.source_hash]
                if entry.source_text == normalize_source(key.text):
                    found[key] = Draft(entry.target_text,
                                       unknown=(entry.unknown_words or "").split())
    return found


def remember(session: Session, results: Sequence[tuple[CacheKey, str]]) -> None:
    """Store translations; an entry another run stored meanwhile wins silently."""
    if not results:
        return
    rows = [{"engine": key.engine, "source_lang": key.source_lang,
             "target_lang": key.target_lang, "source_hash": key.digest,
             "source_text": normalize_source(key.text), "target_text": str(text),
             "created_at": utcnow(),
             "unknown_words": " ".join(getattr(text, "unknown", ())) or None}
            for key, text in results]
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    session.execute(insert(MTCacheEntry).values(rows).on_conflict_do_nothing())
