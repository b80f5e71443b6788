"""The read of a commentary source, end to end: decode, size, pick the reader, parse, explain.

The walk goes down, never back up: :mod:`~tmgr.readers.read` (the entry points
``read_commentary(path)`` and ``parse_commentary(raw, name)``) uses
:mod:`~tmgr.readers.decode` (bytes to text, the size limit),
:mod:`~tmgr.readers.registry` (the reader a file's extension picks: one module per
format, :mod:`~tmgr.readers.text`, :mod:`~tmgr.readers.markdown`,
:mod:`~tmgr.readers.html`, over :mod:`~tmgr.readers.base`) and
:mod:`~tmgr.readers.assemble` (header, boilerplate, blocks); :mod:`~tmgr.readers.report`
explains a reading (``tmgr ingest --explain``). What a reading produces is in
:mod:`~tmgr.readers.model`. This package only re-exports those names; no module in it
imports it.
"""

from __future__ import annotations

from tmgr.readers.base import Reader
from tmgr.readers.boilerplate import BoilerplateRules
from tmgr.readers.decode import MAX_SOURCE_BYTES, decode_source
from tmgr.readers.metadata import Vocabulary, parse_week_range
from tmgr.readers.model import ParsedBlock, ParsedCommentary, WeekRange
from tmgr.readers.read import parse_commentary, read_commentary
from tmgr.readers.registry import READERS, SOURCE_SUFFIXES, reader_for, supported_suffixes

__all__ = [
    "MAX_SOURCE_BYTES", "READERS", "SOURCE_SUFFIXES", "BoilerplateRules", "ParsedBlock",
    "ParsedCommentary", "Reader", "Vocabulary", "WeekRange", "decode_source",
    "parse_commentary", "parse_week_range", "read_commentary", "reader_for",
    "supported_suffixes",
]
