"""The readers' registry, keyed by extension: which reader reads a file name.

To support a new format, subclass :class:`tmgr.readers.base.Reader` in a module of
its own, set ``suffixes`` and implement ``read``, then add it to ``_READER_CLASSES``.
"""

from __future__ import annotations

from pathlib import PurePath

from tmgr.errors import IngestError
from tmgr.readers.base import Reader
from tmgr.readers.html import HtmlReader
from tmgr.readers.markdown import MarkdownReader
from tmgr.readers.text import TextReader

_READER_CLASSES: tuple[type[Reader], ...] = (TextReader, MarkdownReader, HtmlReader)

READERS: dict[str, Reader] = {
    suffix: reader_class()
    for reader_class in _READER_CLASSES
    for suffix in reader_class.suffixes
}
SOURCE_SUFFIXES: frozenset[str] = frozenset(READERS)


def supported_suffixes() -> str:
    """The supported extensions, for messages: ``.htm, .html, .markdown, .md, .txt``."""
    return ", ".join(sorted(SOURCE_SUFFIXES))


def reader_for(name: str) -> Reader:
    """The reader for a file name's extension (case-insensitive), or IngestError."""
    suffix = PurePath(name).suffix.lower()
    reader = READERS.get(suffix)
    if reader is None:
        problem = f"unsupported file type {suffix!r}" if suffix else "no file extension"
        raise IngestError(f"cannot read {name}: {problem}",
                          hint=f"save the commentary as one of {supported_suffixes()}")
    return reader


__all__ = ["READERS", "SOURCE_SUFFIXES", "Reader", "reader_for", "supported_suffixes"]
