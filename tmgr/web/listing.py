"""The documents list's query string: filters, order, page size and cursor (page and API)."""

from __future__ import annotations

from typing import Any

from flask import request
from flask_babel import gettext as _
from flask_login import current_user

from tmgr.documents.listing import PAGE_SIZE, DocumentQuery, parse_week
from tmgr.errors import ListingError

#: the query-string names the list understands (kept in ``next`` links)
ARGS = ("q", "week", "section", "lang", "state", "assignee", "overdue", "mine", "sort",
        "limit")


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
