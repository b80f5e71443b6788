"""Omissions and flipped negations, with the other translation as a witness.

Every sentence of the publication has two translations: where a person confirmed
the other one, it and the English witness this one. A «не» added or dropped, or a
clause left out, changes the length of a text less than correct translations
vary, but Belarusian and Russian are close enough to be compared word for word:

* **negation**: the negations (EN not/no/never/n't/without…, BE не/ні/без…,
  RU не/ни/без…) of this text differ from the witness's while the English agrees
  with the witness;
* **omission**: this text has clearly fewer words than the witness, the English
  is as long as the witness, and the witness's words with no counterpart here
  (same word, cognate, or Apertium's rendering) are reported.

Without a witness the negation of the English alone is compared, and only where
the English has no word that a translation renders with a «не» (fail, lack…).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from tmgr.qa import bilingual
from tmgr.qa.base import WARNING, Check, Finding, QAContext
from tmgr.qa.messages import N_, Listing
from tmgr.qa.morphology import WORDS

_EN_WORD = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?")
EN_NEGATIONS = {"not", "no", "never", "without", "nobody", "nothing", "none", "neither",
                "nor", "cannot", "nowhere", "noone"}
# English words a correct translation may render with a negation
EN_IMPLICIT = re.compile(
    r"\b(?:fail\w*|lack\w*|refus\w*|den(?:y|ies|ied)\w*|unable|un[a-z]{4,}|\w+less|"
    r"absen\w*|hardly|barely|rarely|seldom|only|unless|until|till|before|avoid\w*|"
    r"prevent\w*|ban\w*|stop\w*|impossib\w*|little|few|miss\w*|ignor\w*|reject\w*|"
    r"instead|rather|neither|either|any\w*|long|yet|still|against|lost?|dis\w+|"
    r"in(?:dependent|formal|active|complete|effective|valid)\w*|non\w*|free|halt\w*|"
    r"cease\w*|exclud\w*|except\w*|beyond|under|whether|just|mere\w*|remain\w*)\b",
    re.IGNORECASE)
NEGATIONS = {
    "be": {"не", "ні", "без", "няма", "нельга", "ніхто", "нічога", "ніколі", "ніякі",
           "ніякага", "ніякай", "ніякіх", "ніякая", "ніякае", "нідзе", "ніяк", "нікога",
           "нікому", "нічым"},
    "ru": {"не", "ни", "без", "нет", "нельзя", "никто", "ничего", "никогда", "никакой",
           "никакого", "никаких", "никакая", "никакое", "нигде", "никак",
           "никого", "никому", "ничем", "ничто"},
}
_SKELETON = str.maketrans({"і": "и", "ў": "в", "э": "е", "ё": "е", "ы": "и", "’": "",
                           "'": "", "ъ": "", "ь": "", "я": "а", "о": "а", "щ": "ш"})
# «безвынікова», «нельзя», «непрызнаны»: a negation inside a word
_NEGATIVE_PREFIX = re.compile(r"(?<!\w)(?:без|бес|бяз|бяс|не|ні|ни)\w{3,}", re.IGNORECASE)
MIN_MISSING = 3  # witness words with no counterpart before a clause counts as missing
WORD_RATIO = 0.8  # this text's words / the witness's, at most, for an omission


@lru_cache(maxsize=20_000)
def en_negations(source: str) -> int:
    words = [w.lower().replace("’", "'") for w in _EN_WORD.findall(source)]
    return sum(w in EN_NEGATIONS or w.endswith("n't") for w in words)


@lru_cache(maxsize=40_000)
def negations(text: str, lang: str) -> int:
    found = NEGATIONS.get(lang, set())
    return sum(w.lower() in found for w in WORDS.findall(text))


@lru_cache(maxsize=40_000)
def _word_count(text: str) -> int:
    return len(WORDS.findall(text))


@lru_cache(maxsize=20_000)
def _en_word_count(source: str) -> int:
    return len(_EN_WORD.findall(source))


def _witness(lang: str, context: QAContext) -> tuple[str, str] | None:
    for other in ("ru", "be"):
        text = context.other_translations.get(other)
        if other != lang and text and text.strip():
            return other, text
    return None


def _skeleton(word: str) -> str:
    return word.lower().translate(_SKELETON)


def _matches(word: str, skeletons: set[str]) -> bool:
    """``word`` (of the witness) has a counterpart among ``skeletons`` (this text's)."""
    mine = _skeleton(word)
    head = mine[:max(3, min(len(mine) - 2, 5))]
    return any(s.startswith(head) or mine.startswith(s[:max(3, min(len(s) - 2, 5))])
               for s in skeletons)


def missing_words(target: str, lang: str, witness: str, other: str) -> list[str]:
    """The witness's words with no counterpart in ``target``, in order."""
    skeletons = {_skeleton(w) for w in WORDS.findall(target)}
    missing = []
    for word in WORDS.findall(witness):
        if len(word) < 3 or _matches(word, skeletons):
            continue
        if any(_matches(r, skeletons) for r in bilingual.renderings(word, other, lang)):
            continue
        missing.append(word)
    return list(dict.fromkeys(missing))


class Negation(Check):
    id = "negation"
    name = "Negation added or dropped"
    severity = WARNING

    def findings(self, source: str, target: str, lang: str,
                 context: QAContext) -> Iterator[Finding]:
        if lang not in NEGATIONS:
            return
        mine, english = negations(target, lang), en_negations(source)
        witness, theirs = _witness(lang, context), english
        if witness is not None:
            theirs = negations(witness[1], witness[0])
            if mine == theirs or (english > 0) != (theirs > 0) or (
                    (mine > 0) == (theirs > 0) and english != theirs):
                return
        elif (mine > 0) == (english > 0) or (english == 0 and EN_IMPLICIT.search(source)) \
                or (mine == 0 and _NEGATIVE_PREFIX.search(target)):
            return
        if mine > theirs:
            yield self.finding(N_("a negation («не») the English does not have: "
                                  "is the meaning reversed?"))
        else:
            yield self.finding(N_("the English has a negation this translation lacks: "
                                  "is the meaning reversed?"))


class Omission(Check):
    id = "omission"
    name = "A clause left out (the other translation has it)"
    severity = WARNING

    def findings(self, source: str, target: str, lang: str,
                 context: QAContext) -> Iterator[Finding]:
        witness = _witness(lang, context)
        if witness is None or lang not in NEGATIONS:
            return
        other, text = witness
        mine, theirs, english = _word_count(target), _word_count(text), _en_word_count(source)
        if theirs - mine < MIN_MISSING or mine > WORD_RATIO * theirs \
                or mine > WORD_RATIO * english:
            return
        missing = missing_words(target, lang, text, other)
        if len(missing) >= MIN_MISSING:
            yield self.finding(N_("a clause may be missing: the %(language)s translation "
                                  "also has %(words)s",
                                  language=N_("Russian") if other == "ru" else N_("Belarusian"),
                                  words=Listing(f"«{w}»" for w in missing[:8])))
