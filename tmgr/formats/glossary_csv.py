"""The glossary as CSV, the file a spreadsheet opens: one row per English term; and
the tab-separated glossaries of OmegaT.

Columns: ``term``, one column per language (``be``, ``ru``...), ``<lang>_forbidden``,
``note``, ``do_not_translate``; several renderings in one cell are separated by
``|`` (the first is preferred). A header row naming ``term`` says which column is
which; other columns are ignored. A file without one (Weblate's two-column CSV,
OmegaT's ``term<TAB>translation<TAB>comment``) is read with the columns given
(``--columns term,ru`` or ``term,be,note``; ``-`` skips a column). Files are UTF-8
(a byte-order mark is allowed) or UTF-16.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from typing import ClassVar

from tmgr.errors import FormatError
from tmgr.formats.base import GlossaryFormat, decode_text
from tmgr.formats.model import TermBase, TermRecord
from tmgr.formats.termbase import term_base
from tmgr.text import csv_cell, csv_text

_TRUE = {"1", "true", "yes", "y", "x"}
_RESAVE = "save it again as CSV (UTF-8) from a spreadsheet"
_FIXED = ("term", "note", "do_not_translate", "-")
#: header cells other tools write for the columns tmgr calls term and note
_ALIASES = {"source": "term", "comment": "note", "comments": "note"}
#: header cells of renderings in a language the file does not name (Weblate's "target")
_UNNAMED_LANGUAGE = {"target", "translation"}


def _split(cell: str | None) -> list[str]:
    return [part.strip() for part in csv_text(cell or "").split("|") if part.strip()]


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


def check_columns(columns: Sequence[str], languages: Sequence[str]) -> list[str]:
    """``--columns`` as column names; :class:`FormatError` for a name tmgr does not know."""
    names = [_ALIASES.get(c.strip().lower(), c.strip().lower()) for c in columns]
    known = set(_FIXED) | set(languages) | {f"{lang}_forbidden" for lang in languages}
    unknown = [name for name in names if name not in known]
    if unknown or "term" not in names:
        wrong = f"unknown column {unknown[0]!r}" if unknown else "no 'term' column"
        raise FormatError(f"--columns: {wrong}",
                          hint=f"name each column: term, {', '.join(languages)}, "
                               "<lang>_forbidden, note, do_not_translate or - (skip)")
    return names


class GlossaryCsvFormat(GlossaryFormat):
    """The glossary as a spreadsheet's CSV."""

    name = "csv"
    extension = ".csv"
    media_type = "text/csv"
    description = "glossary as CSV (term, a column per language, forbidden, note)"
    delimiter: ClassVar[str] = ","
    example: ClassVar[str] = "--columns term,ru for a two-column file (Weblate)"
    #: whether lines starting with # are comments (OmegaT's glossaries)
    comments: ClassVar[bool] = False

    def dump(self, records: Sequence[TermRecord], languages: Sequence[str]) -> bytes:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n", delimiter=self.delimiter)
        writer.writerow(["term", *languages, *(f"{lang}_forbidden" for lang in languages),
                         "note", "do_not_translate"])
        for record in records:
            writer.writerow([csv_cell(cell) for cell in (
                record.term,
                *("|".join(record.translations.get(lang, [])) for lang in languages),
                *("|".join(record.forbidden.get(lang, [])) for lang in languages),
                record.note, "yes" if record.do_not_translate else "")])
        return out.getvalue().encode("utf-8")

    def _rows(self, lines: _NumberedLines) -> Iterator[list[str]]:
        return csv.reader(lines, strict=True, delimiter=self.delimiter)

    def _header(self, first: list[str], columns: Sequence[str] | None,
                languages: Sequence[str], name: str) -> tuple[list[str], bool]:
        """The column names, and whether the first row was a header."""
        cells = [_ALIASES.get(cell.strip().lower(), cell.strip().lower()) for cell in first]
        if columns:
            return check_columns(columns, languages), bool(cells) and cells[0] == "term"
        if "term" not in cells:
            raise FormatError(f"{name}:1: a glossary {self.name.upper()} needs a header row "
                              "with a 'term' column, or --columns",
                              hint=f"see tmgr/data/glossary.csv, or use {self.example}")
        unnamed = [cell for cell in cells if cell in _UNNAMED_LANGUAGE]
        if unnamed and not set(cells) & set(languages):
            raise FormatError(f"{name}:1: the {unnamed[0]!r} column does not say its language",
                              hint=f"name the columns with {self.example}")
        return cells, True

    def read(self, data: bytes, name: str, languages: Sequence[str],
             columns: Sequence[str] | None = None) -> TermBase:
        self.check_size(data, name)
        lines = _NumberedLines(decode_text(data, name, _RESAVE))
        rows = self._rows(lines)
        records = []
        try:  # strict: an unterminated quote is an error, not the rest of the file in a cell
            first = next(rows, [])
            names, was_header = self._header(first, columns, languages, name)
            for row in rows if was_header else _chain(first, rows):
                if not any(cell.strip() for cell in row) or (
                        self.comments and row[0].startswith("#")):
                    continue
                record = _record(dict(zip(names, row, strict=False)), languages)
                if not record.term:
                    raise FormatError(f"{name}:{lines.number}: empty term")
                records.append(record)
        except csv.Error as exc:  # e.g. a stray carriage return inside an unquoted field
            raise FormatError(f"{name}:{max(lines.number, 1)}: not a readable "
                              f"{self.name.upper()}: {exc}", hint=_RESAVE) from exc
        return term_base(records, languages)


def _chain(first: list[str], rest: Iterator[list[str]]) -> Iterator[list[str]]:
    yield first
    yield from rest


class GlossaryTabFormat(GlossaryCsvFormat):
    """Tab-separated glossary lines, as OmegaT keeps them (``term<TAB>translation<TAB>note``)."""

    name = "tab"
    extension = ".tab"
    import_extensions = (".tsv", ".txt", ".utf8")
    media_type = "text/tab-separated-values"
    description = "glossary as tab-separated text (OmegaT; --columns term,be,note)"
    delimiter = "\t"
    example = "--columns term,be,note for OmegaT's term, translation, comment"
    comments = True
