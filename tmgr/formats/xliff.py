"""XLIFF 1.2 for CAT tools (memoQ, OmegaT, Trados...): one ``<file>`` per document × language.

Each segment is a ``trans-unit`` whose ``id`` is the segment's stable key. States
map both ways:

==============  ==============================================================
tmgr            XLIFF 1.2
==============  ==============================================================
untranslated    no ``<target>``
draft           ``state="needs-review-translation"`` + ``state-qualifier``
                ``leveraged-mt`` or ``leveraged-tm``
needs_editing   ``state="needs-review-translation"``
translated      ``state="translated"``
approved        ``state="final"`` and ``approved="yes"``
==============  ==============================================================

On import, ``new``/``needs-*`` with text read as needs_editing, ``translated`` or
no state as translated, ``final``/``signed-off``/``approved="yes"`` as approved.
The ``extradata`` attribute (``tmgr:version=N;digest=D``) records what tmgr
exported; tmgr notes are ``<note from="tmgr">``; a changed source is an
``<alt-trans alttranstype="previous-version">``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime
from pathlib import PurePath

from lxml import etree

from tmgr import __version__
from tmgr.errors import FormatError
from tmgr.formats.base import CatalogFormat
from tmgr.formats.model import Catalog, Unit, as_utc, fingerprint
from tmgr.formats.xmlsafe import (
    XML_NS,
    element,
    line_of,
    parse_xml,
    preserves_space,
    spaced_text,
    text_of,
    xml_bytes,
    xml_head,
)
from tmgr.states import State

NS = "urn:oasis:names:tc:xliff:document:1.2"
#: XLIFF 1.1 (what Translate Toolkit's po2xliff writes) differs from 1.2 in nothing tmgr reads
NS_1_1 = "urn:oasis:names:tc:xliff:document:1.1"
#: what XLIFF cannot say: a draft reads back as needs-review
STATE_VIEW = {State.DRAFT: State.NEEDS_EDITING}
#: a file converted from PO says what the PO could: approved reads back as translated
PO_STATE_VIEW = {**STATE_VIEW, State.APPROVED: State.TRANSLATED}
_Q = f"{{{NS}}}"
_SPACE = f"{{{XML_NS}}}space"
_EXTRADATA = re.compile(r"tmgr:version=(?P<version>\d+);digest=(?P<digest>[0-9a-f]{12})")
_NEEDS_WORK = {"new", "needs-translation", "needs-l10n", "needs-adaptation",
               "needs-review-translation", "needs-review-l10n", "needs-review-adaptation"}
_DONE = {"final", "signed-off"}
TOOL = "tmgr"


def target_attributes(unit: Unit) -> dict[str, str]:
    """The ``<target>`` attributes that say ``unit.state``."""
    if unit.state == State.APPROVED:
        return {"state": "final"}
    if unit.state == State.TRANSLATED:
        return {"state": "translated"}
    attrs = {"state": "needs-review-translation"}
    if unit.state == State.DRAFT and unit.origin:
        kind = unit.origin.split(":")[0]
        qualifier = {"mt": "leveraged-mt", "tm": "leveraged-tm"}.get(kind)
        if qualifier:
            attrs["state-qualifier"] = qualifier
    return attrs


def read_state(state: str | None, approved: bool, text: str) -> State:
    """The tmgr state an XLIFF target with this ``state`` attribute and text stands for."""
    if not text:
        return State.UNTRANSLATED
    if approved or state in _DONE:
        return State.APPROVED
    if state in _NEEDS_WORK:
        return State.NEEDS_EDITING
    return State.TRANSLATED


def _digest(state: State, text: str) -> str:
    return fingerprint("xliff", state.value, text)


def _notes(unit: Unit) -> list[tuple[str, str]]:
    notes = []
    if unit.context:
        notes.append((TOOL, f"where: {unit.context}"))
    if unit.origin:
        notes.append((TOOL, f"origin: {unit.origin}"))
    for comment in unit.comments:
        author, _, text = comment.partition(": ")
        notes.append((author, text) if text else ("", comment))
    return notes


def _trans_unit(body: etree._Element, unit: Unit) -> None:
    exported = unit.state if unit.target else State.UNTRANSLATED
    attrs = {"id": unit.key, _SPACE: "preserve"}
    if exported == State.APPROVED:
        attrs["approved"] = "yes"
    if unit.version is not None:
        shown = (State.UNTRANSLATED if exported == State.UNTRANSLATED
                 else read_state(target_attributes(unit)["state"], False, unit.target))
        attrs["extradata"] = f"tmgr:version={unit.version};digest={_digest(shown, unit.target)}"
    node = element(_Q + "trans-unit", attrs, parent=body)
    element(_Q + "source", text=unit.source, parent=node)
    if exported != State.UNTRANSLATED:
        element(_Q + "target", target_attributes(unit), text=unit.target, parent=node)
    for author, text in _notes(unit):
        element(_Q + "note", {"from": author or None}, text=text, parent=node)
    if unit.previous_source:
        alt = element(_Q + "alt-trans", {"alttranstype": "previous-version"}, parent=node)
        element(_Q + "source", text=unit.previous_source, parent=alt)
        element(_Q + "target", text=unit.target, parent=alt)


def _file(root: etree._Element, catalog: Catalog) -> None:
    attrs = {"original": catalog.document, "source-language": catalog.source_lang,
             "target-language": catalog.target_lang, "datatype": "plaintext",
             "tool-id": TOOL}
    if catalog.snapshot:
        attrs["date"] = as_utc(catalog.snapshot).strftime("%Y-%m-%dT%H:%M:%SZ")
    node = element(_Q + "file", attrs, parent=root)
    header = element(_Q + "header", parent=node)
    element(_Q + "tool", {"tool-id": TOOL, "tool-name": "tmgr", "tool-version": __version__},
            parent=header)
    if catalog.title:
        element(_Q + "note", {"from": TOOL}, text=f"title: {catalog.title}", parent=header)
    body = element(_Q + "body", parent=node)
    for unit in catalog.units:
        _trans_unit(body, unit)


def _language(code: str | None) -> str:
    return (code or "").replace("_", "-").split("-")[0].lower()


def _read_notes(node: etree._Element) -> tuple[dict[str, str], list[str]]:
    tool: dict[str, str] = {}
    comments: list[str] = []
    for note in node.findall(_Q + "note"):
        author, text = note.get("from", ""), text_of(note)
        if author == TOOL:
            key, _, value = text.partition(": ")
            tool[key] = value
        else:
            comments.append(f"{author}: {text}" if author else text)
    return tool, comments


_PO_MARKER = re.compile(r"^tmgr: version=(?P<version>\d+) digest=[0-9a-f]{12}$", re.M)


def _from_po(node: etree._Element) -> bool:
    """Whether a ``<file>`` was converted from a PO catalog (po2xliff): its states say
    only what the PO did (fuzzy or not), whatever ``approved`` it sets."""
    return PurePath(node.get("original") or "").suffix.lower() in (".po", ".pot")


def _read_po_unit(node: etree._Element, name: str) -> Unit:
    """A unit of a converted PO file: approved="yes" means "not fuzzy" there, and the PO's
    ``tmgr:`` note (kept as a note) names the exported version."""
    unit = _read_unit(node, name)
    if unit.state == State.APPROVED:
        unit.state = State.TRANSLATED
    marker = _PO_MARKER.search("\n".join(text_of(n) for n in node.iter(_Q + "note")))
    unit.version = int(marker["version"]) if marker else unit.version
    unit.comments = [c for c in unit.comments if not c.startswith("developer: ")]
    return unit


def _read_unit(node: etree._Element, name: str) -> Unit:
    key, source = node.get("id"), node.find(_Q + "source")
    if not key or source is None:
        raise FormatError(f"{name}:{line_of(node)}: trans-unit without id or source")
    target = node.find(_Q + "target")
    text = spaced_text(target)
    state = read_state(target.get("state") if target is not None else None,
                       node.get("approved") == "yes", text)
    marker = _EXTRADATA.search(node.get("extradata", ""))
    tool, comments = _read_notes(node)
    previous = node.find(f"{_Q}alt-trans[@alttranstype='previous-version']/{_Q}source")
    return Unit(key=key, source=spaced_text(source), target=text, state=state,
                previous_source=text_of(previous) or None, origin=tool.get("origin"),
                comments=comments, context=tool.get("where", ""),
                version=int(marker["version"]) if marker else None,
                edited=marker["digest"] != _digest(state, text) if marker else None,
                line=line_of(node),
                loose_space=target is not None and not preserves_space(target))


def _snapshot(value: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")) if value else None
    except ValueError:
        return None


def _read_file(node: etree._Element, name: str) -> Catalog:
    document, lang = node.get("original"), _language(node.get("target-language"))
    if not document or not lang:
        raise FormatError(f"{name}:{line_of(node)}: <file> needs original and "
                          "target-language attributes")
    header = node.find(_Q + "header")
    header_tool = _read_notes(header)[0] if header is not None else {}
    from_po = _from_po(node)
    read = _read_po_unit if from_po else _read_unit
    units = [read(unit, name) for unit in node.iter(_Q + "trans-unit")
             if unit.get("restype") != "x-gettext-domain-header"]
    if from_po:  # po2xliff names the file, not the document
        document = PurePath(document).stem
    return Catalog(document=document, target_lang=lang, units=units,
                   title=header_tool.get("title", ""),
                   source_lang=_language(node.get("source-language")) or "en",
                   snapshot=_snapshot(node.get("date")),
                   state_view=dict(PO_STATE_VIEW if from_po else STATE_VIEW))


def _as_1_2(root: etree._Element, name: str) -> etree._Element:
    """The XLIFF 1.2 root of a 1.2 or 1.1 file (1.1 elements moved into the 1.2 namespace);
    :class:`FormatError` naming any other version."""
    namespace, local = etree.QName(root).namespace, etree.QName(root).localname
    version = root.get("version", "")
    if local != "xliff":
        raise FormatError(f"{name}: not an XLIFF file (root element <{local}>)",
                          hint="tmgr reads XLIFF 1.1, 1.2 and 2.0")
    if namespace in (NS, NS_1_1) or (namespace is None and version in ("1.1", "1.2")):
        if namespace != NS:
            for node in root.iter(etree.Element):
                node.tag = _Q + etree.QName(node).localname
        return root
    shown = version or (namespace or "without a namespace")
    raise FormatError(f"{name}: this is XLIFF {shown}, which tmgr does not read",
                      hint="tmgr reads XLIFF 1.1, 1.2 and 2.0: save the file as XLIFF 1.2 "
                           "in your CAT tool, or import the PO file instead")


class XliffFormat(CatalogFormat):
    """XLIFF 1.2, valid against the OASIS strict schema."""

    name = "xliff"
    extension = ".xlf"
    media_type = "application/x-xliff+xml"
    description = "XLIFF 1.2 (memoQ, OmegaT, Trados and other CAT tools)"
    import_extensions = (".xliff",)
    multiple = True

    def sniff(self, data: bytes) -> bool:
        """Any XLIFF but 2.x: :meth:`load` names the version it cannot read."""
        head = xml_head(data)
        return ((b"<xliff" in head or b"xliff:document:1." in head)
                and b"xliff:document:2." not in head)

    def dump(self, catalogs: Sequence[Catalog]) -> bytes:
        root = etree.Element(_Q + "xliff", {"version": "1.2"}, nsmap={None: NS})
        for catalog in catalogs:
            _file(root, catalog)
        return xml_bytes(root)

    def load(self, data: bytes, name: str) -> list[Catalog]:
        self.check_size(data, name)
        root = _as_1_2(parse_xml(data, name), name)
        files = root.findall(_Q + "file")
        if not files:
            raise FormatError(f"{name}: the XLIFF file has no <file> element")
        return [_read_file(node, name) for node in files]
