"""Export use cases: publishable texts, PO/XLIFF catalogs and TMX memories, in memory.

:func:`export_documents` returns the files (name → bytes) for the CLI and the web
download alike; :func:`zip_files` packs them. Publishable formats (txt, md, html)
are refused while :func:`collect_blockers` finds anything in the way, unless a
marked draft is asked for.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tmgr.documents.articles import Gaps, build_article, split_authors
from tmgr.documents.ingest import get_document
from tmgr.documents.snapshot import DocumentView, iter_views
from tmgr.errors import NotReady
from tmgr.exchange.sitexchange import site_units
from tmgr.formats import CatalogFormat, Format, MemoryFormat, PublishFormat, parse_formats
from tmgr.formats.model import Catalog, Memory, MemoryPair, Unit, as_utc
from tmgr.localedata import MetadataTable, language_name, load_metadata
from tmgr.quality.checks import blocking_errors
from tmgr.quality.fixes import fix_scripts
from tmgr.review.sitestrings import metadata_table
from tmgr.store.models import Document, Segment, State, TMUnit, Translation, User
from tmgr.typography import Change, Typography, typography_for

DEFAULT_FORMATS = ("txt", "md", "html")
MIXED_SCRIPT = "mixed-script"


@dataclass(frozen=True)
class Blocker:
    """One thing that keeps a document from being published in one language."""

    document: str
    lang: str
    kind: str  # unapproved, metadata (a QA check adds its own kind)
    message: str
    segment_key: str | None = None
    field: str | None = None
    segment_id: int | None = None
    number: int | None = None  # the segment's number in the editor
    check: str | None = None  # for kind "qa": the check's id
    state: str | None = None  # for kind "unapproved"
    detail: str | None = None  # the finding, the words, or the English value, without ids


@dataclass
class ExportContext:
    """What every export step needs besides the session: tables and typography per language."""

    languages: Sequence[str]
    instance_path: Path | None = None
    typography_settings: Mapping[str, Any] | None = None
    typography_on: bool = True
    _tables: dict[str, MetadataTable] = field(default_factory=dict)

    def table(self, lang: str, session: Session | None = None) -> MetadataTable:
        """How ``lang`` names sections, status lines, authors: the approved site strings
        (with ``session``), over the shipped defaults."""
        if lang not in self._tables:
            table = load_metadata(lang, self.instance_path)
            if session is not None:
                table = metadata_table(session, lang, table)
            self._tables[lang] = table
        return self._tables[lang]

    def typography(self, lang: str) -> Typography | None:
        return typography_for(lang, self.typography_settings) if self.typography_on else None


#: a check gets the session, one document, one language and the context
BlockerCheck = Callable[[Session, DocumentView, str, ExportContext], list[Blocker]]


def unapproved_segments(session: Session, view: DocumentView, lang: str,
                        context: ExportContext) -> list[Blocker]:
    """Every segment whose translation is not approved (or is empty)."""
    blockers = []
    for _block, segment in view.segments:
        translation = segment.translations.get(lang)
        state = translation.state if translation else State.UNTRANSLATED
        if state != State.APPROVED or not translation or not translation.text.strip():
            blockers.append(Blocker(view.slug, lang, "unapproved",
                                    f"#{segment.id} {state.value}: {_clip(segment.source)}",
                                    segment_key=segment.key, segment_id=segment.id,
                                    number=segment.ordinal + 1, state=state.value))
    return blockers


def missing_metadata(session: Session, view: DocumentView, lang: str,
                     context: ExportContext) -> list[Blocker]:
    """Section, status line or author with no name in the language's table; unread weeks."""
    table, blockers = context.table(lang, session), []
    name = language_name(lang)
    checks = [("section", view.section, table.section), ("status_line", view.status_line,
                                                         table.status_line)]
    checks += [("author", author, table.author) for author in split_authors(view.author or "")]
    for field_name, english, lookup in checks:
        if english and lookup(english) is None:
            blockers.append(Blocker(view.slug, lang, "metadata",
                                    f"no approved {name} for the {field_name.replace('_', ' ')} "
                                    f"{english!r} (translate and approve the site string: "
                                    f"tmgr strings set {field_name} {english!r} --lang {lang} "
                                    "TEXT)", field=field_name,
                                    detail=english))
    if not (view.title or "").strip():
        blockers.append(Blocker(view.slug, lang, "metadata",
                                "the document has no headline (set one: "
                                f"tmgr doc set {view.slug} --title TEXT)", field="title"))
    if view.week_text and not (view.week_start and view.week_end):
        blockers.append(Blocker(view.slug, lang, "metadata",
                                f"the week {view.week_text!r} could not be read as dates",
                                field="week", detail=view.week_text))
    return blockers


