"""Glossary files: CSV and TBX, read into and written from plain :class:`TermRecord` rows.

CSV columns: ``term``, one column per language (``be``, ``ru``...), ``<lang>_forbidden``,
``note``, ``do_not_translate``; several renderings are separated by ``|`` (first
preferred). TBX is read without DTDs or entities (defusedxml); forbidden variants
are terms with administrativeStatus ``deprecatedTerm-admn-sts``.
"""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, field

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from tmgr.errors import FormatError

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_DEPRECATED = "deprecatedTerm-admn-sts"
_TRUE = {"1", "true", "yes", "y", "x"}


@dataclass
class TermRecord:
    """One glossary entry as files carry it."""

    term: str
    translations: dict[str, list[str]] = field(default_factory=dict)
    forbidden: dict[str, list[str]] = field(default_factory=dict)
    note: str = ""
    do_not_translate: bool = False


def _split(cell: str | None) -> list[str]:
    return [part.strip() for part in (cell or "").split("|") if part.strip()]


def read_csv(data: str, languages: Iterable[str]) -> list[TermRecord]:
    """Entries of a glossary CSV (header row required); a malformed one is a FormatError."""
    try:
        return _read_csv(data, languages)
    except csv.Error as exc:  # e.g. a stray carriage return inside an unquoted field
        raise FormatError(f"not a readable CSV: {exc}",
                          hint="save it again as CSV (UTF-8) from a spreadsheet") from exc


def _read_csv(data: str, languages: Iterable[str]) -> list[TermRecord]:
    reader = csv.DictReader(io.StringIO(data, newline=""))
    if not reader.fieldnames or "term" not in reader.fieldnames:
        raise FormatError("a glossary CSV needs a header row with a 'term' column",
                          hint="see tmgr/data/glossary.csv")
    records = []
    for line, row in enumerate(reader, start=2):
        term = (row.get("term") or "").strip()
        if not term:
            raise FormatError(f"line {line}: empty term")
        records.append(TermRecord(
            term=term, note=(row.get("note") or "").strip(),
            translations={lang: _split(row.get(lang)) for lang in languages if row.get(lang)},
            forbidden={lang: _split(row.get(f"{lang}_forbidden")) for lang in languages
                       if row.get(f"{lang}_forbidden")},
            do_not_translate=(row.get("do_not_translate") or "").strip().lower() in _TRUE))
    return records


def write_csv(records: Iterable[TermRecord], languages: Iterable[str]) -> str:
    languages = list(languages)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["term", *languages, *(f"{lang}_forbidden" for lang in languages),
                     "note", "do_not_translate"])
    for record in records:
        writer.writerow([record.term,
                         *("|".join(record.translations.get(lang, [])) for lang in languages),
                         *("|".join(record.forbidden.get(lang, [])) for lang in languages),
                         record.note, "yes" if record.do_not_translate else ""])
    return out.getvalue()


def read_tbx(data: bytes) -> list[TermRecord]:
    """Entries of a TBX (2008 ``martif`` or TBX v3 ``tbx``) file."""
    try:
        root = fromstring(data, forbid_dtd=True, forbid_entities=True)
    except (ET.ParseError, DefusedXmlException, LookupError, ValueError) as exc:
        # LookupError: an encoding Python does not know, e.g. encoding="TF-8"
        raise FormatError(f"not a safe, well-formed TBX file: {exc}") from exc
    records = []
    for entry in root.iter():
        if _local(entry.tag) in ("termEntry", "conceptEntry"):
            record = _read_entry(entry)
            if record is not None:
                records.append(record)
    return records


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _read_entry(entry: ET.Element) -> TermRecord | None:
    record = TermRecord(term="")
    for element in entry.iter():
        kind = (element.get("type") or "")
        if _local(element.tag) in ("descrip", "note") and kind in ("", "definition", "note"):
            record.note = record.note or (element.text or "").strip()
        if kind == "x-doNotTranslate":
            record.do_not_translate = (element.text or "").strip().lower() in _TRUE
    for lang_set in (e for e in entry.iter() if _local(e.tag) == "langSet"):
        lang = (lang_set.get(XML_LANG) or lang_set.get("lang") or "").split("-")[0].lower()
        for holder in (e for e in lang_set.iter() if _local(e.tag) in ("tig", "termSec", "ntig")):
            term = next((e for e in holder.iter() if _local(e.tag) == "term"), None)
            if term is None or not (term.text or "").strip():
                continue
            status = next((e.text for e in holder.iter()
                           if e.get("type") == "administrativeStatus"), "")
            text = (term.text or "").strip()
            if lang == "en":
                record.term = record.term or text
            elif status == _DEPRECATED:
                record.forbidden.setdefault(lang, []).append(text)
            else:
                record.translations.setdefault(lang, []).append(text)
    return record if record.term else None


def write_tbx(records: Iterable[TermRecord]) -> bytes:
    """A TBX 2008 (``martif``) file of ``records``."""
    martif = ET.Element("martif", {"type": "TBX", XML_LANG: "en"})
    body = ET.SubElement(ET.SubElement(martif, "text"), "body")
    for number, record in enumerate(records, start=1):
        entry = ET.SubElement(body, "termEntry", {"id": f"t{number}"})
        if record.note:
            ET.SubElement(entry, "descrip", {"type": "definition"}).text = record.note
        if record.do_not_translate:
            ET.SubElement(entry, "admin", {"type": "x-doNotTranslate"}).text = "yes"
        _write_lang(entry, "en", [record.term], "preferredTerm-admn-sts")
        for lang, texts in record.translations.items():
            _write_lang(entry, lang, texts, "preferredTerm-admn-sts")
        for lang, texts in record.forbidden.items():
            _write_lang(entry, lang, texts, _DEPRECATED)
    ET.indent(martif)
    return (b'<?xml version="1.0" encoding="UTF-8"?>\n'
            + ET.tostring(martif, encoding="unicode").encode("utf-8") + b"\n")


def _write_lang(entry: ET.Element, lang: str, texts: list[str], status: str) -> None:
    lang_set = ET.SubElement(entry, "langSet", {XML_LANG: lang})
    for text in texts:
        tig = ET.SubElement(lang_set, "tig")
        ET.SubElement(tig, "term").text = text
        ET.SubElement(tig, "termNote", {"type": "administrativeStatus"}).text = status
