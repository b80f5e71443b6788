"""Add a commentary from the browser: read an upload or a paste, show the reading, store it.

:func:`read_upload` parses the bytes (no database); :func:`add_commentary` stores them
with the editor's fixes to the metadata, the same way ``tmgr ingest`` (``--replace``
for a corrected version) does. The web layer runs :func:`add_commentary` once in a
transaction it rolls back, to show what would change, and again to store it.
Two editors adding the same commentary at once: ``expected_revision`` (what the
preview saw) makes the second one fail with :class:`SourceConflict`.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from tmgr.documents.ingest import IngestResult, SourceFile, ingest_file
from tmgr.documents.metadata import FIELDS, MetadataChange, set_metadata
from tmgr.documents.revisions import current_revision
from tmgr.errors import IngestError, SourceConflict
from tmgr.qa.messages import N_
from tmgr.readers import (
    MAX_SOURCE_BYTES,
    SOURCE_SUFFIXES,
    ParsedBlock,
    ParsedCommentary,
    parse_commentary,
    parse_week_range,
)
from tmgr.store.models import Document

_SLUG_RE = re.compile(r"^[\w][\w.-]{0,199}$")
PASTE_FORMATS = {"txt": ".txt", "md": ".md", "html": ".html"}


@dataclass(frozen=True)
class Upload:
    """A commentary's bytes as sent, with the file name that picks the reader."""

    name: str
    raw: bytes

    @property
    def slug(self) -> str:
        return Path(self.name).stem

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.raw).hexdigest()


def check_slug(slug: str) -> str:
    """``slug`` if it can name a document (letters, digits, ``-``, ``_``, ``.``)."""
    slug = slug.strip()
    if not _SLUG_RE.match(slug):
        raise IngestError(N_("%(slug)s cannot name a document", slug=repr(slug)),
                          hint=N_("use letters, digits, - and _ only, e.g. 2024-11-04-economy"))
    return slug


def upload_of(name: str, raw: bytes) -> Upload:
    """An uploaded file: a .txt, .md or .html name, at most MAX_SOURCE_BYTES."""
    name = Path(name.replace("\\", "/")).name
    suffix = Path(name).suffix.lower()
    if suffix not in SOURCE_SUFFIXES:
        raise IngestError(N_("%(name)s is not a commentary file", name=repr(name or "?")),
                          hint=N_("upload a .txt, .md or .html file"))
    check_slug(Path(name).stem)
    _check_size(len(raw), name)
    return Upload(name, raw)


def paste_of(slug: str, text: str, kind: str) -> Upload:
    """Pasted text under the name ``slug`` read as ``kind`` (txt, md or html)."""
    if kind not in PASTE_FORMATS:
        raise IngestError(N_("unknown text format %(kind)s", kind=repr(kind)),
                          hint=N_("choose plain text, Markdown or HTML"))
    raw = text.replace("\r\n", "\n").encode("utf-8")
    _check_size(len(raw), "the pasted text")
    if not raw.strip():
        raise IngestError(N_("nothing was pasted"), hint=N_("paste the commentary's text"))
    return Upload(check_slug(slug) + PASTE_FORMATS[kind], raw)