def unresolved_qa_errors(session: Session, view: DocumentView, lang: str,
                         context: ExportContext) -> list[Blocker]:
    """QA errors no reviewer has overridden, on approved segments (see ``tmgr qa``).

    Mixed scripts are left to :func:`mixed_script_words`: export fixes the certain
    cases, and refuses the rest whether overridden or not.
    """
    segments = {segment.id: segment for _block, segment in view.segments
                if (t := segment.translations.get(lang)) and t.state == State.APPROVED}
    if not segments:
        return []
    document = session.get(Document, view.id)
    assert document is not None
    return [Blocker(view.slug, lang, "qa", f"#{finding.segment} {finding.check}: "
                                          f"{finding.message}",
                    segment_key=segments[finding.segment].key, segment_id=finding.segment,
                    number=segments[finding.segment].ordinal + 1, check=finding.check,
                    detail=finding.message)
            for finding in blocking_errors(session, document, lang)
            if finding.segment in segments and finding.check != MIXED_SCRIPT]


def mixed_script_words(session: Session, view: DocumentView, lang: str,
                       context: ExportContext) -> list[Blocker]:
    """Words mixing Latin and Cyrillic letters that no certain fix makes whole."""
    blockers = []
    for _block, segment in view.segments:
        translation = segment.translations.get(lang)
        if not translation or not translation.text.strip():
            continue
        _fixed, left = fix_scripts(segment.source, translation.text, lang)
        if left:
            words = ", ".join(f"«{word}»" for word in dict.fromkeys(left))
            blockers.append(Blocker(view.slug, lang, MIXED_SCRIPT,
                                    f"#{segment.id} mixed Latin and Cyrillic letters, no "
                                    f"certain fix: {words}", segment_key=segment.key,
                                    segment_id=segment.id, number=segment.ordinal + 1,
                                    check=MIXED_SCRIPT, detail=words))
    return blockers


def script_fixed(view: DocumentView, lang: str) -> tuple[DocumentView, list[Change]]:
    """The view with the certain script fixes made to its ``lang`` texts (for
    publishing only: catalogs carry the texts as stored); a text with a mixed word
    no fix is sure of is left out (a marked draft shows the English there)."""
    changes: list[Change] = []
    blocks = []
    for block in view.blocks:
        segments = []
        for segment in block.segments:
            translation = segment.translations.get(lang)
            if translation and translation.text:
                fixed, left = fix_scripts(segment.source, translation.text, lang)
                if left:  # never published, not even in a marked draft: the English shows
                    fixed = ""
                if fixed != translation.text:
                    if fixed:
                        changes.append(Change(MIXED_SCRIPT, translation.text, fixed,
                                              _clip(fixed)))
                    segment = replace(segment, translations={
                        **segment.translations, lang: replace(translation, text=fixed)})
            segments.append(segment)
        blocks.append(replace(block, segments=segments))
    return replace(view, blocks=blocks), changes


#: what :func:`collect_blockers` runs; add a check here to make exports refuse more
BLOCKER_CHECKS: list[BlockerCheck] = [unapproved_segments, missing_metadata,
                                      unresolved_qa_errors, mixed_script_words]


def collect_blockers(session: Session, views: Sequence[DocumentView], languages: Sequence[str],
                     context: ExportContext) -> list[Blocker]:
    """Everything that stops publication of these documents in these languages.

    This is the one place to extend: append a :data:`BlockerCheck` to
    :data:`BLOCKER_CHECKS` and exports refuse (or mark as drafts) what it finds.
    """
    return [blocker for view in views for lang in languages
            for check in BLOCKER_CHECKS for blocker in check(session, view, lang, context)]


def publish_blockers(session: Session, slugs: Sequence[str], languages: Sequence[str],
                     instance_path: Path | None = None) -> list[Blocker]:
    """What keeps the named documents from publication (for a UI to show before export)."""
    context = ExportContext(languages, instance_path)
    ids = document_ids(session, slugs)
    return collect_blockers(session, list(iter_views(session, ids, languages)), languages,
                            context)


