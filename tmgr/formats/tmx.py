"""TMX 1.4b: the translation memory (approved pairs) for CAT tools, and back.

One ``<tu>`` per English sentence with one ``<tuv>`` per language; a sentence
with two different approved translations into one language gets a second
``<tu>``. Each target ``<tuv>`` carries its ``changedate`` and ``changeid`` (who
approved it). The header's ``creationdate`` is the newest change, so the same
memory always gives the same file. Valid against the TMX 1.4 DTD.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime

from lxml import etree

from tmgr import __version__
from tmgr.errors import FormatError
from tmgr.formats.base import MemoryFormat
from tmgr.formats.model import SOURCE_LANGUAGE, Memory, MemoryPair, as_utc
from tmgr.formats.xmlsafe import XML_NS, element, line_of, parse_xml, text_of, xml_bytes

_LANG = f"{{{XML_NS}}}lang"
_DATE_FORMAT = "%Y%m%dT%H%M%SZ"
DOCTYPE = '<!DOCTYPE tmx SYSTEM "tmx14.dtd">'


def _date(moment: datetime | None) -> str | None:
    return as_utc(moment).strftime(_DATE_FORMAT) if moment is not None else None


def _parse_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.strptime(value, _DATE_FORMAT).replace(tzinfo=UTC)
    except ValueError:
        return None


def _units(memory: Memory) -> list[list[MemoryPair]]:
    """Pairs grouped into translation units: per source, the n-th target of each language."""
    by_source: dict[str, dict[str, list[MemoryPair]]] = defaultdict(lambda: defaultdict(list))
    for pair in sorted(memory.pairs, key=lambda p: (p.source, p.lang, p.target)):
        by_source[pair.source][pair.lang].append(pair)
    units = []
    for source in sorted(by_source):
        languages = by_source[source]
        for index in range(max(len(pairs) for pairs in languages.values())):
            units.append([languages[lang][index] for lang in sorted(languages)
                          if index < len(languages[lang])])
    return units


def _language(code: str | None) -> str:
    return (code or "").replace("_", "-").split("-")[0].lower()


def _read_tu(node: etree._Element, source_lang: str, name: str) -> list[MemoryPair]:
    source, targets = None, []
    for tuv in node.findall("tuv"):
        lang = _language(tuv.get(_LANG) or tuv.get("lang"))
        seg = tuv.find("seg")
        if not lang or seg is None:
            raise FormatError(f"{name}:{line_of(tuv)}: <tuv> needs xml:lang and <seg>")
        if lang == source_lang:
            source = text_of(seg)
        else:
            targets.append((lang, text_of(seg), tuv))
    if source is None or not source.strip():
        raise FormatError(f"{name}:{line_of(node)}: <tu> has no {source_lang} variant")
    return [MemoryPair(source=source, lang=lang, target=text,
                       changed_at=_parse_date(tuv.get("changedate") or tuv.get("creationdate")),
                       changed_by=tuv.get("changeid") or tuv.get("creationid"))
            for lang, text, tuv in targets if text.strip()]


class TmxFormat(MemoryFormat):
    """TMX 1.4b translation memory."""

    name = "tmx"
    extension = ".tmx"
    media_type = "application/x-tmx+xml"
    description = "TMX 1.4b translation memory (approved pairs)"

    def dump(self, memory: Memory) -> bytes:
        newest = max((p.changed_at for p in memory.pairs if p.changed_at), default=None)
        root = element("tmx", {"version": "1.4"})
        element("header", {"creationtool": "tmgr", "creationtoolversion": __version__,
                           "segtype": "sentence", "o-tmf": "tmgr", "adminlang": "en",
                           "srclang": memory.source_lang, "datatype": "plaintext",
                           "creationdate": _date(newest)}, parent=root)
        body = element("body", parent=root)
        for pairs in _units(memory):
            tu = element("tu", parent=body)
            source = element("tuv", {_LANG: memory.source_lang}, parent=tu)
            element("seg", text=pairs[0].source, parent=source)
            for pair in pairs:
                tuv = element("tuv", {_LANG: pair.lang, "changedate": _date(pair.changed_at),
                                      "changeid": pair.changed_by}, parent=tu)
                element("seg", text=pair.target, parent=tuv)
        return xml_bytes(root, doctype=DOCTYPE)

    def load(self, data: bytes, name: str) -> Memory:
        self.check_size(data, name)
        root = parse_xml(data, name)
        header, body = root.find("header"), root.find("body")
        if root.tag != "tmx" or header is None or body is None:
            raise FormatError(f"{name}: not a TMX file (it needs <tmx>, <header> and <body>)")
        source_lang = _language(header.get("srclang"))
        if source_lang in ("", "*all*"):
            source_lang = SOURCE_LANGUAGE
        if source_lang != SOURCE_LANGUAGE:
            raise FormatError(f"{name}: the memory's source language is {source_lang!r}",
                              hint="tmgr's memory is English to the target languages")
        pairs = [pair for tu in body.iter("tu") for pair in _read_tu(tu, source_lang, name)]
        return Memory(pairs=pairs, source_lang=source_lang)
