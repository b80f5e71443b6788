"""A glossary term's Belarusian or Russian form in the case its sentence needs.

Apertium's analyser (``bel-rus.automorf.bin`` / ``rus-bel.automorf.bin`` from Debian's
``apertium-bel-rus``, the analysers :mod:`tmgr.qa.morphology` also uses) names each word
of the approved form with its tags (``Мінск<np><top><m><sg><nom>``); the same package's
generator for the language (``rus-bel.autogen.bin`` / ``bel-rus.autogen.bin``) makes the
word again with another case (``<loc>``: "Мінску"). Hunspell only stems, so generation
is Apertium's.

Which case: the one a draft of the sentence (the MT draft, the translation so far)
already uses for the term, when one of the forms is there; else the one the English
preposition before the term asks for ("in Minsk": locative); else the dictionary form.
Without lt-proc or the data, every term keeps its dictionary form.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from tmgr.config import apertium_path
from tmgr.qa.ltproc import LtProc
from tmgr.qa.messages import N_, Message
from tmgr.qa.morphology import APERTIUM_ANALYSERS, APERTIUM_FOLDER, WORDS

GENERATORS = {"be": "rus-bel.autogen.bin", "ru": "bel-rus.autogen.bin"}
CASES = {"be": ("nom", "gen", "dat", "acc", "ins", "loc"),
         "ru": ("nom", "gen", "dat", "acc", "ins", "prp")}
#: the case an English preposition asks of the noun after it, where that is clear
PREPOSITION_CASES = {
    "be": {"in": "loc", "at": "loc", "on": "loc", "from": "gen", "of": "gen", "without": "gen",
           "near": "gen", "for": "gen", "against": "gen", "about": "acc", "with": "ins",
           "by": "ins", "between": "ins"},
    "ru": {"in": "prp", "at": "prp", "on": "prp", "about": "prp", "from": "gen", "of": "gen",
           "without": "gen", "near": "gen", "for": "gen", "against": "gen", "with": "ins",
           "by": "ins", "between": "ins"},
}
_READING = re.compile(r"\^([^/$]*)/([^$]*)\$")
_INFLECTING = ("<n>", "<np>", "<adj>")
_ARTICLES = {"the", "a", "an"}


@dataclass(frozen=True)
class Inflected:
    """A term's form for its sentence, with the other cases to choose from."""

    form: str
    case: str
    why: Message | None  # None: the dictionary form, nothing in the sentence said otherwise
    alternatives: tuple[str, ...] = field(default=())


@lru_cache(maxsize=4)
def _transducer(lang: str, generate: bool) -> LtProc | None:
    binary = shutil.which("lt-proc")
    name = (GENERATORS if generate else APERTIUM_ANALYSERS).get(lang)
    data = Path(apertium_path() or APERTIUM_FOLDER) / (name or "-")
    if binary is None or name is None or not data.is_file():
        return None
    try:
        return LtProc([binary, "-z", *(["-g"] if generate else []), str(data)])
    except OSError:
        return None


def available(lang: str) -> bool:
    """True when terms in ``lang`` can be inflected on this machine."""
    return _transducer(lang, False) is not None and _transducer(lang, True) is not None


@lru_cache(maxsize=4096)
def case_forms(phrase: str, lang: str) -> dict[str, str]:
    """``phrase`` (a term's approved form) in every case Apertium can make it; the
    dictionary form is the nominative. Empty when the phrase has no noun to inflect."""
    analyser, generator = _transducer(lang, False), _transducer(lang, True)
    if analyser is None or generator is None or lang not in CASES:
        return {}
    readings = dict(_READING.findall(analyser.ask(phrase)))
    pieces, inflecting = [], False
    for piece in re.split(r"(\W+)", phrase):
        nominative = _nominative(readings.get(piece, ""))
        pieces.append(nominative or piece)
        inflecting = inflecting or nominative is not None
    if not inflecting:
        return {}
    forms: dict[str, str] = {}
    for case in CASES[lang]:
        asked = "".join(f"^{p.replace('<nom>', f'<{case}>')}$" if p.endswith("<nom>") else p
                        for p in pieces)
        made = generator.ask(asked)
        if made and "#" not in made:
            forms[case] = _same_capitals(made, phrase)
    return forms


def _nominative(readings: str) -> str | None:
    """The first nominative reading of a noun or adjective (``lemma<tags>``), if any."""
    for reading in readings.split("/"):
        if reading.endswith("<nom>") and any(tag in reading for tag in _INFLECTING):
            return reading
    return None


def _same_capitals(made: str, phrase: str) -> str:
    words, originals = made.split(" "), phrase.split(" ")
    if len(words) != len(originals):
        return made
    return " ".join(w[:1].upper() + w[1:] if o[:1].isupper() else w
                    for w, o in zip(words, originals, strict=True))


def inflect(phrase: str, lang: str, *, english: str, term: str,
            drafts: Iterable[str] = ()) -> Inflected | None:
    """``phrase`` in the case its sentence needs (None: it cannot be inflected here)."""
    forms = case_forms(phrase, lang)
    if not forms:
        return None
    case, why = _wanted_case(forms, lang, english=english, term=term, drafts=drafts)
    chosen = forms[case] if case in forms else phrase
    others = tuple(dict.fromkeys(f for f in (phrase, *forms.values()) if f != chosen))
    return Inflected(chosen, case if case in forms else "nom", why, others)


def _wanted_case(forms: dict[str, str], lang: str, *, english: str, term: str,
                 drafts: Iterable[str]) -> tuple[str, Message | None]:
    for draft in drafts:
        found = _form_in(draft, forms)
        if found is not None:
            return found, N_("as the draft has it")
    word = _preposition(english, term)
    case = PREPOSITION_CASES.get(lang, {}).get(word or "")
    if case is not None and case in forms:
        return case, N_("after “%(word)s”", word=word)
    return "nom", None


def _form_in(draft: str, forms: dict[str, str]) -> str | None:
    """The case of the first form of the term ``draft`` has (nominative last: it is also
    the accusative of many nouns, and the dictionary form anyway)."""
    words = " ".join(WORDS.findall(draft.lower()))
    for case, form in sorted(forms.items(), key=lambda item: item[0] == "nom"):
        if re.search(rf"(?<!\w){re.escape(form.lower())}(?!\w)", words):
            return case
    return None


def _preposition(english: str, term: str) -> str | None:
    match = re.search(rf"(?<!\w){re.escape(term)}(?!\w)", english, re.IGNORECASE)
    if match is None:
        return None
    before = [w.lower() for w in re.findall(r"[A-Za-z]+", english[:match.start()])]
    while before and before[-1] in _ARTICLES:
        before.pop()
    return before[-1] if before else None
