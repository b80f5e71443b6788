"""What a unit of an imported catalog asks for, beside its text: the rules that keep
a state from changing unless the file says so (:mod:`tmgr.exchange.imports`)."""

from __future__ import annotations

from collections.abc import Iterable

from tmgr.formats.model import Catalog, Unit
from tmgr.store.models import Segment, Translation


def unique_sources(segments: Iterable[Segment]) -> dict[str, Segment]:
    """The segments by English sentence, for the sentences that occur once."""
    found: dict[str, Segment | None] = {}
    for segment in segments:
        found[segment.source] = None if segment.source in found else segment
    return {source: segment for source, segment in found.items() if segment is not None}


def says_new_state(unit: Unit, catalog: Catalog, translation: Translation) -> bool:
    """Whether a unit whose text is tmgr's asks for another state.

    The file shows tmgr's state as well as it can (PO: approved as translated, a draft
    as fuzzy); only a state other than that counts. Without tmgr's export marker a
    lower state is not taken as asked for: converters (xliff2po, po2xliff) and
    comment-stripping tools lower flags nobody changed; a higher one (a draft made
    non-fuzzy, a target marked final) is a decision only a person makes.
    """
    shown = catalog.shows(translation.state)
    if unit.state == shown:
        return False
    return unit.edited is True or (unit.edited is None and unit.state > shown)


def same_text(ours: str, theirs: str, loose_space: bool) -> bool:
    """Whether a file's text is tmgr's; a file that did not keep white space may differ
    in spacing only."""
    return ours == theirs or (loose_space and ours.split() == theirs.split())

