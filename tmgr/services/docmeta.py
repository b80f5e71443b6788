"""Editors fix a document's metadata by hand: title, section, week, status line.

A field set here is remembered in ``Document.edited_fields`` so that re-ingesting
the source does not undo the fix.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from tmgr.errors import MetadataError
from tmgr.ingest import parse_week_range
from tmgr.models import Block, Document, User
from tmgr.services import permissions as perm

FIELDS = ("title", "section", "week", "status_line")
_LIMITS = {"title": 1000, "section": 200, "week": 100, "status_line": 200}


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


def set_metadata(session: Session, document: Document, change: MetadataChange) -> list[str]:
    """Apply ``change`` to ``document``; return the names of the fields changed.

    Raises :class:`MetadataError` (nothing changed) for an empty title, an overlong
    value, or a week that is not a range of dates.
    """
    values = change.given()
    for name, value in values.items():
        if len(value) > _LIMITS[name]:
            raise MetadataError(f"the {name.replace('_', ' ')} is too long "
                            f"({len(value)} characters, at most {_LIMITS[name]})")
    if "title" in values and not values["title"]:
        raise MetadataError("the title cannot be empty", hint="give the headline as it should read")
    week = None
    if values.get("week"):
        week = parse_week_range(values["week"])
        if week is None or week.start is None:
            raise MetadataError(f"{values['week']!r} is not a week range with dates",
                            hint="write it as the site does: October 28 – November 3, 2024")
    changed = [name for name in values if _apply(document, name, values[name], week)]
    edited = set(filter(None, (document.edited_fields or "").split(",")))
    document.edited_fields = ",".join(sorted(edited | set(changed)))
    session.flush()
    return changed


def _apply(document: Document, name: str, value: str, week: object) -> bool:
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
        _set_title_block(document, value)
        return True
    if getattr(document, name) == (value or None):
        return False
    setattr(document, name, value or None)
    return True


def _set_title_block(document: Document, title: str) -> None:
    """Keep the title block (the headline segment) in step when there is one.

    A document ingested without a headline has no title block; the title is then
    metadata only (exported as the headline) and no segment is invented for it.
    """
    block: Block | None = next((b for b in document.blocks if b.kind == "title"), None)
    if block is None or len(block.segments) != 1:
        return
    segment = block.segments[0]
    if segment.source == block.text:
        segment.previous_source = segment.source
        segment.source, block.text = title, title
        segment.end_offset, segment.words = len(title), len(title.split())


def edit_metadata(session: Session, user: User, document: Document,
                  change: MetadataChange) -> list[str]:
    """:func:`set_metadata` for a person of the web UI (editors and admins)."""
    perm.require(user, perm.EDIT_METADATA)
    return set_metadata(session, document, change)
