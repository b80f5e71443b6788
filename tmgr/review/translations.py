"""Every change of a translation goes through :func:`change_translation`."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from tmgr.errors import NotFound, StaleEdit
from tmgr.events import ApprovalChanged, record
from tmgr.qa.messages import N_
from tmgr.store.models import Document, Revision, Segment, State, Translation, User, utcnow

HUMAN = "human"
KEEP_AUTHOR: int = -1  # ``author_id`` default: the user if the words change, else as is
# Flags that ask a person for a look; a human save answers them.
REVIEWED_FLAGS = ("placeholders", "pivot-source-changed", "source-changed", "unknown-words")


def ensure_translations(session: Session, document: Document,
                        languages: Iterable[str]) -> int:
    """Give every segment of ``document`` a translation row per language; return how many."""
    created = 0
    for segment in document.segments:
        have = {t.lang for t in segment.translations}
        for lang in languages:
            if lang not in have:
                segment.translations.append(Translation(lang=lang, text="",
                                                        state=State.UNTRANSLATED))
                created += 1
    return created


def get_translation(session: Session, segment_id: int, lang: str) -> Translation:
    """The translation of one segment into ``lang``, or :class:`NotFound`."""
    translation = session.scalars(
        select(Translation).where(Translation.segment_id == segment_id,
                                  Translation.lang == lang)).one_or_none()
    if translation is None:
        raise NotFound(f"segment {segment_id} has no {lang} translation",
                       hint="check the segment id with `tmgr show DOC`")
    return translation


def require_version(translation: Translation, expected_version: int | None) -> None:
    """Raise :class:`StaleEdit` when the caller edited another version than the current."""
    if expected_version is not None and expected_version != translation.version:
        raise StaleEdit(
            N_("segment %(num)s (%(lang)s) was changed by someone else (you edited version "
               "%(yours)s, it is now %(now)s)", num=translation.segment_id,
               lang=translation.lang, yours=expected_version, now=translation.version),
            current_version=translation.version, current_text=translation.text,
            hint=N_("compare both texts, merge, and save again"))


def change_translation(session: Session, translation: Translation, *, text: str,
                       state: State, origin: str | None, user: User | None = None,
                       expected_version: int | None = None,
                       note: str | None = None,
                       author_id: int | None = KEEP_AUTHOR) -> Revision | None:
    """Set text, state and origin, recording a :class:`Revision`.

    The words' author becomes ``user`` when the text changes, unless ``author_id``
    names someone else (a revert brings back the reverted text's author, a
    one-click fix keeps the author).

    ``expected_version`` is the version the caller edited; a different current
    version raises :class:`StaleEdit` and nothing changes. Returns ``None`` when
    nothing would change.
    """
    require_version(translation, expected_version)
    if (text, state, origin) == (translation.text, translation.state, translation.origin) \
            and note is None:
        return None
    label = N_("segment %(num)s (%(lang)s)", num=translation.segment_id, lang=translation.lang)
    was_approved = translation.state is State.APPROVED
    if author_id == KEEP_AUTHOR:
        if user is not None and user.id is None:
            session.flush()
        author_id = (user.id if user is not None else None) \
            if text != translation.text else translation.author_id
    revision = Revision(old_text=translation.text, new_text=text,
                        old_state=translation.state, new_state=state, origin=origin,
                        user=user, note=note, author_id=author_id)
    revision.translation = translation  # no need to load the whole history to add to it
    session.add(revision)
    translation.text = text
    translation.state = state
    translation.origin = origin
    translation.updated_by = user
    translation.author_id = author_id
    translation.updated_at = utcnow()
    if state.is_human_work:
        translation.mt_error = None
    if origin == HUMAN and user is not None:  # a person has now looked at it
        for flag in REVIEWED_FLAGS:
            translation.set_flag(flag, False)
        translation.mt_error = None
        translation.unknown_words = None
    if user is not None and state >= State.TRANSLATED:
        translation.source_basis = None  # now made from (or approved for) the current English
    try:
        session.flush()
    except StaleDataError as exc:  # another transaction saved in between
        raise StaleEdit(N_("%(what)s was saved by someone else at the same moment", what=label),
                        current_version=-1, current_text="",
                        hint=N_("reload the segment and save again")) from exc
    if was_approved != (state is State.APPROVED):
        record(session, ApprovalChanged(translation, approved=state is State.APPROVED))
    return revision


def segment_by_id(session: Session, segment_id: int) -> Segment:
    segment = session.get(Segment, segment_id)
    if segment is None:
        raise NotFound(N_("no segment with id %(num)s", num=segment_id))
    return segment
