"""One page of the documents list: filters, an order, and a keyset cursor to the next page.

The documents page and ``GET /api/documents`` read a page at a time, however large
the archive: the database filters and orders every document on keys it computes
from the summary table (``progress_counts``) and the assignments, returns one page
past the cursor, and only that page's progress and desk figures are read. The
cursor is the last row's sort keys, so a page never shifts when rows are added
before it and no page costs more than the first.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    Float,
    Select,
    and_,
    case,
    cast,
    exists,
    false,
    func,
    literal,
    null,
    or_,
    select,
    true,
    union_all,
)
from sqlalchemy.orm import Session, aliased

from tmgr.desk.progress import DocumentRow, progress
from tmgr.errors import ListingError
from tmgr.qa.messages import N_
from tmgr.store import search
from tmgr.store.models import Assignment, Document, ProgressCount, State, User

SORTS = ("week", "deadline", "title", "progress")
PAGE_SIZE = 25
MAX_PAGE_SIZE = 200
_WEEK = re.compile(r"^(\d{4})-W(\d{1,2})$")


@dataclass(frozen=True)
class DocumentQuery:
    """What the list shows: filters (all optional), an order, a page size and a cursor.

    ``state`` is a state name or ``unfinished`` (anything not approved) in ``lang``
    (or in any language); ``assignee`` is a user name (translator or reviewer);
    ``mine`` the signed-in user's id. ``text`` matches titles, slugs and authors, and
    the documents the full-text search (:mod:`tmgr.store.search`) finds for it.
    ``ready_first``: the default order puts, after this week, the documents with
    nothing left to approve (the export page) instead of the unfinished.
    """

    text: str = ""
    week: date | None = None
    section: str = ""
    lang: str = ""
    state: str = ""
    assignee: str = ""
    overdue: bool = False
    mine: int | None = None
    sort: str = "week"
    limit: int = PAGE_SIZE
    after: tuple[Any, ...] | None = None
    today: date = field(default_factory=date.today)
    ready_first: bool = False


@dataclass
class DocumentPage:
    """One page of rows, and the cursor of the next page (None on the last)."""

    rows: list[DocumentRow]
    next: str | None
    matching: int


def parse_week(raw: str) -> date | None:
    """``2024-W44`` or any day ``YYYY-MM-DD`` of the week: the week's Monday."""
    raw = raw.strip()
    if not raw:
        return None
    found = _WEEK.match(raw)
    try:
        if found:
            day = date.fromisocalendar(int(found[1]), int(found[2]), 1)
        else:
            day = date.fromisoformat(raw)
    except ValueError as exc:
        raise ListingError(N_("not a week: %(value)s", value=repr(raw)),
                           hint=N_("use YYYY-Www (2024-W44) or a day YYYY-MM-DD")) from exc
    return day - timedelta(days=day.weekday())


def check_query(query: DocumentQuery, languages: Sequence[str]) -> DocumentQuery:
    """``query`` with its sort, state and language checked (a clear 400 otherwise)."""
    if query.sort not in SORTS:
        raise ListingError(N_("unknown sort %(value)s", value=repr(query.sort)),
                           hint=N_("sorts: %(values)s", values=", ".join(SORTS)))
    states = ["unfinished", *(s.value for s in State)]
    if query.state and query.state not in states:
        raise ListingError(N_("unknown state %(value)s", value=repr(query.state)),
                           hint=N_("states: %(values)s", values=", ".join(states)))
    if query.lang and query.lang not in languages:
        raise ListingError(N_("language %(lang)s is not configured", lang=repr(query.lang)),
                           hint=N_("languages: %(values)s", values=", ".join(languages)))
    if not 1 <= query.limit <= MAX_PAGE_SIZE:
        raise ListingError(N_("limit must be 1 to %(most)s, not %(value)s", most=MAX_PAGE_SIZE,
                              value=query.limit))
    return query


# --- the cursor ------------------------------------------------------------------------

