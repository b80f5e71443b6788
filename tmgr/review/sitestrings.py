"""Site strings: the site's own words in a published text, translated like segments.

Section names, status-line wordings, authors' names and labels ("by {authors}") are
rows of ``site_strings``, each with one translation per target language in the same
workflow states as a segment's. Translators translate them (QA runs with the
glossary, the TM suggests), reviewers approve them under the four-eyes rule, and
every change is a :class:`SiteStringChange`. A wording the reader has never seen
becomes a new string to translate when its document is stored; export takes the
approved translations (:func:`metadata_table`). ``tmgr/data/metadata_<lang>.toml``
only seeds a new database (migration ``i21_1``) and fills in a string the database
does not hold at all.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from tmgr.documents.articles import split_authors
from tmgr.errors import NotFound, PermissionDenied, QABlocked, TmgrError
from tmgr.localedata import MetadataTable
from tmgr.people import permissions as perm
from tmgr.qa import check_translation
from tmgr.qa.base import ERROR
from tmgr.quality.glossary import qa_terms
from tmgr.states import State
from tmgr.store.models import (
    SITE_STRING_KINDS,
    Document,
    SiteString,
    SiteStringChange,
    SiteStringTranslation,
    User,
    utcnow,
)
from tmgr.tm.memory import fuzzy_matches

#: the msgctxt of site strings in PO files; their keys start with KEY_PREFIX
SITE_CONTEXT = "site"
KEY_PREFIX = "site-"
KIND_NAMES = {"section": "section", "status_line": "status line", "author": "author",
              "label": "label"}
#: the table of MetadataTable each kind fills
_TABLES = {"section": "sections", "status_line": "status_lines", "author": "authors",
           "label": "labels"}
_MAX_LENGTH = 300


def fold(text: str) -> str:
    """How site strings compare: case, spaces, ’/' and a final full stop don't matter."""
    return " ".join(text.replace("’", "'").split()).casefold().rstrip(".")


def unit_key(string: SiteString) -> str:
    """The string's stable key in PO and XLIFF files (an XML name token)."""
    digest = hashlib.sha1(f"{string.kind}\n{string.key}".encode()).hexdigest()[:12]
    return f"{KEY_PREFIX}{string.kind.replace('_', '-')}-{digest}"


@dataclass
class StringReport:
    """What an import of site strings did."""

    updated: int = 0
    unchanged: int = 0
    refused: list[str] = field(default_factory=list)


def _check_kind(kind: str) -> None:
    if kind not in SITE_STRING_KINDS:
        raise TmgrError(f"unknown site string kind {kind!r}",
                        hint=f"use one of: {', '.join(SITE_STRING_KINDS)}")


def all_strings(session: Session, *, removed: bool = False) -> list[SiteString]:
    """Every site string (with ``removed``, also the removed ones), by kind and key."""
    query = select(SiteString).options(selectinload(SiteString.translations))
    if not removed:
        query = query.where(SiteString.removed_at.is_(None))
    return list(session.scalars(query.order_by(SiteString.kind, SiteString.key)))


def find_string(session: Session, kind: str, english: str) -> SiteString | None:
    """The site string of ``kind`` spelled like ``english`` (removed ones too), or None."""
    _check_kind(kind)
    wanted = fold(english)
    rows = session.scalars(select(SiteString).where(SiteString.kind == kind))
    return next((row for row in rows if fold(row.key) == wanted), None)


def get_string(session: Session, kind: str, english: str) -> SiteString:
    """:func:`find_string`, or :class:`NotFound` saying how to list them."""
    found = find_string(session, kind, english)
    if found is None or found.removed_at is not None:
        raise NotFound(f"no {KIND_NAMES[kind]} {english!r} among the site strings",
                       hint="see them with: tmgr strings list")
    return found


def string_by_id(session: Session, string_id: int) -> SiteString:
    """The site string with this id, or :class:`NotFound` (removed ones too)."""
    string = session.get(SiteString, string_id)
    if string is None or string.removed_at is not None:
        raise NotFound(f"no site string {string_id}", hint="see them on the Site strings page")
    return string


def translation_of(string: SiteString, lang: str) -> SiteStringTranslation:
    """The string's row in ``lang`` (created empty when the language is new)."""
    for row in string.translations:
        if row.lang == lang:
            return row
    row = SiteStringTranslation(lang=lang, text="", state=State.UNTRANSLATED)
    string.translations.append(row)
    return row


