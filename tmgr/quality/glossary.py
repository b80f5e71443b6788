"""The term base: English terms with approved and forbidden BE/RU renderings."""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from tmgr.data import data_file
from tmgr.errors import NotFound, TmgrError
from tmgr.formats import GLOSSARY_FORMATS, get_glossary_format
from tmgr.formats.model import TermRecord
from tmgr.qa.terms import Term, english_pattern
from tmgr.store.models import GlossaryChange, GlossaryTerm, GlossaryTranslation, User

STARTER_GLOSSARY = data_file("glossary.csv")
FORMATS = tuple(GLOSSARY_FORMATS)


def list_terms(session: Session) -> list[GlossaryTerm]:
    """Every term, alphabetically, with its translations loaded."""
    return list(session.scalars(select(GlossaryTerm).options(
        selectinload(GlossaryTerm.translations)).order_by(func.lower(GlossaryTerm.term))))


def term_key(term: str) -> str:
    """What makes two spellings one term: NFC, single spaces, full case folding.

    Python's, not the database's ``lower()`` (SQLite's folds ASCII only: ``Łódź``).
    """
    return unicodedata.normalize("NFC", " ".join(term.split())).casefold()


def find_term(session: Session, term: str) -> GlossaryTerm | None:
    """The term spelled ``term`` exactly, else the one it is a case variant of."""
    exact = session.scalars(select(GlossaryTerm).where(
        GlossaryTerm.term == term.strip())).first()
    return exact or session.scalars(select(GlossaryTerm).where(
        GlossaryTerm.term_key == term_key(term))).one_or_none()


def get_term(session: Session, term: str) -> GlossaryTerm:
    """One term by its English text (any case), or :class:`NotFound`."""
    found = find_term(session, term)
    if found is None:
        raise NotFound(f"no glossary term {term!r}", hint="see `tmgr glossary list`")
    return found


def save_term(session: Session, record: TermRecord, *, replace: bool = False) -> GlossaryTerm:
    """Add a term, or with ``replace`` overwrite an existing one."""
    if not record.term.strip():
        raise TmgrError("a glossary term cannot be empty")
    entry = find_term(session, record.term)
    if entry is not None and not replace:
        raise TmgrError(f"glossary term {record.term!r} already exists",
                        hint="use --replace to overwrite it")
    if entry is None:
        entry = GlossaryTerm(term=record.term.strip(), term_key=term_key(record.term))
        session.add(entry)
    entry.note = record.note
    entry.do_not_translate = record.do_not_translate
    languages = set(record.translations) | set(record.forbidden)
    # a language's row is updated in place: a new row beside the old one would break
    # the one-row-per-language constraint before the old one is deleted
    kept = {row.lang: row for row in entry.translations if row.lang in languages}
    for lang in sorted(languages):
        row = kept.get(lang) or GlossaryTranslation(lang=lang)
        row.text = "|".join(record.translations.get(lang, []))
        row.forbidden = "|".join(record.forbidden.get(lang, []))
        kept[lang] = row
    entry.translations = [kept[lang] for lang in sorted(languages)]
    session.flush()
    return entry


def snapshot(entry: GlossaryTerm) -> str:
    """The term as JSON, as the history keeps it."""
    return json.dumps({**asdict(record_of(entry)), "domain": entry.domain},
                      ensure_ascii=False, sort_keys=True)


def record_change(session: Session, term: str, action: str, by: User | None,
                  before: str | None, after: str | None) -> None:
    """Keep one change in the glossary history (the term's record before and after)."""
    session.add(GlossaryChange(term=term, action=action, before=before, after=after,
                               user_id=by.id if by else None))


def add_term(session: Session, record: TermRecord, *, replace: bool = False,
             by: User | None = None) -> GlossaryTerm:
    """:func:`save_term`, kept in the history as added (or edited, with ``replace``)."""
    entry = find_term(session, record.term)
    before = snapshot(entry) if entry is not None else None
    saved = save_term(session, record, replace=replace)
    record_change(session, saved.term, "edited" if before else "added", by, before,
                  snapshot(saved))
    return saved


