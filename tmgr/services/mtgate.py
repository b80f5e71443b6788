"""A publication gate on unedited machine translation.

The post-editing records say which approved translations were published exactly as
a machine or memory draft produced them. :func:`unedited_shares` gives, per
language, the share of approved words published unchanged from such a draft;
:func:`check_gate` refuses an export above ``TMGR_UNEDITED_MT_BLOCK`` and asks for
an editor's confirmation above ``TMGR_UNEDITED_MT_WARN`` (percent, one number or
per language: ``be=40,ru=50``; unset: off).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from tmgr.config import unedited_mt_thresholds
from tmgr.errors import ConfigError, UneditedMT
from tmgr.store.models import Document, PostEdit, Segment, State, Translation

Thresholds = dict[str, float]  # lang -> percent; "*" for every language


@dataclass(frozen=True)
class Share:
    """Approved words of one document in one language, and how many went out unedited."""

    document: str
    lang: str
    words: int
    unedited: int

    @property
    def percent(self) -> float:
        return 0.0 if not self.words else round(100.0 * self.unedited / self.words, 1)

    def as_dict(self) -> dict[str, object]:
        return {"document": self.document, "lang": self.lang, "words": self.words,
                "unedited_words": self.unedited, "percent": self.percent}


def parse_thresholds(raw: str | None, name: str) -> Thresholds:
    """``"40"`` -> every language at 40 %; ``"be=40,ru=50"`` per language; None: off."""
    if raw is None or not raw.strip():
        return {}
    values: Thresholds = {}
    for part in raw.split(","):
        lang, _, value = part.rpartition("=")
        try:
            number = float(value)
        except ValueError:
            number = -1.0
        if not 0 <= number <= 100:
            raise ConfigError(f"{name}={raw!r}: {value.strip()!r} is not a percentage",
                              hint=f"write {name}=50 or {name}=be=40,ru=50")
        values[lang.strip() or "*"] = number
    return values


def thresholds() -> tuple[Thresholds, Thresholds]:
    """(warn, block) from the environment."""
    warn, block = unedited_mt_thresholds()
    return (parse_thresholds(warn, "TMGR_UNEDITED_MT_WARN"),
            parse_thresholds(block, "TMGR_UNEDITED_MT_BLOCK"))


def _limit(values: Thresholds, lang: str) -> float | None:
    return values.get(lang, values.get("*"))


def _unedited(record: PostEdit | None, translation: Translation) -> bool:
    if record is None or not record.draft_origin.startswith(("mt", "tm")):
        return False
    return record.draft_text.strip() == translation.text.strip()


def unedited_shares(session: Session, slugs: Sequence[str],
                    languages: Sequence[str]) -> list[Share]:
    """Per document and language: approved words, and those published exactly as a
    machine or memory draft produced them."""
    rows = session.execute(
        select(Document.slug, Translation, Segment.words, PostEdit)
        .join(Segment, Segment.document_id == Document.id)
        .join(Translation, Translation.segment_id == Segment.id)
        .outerjoin(PostEdit, PostEdit.translation_id == Translation.id)
        .where(Document.slug.in_(list(slugs)), Translation.lang.in_(list(languages)),
               Segment.removed.is_(False), Translation.state == State.APPROVED))
    totals: dict[tuple[str, str], list[int]] = {
        (slug, lang): [0, 0] for slug in slugs for lang in languages}
    for slug, translation, words, record in rows:
        total = totals[(slug, translation.lang)]
        total[0] += words or 0
        total[1] += (words or 0) if _unedited(record, translation) else 0
    return [Share(slug, lang, words, unedited)
            for (slug, lang), (words, unedited) in totals.items()]


def check_gate(shares: Sequence[Share], *, confirmed: bool,
               limits: tuple[Thresholds, Thresholds] | None = None) -> list[Share]:
    """The shares over the warning threshold (to record as confirmed); raise
    :class:`UneditedMT` over the block threshold, or over the warning without
    ``confirmed``."""
    warn, block = limits if limits is not None else thresholds()
    blocked = [s for s in shares if (limit := _limit(block, s.lang)) is not None
               and s.percent > limit]
    if blocked:
        raise UneditedMT(
            "too much unedited machine translation to publish: " + _listing(blocked, block),
            shares=blocked, blocked=True,
            hint="have the marked segments post-edited (TMGR_UNEDITED_MT_BLOCK)")
    warned = [s for s in shares if (limit := _limit(warn, s.lang)) is not None
              and s.percent > limit]
    if warned and not confirmed:
        raise UneditedMT(
            "much of this text is unedited machine translation: " + _listing(warned, warn),
            shares=warned, blocked=False,
            hint="an editor confirms to export it anyway (--confirm-unedited in the CLI)")
    return warned


def _listing(shares: Sequence[Share], limits: Thresholds) -> str:
    return "; ".join(f"{s.document} ({s.lang}) {s.percent:g}% of {s.words} words, "
                     f"over {_limit(limits, s.lang):g}%" for s in shares)


def gate_export(session: Session, slugs: Sequence[str], languages: Sequence[str], *,
                confirmed: bool) -> list[Share]:
    """Check a final export of ``slugs``; return the confirmed shares (to record)."""
    warn, block = thresholds()
    if not warn and not block:
        return []
    return check_gate(unedited_shares(session, slugs, languages), confirmed=confirmed,
                      limits=(warn, block))


def confirmation_payload(shares: Sequence[Share], by: str | None) -> dict[tuple[str, str],
                                                                          dict[str, object]]:
    """What the export record keeps of a confirmed gate, per (document, lang)."""
    return {(s.document, s.lang): {"unedited_mt_percent": s.percent,
                                   "unedited_mt_confirmed_by": by} for s in shares}
