"""The glossary page's use cases: search, add, edit, remove, import with a preview.

Every change is kept in :class:`~tmgr.store.models.GlossaryChange` with the term's record
before and after; a removed term's last record stays there (never deleted silently).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from tmgr.errors import NotFound, TmgrError
from tmgr.formats import get_glossary_format
from tmgr.formats.model import TermRecord
from tmgr.qa.messages import N_
from tmgr.quality.glossary import (
    find_term,
    get_term,
    list_terms,
    record_change,
    remove_term,
    save_term,
    snapshot,
    term_key,
)
from tmgr.store.models import GlossaryChange, GlossaryTerm, User

MAX_IMPORT = 5 * 1024 * 1024


def search(session: Session, query: str = "") -> list[GlossaryTerm]:
    """Terms whose English, renderings, forbidden variants, note or domain contain
    ``query`` (any case); every term when it is empty."""
    needle = term_key(query)
    terms = list_terms(session)
    if not needle:
        return terms
    return [t for t in terms if needle in term_key(" ".join(
        [t.term, t.note, t.domain, *(f"{r.text} {r.forbidden}" for r in t.translations)]))]


def save(session: Session, by: User, record: TermRecord, *, domain: str = "",
         original: str | None = None) -> GlossaryTerm:
    """Add a term (``original`` None) or change the term spelled ``original``."""
    if not record.term.strip():
        raise TmgrError(N_("a glossary term cannot be empty"), hint=N_("type the English term"))
    if len(record.term.strip()) > 200 or len(domain) > 100:
        raise TmgrError(N_("a term is at most 200 characters, a domain at most 100"))
    clash = find_term(session, record.term)
    if original is None:
        if clash is not None:
            raise TmgrError(N_("glossary term %(term)s already exists",
                               term=repr(record.term.strip())), hint=N_("edit it instead"))
        entry = save_term(session, record)
        entry.domain = domain.strip()
        session.flush()
        record_change(session, entry.term, "added", by, None, snapshot(entry))
        return entry
    entry = get_term(session, original)
    if clash is not None and clash.id != entry.id:
        raise TmgrError(N_("glossary term %(term)s already exists",
                           term=repr(record.term.strip())),
                        hint=N_("edit that term, or choose another spelling"))
    before = snapshot(entry)
    entry.term, entry.term_key = record.term.strip(), term_key(record.term)
    save_term(session, record, replace=True)
    entry.domain = domain.strip()
    session.flush()
    record_change(session, entry.term, "edited", by, before, snapshot(entry))
    return entry


def remove(session: Session, by: User, term: str) -> None:
    """Take a term out of the glossary; its record stays in the history."""
    remove_term(session, term, by)


def history(session: Session, limit: int = 100) -> list[GlossaryChange]:
    """The latest changes, newest first."""
    return list(session.scalars(select(GlossaryChange).order_by(GlossaryChange.id.desc())
                                .limit(limit)))


def restorable(session: Session, changes: Iterable[GlossaryChange]) -> set[int]:
    """Ids of the removals in ``changes`` whose term is not in the glossary again."""
    return {c.id for c in changes if c.action == "removed" and c.before is not None
            and find_term(session, c.term) is None}


def summary(record: str | None) -> str:
    """A kept record in one line: ``be: Лукашэнка; ru: Лукашенко (never Лукашенка)``."""
    if not record:
        return ""
    data = json.loads(record)
    parts = [f"{lang}: {' | '.join(texts)}" for lang, texts in
             sorted(data.get("translations", {}).items())]
    parts += [f"{lang} ≠ {' | '.join(texts)}" for lang, texts in
              sorted(data.get("forbidden", {}).items())]
    extra = [str(data[key]) for key in ("domain", "note") if data.get(key)]
    return "; ".join(parts + extra)


def restore(session: Session, by: User | None, change_id: int) -> GlossaryTerm:
    """Bring back a removed term exactly as the removal ``change_id`` kept it (renderings,
    forbidden variants, note, domain); kept in the history as restored."""
    change = session.get(GlossaryChange, change_id)
    if change is None or change.action != "removed" or change.before is None:
        raise NotFound(f"no removed glossary term with history entry {change_id}",
                       hint="restore a term from a 'removed' line of the history")
    if find_term(session, change.term) is not None:
        raise TmgrError(f"glossary term {change.term!r} is in the glossary again",
                        hint="edit it instead; the removed version stays in the history")
    data = json.loads(change.before)
    domain = str(data.pop("domain", "") or "")
    entry = save_term(session, TermRecord(**data))
    entry.domain = domain
    session.flush()
    record_change(session, entry.term, "restored", by, None, snapshot(entry))
    return entry


def restore_latest(session: Session, by: User | None, term: str) -> GlossaryTerm:
    """Restore the last removed version of ``term`` (the CLI's way to name it)."""
    removals = session.scalars(select(GlossaryChange).where(
        GlossaryChange.action == "removed").order_by(GlossaryChange.id.desc()))
    removal = next((c for c in removals if term_key(c.term) == term_key(term)), None)
    if removal is None:
        raise NotFound(f"{term!r} was never removed from the glossary",
                       hint="see `tmgr glossary history`")
    return restore(session, by, removal.id)


@dataclass
class ImportPlan:
    """What importing a file would do (``done``: what it did)."""

    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    done: bool = False


def import_file(session: Session, by: User, data: bytes, fmt: str, languages: Iterable[str],
                *, replace: bool, name: str, dry_run: bool) -> ImportPlan:
    """Import a CSV or TBX glossary (the CLI's reader and rules); ``dry_run``: only say
    what would be added, replaced and refused. Nothing is stored from a bad file."""
    if len(data) > MAX_IMPORT:
        raise TmgrError(N_("%(file)s: the file is larger than %(mb)s MB", file=name,
                           mb=MAX_IMPORT // (1024 * 1024)),
                        hint=N_("split it into smaller files"))
    read = get_glossary_format(fmt).read(data, name, tuple(languages), None)
    plan = ImportPlan(refused=list(read.warnings))
    for record in read.records:
        entry = find_term(session, record.term)
        if entry is not None and not replace:
            plan.refused.append(f"{record.term}: already in the glossary (kept)")
            continue
        (plan.replaced if entry is not None else plan.added).append(record.term)
        if dry_run:
            continue
        before = snapshot(entry) if entry is not None else None
        saved = save_term(session, record, replace=True)
        record_change(session, saved.term, "imported", by, before, snapshot(saved))
    plan.done = not dry_run
    session.flush()
    return plan


def renderings(entry: GlossaryTerm, lang: str) -> tuple[str, str]:
    """(approved, forbidden) renderings of ``entry`` in ``lang`` as the form shows them."""
    row = entry.translation(lang)
    return (row.text.replace("|", "; "), row.forbidden.replace("|", "; ")) if row else ("", "")


def record_from_form(term: str, note: str, cells: dict[str, tuple[str, str]]) -> TermRecord:
    """A record from the page's fields: renderings separated by ``;``."""
    def parts(cell: str) -> list[str]:
        return [p.strip() for p in cell.replace("|", ";").split(";") if p.strip()]

    return TermRecord(term=term.strip(), note=note.strip(),
                      translations={lang: parts(ok) for lang, (ok, _) in cells.items()
                                    if parts(ok)},
                      forbidden={lang: parts(bad) for lang, (_, bad) in cells.items()
                                 if parts(bad)})