def encode_cursor(sort: str, keys: Sequence[Any]) -> str:
    plain = [k.isoformat() if isinstance(k, date) else k for k in keys]
    raw = json.dumps([sort, plain], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, sort: str) -> tuple[Any, ...]:
    """The sort keys a ``next`` link carries; a 400 for one tmgr did not write."""
    bad = ListingError("the page link is damaged or belongs to another order",
                       hint="start again from the first page")
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        written, keys = json.loads(raw)
    except (ValueError, binascii.Error, TypeError) as exc:
        raise bad from exc
    if written != sort or not isinstance(keys, list) or len(keys) != len(_KEY_TYPES[sort]):
        raise bad
    values: list[Any] = []
    for value, kind in zip(keys, _KEY_TYPES[sort], strict=True):
        if value is None:
            values.append(None)
        elif kind is date and isinstance(value, str):
            try:
                values.append(date.fromisoformat(value))
            except ValueError as exc:
                raise bad from exc
        elif kind is not date and isinstance(value, kind) and not isinstance(value, bool):
            values.append(value)
        else:
            raise bad
    return tuple(values)


_KEY_TYPES: dict[str, tuple[type, ...]] = {
    "week": (int, date, int), "deadline": (int, date, int),
    "title": (str, int), "progress": (float, int),
}


# --- the keys ------------------------------------------------------------------------

def _unfinished(languages: Sequence[str], state: str = "", lang: str = "") -> Any:
    """Documents with a present segment in ``state`` (default: not approved)."""
    where = [ProgressCount.document_id == Document.id, ProgressCount.segments > 0,
             ProgressCount.lang.in_([lang] if lang else list(languages))]
    if state and state != "unfinished":
        where.append(ProgressCount.state == State(state))
    else:
        where.append(ProgressCount.state != State.APPROVED)
    return exists().where(*where)


def _least_approved(languages: Sequence[str]) -> Any:
    """Per document (``doc``): the smallest share of approved words over the languages,
    0 to 1 (a language with no words counts as 0), from one pass over the summary table."""
    pc = ProgressCount
    approved = func.sum(case((pc.state == State.APPROVED, pc.words), else_=0))
    per_lang = (select(pc.document_id.label("doc"),
                       func.coalesce(cast(approved, Float) / func.nullif(func.sum(pc.words), 0),
                                     0.0).label("share"))
                .where(pc.lang.in_(list(languages))).group_by(pc.document_id, pc.lang)
                .subquery())
    least = case((func.count() < len(languages), 0.0), else_=func.min(per_lang.c.share))
    return (select(per_lang.c.doc, cast(least, Float).label("least"))
            .group_by(per_lang.c.doc).subquery())


def _keys(query: DocumentQuery, languages: Sequence[str]
          ) -> tuple[list[tuple[Any, bool]], Any]:
    """The sort keys as (expression, descending), the document id last; and a subquery
    to join (or None)."""
    if query.sort == "title":
        return [(Document.title, False), (Document.id, False)], None
    if query.sort == "progress":
        least = _least_approved(languages)
        return [(func.coalesce(least.c.least, 0.0), False), (Document.id, False)], least
    return [(case((Document.deadline.is_(None), 1), else_=0), False),
            (Document.deadline, False), (Document.id, False)], None


def _after(keys: list[tuple[Any, bool]], values: tuple[Any, ...]) -> Any:
    """Rows strictly after ``values`` in the order of ``keys`` (a NULL key sorts first)."""
    condition: Any = false()
    for n in range(len(keys) - 1, -1, -1):
        expr, descending = keys[n]
        value = values[n]
        if value is None:  # only the deadline may be NULL, and it sorts after its flag
            beyond: Any = expr.is_not(None)
            same: Any = expr.is_(None)
        else:
            beyond = expr < value if descending else expr > value
            same = expr == value
        condition = or_(beyond, and_(same, condition)) if n < len(keys) - 1 else beyond
    return condition


