"""Search and replace across one document or all: preview, apply in batches, undo.

A replace is stateless between requests. The preview names a ``mark`` (the newest
revision id when it was made) and a replace id; applying runs in batches, each the
caller's one transaction, from a cursor (the last translation id done). A translation
with a revision newer than the mark was changed since the preview and is skipped and
reported, never overwritten. Every change goes through
:func:`~tmgr.review.translations.change_translation` with the note
``replace <id>: …``, so the history holds it and :func:`undo_batch` can revert the
whole replace, batch by batch, skipping what was changed since.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from tmgr.documents.ingest import get_document
from tmgr.errors import QueryError, TmgrError
from tmgr.people import permissions as perm
from tmgr.qa.messages import N_
from tmgr.review.actions import check_length
from tmgr.review.translations import HUMAN, change_translation
from tmgr.store.models import Document, Revision, Segment, State, Translation, User
from tmgr.text import check_text

MAX_PATTERN = 500  # characters of a search text or a replacement
MAX_TEXT = 20_000  # a translation longer than this is not searched by a regular expression
PREVIEW_LIMIT = 200  # changes shown by one preview page
BATCH = 200  # translations changed by one batch (one transaction)
REPLACE_ID = re.compile(r"^r[0-9a-f]{12}$")
NOTE_PREFIX = "replace "
UNDO_PREFIX = "undo of replace "
_QUANTIFIER = re.compile(r"[*+?]|\{\d*,?\d*\}")


@dataclass(frozen=True)
class Search:
    """What to look for and what to put instead, checked once."""

    pattern: re.Pattern[str]
    replacement: str
    regex: bool
    text: str

    def apply(self, text: str) -> str:
        """``text`` with every match replaced (the same text when nothing matches)."""
        if self.regex and len(text) > MAX_TEXT:
            return text
        try:
            return self.pattern.sub(self.replacement if self.regex else
                                    self.replacement.replace("\\", "\\\\"), text)
        except (re.error, IndexError) as exc:
            raise QueryError(N_("the replacement refers to a group the search does not have: "
                                "%(why)s", why=str(exc)),
                             hint=N_("use \\1, \\2 … only for groups in parentheses")) from exc


def _nested_quantifier(pattern: str) -> bool:
    """Whether a quantified group holds a quantifier or an alternation, as in ``(a+)+``
    or ``(a|aa)*``: the shapes that make a regular expression take exponential time."""
    plain = re.sub(r"\\.", "x", pattern)
    plain = re.sub(r"\[[^\]]*\]", "x", plain)
    plain = re.sub(r"\(\?(?:P?<\w+>|<[=!]|[:=!>]|[aiLmsux-]+:?)", "(", plain)
    stack: list[bool] = []
    inner = False  # the group being read holds a quantifier or an alternation
    for index, char in enumerate(plain):
        if char == "(":
            stack.append(inner)
            inner = False
        elif char == ")" and stack:
            quantified = bool(_QUANTIFIER.match(plain, index + 1))
            if quantified and inner:
                return True
            inner = stack.pop() or quantified or inner
        elif char == "|" or char in "*+?{" and _QUANTIFIER.match(plain, index):
            inner = True
    return False


def parse_search(text: str, replacement: str, *, regex: bool) -> Search:
    """Check a search and its replacement; :class:`QueryError` says what is wrong."""
    if not text:
        raise QueryError(N_("the search text is empty"), hint=N_("type what to look for"))
    if len(text) > MAX_PATTERN or len(replacement) > MAX_PATTERN:
        raise QueryError(N_("the search text and the replacement may have at most %(max)s "
                            "characters each", max=MAX_PATTERN),
                         hint=N_("search for a shorter, distinctive part of the text"))
    if not regex:
        return Search(re.compile(re.escape(text)), replacement, False, text)
    try:
        pattern = re.compile(text)
    except re.error as exc:
        raise QueryError(N_("the regular expression is not valid: %(why)s", why=str(exc)),
                         hint=N_("fix it, or search for plain text")) from exc
    if _nested_quantifier(text):
        raise QueryError(N_("the regular expression repeats a repetition, as in (a+)+ or "
                            "(a|aa)*: it could take hours on a long text"),
                         hint=N_("write it without a quantifier or | inside a repeated "
                                 "group, e.g. with a character class [ab]"))
    if pattern.fullmatch("") is not None or pattern.search("") is not None:
        raise QueryError(N_("the regular expression matches empty text (as .* does), so it "
                            "would change every segment"),
                         hint=N_("search for at least one character, e.g. .+ or a word"))
    Search(pattern, replacement, True, text).apply("")
    return Search(pattern, replacement, True, text)


def new_replace_id() -> str:
    return "r" + secrets.token_hex(6)


def check_replace_id(replace_id: str) -> str:
    if not REPLACE_ID.match(replace_id or ""):
        raise QueryError(N_("%(id)s is not a replace id", id=replace_id[:40]),
                         hint=N_("start again from the preview"))
    return replace_id


@dataclass
class Change:
    translation_id: int
    segment_id: int
    document: str
    lang: str
    state: str
    version: int
    before: str
    after: str


@dataclass
class Preview:
    replace_id: str
    mark: int
    total: int
    changes: list[Change] = field(default_factory=list)


@dataclass
class BatchResult:
    changed: list[int] = field(default_factory=list)
    skipped: list[tuple[int, str]] = field(default_factory=list)
    next_after: int | None = None  # the cursor for the next batch; None when all are done


def _candidates(session: Session, lang: str, slug: str | None, search: Search,
                after: int = 0) -> Select[Translation, str]:
    query = (select(Translation, Document.slug).join(Segment, Translation.segment_id == Segment.id)
             .join(Document, Segment.document_id == Document.id)
             .where(Translation.lang == lang, Translation.text != "",
                    Segment.removed.is_(False), Translation.id > after)
             .order_by(Translation.id))
    if slug is not None:
        query = query.where(Document.id == get_document(session, slug).id)
    if not search.regex:
        query = query.where(Translation.text.contains(search.text, autoescape=True))
    return query


def _changed_since(session: Session, ids: list[int], mark: int) -> set[int]:
    if not ids:
        return set()
    return set(session.scalars(select(Revision.translation_id).where(
        Revision.translation_id.in_(ids), Revision.id > mark).distinct()))


def preview(session: Session, user: User, lang: str, slug: str | None, search: Search, *,
            offset: int = 0, limit: int = PREVIEW_LIMIT) -> Preview:
    """Every change the replace would make (``limit`` of them from ``offset``) and the
    total; needs the right to edit in ``lang``."""
    perm.require(user, perm.EDIT, lang)
    mark = session.scalar(select(func.coalesce(func.max(Revision.id), 0))) or 0
    result = Preview(new_replace_id(), int(mark), 0)
    for translation, document in session.execute(_candidates(session, lang, slug, search)):
        after = search.apply(translation.text)
        if after == translation.text:
            continue
        if offset <= result.total < offset + limit:
            result.changes.append(Change(translation.id, translation.segment_id, document,
                                         lang, translation.state.value, translation.version,
                                         translation.text, after))
        result.total += 1
    return result


def _refusal(user: User, translation: Translation, text: str) -> str | None:
    """Why ``user`` may not give ``translation`` the replaced ``text`` (None: they may)."""
    if not text.strip():
        return N_("the replace would leave the segment empty; not replaced")
    try:
        check_text(text)
        check_length(translation.segment.source, text)
    except TmgrError as exc:
        return exc.message
    denial = perm.change_denial(user, translation, text=text, state=State.TRANSLATED,
                                active=user.active)
    return None if denial is None else denial.message


def apply_batch(session: Session, user: User, lang: str, slug: str | None, search: Search, *,
                replace_id: str, mark: int, after: int = 0, size: int = BATCH) -> BatchResult:
    """Replace in the next ``size`` matching translations after the cursor ``after``;
    one call is meant to be one transaction. Translations changed since the preview
    (``mark``) or that the user may not change are skipped with the reason."""
    perm.require(user, perm.EDIT, lang)
    check_replace_id(replace_id)
    note = f"{NOTE_PREFIX}{replace_id}: «{search.text}» → «{search.replacement}»"
    result = BatchResult()
    rows: list[Translation] = []
    for translation, _document in session.execute(
            _candidates(session, lang, slug, search, after)):
        if search.apply(translation.text) != translation.text:
            rows.append(translation)
            if len(rows) > size:
                break
    more = len(rows) > size
    rows = rows[:size]
    stale = _changed_since(session, [t.id for t in rows], mark)
    for translation in rows:
        if translation.id in stale:
            result.skipped.append((translation.segment_id,
                                   N_("changed since the preview; not replaced")))
            continue
        text = search.apply(translation.text)
        refusal = _refusal(user, translation, text)
        if refusal is not None:
            result.skipped.append((translation.segment_id, refusal))
            continue
        change_translation(session, translation, text=text, state=State.TRANSLATED,
                           origin=HUMAN, user=user, expected_version=translation.version,
                           note=note)
        result.changed.append(translation.segment_id)
    result.next_after = rows[-1].id if more and rows else None
    return result


def _author_before(session: Session, revision: Revision) -> int | None:
    """Who wrote the text the replace changed (the author before its revision)."""
    return session.scalar(select(Revision.author_id).where(
        Revision.translation_id == revision.translation_id, Revision.id < revision.id)
        .order_by(Revision.id.desc()).limit(1))


def undo_batch(session: Session, user: User, replace_id: str, *, after: int = 0,
               size: int = BATCH) -> BatchResult:
    """Revert the next ``size`` changes of replace ``replace_id`` (by revision id after
    ``after``); a translation changed since the replace is skipped and reported."""
    check_replace_id(replace_id)
    revisions = list(session.scalars(
        select(Revision).where(Revision.note.startswith(f"{NOTE_PREFIX}{replace_id}:"),
                               Revision.id > after).order_by(Revision.id).limit(size + 1)))
    if not revisions and after == 0:
        raise QueryError(N_("replace %(id)s changed nothing that could be undone",
                            id=replace_id), hint=N_("check the replace id"))
    result = BatchResult()
    more = len(revisions) > size
    revisions = revisions[:size]
    for revision in revisions:
        translation = revision.translation
        newest = session.scalar(select(func.max(Revision.id))
                                .where(Revision.translation_id == translation.id))
        if newest != revision.id or translation.text != revision.new_text:
            result.skipped.append((translation.segment_id,
                                   N_("changed since the replace; not undone")))
            continue
        fallback = State.TRANSLATED if revision.old_text.strip() else State.UNTRANSLATED
        denial = perm.change_denial(user, translation, text=revision.old_text, state=fallback,
                                    active=user.active)
        if denial is not None:
            result.skipped.append((translation.segment_id, denial.message))
            continue
        state = revision.old_state
        if perm.change_denial(user, translation, text=revision.old_text, state=state,
                              active=user.active) is not None:
            state = fallback
        change_translation(session, translation, text=revision.old_text, state=state,
                           origin=HUMAN, user=user, expected_version=translation.version,
                           note=f"{UNDO_PREFIX}{replace_id}",
                           author_id=_author_before(session, revision))
        result.changed.append(translation.segment_id)
    result.next_after = revisions[-1].id if more and revisions else None
    return result
