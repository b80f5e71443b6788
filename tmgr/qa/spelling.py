"""Spelling of Belarusian and Russian with Hunspell, the house word list and names.

A word is reported when neither lexicon (Hunspell, Apertium), the house word list,
the glossary nor the names of the English account for it, and it is one typo away
from a dictionary word: the 2012 Belarusian dictionary lacks many good words
(«прарасійская», «рускамоўнага»), and a word far from any known one is more likely
one of them, or a name, than a misspelling.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from functools import lru_cache

from tmgr.qa import bilingual
from tmgr.qa.base import WARNING, Check, Finding, QAContext
from tmgr.qa.messages import N_
from tmgr.qa.morphology import (
    APERTIUM_ANALYSERS,
    analyses,
    apertium,
    guess_stem,
    is_known,
    known_forms,
    spelling_available,
    suggestions,
)
from tmgr.qa.names import english_names, is_rendering_of
from tmgr.qa.terms import find_form

CYRILLIC_WORD = re.compile(r"(?<![\w’'-])[\u0400-\u04ff]+(?:['’-][\u0400-\u04ff]+)*(?![\w-])")
MAX_SUGGESTED = 3  # misspellings per text that get suggestions (Hunspell: 50-300 ms each)


MAX_ENDING = 3  # letters an inflection may add to a house word's stem
# The typos of Belarusian and Russian: letters written by ear (akanne, yakanne, ў/у,
# voiced/voiceless pairs, the soft sign) and the vowels and signs left out or added.
_SOUNDS_LIKE = {"а": "оя", "о": "аё", "е": "эяіи", "э": "е", "я": "ае", "і": "ыйи", "ы": "іи",
                "и": "іый", "у": "ўю", "ў": "ув", "ю": "у", "с": "зш", "з": "сж", "т": "дц",
                "д": "тз", "ц": "ч", "ч": "ц", "ш": "щс", "щ": "ш", "г": "кх", "к": "г",
                "б": "п", "п": "б", "в": "фў", "ф": "в", "ь": "'ъ", "ъ": "ь'", "'": "ьъ"}


def _symmetric(table: dict[str, str]) -> dict[str, str]:
    """Every pair both ways: a typo of «о» for «а» is as likely as «а» for «о»."""
    both: dict[str, str] = {}
    for letter, others in table.items():
        for other in others:
            both[letter] = both.get(letter, "") + (other if other not in both.get(letter, "")
                                                   else "")
            both[other] = both.get(other, "") + (letter if letter not in both.get(other, "")
                                                 else "")
    return both


_SOUNDS_LIKE = _symmetric({**_SOUNDS_LIKE, "ё": "ое", "й": "і", "х": "г", "ж": "шз"})
# A letter typed once too often: a doubled one, a sign, or in a long word a consonant
# («смертнорсти»); a short word with some other letter more than a dictionary word is
# usually another word («перамоваў» is no misspelt «прамоваў», «зніжкай» no «зніжай»).
_EXTRA = "ьъ'’"
_VOWELS = "аоэеёяіыуўюиaeiouy"
LONG_WORD = 9
_INSERTED = {"be": "аоэеёяіыуўюьй'", "ru": "аоэеёяиыуюьъй"}


def typo_variants(word: str, lang: str) -> Iterator[str]:
    """The words one typo away from ``word``: a letter left out, doubled or a sign
    added, swapped with its neighbour, or written as it sounds."""
    w = word.lower()
    for i in range(len(w) + 1):
        left, right = w[:i], w[i:]
        if right and (right[0] in _EXTRA or right[:1] in (left[-1:], right[1:2])
                      or len(w) >= LONG_WORD and right[0] not in _VOWELS):
            yield left + right[1:]
        if right:
            for other in _SOUNDS_LIKE.get(right[0], "") + left[-1:] + right[1:2]:
                yield left + other + right[1:]
        if len(right) > 1:
            yield left + right[1] + right[0] + right[2:]
        for other in _INSERTED.get(lang, "") + right[:1]:
            yield left + other + right


_near_misses: dict[tuple[str, str], bool] = {}


def near_miss(word: str, lang: str) -> bool:
    """``word`` is one typo away from a dictionary word: a misspelling, not a word the
    dictionaries lack (a name, a compound, a newer word)."""
    key = (word, lang)
    if key not in _near_misses:
        prime_near_misses([word], lang)
    return _near_misses[key]


def prime_near_misses(words: list[str], lang: str) -> None:
    """Decide :func:`near_miss` for many words with one lexicon query."""
    variants = {word: [v for v in dict.fromkeys(typo_variants(word, lang)) if v != word.lower()]
                for word in dict.fromkeys(words) if (word, lang) not in _near_misses}
    known = known_forms((v for found in variants.values() for v in found), lang)
    # the words Hunspell has no neighbour for: ask Apertium's analyser about theirs
    analyser = apertium(lang) if lang in APERTIUM_ANALYSERS else None
    unresolved = [v for found in variants.values() if not any(v in known for v in found)
                  for v in found]
    if analyser is not None and unresolved:
        known |= {v for v, lemmas in analyser.analyse(unresolved).items() if lemmas}
    if len(_near_misses) > 50_000:
        _near_misses.clear()
    for word, found in variants.items():
        _near_misses[(word, lang)] = any(v in known for v in found)


def prime_spelling(items: list[tuple[str, str, str]]) -> None:
    """Look up at once the near misses of the lower-case words of ``items`` (source,
    target, language) no lexicon knows (after :func:`tmgr.qa.morphology.prime_texts`);
    a capitalised one is mostly a name the names of the English account for, and is
    looked up only if the check gets that far."""
    unknown: dict[str, list[str]] = {}
    for _, target, lang in items:
        if lang in ("be", "ru"):
            unknown.setdefault(lang, []).extend(
                w for w in CYRILLIC_WORD.findall(target) if w.islower()
                and not any(is_known(p, lang) for p in dict.fromkeys([w, *w.split("-")])))
    for lang, words in unknown.items():
        prime_near_misses(words, lang)


@lru_cache(maxsize=64)
def _house_stems(words: frozenset[str]) -> frozenset[str]:
    return frozenset(stem for w in words for stem in (guess_stem(w), w) if len(stem) >= 4)


def in_house_list(word: str, words: frozenset[str]) -> bool:
    """The house list has ``word`` in this or another inflected form (the list's
    word, or its stem, with an ending of at most three letters)."""
    lowered = word.lower()
    if lowered in words:
        return True
    stems = _house_stems(words)
    return any(lowered[:cut] in stems for cut in range(max(4, len(lowered) - MAX_ENDING),
                                                       len(lowered) + 1))


def _known_anyway(word: str, lang: str) -> bool:
    """A lexicon knows ``word``, or it is an abbreviation or a brand (no context needed)."""
    if is_known(word.replace("’", "'"), lang) or is_known(word, lang):
        return True
    if word.isupper() and len(word) <= 6:  # abbreviations: ЦВК, НАТА
        return True
    return not word.isupper() and any(c.isupper() for c in word[1:])  # «ВКонтакте»


_OTHER = {"be": "ru", "ru": "be"}


def shared_lemma(word: str, lang: str) -> bool:
    """``word`` is a form, in the other language, of a word this language has too
    («раза» of «раз»: the 2012 Belarusian dictionary lacks many forms)."""
    other = _OTHER.get(lang)
    return other is not None and any(
        len(lemma) >= 2 and lemma != word.lower() and is_known(lemma, lang)
        for lemma in analyses(word, other))


def _spelt_right(word: str, lang: str, source: str, context: QAContext) -> bool:
    if _known_anyway(word, lang):
        return True
    if in_house_list(word, context.house_words.get(lang, frozenset())):
        return True
    if any(find_form(form, word, lang=lang) for term in context.glossary
           for form in term.approved(lang)):
        return True
    return word[:1].isupper() and any(is_rendering_of(name, word, lang, context)
                                      for name in english_names(source))


# «т. е.», «г.», «тыс.», «і г. д.»: a short word with a full stop is an abbreviation
_ABBREVIATION = re.compile(r"\.(?!\.)")
MAX_ABBREVIATION = 3


@lru_cache(maxsize=20_000)
def unknown_words(target: str, lang: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The words of ``target`` no lexicon knows, each with the parts to try (cached:
    the lexicons do not change while a process runs); abbreviations are kept whole."""
    found = []
    for match in CYRILLIC_WORD.finditer(target):
        word = match.group(0)
        if len(word) <= MAX_ABBREVIATION and word.islower() \
                and _ABBREVIATION.match(target, match.end()):
            continue
        parts = (word,) if is_known(word, lang) else (word, *word.split("-"))
        if not any(_known_anyway(p, lang) for p in parts) and not shared_lemma(word, lang):
            found.append((word, parts))
    return tuple(dict.fromkeys(found))


