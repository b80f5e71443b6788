"""XLIFF 2.0 for newer CAT tools: one ``<file>`` per document, one target language per file.

Each segment is a ``<unit id="key">`` with one ``<segment>``. States:

==============  ================================================
tmgr            XLIFF 2.0 ``<segment state subState>``
==============  ================================================
untranslated    ``initial``, no ``<target>``
draft           ``initial`` + ``subState="tmgr:draft"``
needs_editing   ``initial`` + ``subState="tmgr:needs_editing"``
translated      ``translated``
approved        ``final``
==============  ================================================

On import ``initial`` with text (or no ``state``, which the specification makes
``initial``) reads as needs_editing, ``translated`` as translated,
``reviewed``/``final`` as approved. tmgr's notes are
``<note category="tmgr-...">``; the version and digest are in ``tmgr-export``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime

from lxml import etree

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

NS = "urn:oasis:names:tc:xliff:document:2.0"
_Q = f"{{{NS}}}"
_SPACE = f"{{{XML_NS}}}space"
_MARKER = re.compile(r"version=(?P<version>\d+);digest=(?P<digest>[0-9a-f]{12})")
_STATES = {State.TRANSLATED: "translated", State.APPROVED: "final"}
_TOOL = "tmgr-"
#: what XLIFF 2.0 cannot say in ``state``: a draft reads back as needs editing
STATE_VIEW = {State.DRAFT: State.NEEDS_EDITING}


def read_state(state: str | None, text: str) -> State:
    """The tmgr state a segment with this ``state`` and target text stands for."""
    if not text:
        return State.UNTRANSLATED
    if state in ("reviewed", "final"):
        return State.APPROVED
    if state == "translated":
        return State.TRANSLATED
    return State.NEEDS_EDITING  # "initial", which a segment without a state is


def _digest(state: State, text: str) -> str:
    return fingerprint("xliff2", state.value, text)


def _notes(parent: etree._Element, unit: Unit, digest: str | None) -> None:
    notes: list[tuple[str, str]] = []
    if unit.context:
        notes.append((_TOOL + "where", unit.context))
    if unit.origin:
        notes.append((_TOOL + "origin", unit.origin))
    if unit.previous_source:
        notes.append((_TOOL + "previous-source", unit.previous_source))
    if digest is not None:
        notes.append((_TOOL + "export", f"version={unit.version};digest={digest}"))
    notes += [("comment", comment) for comment in unit.comments]
    if notes:
        holder = element(_Q + "notes", parent=parent)
        for number, (category, text) in enumerate(notes, start=1):
            element(_Q + "note", {"id": f"n{number}", "category": category}, text=text,
                    parent=holder)


def _unit(parent: etree._Element, unit: Unit) -> None:
    exported = unit.state if unit.target else State.UNTRANSLATED
    node = element(_Q + "unit", {"id": unit.key}, parent=parent)
    digest = (_digest(read_state(_STATES.get(exported, "initial"), unit.target), unit.target)
              if unit.version is not None else None)
    _notes(node, unit, digest)
    attrs = {"state": _STATES.get(exported, "initial")}
    if exported in (State.DRAFT, State.NEEDS_EDITING):
        attrs["subState"] = f"tmgr:{exported.value}"
    segment = element(_Q + "segment", attrs, parent=node)
    element(_Q + "source", {_SPACE: "preserve"}, text=unit.source, parent=segment)
    if exported != State.UNTRANSLATED:
        element(_Q + "target", {_SPACE: "preserve"}, text=unit.target, parent=segment)


def _read_unit(node: etree._Element, name: str) -> Unit:
    key, segments = node.get("id"), node.findall(_Q + "segment")
    if not key or len(segments) != 1 or segments[0].find(_Q + "source") is None:
        raise FormatError(f"{name}:{line_of(node)}: a unit needs an id and exactly one "
                          "segment with a source (tmgr exports one sentence per unit)")
    segment = segments[0]
    target = segment.find(_Q + "target")
    text = spaced_text(target)
    state = read_state(segment.get("state"), text)
    notes: dict[str, str] = {}
    comments = []
    for note in node.findall(f"{_Q}notes/{_Q}note"):
        category = note.get("category", "")
        if category.startswith(_TOOL):
            notes[category[len(_TOOL):]] = text_of(note)
        else:
            comments.append(text_of(note))
    marker = _MARKER.fullmatch(notes.get("export", ""))
    return Unit(key=key, source=spaced_text(segment.find(_Q + "source")), target=text,
                state=state, previous_source=notes.get("previous-source"),
                origin=notes.get("origin"), comments=comments, context=notes.get("where", ""),
                version=int(marker["version"]) if marker else None,
                edited=marker["digest"] != _digest(state, text) if marker else None,
                line=line_of(node),
                loose_space=target is not None and not preserves_space(target))


def _snapshot(node: etree._Element) -> datetime | None:
    value = text_of(node.find(f"{_Q}notes/{_Q}note[@category='{_TOOL}snapshot']"))
    try:
        return datetime.fromisoformat(value) if value else None
    except ValueError:
        return None


class Xliff2Format(CatalogFormat):
    """XLIFF 2.0 core."""

    name = "xliff2"
    extension = ".xliff"
    media_type = "application/xliff+xml"
    description = "XLIFF 2.0 (newer CAT tools)"
    import_extensions = (".xlf",)
    multiple = True

    def sniff(self, data: bytes) -> bool:
        return NS.encode() in xml_head(data)

    def dump(self, catalogs: Sequence[Catalog]) -> bytes:
        languages = {catalog.target_lang for catalog in catalogs}
        if len(languages) != 1:
            raise ValueError("an XLIFF 2.0 file holds one target language")
        root = etree.Element(_Q + "xliff", {"version": "2.0", "srcLang": "en",
                                            "trgLang": languages.pop()}, nsmap={None: NS})
        for catalog in catalogs:
            node = element(_Q + "file", {"id": catalog.document}, parent=root)
            notes = element(_Q + "notes", parent=node)
            element(_Q + "note", {"id": "f1", "category": _TOOL + "title"},
                    text=catalog.title, parent=notes)
            if catalog.snapshot:
                element(_Q + "note", {"id": "f2", "category": _TOOL + "snapshot"},
                        text=as_utc(catalog.snapshot).isoformat(), parent=notes)
            for unit in catalog.units:
                _unit(node, unit)
        return xml_bytes(root)

    def load(self, data: bytes, name: str) -> list[Catalog]:
        self.check_size(data, name)
        root = parse_xml(data, name)
        lang = (root.get("trgLang") or "").replace("_", "-").split("-")[0].lower()
        if root.tag != _Q + "xliff" or not lang:
            raise FormatError(f"{name}: not an XLIFF 2.0 file with a trgLang")
        catalogs = []
        for node in root.findall(_Q + "file"):
            title = text_of(node.find(f"{_Q}notes/{_Q}note[@category='{_TOOL}title']"))
            catalogs.append(Catalog(document=node.get("id", ""), target_lang=lang,
                                    units=[_read_unit(u, name) for u in node.iter(_Q + "unit")],
                                    title=title, snapshot=_snapshot(node),
                                    state_view=dict(STATE_VIEW)))
        if not catalogs:
            raise FormatError(f"{name}: the XLIFF file has no <file> element")
        return catalogs
