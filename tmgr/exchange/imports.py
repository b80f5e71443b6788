"""Import use cases: PO and XLIFF catalogs back into translations, TMX into the memory.

Every change goes through :func:`change_translation` under the importing user,
after the same permission check as the editor's
(:func:`tmgr.people.permissions.require_change`): who may edit which
language, who may approve, never one's own text. A segment changed in tmgr since
the file was exported is never overwritten: it is reported as a
:class:`Conflict` (``resolve="mine"`` takes the file's text, ``"theirs"`` keeps
tmgr's), except when the change is this user's own earlier import of the same
export (a file fixed and imported again). A malformed file, a text with control
characters, one longer than the editor accepts, or a catalog whose text is in
another language than it says is refused whole. A unit whose text is tmgr's changes
state only when the file says so (:mod:`tmgr.exchange.import_rules`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import PurePath

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from tmgr.errors import FormatError, NotFound, PermissionDenied, ReviewError, TmgrError
from tmgr.exchange.import_rules import same_text, says_new_state, unique_sources
from tmgr.exchange.sitexchange import apply_site_units, split_site_units, split_unmarked_site_units
from tmgr.formats import CatalogFormat, format_for_file
from tmgr.formats.model import Catalog, Memory, MemoryPair, Unit, as_utc, newer_than
from tmgr.localedata import require_configured
from tmgr.people import permissions as perm
from tmgr.qa.letters import FOREIGN_LETTERS, WORD
from tmgr.qa.messages import N_
from tmgr.quality.checks import unresolved_errors
from tmgr.review.actions import check_length
from tmgr.review.sitestrings import StringReport
from tmgr.review.translations import HUMAN, change_translation, ensure_translations
from tmgr.store.models import Document, Segment, State, Translation, User
from tmgr.text import check_text
from tmgr.tm.memory import add_tm_units

_BATCH = 500
MEMORY_BATCH = 500  # TMX pairs per transaction: the write lock is held for a moment only
RESOLUTIONS = ("mine", "theirs")
#: the share of a catalog's texts written in another language that refuses the file
LANGUAGE_MISMATCH_SHARE = 0.5


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
    total: int = 0  # memory pairs in configured languages
    qa_blocked: int = 0  # marked final, imported as translated: QA errors block approval
    resolved: int = 0  # conflicts settled by --resolve (mine: applied; theirs: kept)
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
        raise NotFound(N_("no tmgr user %(name)s", name=repr(name)),
                       hint=N_("imports are recorded under a tmgr user; create one with "
                               "`tmgr user add NAME`"))
    if not user.active:
        raise PermissionDenied(N_("user %(name)s is deactivated", name=repr(name)))
    return user


def check_language(user: User, lang: str, languages: Sequence[str], name: str) -> None:
    """Refuse a file in a language that is not configured or that ``user`` may not edit."""
    require_configured([lang], languages, where=name)
    if not perm.allowed(user, perm.EDIT, lang):
        theirs = ", ".join(user.language_list) or N_("none")
        raise PermissionDenied(N_("%(name)s (%(role)s) may not edit %(lang)s translations "
                                  "(their languages: %(langs)s)", name=user.name,
                                  role=user.role, lang=repr(lang), langs=theirs),
                               hint=N_("import as a translator or reviewer of that language"))


def can_approve(user: User | None, lang: str) -> bool:
    """Whether ``user`` may approve ``lang`` translations at all (the editor's rule)."""
    return user is not None and perm.allowed(user, perm.APPROVE, lang)


def import_file(session: Session, name: str, data: bytes, user: User, *,
                languages: Sequence[str], resolve: str | None = None,
                policy_four_eyes: bool = True) -> ImportReport:
    """Import one PO or XLIFF file (by extension); the caller commits.

    TMX files go through :func:`memory_batches` and :func:`import_memory_batch`
    instead, in short transactions of their own.
    """
    fmt = format_for_file(name, data)
    report = ImportReport(name=name, format=fmt.name)
    if not isinstance(fmt, CatalogFormat):
        memory = fmt.load(data, name)
        for batch in memory_batches(memory, user, report, languages=languages):
            import_memory_batch(session, batch, report)
        return report
    catalogs = fmt.load(data, name)
    for catalog in catalogs:
        check_language(user, catalog.target_lang, languages, name)
        check_catalog_text(catalog, name)
    for catalog in catalogs:
        import_catalog(session, catalog, user, report, resolve=resolve,
                       four_eyes=policy_four_eyes)
    return report


def check_catalog_text(catalog: Catalog, name: str) -> None:
    """Refuse a catalog with forbidden characters, over-long texts or the wrong language."""
    for unit in catalog.units:
        where = f"{name}:{unit.line}"
        check_text(unit.target, what=N_("the translation of %(key)s", key=repr(unit.key)),
                   where=where)
        try:
            check_length(unit.source, unit.target)
        except ReviewError as exc:
            raise FormatError(f"{where}: {exc.message}", hint=exc.hint) from exc
    check_catalog_language(catalog, name)


def check_catalog_language(catalog: Catalog, name: str) -> None:
    """Refuse a catalog that says one language and holds another (e.g. ru holding be)."""
    letters = FOREIGN_LETTERS.get(catalog.target_lang)
    if not letters:
        return
    texts = [u.target for u in catalog.units if u.target.strip() and WORD.search(u.target)]
    foreign = [t for t in texts if any(c in letters for c in t)]
    if len(foreign) >= 3 and len(foreign) > LANGUAGE_MISMATCH_SHARE * len(texts):
        odd = "".join(dict.fromkeys(c for t in foreign for c in t if c in letters))
        raise FormatError(
            N_("%(file)s: the file says its language is %(lang)s, but %(count)s of its "
               "%(total)s translations use letters that language does not have "
               "(%(letters)s): is it the other language's file?", file=name,
               lang=repr(catalog.target_lang), count=len(foreign), total=len(texts),
               letters=", ".join(odd)[:40]),
            hint=N_("fix the Language header (or target-language) and import it again"))


def _load(session: Session, slug: str, lang: str, name: str) -> dict[str, Segment]:
    document = session.scalars(select(Document).where(Document.slug == slug)).one_or_none()
    if document is None:
        raise FormatError(N_("%(file)s: it is for document %(doc)s, which tmgr does not have",
                             file=name, doc=repr(slug)),
                          hint=N_("`tmgr status` lists the documents"))
    ensure_translations(session, document, [lang])
    segments = session.scalars(select(Segment).where(Segment.document_id == document.id,
                                                      Segment.removed.is_(False))
                               .options(selectinload(Segment.translations))).all()
    return {segment.key: segment for segment in segments}


def _duplicates(catalog: Catalog, name: str) -> None:
    seen: set[str] = set()
    for unit in catalog.units:
        if unit.key in seen and unit.key:
            raise FormatError(N_("%(file)s:%(num)s: segment %(key)s appears twice", file=name,
                                 num=unit.line, key=repr(unit.key)))
        seen.add(unit.key)


def export_id(unit: Unit, catalog: Catalog) -> str | None:
    """What identifies the export a unit came from: its version, else the file's snapshot."""
    if unit.version is not None:
        return f"version {unit.version}"
    if catalog.snapshot is not None:
        return f"snapshot {as_utc(catalog.snapshot).isoformat()}"
    return None


def import_note(name: str, exported: str | None) -> str:
    """The revision note of an import; it names the export so a re-import is recognised."""
    note = f"imported from {PurePath(name).name}"
    return f"{note} (export {exported})" if exported else note


def _own_earlier_import(translation: Translation, user: User | None,
                        exported: str | None) -> bool:
    """Whether the current text came from ``user`` importing the same export before."""
    if user is None or exported is None or not translation.revisions:
        return False
    last = translation.revisions[-1]
    note = last.note or ""
    return (last.user_id == user.id and note.startswith("imported from ")
            and note.endswith(f"(export {exported})"))


def _stale_reason(unit: Unit, catalog: Catalog, translation: Translation) -> str | None:
    """Why applying ``unit`` would overwrite a change made in tmgr, or None if it would not."""
    if unit.version is not None:
        if translation.version != unit.version:
            return (f"changed in tmgr since the export (exported version {unit.version}, "
                    f"now {translation.version})")
        return None
    if catalog.snapshot is not None:
        if translation.updated_at and newer_than(translation.updated_at, catalog.snapshot):
            return "changed in tmgr since the file was exported"
        return None
    if translation.state.is_human_work:
        return "the file does not say which version it was made from, and tmgr has human work"
    return None


@dataclass
class _Context:
    catalog: Catalog
    user: User | None
    report: ImportReport
    resolve: str | None
    four_eyes: bool


def _conflict(ctx: _Context, unit: Unit, segment: Segment, reason: str) -> None:
    translation = segment.translation(ctx.catalog.target_lang)
    ctx.report.conflicts.append(Conflict(
        ctx.catalog.document, ctx.catalog.target_lang, unit.key, unit.line, reason,
        unit.target, translation.text if translation else "", segment.id))


def _permitted_state(ctx: _Context, unit: Unit, translation: Translation) -> State | None:
    """The state this user may give the unit (approved may become translated), or None."""
    state = unit.state
    if ctx.user is None:  # sync probing for edits: nothing is kept
        return State.TRANSLATED if state == State.APPROVED else state
    denial = perm.change_denial(ctx.user, translation, text=unit.target, state=state,
                                four_eyes=ctx.four_eyes)
    if denial is not None and state == State.APPROVED:
        state = State.TRANSLATED
        denial = perm.change_denial(ctx.user, translation, text=unit.target, state=state)
        if denial is None and translation.text != unit.target:
            ctx.report.downgraded += 1
        elif denial is None:
            return None  # the words are tmgr's already; only approving was asked for
    if denial is not None:
        raise denial
    return state


def _apply_unit(session: Session, unit: Unit, segment: Segment, ctx: _Context) -> None:
    catalog, report = ctx.catalog, ctx.report
    translation = segment.translation(catalog.target_lang)
    assert translation is not None
    if unit.edited is False or not unit.target.strip():
        report.unchanged += 1
        return
    if same_text(translation.text, unit.target, unit.loose_space):
        unit.target = translation.text  # only the file's spacing differs
    if translation.text == unit.target and not says_new_state(unit, catalog, translation):
        report.unchanged += 1
        return
    try:
        state = _permitted_state(ctx, unit, translation)
    except PermissionDenied as exc:
        _conflict(ctx, unit, segment, exc.message)
        return
    if state == State.APPROVED and unresolved_errors(session, translation, unit.target):
        state = State.TRANSLATED  # as in the editor: QA errors block approval
        report.qa_blocked += 1
    if state is None or (translation.text == unit.target and translation.state == state):
        report.unchanged += 1
        return
    exported = export_id(unit, catalog)
    reason = _stale_reason(unit, catalog, translation)
    if reason is not None and not _own_earlier_import(translation, ctx.user, exported):
        if ctx.resolve == "theirs":
            report.resolved += 1
            return
        if ctx.resolve != "mine":
            _conflict(ctx, unit, segment, reason)
            return
        report.resolved += 1
    change_translation(session, translation, text=unit.target, state=state, origin=HUMAN,
                       user=ctx.user, note=import_note(report.name, exported))
    report.updated += 1


def import_catalog(session: Session, catalog: Catalog, user: User | None,
                   report: ImportReport, *, resolve: str | None = None,
                   four_eyes: bool = True) -> None:
    """Apply one catalog's edited units; conflicts are listed in ``report``, not applied.

    ``user`` None records no author (sync uses it to find out whether there are edits).
    ``resolve`` settles conflicts: ``"mine"`` applies the file's text, ``"theirs"``
    keeps tmgr's; units the user may not change are conflicts either way.
    """
    if resolve is not None and resolve not in RESOLUTIONS:
        raise TmgrError(f"--resolve takes mine or theirs, not {resolve!r}")
    name = report.name
    site_strings = split_site_units(catalog)  # the document's site strings, if any
    _duplicates(catalog, name)
    segments = _load(session, catalog.document, catalog.target_lang, name)
    by_source = unique_sources(segments.values())
    # a converter that lost the keys lost the site strings' marks too: their English says
    site_strings += split_unmarked_site_units(
        session, catalog, lambda unit: unit.key in segments or unit.source in by_source)
    if site_strings and user is not None:
        _apply_site_strings(session, site_strings, catalog, user, report, four_eyes)
    report.catalogs.append(f"{catalog.document} ({catalog.target_lang})")
    ctx = _Context(catalog, user, report, resolve, four_eyes)
    for unit in catalog.units:
        # a converter that lost the keys (xliff2po, po2xliff): the English says which
        segment = segments.get(unit.key) or by_source.get(unit.source)
        if segment is None or not same_text(segment.source, unit.source, unit.loose_space):
            if unit.edited is False or not unit.target.strip():
                report.unchanged += 1
                continue
            report.conflicts.append(Conflict(
                catalog.document, catalog.target_lang, unit.key, unit.line,
                "the English sentence changed or was removed since the export", unit.target))
            continue
        _apply_unit(session, unit, segment, ctx)


def _apply_site_strings(session: Session, units: list[Unit], catalog: Catalog, user: User,
                        report: ImportReport, four_eyes: bool) -> None:
    """Site strings a document's catalog carries, applied by the site strings' rules."""
    done = StringReport()
    apply_site_units(session, units, catalog.target_lang, user, done, four_eyes=four_eyes)
    report.updated += done.updated  # unchanged ones are not counted: the figures are segments'
    report.conflicts += [Conflict(catalog.document, catalog.target_lang, "site", 0, reason, "")
                         for reason in done.refused]


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


def memory_batches(memory: Memory, user: User, report: ImportReport, *,
                   languages: Sequence[str]) -> Iterator[list[MemoryPair]]:
    """Check a memory file whole (languages, rights, text), then hand its pairs out in
    batches of :data:`MEMORY_BATCH`, each for :func:`import_memory_batch` in a
    transaction of its own: a big TMX never holds the database's write lock for long,
    and running it again after an interruption adds only what is missing."""
    report.warnings += memory.warnings
    foreign = sorted({p.lang for p in memory.pairs if p.lang not in languages})
    if foreign:
        report.warnings.append(f"pairs in {', '.join(foreign)} skipped: tmgr translates "
                               f"into {', '.join(languages)} only")
    wanted = [p for p in memory.pairs if p.lang in languages]
    for lang in sorted({p.lang for p in wanted}):
        check_language(user, lang, languages, report.name)
    for number, pair in enumerate(wanted, 1):
        where = f"{report.name}: translation unit {number}"
        check_text(pair.source, what=N_("the English text"), where=where)
        check_text(pair.target, what=N_("the %(lang)s text", lang=pair.lang), where=where)
    report.total = len(wanted)
    for start in range(0, len(wanted), MEMORY_BATCH):
        yield wanted[start:start + MEMORY_BATCH]


def import_memory_batch(session: Session, pairs: Sequence[MemoryPair],
                        report: ImportReport) -> None:
    """Add the pairs tmgr does not have yet as TM units; pairs equal to an approved
    translation or a stored unit are skipped (a constant number of queries per batch)."""
    approved = _approved_pairs(session, [p.source for p in pairs])
    fresh = [p for p in pairs if (p.source, p.lang, p.target) not in approved]
    origin = f"tmx:{PurePath(report.name).name}"[:200]
    added = add_tm_units(session, [replace(p, origin=origin) for p in fresh])
    report.added += added
    report.unchanged += len(pairs) - added