def _record(session: Session, string: SiteString, action: str, *, lang: str | None = None,
            text: str = "", state: str = "", user: User | None = None) -> None:
    session.add(SiteStringChange(site_string=string, lang=lang, action=action, text=text,
                                 state=state, user_id=user.id if user else None))


def ensure_string(session: Session, kind: str, english: str, languages: Sequence[str],
                  user: User | None = None) -> SiteString:
    """The site string for ``english``, added (to translate) when it is new.

    A removed string a document uses again comes back, recorded as restored.
    """
    english = " ".join(english.split())
    if not english or len(english) > _MAX_LENGTH:
        raise TmgrError(f"a site string must have 1 to {_MAX_LENGTH} characters")
    string = find_string(session, kind, english)
    if string is None:
        string = SiteString(kind=kind, key=english, source=english)
        session.add(string)
        _record(session, string, "added", text=english, user=user)
    elif string.removed_at is not None:
        string.removed_at = None
        _record(session, string, "restored", text=string.source, user=user)
    for lang in languages:
        translation_of(string, lang)
    return string


def used_strings(document: Document) -> list[tuple[str, str]]:
    """(kind, English) of the site strings a document's header uses."""
    used = [("section", document.section), ("status_line", document.status_line)]
    names = split_authors(document.author or "")
    used += [("author", name) for name in names]
    if names:
        used.append(("label", "byline_many" if len(names) > 1 else "byline"))
    return [(kind, value) for kind, value in used if value]


def ensure_for_document(session: Session, document: Document,
                        languages: Sequence[str]) -> list[SiteString]:
    """The document's site strings, new ones added to translate (labels are seeded)."""
    strings = []
    for kind, english in used_strings(document):
        if kind == "label":
            found = find_string(session, kind, english)
            if found is not None:
                strings.append(found)
            continue
        strings.append(ensure_string(session, kind, english, languages))
    session.flush()
    return strings


def document_strings(session: Session, document: Document) -> list[SiteString]:
    """The site strings a document uses that the database holds."""
    found = (find_string(session, kind, english) for kind, english in used_strings(document))
    return [string for string in found if string is not None and string.removed_at is None]


def users_of(session: Session, string: SiteString) -> list[str]:
    """The slugs of the documents that use ``string``."""
    if string.kind == "label":
        return []
    documents = session.scalars(select(Document).order_by(Document.slug))
    wanted = (string.kind, fold(string.key))
    return [doc.slug for doc in documents
            if wanted in {(kind, fold(value)) for kind, value in used_strings(doc)}]


def remove_string(session: Session, string: SiteString, user: User | None) -> None:
    """Remove a string no document uses (kept, with its history); refuse otherwise."""
    if string.kind == "label":
        raise TmgrError(f"the label {string.key!r} is part of every published text",
                        hint="translate it differently instead: tmgr strings set")
    slugs = users_of(session, string)
    if slugs:
        shown = ", ".join(slugs[:5]) + (f" and {len(slugs) - 5} more" if len(slugs) > 5 else "")
        raise TmgrError(f"the {KIND_NAMES[string.kind]} {string.key!r} is used by "
                        f"{len(slugs)} document(s): {shown}; it was not removed",
                        hint="change those documents' metadata first (tmgr doc set)")
    string.removed_at = utcnow()
    _record(session, string, "removed", text=string.source, user=user)
    session.flush()


def _qa_errors(session: Session, string: SiteString, lang: str, text: str) -> list[str]:
    if string.kind == "label":
        return []  # a template with {placeholders}, not a sentence
    findings = check_translation(string.source, text, lang, glossary=qa_terms(session))
    return [f"{f.check}: {f.message}" for f in findings if f.severity == ERROR]


