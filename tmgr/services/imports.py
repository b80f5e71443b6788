"""Import use cases: PO and XLIFF catalogs back into translations, TMX into the memory.

Every change goes through :func:`change_translation` under the importing user.
A segment changed in tmgr since the file was exported is never overwritten: it
is reported as a :class:`Conflict`. A malformed file is refused whole.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import PurePath

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from tmgr.errors import FormatError, NotFound, PermissionDenied, TmgrError
from tmgr.formats import CatalogFormat, format_for_file
from tmgr.formats.model import Catalog, Memory, Unit, as_utc
from tmgr.models import Document, Segment, State, Translation, User
from tmgr.services.translations import HUMAN, change_translation, ensure_translations
from tmgr.tm.memory import add_tm_units

APPROVER_ROLES = ("reviewer", "editor", "admin")
_BATCH = 500


@dataclass
class Conflict:
    """A unit of an imported file that was not applied, and why."""

    document: str
    lang: str
    key: str
    line: int
    reason: str
    file_text: str
    tmgr_text: str = ""
    segment_id: int | None = None

    def as_dict(self) -> dict[str, object]:
        return dict(self.__dict__)


@dataclass
class ImportReport:
    """What importing one file did."""

    name: str
    format: str
    catalogs: list[str] = field(default_factory=list)  # "<slug> (<lang>)"
    updated: int = 0
    unchanged: int = 0
    added: int = 0  # memory pairs
    downgraded: int = 0  # marked final/approved in the file, imported as translated
    conflicts: list[Conflict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        data = dict(self.__dict__)
        data["conflicts"] = [c.as_dict() for c in self.conflicts]
        return data


def find_user(session: Session, name: str) -> User:
    """The active tmgr user called ``name`` (for ``--as``)."""
    user = session.scalars(select(User).where(User.name == name)).one_or_none()
    if user is None:
        raise NotFound(f"no tmgr user {name!r}",
                       hint="imports are recorded under a tmgr user; create one with "
                            "`tmgr user add NAME`")
    if not user.active:
        raise PermissionDenied(f"user {name!r} is deactivated")
    return user


def check_language(user: User, lang: str, languages: Sequence[str], name: str) -> None:
    if lang not in languages:
        raise TmgrError(f"{name}: language {lang!r} is not configured",
                        hint=f"configured: {', '.join(languages)}")
    if user.language_list and lang not in user.language_list:
        raise PermissionDenied(f"{user.name} does not work in {lang!r} "
                               f"(their languages: {', '.join(user.language_list)})")


def can_approve(user: User | None, lang: str) -> bool:
    """Whether ``user`` may approve ``lang`` translations (reviewers, editors, admins)."""
    if user is None or user.role not in APPROVER_ROLES:
        return False
    return not user.language_list or lang in user.language_list


def import_file(session: Session, name: str, data: bytes, user: User, *,
                languages: Sequence[str]) -> ImportReport:
    """Import one PO, XLIFF or TMX file (by extension); the caller commits."""
    fmt = format_for_file(name, data)
    report = ImportReport(name=name, format=fmt.name)
    if isinstance(fmt, CatalogFormat):
        catalogs = fmt.load(data, name)
        for catalog in catalogs:
            check_language(user, catalog.target_lang, languages, name)
        for catalog in catalogs:
            import_catalog(session, catalog, user, report)
    else:
        import_memory(session, fmt.load(data, name), user, report, languages=languages)
    return report


def _load(session: Session, slug: str, lang: str, name: str) -> dict[str, Segment]:
    document = session.scalars(select(Document).where(Document.slug == slug)).one_or_none()
    if document is None:
        raise FormatError(f"{name}: it is for document {slug!r}, which tmgr does not have",
                          hint="`tmgr status` lists the documents")
    ensure_translations(session, document, [lang])
    segments = session.scalars(select(Segment).where(Segment.document_id == document.id,
                                                      Segment.removed.is_(False))
                               .options(selectinload(Segment.translations))).all()
    return {segment.key: segment for segment in segments}


def _duplicates(catalog: Catalog, name: str) -> None:
    seen: set[str] = set()
    for unit in catalog.units:
        if unit.key in seen:
            raise FormatError(f"{name}:{unit.line}: segment {unit.key!r} appears twice")
        seen.add(unit.key)


def _stale_reason(unit: Unit, catalog: Catalog, translation: Translation) -> str | None:
    """Why applying ``unit`` would overwrite a change made in tmgr, or None if it would not."""
    if unit.version is not None:
        if translation.version != unit.version:
            return (f"changed in tmgr since the export (exported version {unit.version}, "
                    f"now {translation.version})")
        return None
    if catalog.snapshot is not None:
        if translation.updated_at and as_utc(translation.updated_at) > as_utc(catalog.snapshot):
            return "changed in tmgr since the file was exported"
        return None
    if translation.state.is_human_work:
        return "the file does not say which version it was made from, and tmgr has human work"
    return None


def _apply_unit(session: Session, unit: Unit, catalog: Catalog, segment: Segment,
                user: User | None, report: ImportReport, name: str) -> None:
    translation = segment.translation(catalog.target_lang)
    assert translation is not None
    if unit.edited is False or not unit.target.strip():
        report.unchanged += 1
        return
    state = unit.state
    if state == State.APPROVED and not can_approve(user, catalog.target_lang):
        if translation.text == unit.target:  # nothing this user may change
            report.unchanged += 1
            return
        state = State.TRANSLATED
        report.downgraded += 1
    if translation.text == unit.target and translation.state == state:
        report.unchanged += 1
        return
    reason = _stale_reason(unit, catalog, translation)
    if reason is not None:
        report.conflicts.append(Conflict(catalog.document, catalog.target_lang, unit.key,
                                         unit.line, reason, unit.target, translation.text,
                                         segment.id))
        return
    change_translation(session, translation, text=unit.target, state=state, origin=HUMAN,
                       user=user, note=f"imported from {name}")
    report.updated += 1


def import_catalog(session: Session, catalog: Catalog, user: User | None,
                   report: ImportReport) -> None:
    """Apply one catalog's edited units; conflicts are listed in ``report``, not applied.

    ``user`` None records no author (sync uses it to find out whether there are edits).
    """
    name = report.name
    _duplicates(catalog, name)
    segments = _load(session, catalog.document, catalog.target_lang, name)
    report.catalogs.append(f"{catalog.document} ({catalog.target_lang})")
    for unit in catalog.units:
        segment = segments.get(unit.key)
        if segment is None or segment.source != unit.source:
            if unit.edited is False or not unit.target.strip():
                report.unchanged += 1
                continue
            report.conflicts.append(Conflict(
                catalog.document, catalog.target_lang, unit.key, unit.line,
                "the English sentence changed or was removed since the export", unit.target))
            continue
        _apply_unit(session, unit, catalog, segment, user, report, name)


def _approved_pairs(session: Session, sources: Sequence[str]) -> set[tuple[str, str, str]]:
    """(source, lang, text) of the approved translations of these sentences."""
    known: set[tuple[str, str, str]] = set()
    unique = sorted(set(sources))
    for start in range(0, len(unique), _BATCH):
        rows = session.execute(
            select(Segment.source, Translation.lang, Translation.text)
            .join(Translation, Translation.segment_id == Segment.id)
            .where(Translation.state == State.APPROVED,
                   Segment.source.in_(unique[start:start + _BATCH])))
        known.update((source, lang, text) for source, lang, text in rows)
    return known


def import_memory(session: Session, memory: Memory, user: User, report: ImportReport, *,
                  languages: Sequence[str]) -> None:
    """Add the memory's pairs that tmgr does not have yet (in configured languages) as
    TM units; pairs equal to an approved translation or a stored unit are skipped."""
    foreign = sorted({p.lang for p in memory.pairs if p.lang not in languages})
    if foreign:
        report.warnings.append(f"pairs in {', '.join(foreign)} skipped: tmgr translates "
                               f"into {', '.join(languages)} only")
    wanted = [p for p in memory.pairs if p.lang in languages]
    for lang in sorted({p.lang for p in wanted}):
        check_language(user, lang, languages, report.name)
    approved = _approved_pairs(session, [p.source for p in wanted])
    fresh = [p for p in wanted if (p.source, p.lang, p.target) not in approved]
    origin = f"tmx:{PurePath(report.name).name}"[:200]
    report.added = add_tm_units(session, [replace(p, origin=origin) for p in fresh])
    report.unchanged = len(wanted) - report.added