def remove_term(session: Session, term: str, by: User | None = None) -> None:
    """Take a term out; its last version stays in the glossary history."""
    entry = get_term(session, term)
    record_change(session, entry.term, "removed", by, snapshot(entry), None)
    session.delete(entry)
    session.flush()


def record_of(entry: GlossaryTerm) -> TermRecord:
    return TermRecord(
        term=entry.term, note=entry.note, do_not_translate=entry.do_not_translate,
        translations={t.lang: _parts(t.text) for t in entry.translations if t.text},
        forbidden={t.lang: _parts(t.forbidden) for t in entry.translations if t.forbidden})


def _parts(cell: str) -> list[str]:
    return [part for part in cell.split("|") if part]


@dataclass
class GlossaryImport:
    """What importing a glossary file did, and what of the file it left out."""

    added: int = 0
    replaced: int = 0
    warnings: list[str] = field(default_factory=list)


def import_glossary(session: Session, data: bytes, fmt: str, languages: Iterable[str], *,
                    replace: bool = False, name: str | None = None,
                    columns: Sequence[str] | None = None,
                    by: User | None = None) -> GlossaryImport:
    """Load a CSV, tab-separated or TBX glossary. Existing terms are kept unless
    ``replace``; nothing is stored when the file is malformed. ``name`` is the file's,
    for errors; ``columns`` names the columns of a file without a header row. Each
    term added or replaced is kept in the history as imported (by ``by``)."""
    glossary_format = get_glossary_format(fmt)
    read = glossary_format.read(data, name or f"glossary{glossary_format.extension}",
                                tuple(languages), columns)
    result = GlossaryImport(warnings=read.warnings)
    for record in read.records:
        entry = find_term(session, record.term)
        if entry is not None and not replace:
            continue
        before = snapshot(entry) if entry is not None else None
        saved = save_term(session, record, replace=True)
        record_change(session, saved.term, "imported", by, before, snapshot(saved))
        if entry is not None:
            result.replaced += 1
        else:
            result.added += 1
    session.flush()
    return result


def export_glossary(session: Session, fmt: str, languages: Iterable[str]) -> bytes:
    """The whole glossary as CSV or TBX."""
    glossary_format = get_glossary_format(fmt)
    records = [record_of(entry) for entry in list_terms(session)]
    return glossary_format.dump(records, tuple(languages))


def qa_terms(session: Session) -> tuple[Term, ...]:
    """The glossary as the quality checks take it."""
    return tuple(_qa_term(entry) for entry in list_terms(session))


def _qa_term(entry: GlossaryTerm) -> Term:
    record = record_of(entry)
    return Term(term=record.term, note=record.note, do_not_translate=record.do_not_translate,
                translations={k: tuple(v) for k, v in record.translations.items()},
                forbidden={k: tuple(v) for k, v in record.forbidden.items()})


@dataclass(frozen=True)
class TermHit:
    """A glossary term found in an English source: where, and how to translate it."""

    term: str
    start: int
    end: int
    translations: tuple[str, ...]  # approved renderings in the language, preferred first
    forbidden: tuple[str, ...]
    note: str
    do_not_translate: bool

    def as_dict(self) -> dict[str, object]:
        return {"term": self.term, "start": self.start, "end": self.end,
                "translations": list(self.translations), "forbidden": list(self.forbidden),
                "note": self.note, "do_not_translate": self.do_not_translate}


def terms_in(session: Session, source: str, lang: str,
             glossary: Iterable[Term] | None = None) -> list[TermHit]:
    """Glossary terms in ``source`` with their ``lang`` renderings, for highlighting."""
    hits = []
    for term in glossary if glossary is not None else qa_terms(session):
        for match in english_pattern(term.term).finditer(source):
            hits.append(TermHit(term.term, match.start(), match.end(), term.approved(lang),
                                term.forbidden.get(lang, ()), term.note,
                                term.do_not_translate))
    return sorted(hits, key=lambda hit: (hit.start, -hit.end))
