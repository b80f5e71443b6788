"""TBX, the term base exchange format of CAT tools: the glossary and back.

Reads TBX 2008 (``<martif>``, ``termEntry``/``langSet``/``tig``/``ntig``) and TBX v3
(``<tbx>``, ``conceptEntry``/``langSec``/``termSec``) in both styles: DCA
(``<termNote type="administrativeStatus">``) and DCT (``<basic:administrativeStatus>``,
``<min:...>``, any prefix). Writes TBX 2008.

A term's status, from any of ``administrativeStatus``, ``normativeAuthorization``,
``usageStatus`` or ``termStatus``, is one of three (:data:`PREFERRED`, :data:`ADMITTED`,
:data:`FORBIDDEN`): preferred/standardized/legal/regulated terms come first, admitted
ones (or terms without a status) after them, and deprecated, superseded, obsolete or
not-recommended ones are forbidden renderings. Every English term that is not forbidden
is a source of the concept (one glossary term each, with the entry's renderings). A
``translationNeeded`` of "no" or an ``x-doNotTranslate`` of "yes" marks names kept in
English; the note is the entry's definition (or note). Parsed by the one safe XML stack
(:mod:`tmgr.formats.xmlsafe`): no DTDs, no entities, no network.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from lxml import etree

from tmgr.errors import FormatError
from tmgr.formats.base import GlossaryFormat
from tmgr.formats.model import SOURCE_LANGUAGE, TermBase, TermRecord
from tmgr.formats.termbase import term_base
from tmgr.formats.xmlsafe import XML_NS, element, line_of, parse_xml, text_of, xml_bytes

_LANG = f"{{{XML_NS}}}lang"
_PREFERRED = "preferredTerm-admn-sts"
_DEPRECATED = "deprecatedTerm-admn-sts"
_TRUE = {"1", "true", "yes", "y", "x"}
_FALSE = {"0", "false", "no", "n"}
_ROOTS = ("martif", "tbx")
_ENTRIES = ("termEntry", "conceptEntry")
_LANGUAGE_SETS = ("langSet", "langSec")
_TERM_HOLDERS = ("tig", "termSec", "ntig")
#: elements whose ``type`` names the data category (DCA); elsewhere the tag does (DCT)
_TYPED = {"termNote", "admin", "descrip", "note", "termNoteGrp", "adminGrp", "descripGrp"}

PREFERRED, ADMITTED, FORBIDDEN = "preferred", "admitted", "forbidden"
_STATUS_CATEGORIES = {"administrativestatus", "normativeauthorization", "usagestatus",
                      "termstatus", "status"}
_STATUS_VALUES = {
    **dict.fromkeys(("preferred", "standardized", "legal", "regulated", "normative"),
                    PREFERRED),
    **dict.fromkeys(("admitted", "accepted", "permitted", "allowed", "proposed"), ADMITTED),
    **dict.fromkeys(("deprecated", "superseded", "obsolete", "notrecommended", "forbidden",
                     "rejected", "outdated", "nonstandardized", "avoid"), FORBIDDEN),
}


def _local(tag: object) -> str:
    """The tag without its namespace ("" for comments)."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _category(node: etree._Element) -> str:
    """The data category an element holds, normalised: ``usagestatus``,
    ``translationneeded``, ``definition``..."""
    local = _local(node.tag)
    raw = (node.get("type") or "") if local in _TYPED else local.split(":")[-1]
    return re.sub(r"[^a-z]", "", raw.lower()).removeprefix("x")


def status_of(value: str) -> str:
    """PREFERRED, ADMITTED or FORBIDDEN for a status value of any TBX dialect
    (``deprecatedTerm-admn-sts``, ``notRecommended``, ``obsolete``...)."""
    key = re.sub(r"[^a-z]", "", value.lower().removesuffix("-admn-sts")).removesuffix("term")
    return _STATUS_VALUES.get(key, ADMITTED)


