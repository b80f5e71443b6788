"""The shape every format shares: a name, an extension, and one of three jobs.

* :class:`PublishFormat` renders an :class:`Article` (txt, md, html): one way only.
* :class:`CatalogFormat` dumps and loads :class:`Catalog` objects (PO, XLIFF).
* :class:`MemoryFormat` dumps and loads a :class:`Memory` (TMX).
* :class:`GlossaryFormat` dumps and loads glossary :class:`TermRecord` rows (CSV, TBX).

Formats never touch the database; they raise :class:`FormatError` on bad input.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from typing import ClassVar

from tmgr.errors import FormatError
from tmgr.formats.model import Article, ArticleBlock, Catalog, Memory, TermBase, TermRecord

#: the largest file tmgr reads for import, in bytes
MAX_IMPORT_BYTES = 50 * 1024 * 1024


class Format(ABC):
    """A file format tmgr writes (and maybe reads)."""

    name: ClassVar[str]  # what --format takes
    extension: ClassVar[str]  # what exported files end with, with the dot
    media_type: ClassVar[str]
    kind: ClassVar[str]  # publish, catalog, memory or glossary
    description: ClassVar[str]
    #: extensions recognised on import (besides ``extension``)
    import_extensions: ClassVar[tuple[str, ...]] = ()

    @property
    def readable(self) -> bool:
        return self.kind != "publish"

    def check_size(self, data: bytes, name: str) -> None:
        """Refuse files too large to be a real catalog or memory."""
        if len(data) > MAX_IMPORT_BYTES:
            raise FormatError(f"{name}: {len(data):,} bytes is too large to import",
                              hint=f"the limit is {MAX_IMPORT_BYTES // (1024 * 1024)} MB")

    def sniff(self, data: bytes) -> bool:
        """Whether ``data`` looks like this format (for files with a shared extension)."""
        return True


class PublishFormat(Format):
    """A final text for readers: rendered from an article, never read back."""

    kind = "publish"

    @abstractmethod
    def render(self, article: Article) -> bytes:
        """The article as a complete UTF-8 file."""


class CatalogFormat(Format):
    """A bilingual file for translators that round-trips through their tools."""

    kind = "catalog"
    #: whether one file can hold several catalogs (documents × languages)
    multiple: ClassVar[bool] = False

    @abstractmethod
    def dump(self, catalogs: Sequence[Catalog]) -> bytes:
        """The catalogs as one file."""

    @abstractmethod
    def load(self, data: bytes, name: str) -> list[Catalog]:
        """Read a file back; :class:`FormatError` naming ``name`` and the line if malformed."""

    def _one(self, catalogs: Sequence[Catalog]) -> Catalog:
        if len(catalogs) != 1:
            raise ValueError(f"a {self.name} file holds exactly one catalog, "
                             f"not {len(catalogs)}")
        return catalogs[0]


class MemoryFormat(Format):
    """A translation memory exchange file."""

    kind = "memory"

    @abstractmethod
    def dump(self, memory: Memory) -> bytes:
        """The memory as one file."""

    @abstractmethod
    def load(self, data: bytes, name: str) -> Memory:
        """Read a memory file; :class:`FormatError` naming ``name`` and the line if malformed."""


class GlossaryFormat(Format):
    """A term base file: English terms with approved and forbidden renderings per language."""

    kind = "glossary"

    @abstractmethod
    def dump(self, records: Sequence[TermRecord], languages: Sequence[str]) -> bytes:
        """The entries as one file (a format with fixed columns writes ``languages``')."""

    @abstractmethod
    def read(self, data: bytes, name: str, languages: Sequence[str],
             columns: Sequence[str] | None = None) -> TermBase:
        """Read a glossary file: its entries in ``languages`` and what was left out;
        :class:`FormatError` naming ``name`` and the line if malformed.

        ``columns`` names the columns of a file without a header row (``term``, a
        language, ``<lang>_forbidden``, ``note``, ``do_not_translate``, ``-``).
        """

    def load(self, data: bytes, name: str, languages: Sequence[str],
             columns: Sequence[str] | None = None) -> list[TermRecord]:
        """The entries of :meth:`read`."""
        return self.read(data, name, languages, columns).records


_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def decode_text(data: bytes, name: str, hint: str) -> str:
    """A text file as text: UTF-8 (a byte-order mark allowed) or UTF-16 (with a mark, or
    without one when every other byte is NUL); :class:`FormatError` with the line if not."""
    codec = "utf-8-sig"
    if data.startswith(_UTF16_BOMS):
        codec = "utf-16"
    elif len(data) >= 4 and data[1:40:2].count(0) > 15 and not data[0:40:2].count(0):
        codec = "utf-16-le"
    elif len(data) >= 4 and data[0:40:2].count(0) > 15 and not data[1:40:2].count(0):
        codec = "utf-16-be"
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        shown = "UTF-8" if codec == "utf-8-sig" else "UTF-16"
        line = data[:exc.start].count(b"\n") + 1 if shown == "UTF-8" else 1
        raise FormatError(f"{name}:{line}: not {shown} text", hint=hint) from exc


def body_groups(blocks: Sequence[ArticleBlock]) -> list[list[ArticleBlock]]:
    """The body in reading order, with consecutive list items gathered into one list."""
    groups: list[list[ArticleBlock]] = []
    for block in blocks:
        if block.kind == "list_item" and groups and groups[-1][0].kind == "list_item":
            groups[-1].append(block)
        else:
            groups.append([block])
    return groups
