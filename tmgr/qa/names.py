"""Names: the people, places and organisations of the English are in the translation.

A capitalised English word that the English dictionary does not know in lower
case is a name ("Prague", "Babaryka"; not "However" or "Union"). It is accounted
for when the translation has it as the glossary, the names table learned from
approved translations or CLDR (countries, cities) renders it, keeps it in Latin
letters, or has a word that transliterates it (BGN/PCGN, any inflection).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from tmgr.qa.base import WARNING, Check, Finding, QAContext
from tmgr.qa.firstnames import is_first_name, renders_first_name
from tmgr.qa.glossary import index as glossary_index
from tmgr.qa.messages import N_
from tmgr.qa.morphology import WORDS, is_english_word, prime, spelling_available
from tmgr.qa.terms import english_hits, find_form, in_english
from tmgr.qa.translit import exonyms, sounds_alike

NAME = re.compile(r"(?<![\w’'-])[A-Z][a-z]+(?:-[A-Z]?[a-z]+)*(?:[’']s)?(?![\w-])")
CYRILLIC = re.compile(r"[\u0400-\u04ff]+(?:['’-][\u0400-\u04ff]+)*")
# Adjectives of nations and regions ("Belarusian", "Chinese"): translated, not names.
_ADJECTIVE_ENDINGS = ("ian", "ean", "ese", "ish", "ican", "ic", "ist", "ism")
# "Russo-Belarusian", "Sino-Russian": the combining forms of nations' adjectives
_COMBINING = ("Russo", "Sino", "Anglo", "Franco", "Italo", "Greco", "Austro", "Indo", "Euro",
              "Afro", "Judeo", "Polono", "Belaruso", "Turco", "Nippo", "Germano", "Hispano")
# Titles before a surname: "Minister Baker", "President Bush" (a dictionary word as a
# surname is a name after a title or a first name: "Robert Frost")
_TITLES = {"Mr", "Mrs", "Ms", "Dr", "President", "Minister", "Chancellor", "Senator",
           "Secretary", "General", "Governor", "Ambassador", "Judge", "Professor", "Mayor",
           "Premier", "Commissioner", "Speaker", "Bishop", "Metropolitan", "Colonel"}
_CALENDAR = {"January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December", "Monday", "Tuesday",
             "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Jan", "Feb", "Mar",
             "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"}


@lru_cache(maxsize=20_000)
def english_names(source: str) -> tuple[str, ...]:
    """The names of an English sentence, each once, in order."""
    if not spelling_available("en"):
        return ()
    found: list[str] = []
    previous: re.Match[str] | None = None
    for match in NAME.finditer(source):
        word = re.sub(r"[’']s$", "", match.group(0))
        head = word.split("-")[0]  # "Russian-speaking" is an adjective
        if head in _COMBINING and "-" in word:
            head = word.split("-")[-1]
        after_name = previous is not None and (
            previous.group(0) in _TITLES or is_first_name(previous.group(0))) \
            and source[previous.end():match.start()] == " "
        previous = match
        if (word in _CALENDAR or len(word) < 3
                or head.lower().removesuffix("s").endswith(_ADJECTIVE_ENDINGS)
                or (is_english_word(word) and not after_name) or word in found
                or "-" in word and all(is_english_word(p) for p in word.split("-"))):
            continue
        found.append(word)
    return tuple(found)


def _renderings(name: str, lang: str, context: QAContext) -> list[str]:
    forms = list(context.names.get(name, {}).get(lang, ()))
    return forms + list(_cldr_renderings(name, lang))


@lru_cache(maxsize=20_000)
def _cldr_renderings(name: str, lang: str) -> tuple[str, ...]:
    """CLDR's names for ``name`` alone and for the names it is part of ("Korea" in
    "North Korea" is «Паўночная Карэя»)."""
    table, key = exonyms(lang), name.lower()
    found = list(table.get(key, ()))
    for english in _names_with_word(lang).get(key, ()):
        if english != key:
            found.extend(table[english])
    return tuple(dict.fromkeys(found))


@lru_cache(maxsize=8)
def _names_with_word(lang: str) -> dict[str, tuple[str, ...]]:
    """Word -> the CLDR names (English, lower case) that have it ("korea": "north korea")."""
    index: dict[str, list[str]] = {}
    for english in exonyms(lang):
        for word in dict.fromkeys(english.split()):
            index.setdefault(word, []).append(english)
    return {word: tuple(names) for word, names in index.items()}


def is_rendering_of(name: str, word: str, lang: str, context: QAContext) -> bool:
    """``word`` (Cyrillic, any case form) renders the English ``name``."""
    if sounds_alike(name, word, lang) or renders_first_name(name, word, lang):
        return True
    return any(find_form(form, word, lang=lang) for form in _renderings(name, lang, context))


def accounted_for(name: str, source: str, target: str, lang: str,
                  context: QAContext) -> bool:
    if name in target and re.search(rf"(?<![\w-]){re.escape(name)}", target):
        return True
    # the glossary check answers for its own terms
    for term in glossary_index(context.glossary).terms_in(name):
        if in_english(term.term, name) and english_hits(term.term, source, target):
            return True
    if any(find_form(form, target, lang=lang, derived=True)  # «расійскую» for Russia
           for form in _renderings(name, lang, context)):
        return True
    return any(sounds_alike(name, word, lang) or renders_first_name(name, word, lang)
               for word in _cyrillic_words(target))


@lru_cache(maxsize=20_000)
def _cyrillic_words(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(CYRILLIC.findall(text)))


class Names(Check):
    id = "names"
    name = N_("Names missing or different")
    severity = WARNING

    def prepare(self, items: list[tuple[str, str, str]]) -> None:
        """The CLDR renderings of every name of the document, analysed in one batch."""
        wanted: dict[str, list[str]] = {}
        for source, _, lang in items:
            if lang in ("be", "ru"):
                wanted.setdefault(lang, []).extend(
                    word for name in english_names(source)
                    for form in _cldr_renderings(name, lang) for word in WORDS.findall(form))
        for lang, words in wanted.items():
            prime(words, lang)

    def findings(self, source: str, target: str, lang: str,
                 context: QAContext) -> Iterator[Finding]:
        if lang not in ("be", "ru"):
            return
        for name in english_names(source):
            if not accounted_for(name, source, target, lang, context):
                yield self.finding(
                    N_("the name “%(name)s” is not in the translation", name=name), key=name,
                    suggestions=_renderings(name, lang, context)[:3])
