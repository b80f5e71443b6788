"""Text tmgr can store and every format can write: no control characters, no lone surrogates.

XML 1.0 (XLIFF, TMX) cannot hold C0 control characters other than tab and line
breaks, lone UTF-16 surrogates, U+FFFE or U+FFFF; no database or PO file wants
them either. :func:`check_text` refuses them at every entry (saves, comments,
imports); :func:`xml_safe` drops them from data stored before they were refused.
"""

from __future__ import annotations

import re

from tmgr.errors import TextError
from tmgr.qa.messages import N_

_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def bad_character(text: str) -> tuple[int, str] | None:
    """The position and character of the first forbidden character, or None."""
    found = _FORBIDDEN.search(text)
    return (found.start(), found.group()) if found else None


def describe(char: str) -> str:
    """``U+0000`` style, as a user can search for it."""
    kind = N_("a lone surrogate") if "\ud800" <= char <= "\udfff" else N_("a control character")
    return N_("%(code)s (%(kind)s)", code="U+" + format(ord(char), "04X"), kind=kind)


def check_text(text: str, *, what: str = N_("the translation"), where: str = "") -> None:
    """Raise :class:`TextError` when ``text`` holds a character tmgr refuses to store."""
    found = bad_character(text)
    if found is None:
        return
    position, char = found
    said = N_("%(what)s contains %(char)s at character %(num)s; nothing was saved", what=what,
              char=describe(char), num=position + 1)
    raise TextError(N_("%(place)s: %(problem)s", place=where, problem=said) if where else said,
                    hint=N_("remove it (it usually comes from a copy-paste or a broken file)"))


def xml_safe(text: str) -> str:
    """``text`` without the characters XML cannot hold (for data stored before 0.2)."""
    return _FORBIDDEN.sub("", text)


_BREAKS = re.compile(r"[\s\x00-\x1f\x7f\u2028\u2029\x85]+")


def one_line(text: str) -> str:
    """``text`` on one line: line breaks, tabs and control characters become one space.

    For mail headers and other places where a line break would start a new field.
    """
    return _BREAKS.sub(" ", _FORBIDDEN.sub(" ", text)).strip()


_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def visible(text: str) -> str:
    """``text`` with every control character shown as an escape (``\\n``, ``\\x00``).

    For printing stored values one per line: a line break cannot forge a line.
    """
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"),
                            text)


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    """A cell a spreadsheet shows as text, never runs (OWASP's CSV injection advice).

    Text starting with ``= + - @``, a tab or a carriage return gets a leading ``'``;
    other values are returned as they are. :func:`csv_text` reads it back.
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_text(cell: str) -> str:
    """The text :func:`csv_cell` wrote: its protective ``'`` removed."""
    if cell.startswith("'") and cell[1:2] and cell[1:].startswith(FORMULA_STARTS):
        return cell[1:]
    return cell
