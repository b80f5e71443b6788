"""The translation as a whole: unchanged source, English left in, length far off."""

from __future__ import annotations

import re

from tmgr.qa.base import ERROR, WARNING, Check
from tmgr.qa.messages import N_
from tmgr.qa.morphology import is_english_word, spelling_available

LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z’'-]*(?:[ ,;:]+[A-Za-z][A-Za-z’'-]*)+")
_QUOTED = re.compile(r"«[^«»]*»|„[^„“]*“|\"[^\"]*\"|“[^“”]*”")
_FUNCTION_WORDS = {"the", "a", "an", "of", "to", "in", "on", "and", "or", "is", "are", "was",
                   "were", "be", "that", "which", "with", "for", "by", "it", "its", "as",
                   "at", "from", "has", "have", "had", "will", "would", "not", "this"}
MIN_ENGLISH_WORDS = 3  # a run of this many English words is a clause, not a name

MIN_LENGTH = 25  # shorter sources vary too much in length to judge
RATIO_RANGE = (0.5, 2.0)  # Belarusian and Russian run ~1.0-1.3 times the English
# An abbreviation stands for words («ЦВК» is "Central Election Commission"): a short
# text by characters is judged again by words, each letter of one counting as a word.
_ABBREVIATION = re.compile(r"(?<![\w-])[А-ЯЁІЎ]{2,6}(?![\w-])")
_WORD = re.compile(r"[^\W_]+")


def _word_ratio(source: str, target: str) -> float:
    words = _WORD.findall(target)
    weighted = len(words) + sum(len(w) - 1 for w in words if _ABBREVIATION.fullmatch(w))
    return weighted / max(1, len(_WORD.findall(source)))


class SameAsSource(Check):
    id = "same-as-source"
    name = N_("Unchanged source")
    severity = ERROR

    def check(self, source: str, target: str, lang: str) -> str | None:
        if target.strip() == source.strip() and any(c.isalpha() for c in source):
            return N_("the translation is identical to the English source")
        return None


class LengthRatio(Check):
    id = "length-ratio"
    name = N_("Length far off")
    severity = WARNING

    def check(self, source: str, target: str, lang: str) -> str | None:
        if len(source.strip()) < MIN_LENGTH:
            return None
        ratio = len(target.strip()) / len(source.strip())
        if ratio < RATIO_RANGE[0] and _ABBREVIATION.search(target) \
                and _word_ratio(source, target) >= RATIO_RANGE[0]:
            return None
        low, high = RATIO_RANGE
        shown = format(ratio, ".0%")
        if ratio < low:
            return N_("the translation is %(ratio)s of the source's length: something missing?",
                      ratio=shown)
        if ratio > high:
            return N_("the translation is %(ratio)s of the source's length: something added?",
                      ratio=shown)
        return None


def english_clause(source: str, target: str) -> str | None:
    """A run of English words left in a BE/RU translation (outside quotes, where
    titles keep their language), or None.

    A run of nothing but common English words is a clause ("18 political
    prisoners", "as expected"); a run mixing names in ("Minsk and the") is one
    when it is in the English or has three common words.
    """
    if not any("\u0400" <= c <= "\u04ff" for c in target):
        return None  # wholly Latin: same-as-source's business
    unquoted = _QUOTED.sub(" ", target)
    lowered_source = source.lower()
    for match in LATIN_RUN.finditer(unquoted):
        words = re.findall(r"[A-Za-z][A-Za-z’'-]*", match.group(0))
        common = [w for w in words if w.islower() and (w in _FUNCTION_WORDS or (
            spelling_available("en") and is_english_word(w)))]
        if len(common) < 2:
            continue  # names and titles in Latin letters are capitalised
        if len(words) < MIN_ENGLISH_WORDS and len(common) < len(words):
            continue  # "Minsk and" is a name beside a word, not a clause
        if match.group(0).lower() in lowered_source or len(common) >= MIN_ENGLISH_WORDS \
                or len(common) == len(words):
            return match.group(0)
    return _quoted_english(target, lowered_source)


QUOTED_SENTENCE = 4  # common lower-case English words that make a quoted run a sentence


def _quoted_english(target: str, lowered_source: str) -> str | None:
    """Inside «…» a title keeps its language, but an English sentence copied from the
    source («we will never give up on our country») is text left untranslated."""
    for quoted in _QUOTED.finditer(target):
        for match in LATIN_RUN.finditer(quoted.group(0)):
            words = re.findall(r"[A-Za-z][A-Za-z’'-]*", match.group(0))
            common = [w for w in words if w.islower() and (w in _FUNCTION_WORDS or (
                spelling_available("en") and is_english_word(w)))]
            if len(common) >= QUOTED_SENTENCE and match.group(0).lower() in lowered_source:
                return match.group(0)
    return None


class EnglishLeft(Check):
    id = "untranslated-clause"
    name = N_("English left in the translation")
    severity = ERROR

    def check(self, source: str, target: str, lang: str) -> str | None:
        if lang not in ("be", "ru"):
            return None
        clause = english_clause(source, target)
        if clause and target.strip() != source.strip():
            return N_("English left untranslated: “%(text)s”", text=clause)
        return None