def _check_size(size: int, name: str) -> None:
    if size > MAX_SOURCE_BYTES:
        megabytes = "%.1f" % (size / 1024 / 1024)  # noqa: UP031 - babel reads this call
        raise IngestError(
            N_("%(name)s is too large: %(size)s MB; the limit is %(limit)s MB", name=name,
               size=megabytes, limit=MAX_SOURCE_BYTES // 1024 // 1024),
            hint=N_("add the article text only, without images or page assets"))


def read_upload(upload: Upload) -> ParsedCommentary:
    """The reading of ``upload``; :class:`IngestError` for bad input (no headline too)."""
    parsed = parse_commentary(upload.raw, upload.name)
    if not parsed.blocks or not any(block.kind != "title" for block in parsed.blocks):
        raise IngestError(N_("%(name)s does not look like a commentary: no text was found",
                             name=upload.name),
                          hint=N_("upload the article's page or text, not another file"))
    return parsed


def metadata_of(parsed: ParsedCommentary) -> dict[str, str]:
    """The fields an editor may fix, as the reader found them."""
    return {"title": parsed.title or "", "section": parsed.section or "",
            "week": parsed.week.text if parsed.week else "",
            "status_line": parsed.status_line or ""}


def fixes_of(parsed: ParsedCommentary, values: dict[str, str]) -> MetadataChange:
    """The fields the editor changed from the reading (the others stay None)."""
    found = metadata_of(parsed)
    given = {name: " ".join(values.get(name, found[name]).split()) for name in FIELDS}
    return MetadataChange(**{name: value for name, value in given.items()
                             if value != found[name]})


def revision_of(session: Session, slug: str) -> int:
    """The stored source revisions of ``slug`` (0: no such document yet)."""
    document = session.scalars(select(Document).where(Document.slug == slug)).one_or_none()
    return 0 if document is None else current_revision(document) - 1


def add_commentary(session: Session, upload: Upload, languages: tuple[str, ...], *,
                   values: dict[str, str], added_by: str | None,
                   expected_revision: int | None = None) -> IngestResult:
    """Store ``upload`` (a corrected version replaces the stored one) with the fixes.

    Raises :class:`IngestError` for bad input or a missing headline,
    :class:`MetadataError` for a bad fix, :class:`SourceConflict` when the document
    changed since ``expected_revision`` was read (someone else added it first).
    """
    parsed = read_upload(upload)
    if expected_revision is not None and revision_of(session, upload.slug) != expected_revision:
        raise _conflict(upload.slug)
    fixes = fixes_of(parsed, values)
    if not parsed.title and not fixes.title:
        raise IngestError(N_("%(name)s has no headline", name=upload.name),
                          hint=N_("type the headline into the title field, then add"))
    source = SourceFile(_fixed(parsed, fixes), upload.checksum)
    try:
        result = ingest_file(session, Path(upload.name), languages, replace=True,
                             ingested_by=added_by, source=source)
        if result.action in ("added", "replaced"):
            _remember_fixes(session, upload.slug, fixes, languages)
    except IntegrityError as exc:  # the same slug, added by someone else this instant
        raise _conflict(upload.slug) from exc
    return result


def _fixed(parsed: ParsedCommentary, fixes: MetadataChange) -> ParsedCommentary:
    """The reading with the editor's fixes; a fixed headline becomes the title block."""
    if fixes.week:
        week = parse_week_range(fixes.week)
        parsed = replace(parsed, week=week if week and week.start else parsed.week)
    elif fixes.week == "":
        parsed = replace(parsed, week=None)
    if fixes.section is not None:
        parsed = replace(parsed, section=fixes.section or None)
    if fixes.status_line is not None:
        parsed = replace(parsed, status_line=fixes.status_line or None)
    if fixes.title:
        body = [block for block in parsed.blocks if block.kind != "title"]
        parsed = replace(parsed, title=fixes.title,
                         blocks=[ParsedBlock("title", fixes.title), *body])
    return parsed


def _remember_fixes(session: Session, slug: str, fixes: MetadataChange,
                    languages: tuple[str, ...]) -> None:
    """Check the fixes as a metadata edit does, and keep them when the source is read
    again (``Document.edited_fields``)."""
    document = session.scalars(select(Document).where(Document.slug == slug)).one()
    set_metadata(session, document, fixes, languages)
    edited = set(filter(None, (document.edited_fields or "").split(",")))
    document.edited_fields = ",".join(sorted(edited | set(fixes.given())))
    session.flush()


def _conflict(slug: str) -> SourceConflict:
    return SourceConflict(N_("someone else added or changed %(doc)s meanwhile", doc=slug),
                          hint=N_("read it again and check the differences before adding"))
