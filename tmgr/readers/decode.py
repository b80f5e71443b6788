"""Bytes to text: the size limit, the encoding (UTF-8, UTF-16/32 with a BOM, cp1251
Cyrillic) and the refusal of binary files, each with one clear :class:`IngestError`."""

from __future__ import annotations

import codecs
import re

from tmgr.errors import IngestError

MAX_SOURCE_BYTES = 2 * 1024 * 1024
#: more control bytes than this share of a file means it is not text
BINARY_CONTROL_SHARE = 0.05
#: more undecodable bytes than this share (when no encoding fits) means binary
BINARY_UNDECODABLE_SHARE = 0.3

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL_BYTES = bytes([*range(0, 9), 11, 12, *range(14, 32), 127])
_CONTROL_CHARS_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CYRILLIC_RE = re.compile("[\u0400-\u04ff]")
_LATIN_RE = re.compile("[A-Za-z]")
_WORD_RE = re.compile(r"\w+")
#: non-ASCII, non-Cyrillic characters that are common in Cyrillic cp1251 text
_CP1251_TYPOGRAPHY = frozenset("«»–—…“”„‘’№•\u00a0")
_BINARY_HINT = ("save the commentary as text: .txt, .md or .html in UTF-8 "
                "(export a .docx or .pdf to one of these first)")


def decode_source(raw: bytes, name: str) -> tuple[str, list[str]]:
    """Decode a source's bytes to text with ``\\n`` line ends; return it and warnings.

    UTF-8 (with or without BOM) and UTF-16/32 with a BOM are read as such; other bytes
    are read as cp1251 only when that yields Cyrillic text. Control characters other
    than newline and tab are stripped, with a warning.
    """
    if not raw:
        raise IngestError(f"{name} is empty", hint="export the commentary again")
    text, warnings = _decode(raw, name)
    text = text.replace("\ufeff", "").replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    text, stripped = _CONTROL_CHARS_RE.subn("", text)
    if stripped:
        noun = "character" if stripped == 1 else "characters"
        warnings.append(f"{stripped} control {noun} stripped")
    if not text.strip():
        raise IngestError(f"{name} contains only whitespace",
                          hint="export the commentary again; the file has no text")
    return text, warnings


def _decode(raw: bytes, name: str) -> tuple[str, list[str]]:
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            return _decode_with_bom(raw, name, encoding)
    if _mostly_control_bytes(raw):
        raise IngestError(f"{name} looks like a binary file, not text", hint=_BINARY_HINT)
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    cyrillic = _decode_cp1251(raw)
    if cyrillic is not None:
        return cyrillic, ["decoded as cp1251 (Windows Cyrillic), not UTF-8; "
                          "save the file as UTF-8 to be sure"]
    undecodable = raw.decode("utf-8", errors="replace").count("\ufffd")
    if undecodable > BINARY_UNDECODABLE_SHARE * len(raw):
        raise IngestError(f"{name} looks like a binary file, not text", hint=_BINARY_HINT)
    line = raw[:first_bad].count(b"\n") + 1
    raise IngestError(f"{name} is not UTF-8 text (first bad byte on line {line})",
                      hint="save it as UTF-8")


def _decode_with_bom(raw: bytes, name: str, encoding: str) -> tuple[str, list[str]]:
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError as exc:
        label = encoding.upper().removesuffix("-SIG")
        raise IngestError(f"{name} starts with a {label} byte order mark but is not "
                          f"valid {label}", hint="save it as UTF-8") from exc
    if "\x00" in text or _mostly_control_chars(text):
        raise IngestError(f"{name} looks like a binary file, not text", hint=_BINARY_HINT)
    warnings = [] if encoding == "utf-8-sig" else [f"decoded as {encoding.upper()}"]
    return text, warnings


def _mostly_control_bytes(raw: bytes) -> bool:
    controls = len(raw) - len(raw.translate(None, delete=_CONTROL_BYTES))
    return b"\x00" in raw or controls > BINARY_CONTROL_SHARE * len(raw)


def _mostly_control_chars(text: str) -> bool:
    controls = sum(1 for char in text if char < " " and char not in "\t\n\r")
    return controls > BINARY_CONTROL_SHARE * len(text)


def _decode_cp1251(raw: bytes) -> str | None:
    """The cp1251 reading of ``raw`` if it is Cyrillic text, else None.

    Rejected: bytes cp1251 does not define, characters that are neither ASCII,
    Cyrillic nor common typography, and words mixing Latin and Cyrillic letters (what
    Latin-1 text such as "café" becomes: "cafй").
    """
    try:
        text = raw.decode("cp1251")
    except UnicodeDecodeError:
        return None
    odd = sum(1 for char in text if not (char.isascii() or _CYRILLIC_RE.match(char)
                                         or char in _CP1251_TYPOGRAPHY))
    cyrillic_words = [word for word in _WORD_RE.findall(text) if _CYRILLIC_RE.search(word)]
    mixed = sum(1 for word in cyrillic_words if _LATIN_RE.search(word))
    if not cyrillic_words or odd > 0.01 * len(text) or mixed > 0.05 * len(cyrillic_words):
        return None
    return text


def check_size(size: int, name: str) -> None:
    if size > MAX_SOURCE_BYTES:
        raise IngestError(
            f"{name} is too large: {size / 1024 / 1024:.1f} MB ({size:,} bytes); the limit "
            f"is {MAX_SOURCE_BYTES // 1024 // 1024} MB ({MAX_SOURCE_BYTES:,} bytes)",
            hint="import the article text only, without embedded images or page assets")