def _children(node: etree._Element, names: tuple[str, ...]) -> list[etree._Element]:
    return [e for e in node.iter() if _local(e.tag) in names]


def _language(node: etree._Element, name: str) -> str:
    code = (node.get(_LANG) or node.get("lang") or "").replace("_", "-").split("-")[0]
    if not code.strip():
        raise FormatError(f"{name}:{line_of(node)}: <{_local(node.tag)}> needs xml:lang")
    return code.strip().lower()


def _keeps_english(node: etree._Element) -> bool:
    """Whether ``node`` says its term is not to be translated."""
    category, value = _category(node), text_of(node).strip().lower()
    return ((category == "translationneeded" and value in _FALSE)
            or (category == "donottranslate" and value in _TRUE))


def _term_status(holder: etree._Element) -> str:
    statuses = {status_of(text_of(node).strip()) for node in holder.iter()
                if _category(node) in _STATUS_CATEGORIES}
    for status in (FORBIDDEN, PREFERRED):
        if status in statuses:
            return status
    return ADMITTED


def _terms(entry: etree._Element, name: str) -> dict[str, dict[str, list[str]]]:
    """language -> status -> terms, in the file's order."""
    found: dict[str, dict[str, list[str]]] = {}
    for lang_set in _children(entry, _LANGUAGE_SETS):
        lang = _language(lang_set, name)
        for holder in _children(lang_set, _TERM_HOLDERS):
            text = text_of(next(iter(_children(holder, ("term",))), None)).strip()
            if text:
                by_status = found.setdefault(lang, {})
                by_status.setdefault(_term_status(holder), []).append(text)
    return found


def _read_entry(entry: etree._Element, name: str) -> list[TermRecord]:
    """One record per English term of the entry that is not forbidden."""
    note, keep_english = "", False
    for node in entry.iter():
        if _local(node.tag) in ("descrip", "note") and _category(node) in ("", "definition",
                                                                          "note"):
            note = note or text_of(node).strip()
        keep_english = keep_english or _keeps_english(node)
    terms = _terms(entry, name)
    english = terms.pop(SOURCE_LANGUAGE, {})
    sources = english.get(PREFERRED, []) + english.get(ADMITTED, [])
    translations = {lang: found.get(PREFERRED, []) + found.get(ADMITTED, [])
                    for lang, found in terms.items()}
    forbidden = {lang: found[FORBIDDEN] for lang, found in terms.items() if FORBIDDEN in found}
    return [TermRecord(term=source, note=note, do_not_translate=keep_english,
                       translations={k: list(v) for k, v in translations.items() if v},
                       forbidden={k: list(v) for k, v in forbidden.items()})
            for source in dict.fromkeys(sources)]


def _write_lang(entry: etree._Element, lang: str, texts: list[str], status: str) -> None:
    lang_set = element("langSet", {_LANG: lang}, parent=entry)
    for text in texts:
        tig = element("tig", parent=lang_set)
        element("term", text=text, parent=tig)
        element("termNote", {"type": "administrativeStatus"}, text=status, parent=tig)


class TbxFormat(GlossaryFormat):
    """TBX term base (TBX 2008 written; TBX 2008 and v3, DCA and DCT, read)."""

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

    def read(self, data: bytes, name: str, languages: Sequence[str],
             columns: Sequence[str] | None = None) -> TermBase:
        """Every entry with an English term, in ``languages`` (a TBX says its columns)."""
        self.check_size(data, name)
        root = parse_xml(data, name)
        if _local(root.tag) not in _ROOTS:
            raise FormatError(f"{name}:{line_of(root)}: not a TBX file (its root is "
                              f"<{_local(root.tag)}>, not <martif> or <tbx>)")
        records: list[TermRecord] = []
        without_english = 0
        for entry in _children(root, _ENTRIES):
            found = _read_entry(entry, name)
            records += found
            without_english += not found
        return term_base(records, languages, without_english=without_english)