def document_ids(session: Session, slugs: Sequence[str]) -> list[int]:
    """The ids of the named documents, in order, in one query per 500 (NotFound if missing)."""
    found: dict[str, int] = {}
    for start in range(0, len(slugs), 500):
        rows = session.execute(select(Document.slug, Document.id).where(
            Document.slug.in_(slugs[start:start + 500])))
        found.update((slug, doc_id) for slug, doc_id in rows)
    for slug in slugs:
        if slug not in found:
            get_document(session, slug)  # raises NotFound with the usual hint
    return list(dict.fromkeys(found[slug] for slug in slugs))


def _clip(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "…"


def describe_blockers(blockers: Sequence[Blocker], per_group: int = 5) -> str:
    """The blockers as lines for people, at most ``per_group`` per document × language."""
    lines: list[str] = []
    groups: dict[tuple[str, str, str], list[Blocker]] = {}
    for blocker in blockers:
        groups.setdefault((blocker.document, blocker.lang, blocker.kind), []).append(blocker)
    for (document, lang, kind), items in groups.items():
        what = {"unapproved": f"{len(items)} segment(s) not approved",
                "qa": f"{len(items)} QA error(s) not resolved",
                MIXED_SCRIPT: f"{len(items)} segment(s) with mixed-script words"
                }.get(kind, kind)
        lines.append(f"  {document} ({lang}): {what}")
        lines += [f"    {item.message}" for item in items[:per_group]]
        if len(items) > per_group:
            lines.append(f"    … and {len(items) - per_group} more")
    return "\n".join(lines)


@dataclass
class ExportedFile:
    """One exported file and what went into it."""

    name: str  # relative path: <lang>/<slug>.<ext>, or <slug>.tmx
    data: bytes
    document: str
    lang: str | None
    format: str
    draft: bool = False
    changes: list[Change] = field(default_factory=list)  # typography


class ExportResult(Mapping[str, bytes]):
    """The exported files by name (a mapping name → bytes), with their details in ``files``."""

    def __init__(self, files: Sequence[ExportedFile]) -> None:
        self.files = list(files)
        self._by_name = {item.name: item.data for item in self.files}

    def __getitem__(self, name: str) -> bytes:
        return self._by_name[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_name)

    def __len__(self) -> int:
        return len(self._by_name)


def build_catalog(view: DocumentView, lang: str) -> Catalog:
    """The document's segments in ``lang`` as a catalog, with versions for conflict checks."""
    units, newest = [], view.updated_at
    for block, segment in view.segments:
        translation = segment.translations.get(lang)
        if translation is None:
            continue
        if translation.updated_at and (newest is None or translation.updated_at > newest):
            newest = translation.updated_at
        units.append(Unit(key=segment.key, source=segment.source, target=translation.text,
                          state=translation.state, previous_source=segment.previous_source,
                          origin=translation.origin, comments=segment.comments.get(lang, []),
                          context=f"{block.kind.replace('_', ' ')}, block {block.position + 1}",
                          version=translation.version))
    return Catalog(document=view.slug, target_lang=lang, units=units, title=view.title,
                   snapshot=newest)


def approved_pairs(view: DocumentView, languages: Sequence[str]) -> list[MemoryPair]:
    """The document's approved translations as memory pairs."""
    return [MemoryPair(segment.source, lang, t.text, t.updated_at, t.updated_by)
            for _block, segment in view.segments for lang in languages
            if (t := segment.translations.get(lang)) and t.state == State.APPROVED
            and t.text.strip()]


def _file_name(view: DocumentView, lang: str, fmt: Format, draft: bool = False) -> str:
    return f"{lang}/{view.slug}{'.draft' if draft else ''}{fmt.extension}"


def _export_view(session: Session, view: DocumentView, formats: Sequence[Format],
                 context: ExportContext, *, checked: bool) -> Iterator[ExportedFile]:
    """One document's files; ``checked`` means nothing blocks it (no gaps to look for)."""
    publish = [fmt for fmt in formats if isinstance(fmt, PublishFormat)]
    for lang in context.languages:
        if publish:
            blockers = [] if checked else [
                b for check in BLOCKER_CHECKS for b in check(session, view, lang, context)]
            gaps = Gaps({b.segment_key for b in blockers if b.segment_key},
                        {b.field for b in blockers if b.field})
            published, fixes = script_fixed(view, lang)
            article, changes = build_article(published, lang, context.table(lang, session),
                                             context.typography(lang), gaps)
            changes = fixes + changes
            for publisher in publish:
                yield ExportedFile(_file_name(view, lang, publisher, article.is_draft),
                                   publisher.render(article), view.slug, lang,
                                   publisher.name, article.is_draft, changes)
        for catalog_format in formats:
            if isinstance(catalog_format, CatalogFormat):
                catalog = build_catalog(view, lang)
                catalog.units += site_units(session, view.id, lang)
                yield ExportedFile(_file_name(view, lang, catalog_format),
                                   catalog_format.dump([catalog]),
                                   view.slug, lang, catalog_format.name)
    for memory_format in formats:
        if isinstance(memory_format, MemoryFormat):
            memory = Memory(pairs=approved_pairs(view, context.languages))
            yield ExportedFile(f"{view.slug}{memory_format.extension}",
                               memory_format.dump(memory), view.slug, None,
                               memory_format.name)


def iter_export(session: Session, slugs: Sequence[str], formats: Sequence[Format],
                context: ExportContext, *, allow_partial: bool = False) -> Iterator[ExportedFile]:
    """The exported files one by one (for writing as they come).

    Raises :class:`NotReady` before the first file when a publishable format is
    asked for, something blocks publication and ``allow_partial`` is false.
    """
    ids = document_ids(session, slugs)
    checked = any(isinstance(fmt, PublishFormat) for fmt in formats) and not allow_partial
    if checked:
        blockers = [b for view in iter_views(session, ids, context.languages)
                    for b in collect_blockers(session, [view], context.languages, context)]
        if blockers:
            raise NotReady("not ready to publish:\n" + describe_blockers(blockers),
                           blockers=blockers,
                           hint="approve the segments in tmgr, or export a marked draft "
                                "with --allow-partial; PO, XLIFF and TMX export any state")
    for view in iter_views(session, ids, context.languages):
        yield from _export_view(session, view, formats, context, checked=checked)


def export_documents(session: Session, slugs: Sequence[str], *, languages: Sequence[str],
                     formats: Sequence[str] = DEFAULT_FORMATS, allow_partial: bool = False,
                     typography: bool = True, settings: Any = None) -> ExportResult:
    """Export documents into files in memory (name → bytes), e.g. for a web download.

    ``settings`` (a :class:`tmgr.config.Settings`) supplies the instance folder
    and ``[typography]`` overrides.
    """
    context = ExportContext(
        languages, instance_path=getattr(settings, "instance_path", None),
        typography_settings=settings.get("typography", {}) if settings else None,
        typography_on=typography)
    return ExportResult(list(iter_export(session, slugs, parse_formats(formats), context,
                                         allow_partial=allow_partial)))


def zip_files(files: Mapping[str, bytes], folder: str = "") -> bytes:
    """The files packed into one zip (deterministic: fixed timestamps, sorted names)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(f"{folder}/{name}" if folder else name,
                                   date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, files[name])
    return buffer.getvalue()


def memory_pairs(session: Session, languages: Sequence[str]) -> list[MemoryPair]:
    """The whole translation memory: approved segment translations and stored TM units."""
    seen: dict[tuple[str, str, str], MemoryPair] = {}
    approved = session.execute(
        select(Segment.source, Translation.lang, Translation.text, Translation.updated_at,
               User.name)
        .join(Translation, Translation.segment_id == Segment.id)
        .outerjoin(User, User.id == Translation.updated_by_id)
        .where(Translation.state == State.APPROVED, Translation.lang.in_(languages)))
    imported = session.execute(
        select(TMUnit.source, TMUnit.lang, TMUnit.target, TMUnit.created_at,
               TMUnit.changed_by)
        .where(TMUnit.lang.in_(languages)))
    rows: list[tuple[str, str, str, datetime | None, str | None]] = [
        *approved, *imported]
    for source, lang, text, changed_at, changed_by in rows:
        if not text.strip():
            continue
        key = (source, lang, text)
        if key not in seen or _later(changed_at, seen[key].changed_at):
            seen[key] = MemoryPair(source, lang, text, changed_at, changed_by)
    return list(seen.values())


def _later(first: datetime | None, second: datetime | None) -> bool:
    if first is None or second is None:
        return second is None and first is not None
    return as_utc(first) > as_utc(second)


def export_memory(session: Session, languages: Sequence[str], fmt: str = "tmx") -> bytes:
    """The whole translation memory as one TMX file."""
    memory_format = parse_formats([fmt])[0]
    assert isinstance(memory_format, MemoryFormat)
    return memory_format.dump(Memory(pairs=memory_pairs(session, languages)))
