"""The one tokenizer of the TM: fuzzy scores and word diffs cut text the same way.

A token is a number (``1,000.5``, ``12:30``), a word (with inner apostrophes or
hyphens: ``Lukashenka's``, ``пад'езд``, ``so-called``) or one punctuation mark.
:func:`pieces` adds what lies between the tokens (whitespace), so that joining the
pieces gives the text back.
"""

from __future__ import annotations

import re

TOKEN = re.compile(r"\d+(?:[.,:]\d+)*|\w+(?:[’'-]\w+)*|[^\w\s]")
_PIECE = re.compile(TOKEN.pattern + r"|\s+")


def tokenize(text: str) -> list[str]:
    """Words, numbers and single punctuation marks of ``text``."""
    return TOKEN.findall(text)


def pieces(text: str) -> list[str]:
    """The tokens of ``text`` and the whitespace runs between them; ``"".join`` gives it back."""
    return _PIECE.findall(text)
