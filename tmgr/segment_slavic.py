"""Sentence splitting of Belarusian and Russian text (published translations).

The rules of :mod:`tmgr.segment` already know the common Cyrillic abbreviations
(«г.», «т. е.», «св.», initials); this module adds what published be/ru text needs
on top of them:

* a quotation in «…» or „…“ is part of the sentence that holds it, even when it has
  several sentences inside (Ён сказаў: «Не. Ніколі». Потым…);
* units and counters that never end a sentence before a lower-case word or a
  number: «тыс.», «млн», «млрд», «руб.», «чал.»…

    >>> split_sentences_for("Ён сказаў: «Не. Ніколі». Потым пайшоў.", "be")
    ['Ён сказаў: «Не. Ніколі».', 'Потым пайшоў.']
"""

from __future__ import annotations

import re

from tmgr.segment import split_sentences

SLAVIC_LANGUAGES = frozenset({"be", "ru"})
_OPENERS, _CLOSERS = "«„", "»“"
# counters written before a number's noun: "5 тыс. рублёў", "3 млн. чалавек"
_COUNTER_END = re.compile(
    r"(?:\d|\s)(?:тыс|млн|млрд|трлн|руб|долл|дол|чал|чел|кв|км|см|г|гг|вв|стст|ст|т\.\s?д"
    r"|т\.\s?п|і\s?г\.\s?д|и\s?т\.\s?д)\.$")
_LOWER_START = re.compile(r"^[«„\"(]?[a-zа-яёіў0-9]")


def split_sentences_for(text: str, lang: str) -> list[str]:
    """Split ``text`` written in ``lang`` into sentences (be/ru rules on top of the base)."""
    pieces = split_sentences(text)
    if lang not in SLAVIC_LANGUAGES or len(pieces) < 2:
        return pieces
    merged: list[str] = [pieces[0]]
    for piece in pieces[1:]:
        previous = merged[-1]
        if _open_quotes(previous) > 0 or (_COUNTER_END.search(previous)
                                          and _LOWER_START.match(piece)):
            merged[-1] = f"{previous} {piece}"
        else:
            merged.append(piece)
    return merged


def _open_quotes(text: str) -> int:
    """How many «…»/„…“ quotations are still open at the end of ``text``."""
    depth = 0
    for char in text:
        if char in _OPENERS:
            depth += 1
        elif char in _CLOSERS and depth:
            depth -= 1
    return depth
