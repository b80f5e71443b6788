"""TBX, the term base exchange format of CAT tools: the glossary and back.

Reads TBX 2008 (``<martif>``, ``termEntry``/``langSet``/``tig``) and TBX v3
(``<tbx>``, ``conceptEntry``/``langSec``/``termSec``), writes TBX 2008. The English
term of an entry is its term; forbidden renderings are terms with the
administrativeStatus ``deprecatedTerm-admn-sts``; the note is the entry's
definition (or note) and ``x-doNotTranslate`` marks names kept in English.
Parsed by the one safe XML stack (:mod:`tmgr.formats.xmlsafe`): no DTDs, no
entities, no network.
"""

from __future__ import annotations

from collections.abc import Sequence

from lxml import etree

from tmgr.errors import FormatError
from tmgr.formats.base import GlossaryFormat
from tmgr.formats.model import SOURCE_LANGUAGE, TermRecord
from tmgr.formats.xmlsafe import XML_NS, element, line_of, parse_xml, text_of, xml_bytes

_LANG = f"{{{XML_NS}}}lang"
_PREFERRED = "preferredTerm-admn-sts"
_DEPRECATED = "deprecatedTerm-admn-sts"
_TRUE = {"1", "true", "yes", "y", "x"}
_ROOTS = ("martif", "tbx")
_ENTRIES = ("termEntry", "conceptEntry")
_LANGUAGE_SETS = ("langSet", "langSec")
_TERM_HOLDERS = ("tig", "termSec", "ntig")


def _local(tag: object) -> str:
    """The tag without its namespace ("" for comments)."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(node: etree._Element, names: tuple[str, ...]) -> list[etree._Element]:
    return [e for e in node.iter() if _local(e.tag) in names]


def _language(node: etree._Element, name: str) -> str:
    code = (node.get(_LANG) or node.get("lang") or "").replace("_", "-").split("-")[0]
    if not code.strip():
        raise FormatError(f"{name}:{line_of(node)}: <{_local(node.tag)}> needs xml:lang")
    return code.strip().lower()


def _read_entry(entry: etree._Element, name: str) -> TermRecord | None:
    record = TermRecord(term="")
    for node in entry.iter():
        kind = node.get("type") or ""
        if _local(node.tag) in ("descrip", "note") and kind in ("", "definition", "note"):
            record.note = record.note or text_of(node).strip()
        if kind == "x-doNotTranslate":
            record.do_not_translate = text_of(node).strip().lower() in _TRUE
    for lang_set in _children(entry, _LANGUAGE_SETS):
        lang = _language(lang_set, name)
        for holder in _children(lang_set, _TERM_HOLDERS):
            term = next(iter(_children(holder, ("term",))), None)
            text = text_of(term).strip()
            if not text:
                continue
            status = next((text_of(e).strip() for e in holder.iter()
                           if e.get("type") == "administrativeStatus"), "")
            if lang == SOURCE_LANGUAGE:
                record.term = record.term or text
            elif status == _DEPRECATED:
                record.forbidden.setdefault(lang, []).append(text)
            else:
                record.translations.setdefault(lang, []).append(text)
    return record if record.term else None


def _write_lang(entry: etree._Element, lang: str, texts: list[str], status: str) -> None:
    lang_set = element("langSet", {_LANG: lang}, parent=entry)
    for text in texts:
        tig = element("tig", parent=lang_set)
        element("term", text=text, parent=tig)
        element("termNote", {"type": "administrativeStatus"}, text=status, parent=tig)


class TbxFormat(GlossaryFormat):
    """TBX term base (TBX 2008 written; TBX 2008 and v3 read)."""

    name = "tbx"
    extension = ".tbx"
    media_type = "application/x-tbx+xml"
    description = "glossary as TBX 2008 term base (TBX v3 read too)"

    def dump(self, records: Sequence[TermRecord], languages: Sequence[str]) -> bytes:
        """Every language of each entry (a TBX file has no fixed columns)."""
        martif = element("martif", {"type": "TBX", _LANG: SOURCE_LANGUAGE})
        body = element("body", parent=element("text", parent=martif))
        for number, record in enumerate(records, start=1):
            entry = element("termEntry", {"id": f"t{number}"}, parent=body)
            if record.note:
                element("descrip", {"type": "definition"}, text=record.note, parent=entry)
            if record.do_not_translate:
                element("admin", {"type": "x-doNotTranslate"}, text="yes", parent=entry)
            _write_lang(entry, SOURCE_LANGUAGE, [record.term], _PREFERRED)
            for lang, texts in record.translations.items():
                _write_lang(entry, lang, texts, _PREFERRED)
            for lang, texts in record.forbidden.items():
                _write_lang(entry, lang, texts, _DEPRECATED)
        return xml_bytes(martif)

    def load(self, data: bytes, name: str, languages: Sequence[str]) -> list[TermRecord]:
        """Every entry with an English term, in every language the file holds."""
        self.check_size(data, name)
        root = parse_xml(data, name)
        if _local(root.tag) not in _ROOTS:
            raise FormatError(f"{name}:{line_of(root)}: not a TBX file (its root is "
                              f"<{_local(root.tag)}>, not <martif> or <tbx>)")
        records = (_read_entry(entry, name) for entry in _children(root, _ENTRIES))
        return [record for record in records if record is not None]
