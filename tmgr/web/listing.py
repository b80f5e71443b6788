"""The documents list's query string: filters, order, page size and cursor (page and API)."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import request
from flask_babel import gettext as _
from flask_login import current_user

from tmgr.documents.listing import PAGE_SIZE, DocumentQuery, parse_week
from tmgr.errors import ListingError

#: the query-string names the list understands (kept in ``next`` links)
ARGS = ("q", "week", "section", "lang", "state", "assignee", "overdue", "mine", "sort",
        "limit", "archive")


def _flag(name: str) -> bool:
    return request.args.get(name, "") not in ("", "0", "false", "no")


def _limit() -> int:
    raw = request.args.get("limit", "").strip()
    if not raw:
        return PAGE_SIZE
    if not raw.isascii() or not raw.isdigit():
        raise ListingError(_("limit must be a number, not %(value)s", value=repr(raw)))
    return int(raw)


def query_from_args() -> DocumentQuery:
    """The list's :class:`DocumentQuery` from the request's query string."""
    args = request.args
    return DocumentQuery(
        text=args.get("q", "").strip(), week=parse_week(args.get("week", "")),
        section=args.get("section", ""), lang=args.get("lang", ""),
        state=args.get("state", ""), assignee=args.get("assignee", "").strip(),
        overdue=_flag("overdue"), mine=current_user.id if _flag("mine") else None,
        sort=args.get("sort", "") or "week", limit=_limit())


def kept_args() -> dict[str, Any]:
    """The list's filters as the request has them, for the next page's link."""
    return {k: v for k in ARGS if (v := request.args.get(k, ""))}


def include_archive() -> bool:
    """``?archive=1``: the published archive shown in the list, counted in the figures."""
    return _flag("archive")


def archive_cursor() -> tuple[date | None, int] | None:
    """The archive list's ``archive_after`` cursor (``WEEK.ID`` or ``.ID``), checked."""
    raw = request.args.get("archive_after", "").strip()
    if not raw:
        return None
    week, _dot, number = raw.partition(".")
    try:
        return (date.fromisoformat(week) if week else None), int(number)
    except ValueError:
        raise ListingError(_("not a page of the archive: %(value)s", value=repr(raw)),
                           hint=_("follow the list's own next link")) from None


def archive_cursor_text(cursor: tuple[date | None, int]) -> str:
    week, number = cursor
    return f"{week.isoformat() if week else ''}.{number}"