def change_string(session: Session, string: SiteString, lang: str, *, text: str | None,
                  state: State, user: User, four_eyes: bool = True) -> bool:
    """Give the string's ``lang`` translation new words and/or a state, as the editor
    would a segment's: ``edit`` rights for words, ``approve`` (and, with the four-eyes
    rule, words someone else wrote) for approved, QA errors block approval.
    Return whether anything changed."""
    row = translation_of(string, lang)
    words = row.text if text is None else " ".join(text.split()) if string.kind != "label" \
        else text
    if words == row.text and state == row.state:
        return False
    new_words = words != row.text
    if new_words and not perm.allowed(user, perm.EDIT, lang):
        raise PermissionDenied(f"{user.name} may not translate into {lang}")
    if state == State.APPROVED:
        if not perm.allowed(user, perm.APPROVE, lang):
            raise PermissionDenied(f"{user.name} may not approve in {lang}")
        author = user.id if new_words else row.author_id
        if four_eyes and author == user.id:
            raise PermissionDenied(
                f"you wrote this translation of the {KIND_NAMES[string.kind]} "
                f"{string.key!r} ({lang}), so someone else must approve it (four-eyes rule)",
                hint="ask another reviewer, or set review.four_eyes = false")
        if not words.strip():
            raise TmgrError(f"the {KIND_NAMES[string.kind]} {string.key!r} has no {lang} "
                            "translation to approve")
        errors = _qa_errors(session, string, lang, words)
        if errors:
            raise QABlocked(f"the {KIND_NAMES[string.kind]} {string.key!r} ({lang}) has QA "
                            "errors: " + "; ".join(errors), findings=[],
                            hint="fix the translation first")
    elif state == State.NEEDS_EDITING and not new_words and \
            not perm.allowed(user, perm.REJECT, lang):
        raise PermissionDenied(f"{user.name} may not reject in {lang}")
    if new_words:
        row.author_id = user.id
    row.text, row.state, row.updated_at = words, state, utcnow()
    action = {State.APPROVED: "approved", State.NEEDS_EDITING: "rejected"}.get(
        state, "translated")
    _record(session, string, action, lang=lang, text=words, state=state.value, user=user)
    session.flush()
    return True


def pending(session: Session, languages: Iterable[str]) -> list[tuple[SiteString, str]]:
    """(string, language) of every string not yet approved in a language."""
    langs = list(languages)
    return [(string, lang) for string in all_strings(session) for lang in langs
            if (row := existing_translation(string, lang)) is None
            or row.state != State.APPROVED]


def existing_translation(string: SiteString, lang: str) -> SiteStringTranslation | None:
    """The string's row in ``lang``, or None (nothing is created)."""
    return next((row for row in string.translations if row.lang == lang), None)


def suggestions(session: Session, string: SiteString, lang: str) -> list[str]:
    """Translations the TM holds for the string's English (best first)."""
    try:
        return [match.target for match in fuzzy_matches(session, string.source, lang, limit=3)]
    except TmgrError:
        return []


def metadata_table(session: Session, lang: str, defaults: MetadataTable) -> MetadataTable:
    """What export names things with in ``lang``: the approved site strings.

    A string the database holds but has not approved in ``lang`` is missing (export
    marks it as a gap); one it does not hold at all keeps the shipped default.
    """
    tables = {name: dict(getattr(defaults, name)) for name in _TABLES.values()}
    for string in all_strings(session, removed=True):
        table = tables[_TABLES[string.kind]]
        for key in [key for key in table if fold(key) == fold(string.key)]:
            del table[key]
        row = next((r for r in string.translations if r.lang == lang), None)
        approved = row is not None and row.state == State.APPROVED and row.text.strip()
        if string.removed_at is None and approved and row is not None:
            table[string.key] = row.text
        elif string.kind == "label" and string.key in defaults.labels:
            table[string.key] = defaults.labels[string.key]
    return replace(defaults, source="the site strings (tmgr strings list)",
                   sections=tables["sections"], status_lines=tables["status_lines"],
                   authors=tables["authors"], labels=tables["labels"])


def approved_names(session: Session, kind: str, lang: str) -> dict[str, str]:
    """English → approved ``lang`` wording of every string of ``kind`` (for the UI)."""
    names = {}
    for string in all_strings(session):
        row = existing_translation(string, lang)
        if string.kind == kind and row is not None and row.state == State.APPROVED:
            names[string.key] = row.text
    return names


def work_for(session: Session, user: User, languages: Sequence[str]
             ) -> list[tuple[SiteString, str, str]]:
    """(string, language, task) waiting for ``user``: to translate where they may edit,
    to review (someone else's words) where they may approve."""
    found = []
    for string, lang in pending(session, languages):
        row = existing_translation(string, lang)
        state = row.state if row else State.UNTRANSLATED
        if state == State.TRANSLATED and perm.allowed(user, perm.APPROVE, lang) \
                and row is not None and row.author_id != user.id:
            found.append((string, lang, "review"))
        elif state < State.TRANSLATED and perm.allowed(user, perm.EDIT, lang):
            found.append((string, lang, "translate"))
    return found