def _tiers(query: DocumentQuery, languages: Sequence[str]) -> list[Any]:
    """The default order's three tiers: this week, the unfinished (or, ``ready_first``,
    the ready to publish), the rest."""
    monday = query.today - timedelta(days=query.today.weekday())
    never = date(1, 1, 1)
    this_week = and_(func.coalesce(Document.week_start, never) <= monday + timedelta(days=6),
                     func.coalesce(Document.week_end, Document.week_start, never) >= monday)
    second = _unfinished(languages)
    if query.ready_first:
        second = ~second
    return [this_week, and_(~this_week, second), and_(~this_week, ~second)]


def _after_in_tier(week: date | None, last: int) -> Any:
    """Rows after (week, id) in the order week descending (no week last), id descending."""
    if week is None:
        return and_(Document.week_start.is_(None), Document.id < last)
    return or_(Document.week_start < week, Document.week_start.is_(None),
               and_(Document.week_start == week, Document.id < last))


def _by_week(session: Session, query: DocumentQuery, where: list[Any],
             languages: Sequence[str]) -> list[tuple[Any, ...]]:
    """Up to ``limit + 1`` rows (id, and the keys tier, week, id) of the default order:
    a query per tier, each walking the week index until it has enough."""
    found: list[tuple[Any, ...]] = []
    first = query.after[0] if query.after else 0
    for tier, condition in enumerate(_tiers(query, languages)):
        if tier < first:
            continue
        page = select(Document.id, Document.week_start).where(*where, condition)
        if query.after and tier == first:
            page = page.where(_after_in_tier(query.after[1], query.after[2]))
        page = page.order_by(Document.week_start.desc().nulls_last(), Document.id.desc())
        found += [(doc, tier, week, doc) for doc, week in session.execute(
            page.limit(query.limit + 1 - len(found)))]
        if len(found) > query.limit:
            break
    return found


# --- the filters ----------------------------------------------------------------------

def _ids(session: Session, column: Any) -> list[int]:
    """The ids a costly filter keeps, read once (the count and each tier reuse them)."""
    return sorted(set(session.scalars(select(column))))


def _filters(query: DocumentQuery, languages: Sequence[str], session: Session) -> list[Any]:
    """The query's filters as conditions on documents; the costly ones read once."""
    dialect = session.get_bind().dialect.name
    where: list[Any] = []
    if query.text:
        needle = f"%{_escape(query.text.casefold())}%"
        found = [func.lower(column).like(needle, escape="\\") for column in
                 (Document.title, Document.slug, Document.author)]
        searched = search.matching_documents(dialect, query.text)
        if searched is not None:  # the titles, sources and translations
            # PostgreSQL plans the tsvector search best inside the page's query; SQLite's
            # FTS5 is quickest read once, its ids reused by the count and each tier
            found.append(Document.id.in_(searched) if dialect == "postgresql" else
                         Document.id.in_(_ids(session, searched.subquery().c.document_id)))
        where.append(or_(*found))
    if query.week is not None:
        end = query.week + timedelta(days=6)
        where.append(and_(Document.week_start <= end,
                          func.coalesce(Document.week_end, Document.week_start) >= query.week))
    if query.section:
        where.append(Document.section == query.section)
    if query.state:
        where.append(_unfinished(languages, query.state, query.lang))
    if query.assignee:
        where.append(_assigned(query.lang, name=query.assignee))
    if query.mine is not None:
        where.append(_assigned(query.lang, user_id=query.mine))
    if query.overdue:
        overdue = overdue_documents(languages, query.today, query.lang).subquery()
        where.append(Document.id.in_(_ids(session, overdue.c.id)))
    return where


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _assigned(lang: str, *, name: str = "", user_id: int | None = None) -> Any:
    who = (select(User.id).where(User.name == name).scalar_subquery()
           if user_id is None else literal(user_id))
    where = [Assignment.document_id == Document.id,
             or_(Assignment.translator_id == who, Assignment.reviewer_id == who)]
    if lang:
        where.append(Assignment.lang == lang)
    return exists().where(*where)


