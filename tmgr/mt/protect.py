"""What an engine must not touch, and texts too long for one request.

URLs, e-mail addresses and inline markup (tags, entities) are swapped for numbered
tokens like ``[X1X]`` before a text leaves, and put back afterwards. Engines
sometimes add spaces inside a token or transliterate its letters; :meth:`Protected.restore`
accepts those. :func:`missing_spans` tells whether a draft lost any of them.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from tmgr.errors import MTError
from tmgr.qa.messages import N_

_PROTECTED = re.compile(
    r"""(?:https?://|www\.)[^\s<>"]+            # a URL
      | (?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+  # an e-mail address
      | </?[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>       # an HTML/XML tag
      | &(?:[A-Za-z]+|\#\d+|\#x[0-9A-Fa-f]+);    # an entity
      | \[X\d+X\]                                # something that looks like our token
    """, re.VERBOSE)
_URL_TAIL = ".,;:!?'\"»”’"
#: a token as engines give it back: spaces inside, Cyrillic Х, lower case
_RETURNED_TOKEN = re.compile(r"\[\s*[XxХх]\s*(\d+)\s*[XxХх]\s*\]")
#: where a long text may be split, from the best place to the last resort
_SPLIT_LEVELS = (
    re.compile(r"[.!?…][\"'»”’)\]]*\s+"),
    re.compile(r"[;:]\s+"),
    re.compile(r",\s+"),
    re.compile(r"\s+"),
)


def token(number: int) -> str:
    return f"[X{number}X]"


def _trim(span: str) -> str:
    """Drop sentence punctuation a URL picked up at its end; keep balanced brackets."""
    while span and (span[-1] in _URL_TAIL
                    or span[-1] == ")" and span.count("(") < span.count(")")):
        span = span[:-1]
    return span


def spans(text: str) -> list[str]:
    """The protected pieces of ``text`` in order of appearance."""
    found = []
    for match in _PROTECTED.finditer(text):
        span = match.group()
        if span.startswith(("http", "www.")):
            span = _trim(span)
        if span:
            found.append(span)
    return found


@dataclass(frozen=True)
class Protected:
    """A text with its protected pieces replaced by tokens ``[X1X]``, ``[X2X]``..."""

    text: str
    originals: tuple[str, ...]

    def restore(self, translated: str) -> str:
        """Put the originals back where the engine left the tokens."""
        def put_back(match: re.Match[str]) -> str:
            number = int(match.group(1))
            return self.originals[number - 1] if 0 < number <= len(self.originals) \
                else match.group()
        return _RETURNED_TOKEN.sub(put_back, translated) if self.originals else translated


def protect(text: str) -> Protected:
    """Replace URLs, e-mail addresses and markup in ``text`` by numbered tokens."""
    originals: list[str] = []
    pieces: list[str] = []
    cursor = 0
    for span in spans(text):
        start = text.index(span, cursor)
        pieces.append(text[cursor:start])
        originals.append(span)
        pieces.append(token(len(originals)))
        cursor = start + len(span)
    pieces.append(text[cursor:])
    return Protected("".join(pieces), tuple(originals))


def missing_spans(source: str, target: str) -> list[str]:
    """Protected pieces of ``source`` that ``target`` lacks (or has fewer times)."""
    wanted = Counter(spans(source))
    if not wanted:
        return []
    missing: list[str] = []
    for span, count in wanted.items():
        missing.extend([span] * max(0, count - target.count(span)))
    return missing


def _cut(text: str, separator: re.Pattern[str]) -> list[str]:
    """``text`` in pieces ending after each separator (joined, they are ``text``)."""
    pieces, cursor = [], 0
    for match in separator.finditer(text):
        if match.end() < len(text):
            pieces.append(text[cursor:match.end()])
            cursor = match.end()
    pieces.append(text[cursor:])
    return pieces


def split_for_limit(text: str, limit: int, level: int = 0) -> list[str]:
    """Pieces of at most ``limit`` characters, cut at the best safe points.

    Sentence ends first, then ``;``/``:``, then commas, then spaces; joined, the
    pieces are exactly ``text``. A run of ``limit`` characters without a space
    raises :class:`MTError` (``too-long``).
    """
    if len(text) <= limit:
        return [text]
    if level == len(_SPLIT_LEVELS):
        raise MTError(N_("the text has %(count)s characters without a place to split "
                         "(the limit is %(limit)s)", count=len(text), limit=limit),
                      reason="too-long", hint=N_("shorten the segment or translate it by hand"))
    chunks: list[str] = []
    current = ""
    for piece in _cut(text, _SPLIT_LEVELS[level]):
        if current and len(current) + len(piece) > limit:
            chunks.append(current)
            current = ""
        current += piece
    chunks.append(current)
    return [part for chunk in chunks for part in split_for_limit(chunk, limit, level + 1)]
