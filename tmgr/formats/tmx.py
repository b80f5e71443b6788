"""TMX 1.4b: the translation memory (approved pairs) for CAT tools, and back.

One ``<tu>`` per English sentence with one ``<tuv>`` per language; a sentence
with two different approved translations into one language gets a second
``<tu>``. Each target ``<tuv>`` carries its ``changedate`` and ``changeid`` (who
approved it). The header's ``creationdate`` is the newest change, so the same
memory always gives the same file. Valid against the TMX 1.4 DTD.

On import a ``<tu>`` with several English variants (``en``, ``en-US``...) is keyed to
the one its ``srclang`` (else the header's) names, else the region-less one, else the
first; a ``<tu>`` without English is skipped with a warning. Inline codes
(``bpt/ept/ph/it/ut``, with their ``sub``) are dropped and ``hi`` kept as its text,
as XLIFF import does: tmgr's sentences are plain text. Dates are read in the
standard's ``YYYYMMDDThhmmssZ`` and in ``YYYY-MM-DDThh:mm:ssZ``; ``changeid``
(else ``creationid``) is kept as who approved the pair.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime

from lxml import etree

from tmgr import __version__
from tmgr.errors import FormatError
from tmgr.formats.base import MemoryFormat
from tmgr.formats.model import SOURCE_LANGUAGE, Memory, MemoryPair, as_utc
from tmgr.formats.xmlsafe import XML_NS, element, line_of, parse_xml, plain_text, xml_bytes

_LANG = f"{{{XML_NS}}}lang"
_DATE_FORMAT = "%Y%m%dT%H%M%SZ"
DOCTYPE = '<!DOCTYPE tmx SYSTEM "tmx14.dtd">'


def _date(moment: datetime | None) -> str | None:
    return as_utc(moment).strftime(_DATE_FORMAT) if moment is not None else None


def _parse_date(value: str | None) -> datetime | None:
    """A TMX date: ``YYYYMMDDThhmmssZ`` as the standard says, or the ISO
    ``YYYY-MM-DDThh:mm:ssZ`` some tools write."""
    if not value:
        return None
    for layout in (_DATE_FORMAT, "%Y-%m-%dT%H:%M:%SZ"):
        try:
            return datetime.strptime(value.strip(), layout).replace(tzinfo=UTC)
        except ValueError:
            continue
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


def _code(code: str | None) -> str:
    return (code or "").replace("_", "-").strip().lower()


def _source_variant(variants: list[tuple[str, etree._Element]],
                    wanted: tuple[str, ...]) -> etree._Element:
    """The English ``<tuv>`` a unit is keyed to: the one the ``srclang`` names (the
    unit's, then the header's), else the region-less one, else the first."""
    for code in (*wanted, "en"):
        found = next((tuv for lang, tuv in variants if lang == code), None)
        if found is not None:
            return found
    return variants[0][1]


def _read_tu(node: etree._Element, source_lang: str, header_srclang: str,
             name: str) -> list[MemoryPair] | None:
    """The pairs of one ``<tu>``, or None when it has no English variant."""
    sources: list[tuple[str, etree._Element]] = []
    targets = []
    for tuv in node.findall("tuv"):
        code = _code(tuv.get(_LANG) or tuv.get("lang"))
        seg = tuv.find("seg")
        if not code or seg is None:
            raise FormatError(f"{name}:{line_of(tuv)}: <tuv> needs xml:lang and <seg>")
        if _language(code) == source_lang:
            sources.append((code, seg))
        else:
            targets.append((_language(code), plain_text(seg), tuv))
    if not sources:
        return None
    source = plain_text(_source_variant(sources, (_code(node.get("srclang")),
                                                  header_srclang)))
    if not source.strip():
        return None
    return [MemoryPair(source=source, lang=lang, target=text,
                       changed_at=_parse_date(tuv.get("changedate") or tuv.get("creationdate")),
                       changed_by=tuv.get("changeid") or tuv.get("creationid") or None)
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
        pairs: list[MemoryPair] = []
        missing: list[int] = []
        for tu in body.iter("tu"):
            found = _read_tu(tu, source_lang, _code(header.get("srclang")), name)
            if found is None:
                missing.append(line_of(tu))
            else:
                pairs += found
        warnings = []
        if missing:
            units = "unit" if len(missing) == 1 else "units"
            warnings.append(f"{len(missing)} translation {units} without an English text "
                            f"skipped (line {', '.join(map(str, missing[:5]))}"
                            f"{'...' if len(missing) > 5 else ''})")
        return Memory(pairs=pairs, source_lang=source_lang, warnings=warnings)
