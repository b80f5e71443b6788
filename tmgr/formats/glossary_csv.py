"""The glossary as CSV, the file a spreadsheet opens: one row per English term.

Columns: ``term``, one column per language (``be``, ``ru``...), ``<lang>_forbidden``,
``note``, ``do_not_translate``; several renderings in one cell are separated by
``|`` (the first is preferred). A header row naming ``term`` is required; other
columns are ignored. Files are UTF-8 (a byte-order mark is allowed).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from tmgr.errors import FormatError
from tmgr.formats.base import GlossaryFormat
from tmgr.formats.model import TermRecord
from tmgr.text import csv_cell, csv_text

_TRUE = {"1", "true", "yes", "y", "x"}
_RESAVE = "save it again as CSV (UTF-8) from a spreadsheet"


def _split(cell: str | None) -> list[str]:
    return [part.strip() for part in csv_text(cell or "").split("|") if part.strip()]


def _decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise FormatError(f"{name}:{line}: the glossary CSV is not UTF-8",
                          hint=_RESAVE) from exc


class _NumberedLines:
    """The lines of a text, counting those handed out: the line a record or error is on."""

    def __init__(self, text: str) -> None:
        self._lines = io.StringIO(text, newline="")
        self.number = 0

    def __iter__(self) -> _NumberedLines:
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        self.number += 1
        return line


def _record(row: dict[str, str | None], languages: Sequence[str]) -> TermRecord:
    return TermRecord(
        term=csv_text(row.get("term") or "").strip(),
        note=csv_text(row.get("note") or "").strip(),
        translations={lang: _split(row.get(lang)) for lang in languages if row.get(lang)},
        forbidden={lang: _split(row.get(f"{lang}_forbidden")) for lang in languages
                   if row.get(f"{lang}_forbidden")},
        do_not_translate=(row.get("do_not_translate") or "").strip().lower() in _TRUE)


class GlossaryCsvFormat(GlossaryFormat):
    """The glossary as a spreadsheet's CSV."""

    name = "csv"
    extension = ".csv"
    media_type = "text/csv"
    description = "glossary as CSV (term, a column per language, forbidden, note)"

    def dump(self, records: Sequence[TermRecord], languages: Sequence[str]) -> bytes:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["term", *languages, *(f"{lang}_forbidden" for lang in languages),
                         "note", "do_not_translate"])
        for record in records:
            writer.writerow([csv_cell(cell) for cell in (
                record.term,
                *("|".join(record.translations.get(lang, [])) for lang in languages),
                *("|".join(record.forbidden.get(lang, [])) for lang in languages),
                record.note, "yes" if record.do_not_translate else "")])
        return out.getvalue().encode("utf-8")

    def load(self, data: bytes, name: str, languages: Sequence[str]) -> list[TermRecord]:
        self.check_size(data, name)
        lines = _NumberedLines(_decode(data, name))
        # strict: an unterminated quote is an error, not the rest of the file in one cell
        reader = csv.DictReader(lines, strict=True)
        try:
            if not reader.fieldnames or "term" not in reader.fieldnames:
                raise FormatError(f"{name}:1: a glossary CSV needs a header row with a "
                                  "'term' column", hint="see tmgr/data/glossary.csv")
            records = []
            for row in reader:
                record = _record(row, languages)
                if not record.term:
                    raise FormatError(f"{name}:{lines.number}: empty term")
                records.append(record)
        except csv.Error as exc:  # e.g. a stray carriage return inside an unquoted field
            raise FormatError(f"{name}:{max(lines.number, 1)}: not a readable CSV: {exc}",
                              hint=_RESAVE) from exc
        return records
