"""Safe XML parsing for every XML file tmgr reads (XLIFF, TMX, TBX): the one XML stack.

No external entities, no network, no DTD loading, libxml2's limits on depth and
text size left on (``huge_tree=False``), a size cap, and any document that
declares entities refused outright: that is how XXE and "billion laughs" files
are stopped before anything is expanded. lxml is imported only here and in the
format modules that build their trees with it (``tests/test_layers.py``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from lxml import etree

from tmgr.errors import FormatError
from tmgr.text import xml_safe

XML_NS = "http://www.w3.org/XML/1998/namespace"


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                           dtd_validation=False, huge_tree=False, remove_comments=False,
                           remove_pis=True, strip_cdata=False)


_ENTITY_DECLARATIONS = tuple("<!ENTITY".encode(codec) for codec in
                             ("utf-8", "utf-16-le", "utf-16-be"))


def _refuse_entity_declarations(data: bytes, name: str) -> None:
    for needle in _ENTITY_DECLARATIONS:
        at = data.find(needle)
        if at >= 0:
            line = data[:at].count(b"\n") + 1 if needle == _ENTITY_DECLARATIONS[0] else 1
            raise FormatError(f"{name}:{line}: the file declares XML entities, "
                              "which tmgr never reads",
                              hint="XLIFF, TMX and TBX files need no <!ENTITY> "
                                   "declarations; export the file again from your tool")


_UTF16_STARTS = (b"\xff\xfe", b"\xfe\xff", b"<\x00?\x00", b"\x00<\x00?")
_DECLARED_ENCODING = re.compile(r"""^(<\?xml[^>]*?encoding\s*=\s*)(["'])[^"']*\2""")


def xml_head(data: bytes, size: int = 2000) -> bytes:
    """The start of an XML file as UTF-8 (UTF-16 too), for telling formats apart."""
    if not data.startswith(_UTF16_STARTS):
        return data[:size]
    return as_utf8(data[:size * 2], errors="ignore")


def as_utf8(data: bytes, errors: str = "strict") -> bytes:
    """``data`` re-encoded as UTF-8 if it is UTF-16 XML (with or without a byte-order
    mark), with its declaration saying so; other files as they are."""
    if not data.startswith(_UTF16_STARTS):
        return data
    codec = ("utf-16" if data[:2] in (b"\xff\xfe", b"\xfe\xff")
             else "utf-16-le" if data[0] == ord("<") else "utf-16-be")
    text = data.decode(codec, errors=errors)
    text = _DECLARED_ENCODING.sub(lambda m: f"{m[1]}{m[2]}UTF-8{m[2]}", text.lstrip("\ufeff"))
    return text.encode("utf-8")


def parse_xml(data: bytes, name: str) -> etree._Element:
    """The root element of ``data``; :class:`FormatError` with the line if it is unsafe
    or not well-formed. UTF-16 files are read like UTF-8 ones."""
    _refuse_entity_declarations(data, name)
    try:
        data = as_utf8(data)
    except UnicodeDecodeError as exc:
        raise FormatError(f"{name}: not readable UTF-16 text",
                          hint="save the file as UTF-8 (or UTF-16) again") from exc
    try:
        root = etree.fromstring(data, parser=_parser())
    except etree.XMLSyntaxError as exc:
        line = exc.lineno or 1
        if "XML_PARSE_HUGE" in (exc.msg or ""):  # libxml2's limits: depth, text size
            reason = exc.msg.split(",")[0]
            raise FormatError(f"{name}:{line}: the file goes beyond what tmgr reads "
                              f"safely: {reason}",
                              hint="no real catalog, memory or term base nests that deep "
                                   "or holds that much text in one place") from exc
        raise FormatError(f"{name}:{line}: not well-formed XML: {exc.msg}",
                          hint="the file is damaged; export it again from your tool") from exc
    tree = root.getroottree()
    dtd = tree.docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise FormatError(f"{name}: the file declares XML entities, which tmgr never reads",
                          hint="remove the <!ENTITY> declarations (XLIFF, TMX and TBX "
                               "need none)")
    for node in root.iter():
        if isinstance(node, etree._Entity):
            raise FormatError(f"{name}:{node.sourceline}: entity reference &{node.name}; "
                              "is not allowed")
    return root


def line_of(element: etree._Element) -> int:
    return element.sourceline or 0


def text_of(element: etree._Element | None) -> str:
    """All text inside ``element`` (inline markup flattened), or "" if there is none."""
    if element is None:
        return ""
    return "".join(element.itertext())


#: inline codes of TMX and XLIFF 1.2/2.0: formatting of the original file, not text
INLINE_CODES = frozenset({"bpt", "ept", "ph", "it", "ut", "sub", "bx", "ex", "x",
                          "sc", "ec", "sm", "em", "cp"})


def plain_text(element: etree._Element | None) -> str:
    """The text inside ``element`` without its inline codes (``hi``, ``g``, ``mrk``,
    ``pc`` give their text); spaces left doubled where a code was are made one."""
    if element is None:
        return ""
    parts: list[str] = [element.text or ""]
    dropped = False
    for child in element:
        local = etree.QName(child).localname if isinstance(child.tag, str) else ""
        if local in INLINE_CODES:
            dropped = True
        elif local:
            parts.append(plain_text(child))
        parts.append(child.tail or "")
    text = "".join(parts)
    return re.sub(r"  +", " ", text).strip() if dropped else text


def spaced_text(element: etree._Element | None) -> str:
    """:func:`plain_text`, with runs of white space made one space and the ends trimmed
    unless ``xml:space="preserve"`` holds for ``element`` (a pretty-printer that
    indents or wraps a text without it changes nothing that XML counts)."""
    text = plain_text(element)
    if element is None or preserves_space(element):
        return text
    return " ".join(text.split())


def preserves_space(element: etree._Element) -> bool:
    """Whether ``xml:space="preserve"`` holds for ``element`` (set on it or inherited)."""
    for node in (element, *element.iterancestors()):
        value = node.get(f"{{{XML_NS}}}space")
        if value is not None:
            return value == "preserve"
    return False


def xml_bytes(root: etree._Element, doctype: str | None = None) -> bytes:
    """``root`` serialised as UTF-8 with a declaration, indented."""
    etree.indent(root, space="  ")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True,
                          doctype=doctype)


def element(tag: str, attrib: Mapping[str, str | None] | None = None, text: str | None = None,
            parent: etree._Element | None = None) -> etree._Element:
    """A new element (under ``parent`` if given) with attributes and text."""
    attrs = {key: xml_safe(value) for key, value in (attrib or {}).items()
             if value is not None}
    node = (etree.SubElement(parent, tag, attrs) if parent is not None
            else etree.Element(tag, attrs))
    if text is not None:
        node.text = xml_safe(text)  # never "All strings must be XML compatible" on export
    return node