def overdue_documents(languages: Sequence[str], today: date, lang: str = "") -> Select[Any]:
    """Ids of documents overdue in a language by the desk's rules (:mod:`tmgr.store.deskrules`):
    the due date of the stage they are in is past and they are not published."""
    chosen = [lang] if lang else list(languages)
    if not chosen:
        return select(Document.id).where(false())
    langs = union_all(*(select(literal(code).label("lang")) for code in chosen)).subquery()
    a = aliased(Assignment)
    pc = ProgressCount

    def segments_in(states: list[State], negate: bool = False) -> Any:
        state = pc.state.not_in(states) if negate else pc.state.in_(states)
        return (select(func.coalesce(func.sum(pc.segments), 0))
                .where(pc.document_id == Document.id, pc.lang == langs.c.lang, state)
                .scalar_subquery())

    published = and_(a.exported_at.is_not(None),
                     or_(a.approved_at.is_(None), a.exported_at >= a.approved_at))
    due = case(
        (segments_in([State.TRANSLATED, State.APPROVED], negate=True) > 0,
         func.coalesce(a.translation_due, a.review_due, a.publication_due, Document.deadline)),
        (segments_in([State.TRANSLATED]) > 0,
         func.coalesce(a.review_due, a.publication_due, Document.deadline)),
        (published, null()),
        else_=func.coalesce(a.publication_due, Document.deadline))
    some_date_past = or_(Document.deadline < today, a.translation_due < today,
                         a.review_due < today, a.publication_due < today)
    return (select(Document.id).select_from(Document).join(langs, true())
            .outerjoin(a, and_(a.document_id == Document.id, a.lang == langs.c.lang))
            .where(some_date_past, due < today))


# --- the page -------------------------------------------------------------------------

def document_page(session: Session, query: DocumentQuery, languages: Sequence[str],
                  cursor: str = "") -> DocumentPage:
    """One page of :class:`DocumentRow` in the query's order, with the next page's cursor."""
    check_query(query, languages)
    if cursor:
        query = replace(query, after=decode_cursor(cursor, query.sort))
    where = _filters(query, languages, session)
    matching = session.scalar(select(func.count()).select_from(Document).where(*where)) or 0
    if query.sort == "week":
        picked = _by_week(session, query, where, languages)
    else:
        keys, joined = _keys(query, languages)
        found = select(Document.id, *(k for k, _ in keys)).select_from(Document)
        if joined is not None:
            found = found.outerjoin(joined, joined.c.doc == Document.id)
        found = found.where(*where)
        if query.after is not None:
            found = found.where(_after(keys, query.after))
        order = [k.desc() if descending else k.asc() for k, descending in keys]
        picked = list(session.execute(found.order_by(*order).limit(query.limit + 1)).all())
    more = len(picked) > query.limit
    picked = picked[:query.limit]
    documents = {d.id: d for d in session.scalars(
        select(Document).where(Document.id.in_([row[0] for row in picked])))}
    ordered = [documents[row[0]] for row in picked]
    table = {d.slug: DocumentRow(d, {}) for d in ordered}
    for entry in progress(session, ordered, languages):
        table[entry.slug].progress[entry.lang] = entry
    last = picked[-1][1:] if picked and more else None
    return DocumentPage(list(table.values()),
                        encode_cursor(query.sort, _plain(last)) if last else None, matching)


def _plain(keys: Sequence[Any]) -> list[Any]:
    """Keys as the cursor keeps them (SQLite answers dates as text, PostgreSQL as dates)."""
    out: list[Any] = []
    for value in keys:
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            out.append(date.fromisoformat(value))
        else:
            out.append(float(value) if isinstance(value, Decimal) else value)
    return out


def count_documents(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Document)) or 0


def sections(session: Session) -> list[str]:
    """Every section a document has, in order."""
    return [s for s in session.scalars(select(Document.section).where(
        Document.section.is_not(None)).distinct().order_by(Document.section)) if s]


__all__ = ["SORTS", "DocumentPage", "DocumentQuery", "ListingError", "check_query",
           "count_documents", "document_page", "parse_week", "sections"]
