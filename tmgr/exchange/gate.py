"""A publication gate on unedited machine translation.

The post-editing records say which approved translations were published exactly as
a machine or memory draft produced them. :func:`unedited_shares` gives, per
language, the share of approved words published unchanged from such a draft;
:func:`check_gate` refuses an export above ``TMGR_UNEDITED_MT_BLOCK`` and asks for
an editor's confirmation above ``TMGR_UNEDITED_MT_WARN`` (percent, one number or
per language: ``be=40,ru=50``; unset: off).

Only an editor or an admin confirms (:func:`confirm`, on the document page, or while
exporting); a publisher's export passes on an editor's standing confirmation, never
on the publisher's own. Each confirmation is kept (:class:`UneditedConfirmation`:
who, when, the language, the share then, the thresholds then) and holds while the
share does not grow past what was confirmed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from tmgr.config import unedited_mt_thresholds
from tmgr.documents.ingest import get_document
from tmgr.errors import ConfigError, PermissionDenied, TmgrError, UneditedMT
from tmgr.people import permissions as perm
from tmgr.qa.messages import N_, Listing
from tmgr.store.models import (
    Document,
    PostEdit,
    Segment,
    State,
    Translation,
    UneditedConfirmation,
    User,
)

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
            N_("too much unedited machine translation to publish: %(shares)s",
               shares=_listing(blocked, block)),
            shares=blocked, blocked=True,
            hint=N_("have the marked segments post-edited (TMGR_UNEDITED_MT_BLOCK)"))
    warned = [s for s in shares if (limit := _limit(warn, s.lang)) is not None
              and s.percent > limit]
    if warned and not confirmed:
        raise UneditedMT(
            N_("much of this text is unedited machine translation: %(shares)s",
               shares=_listing(warned, warn)),
            shares=warned, blocked=False,
            hint=N_("an editor or admin confirms it on the document's page, or exports with "
                    "--confirm-unedited --as USER"))
    return warned


def _listing(shares: Sequence[Share], limits: Thresholds) -> Listing:
    return Listing((N_("%(doc)s (%(lang)s) %(percent)s%% of %(count)s words, over %(limit)s%%",
                       doc=s.document, lang=s.lang, percent=format(s.percent, "g"),
                       count=s.words, limit=format(_limit(limits, s.lang) or 0, "g"))
                    for s in shares), "; ")


def _require_confirmer(by: User | None) -> User:
    """``by`` if an editor or admin; a clear refusal otherwise."""
    if by is None:
        raise PermissionDenied(N_("say who confirms the unedited machine translation"),
                               hint=N_("--as USER, an editor or admin"))
    if not by.active:
        raise PermissionDenied(N_("the account %(name)s is disabled", name=by.name))
    if by.role == "publisher":
        raise PermissionDenied(
            N_("%(name)s is a publisher: publishers may not confirm unedited machine "
               "translation alone; an editor or admin confirms it", name=by.name),
            hint=N_("ask an editor to confirm it on the document's page, then export"))
    if not perm.allowed(by, perm.CONFIRM_UNEDITED):
        raise PermissionDenied(
            N_("%(name)s (%(role)s) may not confirm unedited machine translation: an "
               "editor or admin confirms it", name=by.name, role=by.role),
            hint=N_("ask an editor to confirm it on the document's page"))
    return by


def _record(session: Session, by: User, share: Share, via: str,
            limits: tuple[Thresholds, Thresholds]) -> UneditedConfirmation:
    row = UneditedConfirmation(
        document=get_document(session, share.document), lang=share.lang, user_id=by.id,
        confirmed_by=by.name, words=share.words, unedited_words=share.unedited,
        percent=share.percent, warn_percent=_limit(limits[0], share.lang),
        block_percent=_limit(limits[1], share.lang), via=via)
    session.add(row)
    session.flush()
    return row


def confirm(session: Session, by: User | None, slug: str, lang: str, *,
            via: str = "document page") -> UneditedConfirmation:
    """``by`` (an editor or admin) confirms publishing ``slug`` in ``lang`` at its
    current share of unedited words; refused above the block, or when there is
    nothing over the warning to confirm."""
    editor = _require_confirmer(by)
    limits = thresholds()
    (share,) = unedited_shares(session, [slug], [lang])
    warned = check_gate([share], confirmed=True, limits=limits)  # raises above the block
    if not warned:
        raise TmgrError(N_("nothing to confirm: %(percent)s%% of %(doc)s (%(lang)s) is "
                           "unedited, not over TMGR_UNEDITED_MT_WARN",
                           percent=format(share.percent, "g"), doc=slug, lang=lang),
                        hint=N_("it can be exported as it is"))
    return _record(session, editor, share, via, limits)


def standing(session: Session, slug: str, lang: str) -> UneditedConfirmation | None:
    """The latest confirmation of ``slug`` in ``lang``, if any."""
    return session.scalars(
        select(UneditedConfirmation).join(Document)
        .where(Document.slug == slug, UneditedConfirmation.lang == lang)
        .order_by(UneditedConfirmation.id.desc()).limit(1)).first()


def confirmations(session: Session, document: Document) -> list[UneditedConfirmation]:
    """Every confirmation of ``document``, newest first (its history)."""
    return list(session.scalars(
        select(UneditedConfirmation).where(UneditedConfirmation.document_id == document.id)
        .order_by(UneditedConfirmation.id.desc())))


def describe(row: UneditedConfirmation) -> str:
    """One line for the history: who, when, language, share, thresholds."""
    def limit(value: float | None) -> str:
        return "off" if value is None else f"{value:g}%"

    return (f"{row.created_at:%Y-%m-%d %H:%M} {row.lang}: unedited machine translation "
            f"confirmed by {row.confirmed_by} at {row.percent:g}% of {row.words} words "
            f"(warning {limit(row.warn_percent)}, block {limit(row.block_percent)}; "
            f"{row.via})")


def confirmation_dict(row: UneditedConfirmation) -> dict[str, object]:
    return {"lang": row.lang, "confirmed_by": row.confirmed_by,
            "confirmed_at": row.created_at.isoformat(), "words": row.words,
            "unedited_words": row.unedited_words, "percent": row.percent,
            "warn_percent": row.warn_percent, "block_percent": row.block_percent,
            "via": row.via}


def _covered(session: Session, share: Share) -> UneditedConfirmation | None:
    row = standing(session, share.document, share.lang)
    return row if row is not None and share.percent <= row.percent else None


def awaiting_confirmation(session: Session, shares: Sequence[Share]) -> list[Share]:
    """The shares over the warning (not over the block) no confirmation covers yet:
    what an editor may confirm on the document page."""
    warn, block = thresholds()
    return [s for s in shares
            if (limit := _limit(warn, s.lang)) is not None and s.percent > limit
            and not ((top := _limit(block, s.lang)) is not None and s.percent > top)
            and _covered(session, s) is None]


@dataclass(frozen=True)
class Confirmed:
    """A share over the warning that an export publishes, and the confirmation it rests on."""

    share: Share
    confirmation: UneditedConfirmation


def gate_export(session: Session, slugs: Sequence[str], languages: Sequence[str], *,
                confirm_now: bool, by: User | None, via: str) -> list[Confirmed]:
    """Check a final export of ``slugs``: refuse above the block; above the warning,
    pass on a standing confirmation the share has not outgrown, or on ``by``'s
    confirmation now (``confirm_now``; an editor or admin, recorded). Returns what
    the export's record keeps."""
    limits = thresholds()
    if not limits[0] and not limits[1]:
        return []
    warned = check_gate(unedited_shares(session, slugs, languages), confirmed=True,
                        limits=limits)
    done: list[Confirmed] = []
    waiting: list[Share] = []
    for share in warned:
        if (row := _covered(session, share)) is not None:
            done.append(Confirmed(share, row))
        else:
            waiting.append(share)
    if waiting:
        check_gate(waiting, confirmed=confirm_now, limits=limits)  # raises: asks
        editor = _require_confirmer(by)
        done += [Confirmed(s, _record(session, editor, s, via, limits)) for s in waiting]
    return done


def confirmation_payload(confirmed: Sequence[Confirmed]) -> dict[tuple[str, str],
                                                                 dict[str, object]]:
    """What the export record keeps of a confirmed gate, per (document, lang)."""
    return {(c.share.document, c.share.lang): {
        "unedited_mt_percent": c.share.percent,
        "unedited_mt_confirmed_by": c.confirmation.confirmed_by,
        "unedited_mt_confirmed_at": c.confirmation.created_at.isoformat(),
        "unedited_mt_warn_percent": c.confirmation.warn_percent} for c in confirmed}
