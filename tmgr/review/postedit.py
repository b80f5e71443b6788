"""Post-editing records: the draft a translator started from, and the figures on approval.

:func:`record_draft` runs whenever a machine or memory draft is stored;
:func:`record_save` when a person saves (it adds the time spent);
:func:`record_approval` when a translation is approved (edit distance, chrF,
unchanged, words). A translation without a known draft has no record: its
figures are unknown, not zero.
"""

from __future__ import annotations

from rapidfuzz.distance import Levenshtein
from sacrebleu.metrics import CHRF
from sqlalchemy import select
from sqlalchemy.orm import Session

from tmgr.events import DraftStored, TranslationApproved, TranslationSaved
from tmgr.store.models import PostEdit, Translation, User, utcnow

#: seconds from first focus to save outside this range are not a measurement
PLAUSIBLE_SECONDS = (1.0, 3600.0)
_CHRF = CHRF()


def draft_engine(origin: str) -> str:
    """``mt:google`` -> ``google``, ``mt:apertium via ru`` -> ``apertium via ru``, ``tm``."""
    return origin[3:] if origin.startswith("mt:") else origin


def edit_distance(draft: str, final: str) -> float:
    """Character-level Levenshtein distance as a % of the longer text (0: unchanged)."""
    longer = max(len(draft), len(final))
    return 0.0 if longer == 0 else 100.0 * Levenshtein.distance(draft, final) / longer


def chrf(draft: str, final: str) -> float:
    """chrF of the draft against the final text as reference (sacrebleu, 0-100)."""
    return float(_CHRF.sentence_score(draft, [final]).score)


def plausible_seconds(seconds: float | None) -> float | None:
    """``seconds`` if it can be real time spent on one segment, else None."""
    if seconds is None:
        return None
    low, high = PLAUSIBLE_SECONDS
    return float(seconds) if low <= seconds <= high else None


def _record(session: Session, translation: Translation) -> PostEdit | None:
    if translation.id is None:
        session.flush()
    return session.scalars(select(PostEdit).where(
        PostEdit.translation_id == translation.id)).one_or_none()


def record_draft(session: Session, translation: Translation, text: str, origin: str) -> None:
    """Remember a draft, unless a person has already started from an earlier one."""
    record = _record(session, translation)
    if record is None:
        session.add(PostEdit(translation_id=translation.id, draft_text=text,
                             draft_origin=origin, drafted_at=utcnow(), touched=False))
    elif not record.touched:
        record.draft_text, record.draft_origin, record.drafted_at = text, origin, utcnow()


def record_save(session: Session, translation: Translation, seconds: float | None,
                user: User | None = None) -> None:
    """A person saved: the draft is now the one they started from; add their time."""
    record = _record(session, translation)
    if record is None:
        return
    record.touched = True
    if user is not None:
        record.translator_id = user.id
    if (spent := plausible_seconds(seconds)) is not None:
        record.seconds = (record.seconds or 0.0) + spent


def draft_stored(session: Session, event: DraftStored) -> None:
    record_draft(session, event.translation, event.text, event.origin)


def saved(session: Session, event: TranslationSaved) -> None:
    """A person saved: the MT draft they took (if any) is the one they started from."""
    if event.draft is not None:
        record_draft(session, event.translation, *event.draft)
    record_save(session, event.translation, event.seconds, event.by)


def approved(session: Session, event: TranslationApproved) -> None:
    record_approval(session, event.translation, event.author_id)


def record_approval(session: Session, translation: Translation,
                    translator: User | int | None) -> None:
    """Measure the approved text against the draft it was made from."""
    record = _record(session, translation)
    if record is None:
        return
    final = translation.text
    record.touched = True
    record.final_text = final
    record.approved_at = utcnow()
    author = translator.id if isinstance(translator, User) else translator
    record.translator_id = author if author is not None else record.translator_id
    record.words = translation.segment.words
    record.unchanged = record.draft_text.strip() == final.strip()
    record.edit_distance = round(edit_distance(record.draft_text, final), 2)
    record.chrf = round(chrf(record.draft_text, final), 2)
