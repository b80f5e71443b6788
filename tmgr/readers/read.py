"""Read a commentary source file (.txt, .md, .html) into metadata and text blocks.

Pure parsing, no database; the walk goes one way: the file's size and bytes
(:mod:`~tmgr.readers.decode`), the reader its extension picks
(:mod:`~tmgr.readers.registry`), the lines it reads, and the assembly into a
:class:`~tmgr.readers.model.ParsedCommentary` (:mod:`~tmgr.readers.assemble`).
``read_commentary(path)`` is the entry point for files, ``parse_commentary(raw, name)``
for bytes already in memory (uploads, tests). Bad input raises one
:class:`~tmgr.errors.IngestError` saying what is wrong and what to do; nothing partial
is returned. The site's boilerplate and header vocabulary are data in
``tmgr/data/*.toml``.
"""

from __future__ import annotations

import pathlib

from tmgr.errors import IngestError
from tmgr.readers.assemble import Context, assemble
from tmgr.readers.boilerplate import BoilerplateRules, default_rules
from tmgr.readers.decode import MAX_SOURCE_BYTES, check_size, decode_source
from tmgr.readers.metadata import Vocabulary, default_vocabulary
from tmgr.readers.model import ParsedCommentary
from tmgr.readers.registry import reader_for


def parse_commentary(raw: bytes, name: str, rules: BoilerplateRules | None = None, *,
                     vocabulary: Vocabulary | None = None) -> ParsedCommentary:
    """Parse a commentary's bytes; ``name`` (the file name) picks the format.

    ``rules`` and ``vocabulary`` default to the shipped ``tmgr/data`` files.
    """
    reader = reader_for(name)
    check_size(len(raw), name)
    text, warnings = decode_source(raw, name)
    context = Context(rules=rules or default_rules(),
                      vocabulary=vocabulary or default_vocabulary(), name=name)
    commentary = assemble(reader.read(text), reader, context)
    commentary.warnings[:0] = warnings
    return commentary


def read_commentary(path: pathlib.Path, rules: BoilerplateRules | None = None) -> ParsedCommentary:
    """Read and parse a commentary file, refusing files over MAX_SOURCE_BYTES."""
    path = pathlib.Path(path)
    reader_for(path.name)
    try:
        check_size(path.stat().st_size, path.name)
        with path.open("rb") as handle:
            raw = handle.read(MAX_SOURCE_BYTES + 1)
    except OSError as exc:
        raise IngestError(f"cannot read {path}: {exc.strerror or exc}",
                          hint="check that the file exists and is readable") from exc
    return parse_commentary(raw, path.name, rules)
