"""What every glossary reader does after parsing: keep the languages tmgr translates
into, merge entries that share an English term, and say what was left out."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from tmgr.formats.model import TermBase, TermRecord


def _merge(into: TermRecord, record: TermRecord) -> None:
    for mine, theirs in ((into.translations, record.translations),
                         (into.forbidden, record.forbidden)):
        for lang, texts in theirs.items():
            kept = mine.setdefault(lang, [])
            kept += [text for text in texts if text not in kept]
    into.note = into.note or record.note
    into.do_not_translate = into.do_not_translate or record.do_not_translate


def term_base(records: Iterable[TermRecord], languages: Sequence[str], *,
              without_english: int = 0) -> TermBase:
    """``records`` reduced to ``languages``, one record per English term (renderings of
    the same term in several entries merged), with warnings for what was left out."""
    wanted = set(languages)
    foreign: set[str] = set()
    by_term: dict[str, TermRecord] = {}
    for record in records:
        foreign |= (set(record.translations) | set(record.forbidden)) - wanted
        record.translations = {k: v for k, v in record.translations.items() if k in wanted}
        record.forbidden = {k: v for k, v in record.forbidden.items() if k in wanted}
        same = by_term.get(record.term.casefold())
        if same is None:
            by_term[record.term.casefold()] = record
        else:
            _merge(same, record)
    warnings = []
    if without_english:
        entries = "entry" if without_english == 1 else "entries"
        warnings.append(f"{without_english} {entries} without an English term skipped")
    if foreign:
        warnings.append(f"renderings in {', '.join(sorted(foreign))} not kept "
                        f"(tmgr translates into {', '.join(languages)})")
    return TermBase(records=list(by_term.values()), warnings=warnings)