class Spelling(Check):
    id = "spelling"
    name = N_("Spelling")
    severity = WARNING

    def findings(self, source: str, target: str, lang: str,
                 context: QAContext) -> Iterator[Finding]:
        if lang not in ("be", "ru") or not spelling_available(lang):
            return
        for word, parts in unknown_words(target, lang):
            if any(_spelt_right(p, lang, source, context) for p in parts) \
                    or not near_miss(word, lang):
                continue
            yield self.finding(N_("«%(word)s» may be misspelt", word=word), key=word)

    def prepare(self, items: list[tuple[str, str, str]]) -> None:
        prime_spelling(items)


def with_suggestions(findings: list[Finding], lang: str) -> list[Finding]:
    """``findings`` with Hunspell's corrections for the first few misspellings, and
    Apertium's renderings for the words of the other language.

    Hunspell takes 50-300 ms a word and Apertium's dictionary starts three
    processes, so checking leaves them out and the views that show one segment
    (the side panel, a save, ``tmgr qa``) ask for them here.
    """
    done, asked = [], 0
    for finding in findings:
        if finding.check == Spelling.id and not finding.suggestions and asked < MAX_SUGGESTED:
            asked += 1
            finding = replace(finding, suggestions=suggestions(finding.key, lang))
        elif finding.check == "other-language" and not finding.suggestions and lang in _OTHER:
            finding = replace(finding, suggestions=tuple(
                s for s in bilingual.renderings(finding.key, _OTHER[lang], lang)
                if is_known(s, lang)))
        done.append(finding)
    return done
