"""Editors fix a document's metadata by hand: title, section, week, status line.

A field set here is remembered in ``Document.edited_fields`` so that re-ingesting
the source does not undo the fix.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from tmgr.documents.ingest import segment_key
from tmgr.documents.revisions import mark_source_changed
from tmgr.errors import MetadataError
from tmgr.people import permissions as perm
from tmgr.qa.messages import N_
from tmgr.readers import parse_week_range
from tmgr.review.sitestrings import ensure_for_document
from tmgr.review.translations import ensure_translations
from tmgr.store.models import Block, Document, Segment, User
from tmgr.text import check_text

FIELDS = ("title", "section", "week", "status_line")
_LIMITS = {"title": 1000, "section": 200, "week": 100, "status_line": 200}
FIELD_NAMES = {"title": N_("the title"), "section": N_("the section"), "week": N_("the week"),
               "status_line": N_("the status line")}


@dataclass(frozen=True)
class MetadataChange:
    """New values (None: leave alone; "" clears section and status line)."""

    title: str | None = None
    section: str | None = None
    week: str | None = None
    status_line: str | None = None

    def given(self) -> dict[str, str]:
        return {name: " ".join(value.split()) for name in FIELDS
                if (value := getattr(self, name)) is not None}


def set_metadata(session: Session, document: Document, change: MetadataChange,
                 languages: tuple[str, ...] = ()) -> list[str]:
    """Apply ``change`` to ``document``; return the names of the fields changed.

    A new title becomes the headline segment (translated like any other; created,
    with translations in ``languages``, when the source had no headline).

    Raises :class:`MetadataError` (nothing changed) for an empty title, an overlong
    value, or a week that is not a range of dates, :class:`TextError` for a
    control character.
    """
    for name in FIELDS:  # as saves do: no control characters into the database
        if (raw := getattr(change, name)) is not None:
            check_text(raw, what=FIELD_NAMES[name])
    values = change.given()
    for name, value in values.items():
        if len(value) > _LIMITS[name]:
            raise MetadataError(N_("%(what)s is too long (%(count)s characters, at most "
                                   "%(most)s)", what=FIELD_NAMES[name], count=len(value),
                                   most=_LIMITS[name]))
    if "title" in values and not values["title"]:
        raise MetadataError(N_("the title cannot be empty"),
                            hint=N_("give the headline as it should read"))
    week = None
    if values.get("week"):
        week = parse_week_range(values["week"])
        if week is None or week.start is None:
            raise MetadataError(N_("%(value)s is not a week range with dates",
                                   value=repr(values["week"])),
                                hint=N_("write it as the site does: %(example)s",
                                        example="October 28 – November 3, 2024"))
    changed = [name for name in values if _apply(session, document, name, values[name], week)]
    if "title" in changed:
        ensure_translations(session, document, languages)
    if {"section", "status_line", "author"} & set(changed):
        ensure_for_document(session, document, languages)
    edited = set(filter(None, (document.edited_fields or "").split(",")))
    document.edited_fields = ",".join(sorted(edited | set(changed)))
    session.flush()
    return changed


def _apply(session: Session, document: Document, name: str, value: str,
           week: object) -> bool:
    if name == "week":
        if document.week_text == (value or None):
            return False
        document.week_text = value or None
        document.week_start = getattr(week, "start", None)
        document.week_end = getattr(week, "end", None)
        return True
    if name == "title":
        if document.title == value:
            return False
        document.title = value
        _set_title_block(session, document, value)
        return True
    if getattr(document, name) == (value or None):
        return False
    setattr(document, name, value or None)
    return True


def _set_title_block(session: Session, document: Document, title: str) -> None:
    """Keep the headline block and its segment in step with the title.

    A document ingested without a headline gets a title block in front, whose
    segment is translated like the others; a changed headline's translations are
    flagged for a second look, as when the source changes.
    """
    block: Block | None = next((b for b in document.blocks if b.kind == "title"), None)
    if block is None:
        _add_title_block(session, document, title)
        return
    if len(block.segments) != 1 or block.segments[0].source != block.text:
        block.text = title  # a headline of several sentences: leave its segments alone
        return
    segment = block.segments[0]
    old = segment.source
    segment.previous_source = old
    segment.source, block.text = title, title
    segment.end_offset, segment.words = len(title), len(title.split())
    for translation in segment.translations:
        mark_source_changed(session, translation, old, f"headline set by hand; it was: {old}")


def _add_title_block(session: Session, document: Document, title: str) -> None:
    for existing in document.blocks:
        existing.position += 1
    for other in document.segments:
        other.ordinal += 1
    session.flush()
    block = Block(position=0, kind="title", text=title)
    document.blocks.insert(0, block)
    seen = {s.key: 1 for s in document.segments}
    segment = Segment(key=segment_key(title, seen), source=title, block=block, position=0,
                      ordinal=0, start_offset=0, end_offset=len(title),
                      words=len(title.split()),
                      source_revision=max((r.number for r in document.source_revisions),
                                          default=1))
    document.segments.insert(0, segment)
    session.flush()

def edit_metadata(session: Session, user: User, document: Document, change: MetadataChange,
                  languages: tuple[str, ...] = ()) -> list[str]:
    """:func:`set_metadata` for a person of the web UI (editors and admins)."""
    perm.require(user, perm.EDIT_METADATA)
    return set_metadata(session, document, change, languages)
