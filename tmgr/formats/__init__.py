"""Export and import formats: one module per format over :mod:`tmgr.formats.base`.

:data:`FORMATS` is the registry of document formats, keyed by the name ``--format``
of ``tmgr export`` takes; :func:`format_for_file` finds the reader of an imported
file by its extension (and, where versions share one, by its content).
:data:`GLOSSARY_FORMATS` is the registry of term base formats (``tmgr glossary``).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePath

from tmgr.errors import FormatError, TmgrError
from tmgr.formats.base import CatalogFormat, Format, GlossaryFormat, MemoryFormat, PublishFormat
from tmgr.formats.glossary_csv import GlossaryCsvFormat, GlossaryTabFormat
from tmgr.formats.html import HtmlFormat
from tmgr.formats.md import MarkdownFormat
from tmgr.formats.po import PoFormat
from tmgr.formats.tbx import TbxFormat
from tmgr.formats.tmx import TmxFormat
from tmgr.formats.txt import TextFormat
from tmgr.formats.xliff import XliffFormat
from tmgr.formats.xliff2 import Xliff2Format

FORMATS: dict[str, Format] = {
    fmt.name: fmt for fmt in (TextFormat(), MarkdownFormat(), HtmlFormat(), PoFormat(),
                              XliffFormat(), Xliff2Format(), TmxFormat())
}
PUBLISHABLE = tuple(name for name, fmt in FORMATS.items() if fmt.kind == "publish")
GLOSSARY_FORMATS: dict[str, GlossaryFormat] = {
    fmt.name: fmt for fmt in (GlossaryCsvFormat(), GlossaryTabFormat(), TbxFormat())
}


def get_format(name: str) -> Format:
    """The format called ``name``, or an error listing the known ones."""
    fmt = FORMATS.get(name.strip().lower().lstrip("."))
    if fmt is None:
        raise TmgrError(f"unknown format {name!r}", hint=f"formats: {', '.join(FORMATS)}")
    return fmt


def parse_formats(option: str | Iterable[str]) -> list[Format]:
    """``txt,md,po`` as formats, in the order given, without repeats."""
    names = option.split(",") if isinstance(option, str) else list(option)
    chosen: list[Format] = []
    for name in names:
        if name.strip():
            fmt = get_format(name)
            if fmt not in chosen:
                chosen.append(fmt)
    if not chosen:
        raise TmgrError("no format given", hint=f"formats: {', '.join(FORMATS)}")
    return chosen


def format_for_file(name: str, data: bytes) -> CatalogFormat | MemoryFormat:
    """The reader for an imported file, by extension (content decides between versions)."""
    suffix = PurePath(name).suffix.lower()
    candidates = [fmt for fmt in FORMATS.values() if fmt.readable
                  and suffix in (fmt.extension, *fmt.import_extensions)]
    for fmt in candidates:
        if fmt.sniff(data):
            assert isinstance(fmt, CatalogFormat | MemoryFormat)
            return fmt
    readable = sorted({ext for fmt in FORMATS.values() if fmt.readable
                       for ext in (fmt.extension, *fmt.import_extensions)})
    if candidates:
        raise FormatError(f"{name}: not a {candidates[0].name} file tmgr can read")
    raise FormatError(f"{name}: tmgr imports {', '.join(readable)} files, not {suffix or 'this'}")


def get_glossary_format(name: str) -> GlossaryFormat:
    """The glossary format called ``name``, or an error listing the known ones."""
    fmt = GLOSSARY_FORMATS.get(name.strip().lower().lstrip("."))
    if fmt is None:
        raise FormatError(f"unknown glossary format {name!r}",
                          hint=f"use {' or '.join(GLOSSARY_FORMATS)}")
    return fmt


def glossary_format_for_file(name: str, chosen: str | None = None) -> GlossaryFormat:
    """The glossary format ``chosen``, or else the one ``name``'s extension names."""
    if chosen:
        return get_glossary_format(chosen)
    suffix = PurePath(name).suffix.lower()
    fmt = next((fmt for fmt in GLOSSARY_FORMATS.values()
                if suffix in (fmt.extension, *fmt.import_extensions)), None)
    if fmt is None:
        raise FormatError(f"cannot tell the glossary format of {name!r}",
                          hint="use " + " or ".join(f"--format {n}" for n in GLOSSARY_FORMATS))
    return fmt


__all__ = ["FORMATS", "GLOSSARY_FORMATS", "PUBLISHABLE", "CatalogFormat", "Format",
           "GlossaryFormat", "MemoryFormat", "PublishFormat", "format_for_file",
           "get_format", "get_glossary_format", "glossary_format_for_file", "parse_formats"]
