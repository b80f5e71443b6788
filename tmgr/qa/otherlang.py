"""Words of the other language: a Russian word in Belarusian text, and the reverse.

«утверждая», «якобы», «сигнализирует» are written only with letters both
alphabets share, so no letter gives them away. A word is reported when the other
language's lexicons (Hunspell, the Apertium analyser) know it and none of this
language's accounts for it: Hunspell, the Apertium analyser, the house word list,
the glossary, the names of the English and the learned names. Capitalised words
inside a sentence are names and are left to the names check (a Russian name
quoted in Belarusian text is correct). The suggestion is Apertium's rendering
(:mod:`tmgr.qa.bilingual`) where its dictionary has the word.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from tmgr.qa.base import ERROR, Check, Finding, QAContext
from tmgr.qa.letters import FOREIGN_LETTERS, without_quoted_names
from tmgr.qa.messages import N_
from tmgr.qa.morphology import (
    apertium_lemmas,
    hunspell_knows,
    is_known,
    prime,
    spelling_available,
)
from tmgr.qa.spelling import CYRILLIC_WORD, in_house_list, shared_lemma
from tmgr.qa.terms import find_form

OTHER = {"be": "ru", "ru": "be"}
MIN_LETTERS = 3  # two-letter words are interjections and abbreviations in both lexicons
_SENTENCE_END = ".!?…:;\"“(—–-"


def _at_sentence_start(target: str, start: int) -> bool:
    before = target[:start].rstrip()
    return not before or before[-1] in _SENTENCE_END


@lru_cache(maxsize=20_000)
def candidates(target: str, lang: str) -> tuple[str, ...]:
    """The lower-case words of ``target`` that could be the other language's: not
    names (capitalised inside a sentence), not with the other language's letters
    (the foreign-letters check reports those)."""
    foreign = FOREIGN_LETTERS.get(lang, "")
    found = []
    for match in CYRILLIC_WORD.finditer(without_quoted_names(target)):
        word = match.group(0)
        if word.isupper() and len(word) > 1:
            continue
        if word[:1].isupper():
            if not _at_sentence_start(target, match.start()):
                continue
            word = word.lower()
        if any(c in foreign for c in word) or len(word) < MIN_LETTERS:
            continue
        found.append(word)
    return tuple(dict.fromkeys(found))


def _ours(word: str, lang: str, context: QAContext) -> bool:
    """The house list, the glossary or the learned names account for ``word``."""
    if in_house_list(word, context.house_words.get(lang, frozenset())):
        return True
    if any(find_form(form, word, lang=lang) for term in context.glossary
           for form in term.approved(lang)):
        return True
    return any(word.lower() == r.lower() for by_lang in context.names.values()
               for r in by_lang.get(lang, ()))


def _in_lexicons(word: str, lang: str) -> bool:
    return is_known(word, lang) or is_known(word.replace("’", "'"), lang)


def theirs(word: str, other: str) -> bool:
    """The other language's lexicons know ``word``."""
    return hunspell_knows(word, other) or bool(apertium_lemmas(word, other))


@lru_cache(maxsize=20_000)
def suspects(target: str, lang: str) -> tuple[str, ...]:
    """The words of ``target`` the other language's lexicons know and this one's do not
    (cached: the lexicons do not change while a process runs)."""
    other = OTHER.get(lang)
    if other is None or not spelling_available(lang) or not spelling_available(other):
        return ()
    return tuple(w for w in candidates(target, lang)
                 if not _in_lexicons(w, lang) and theirs(w, other)
                 and not shared_lemma(w, lang)
                 and not ("-" in w and all(_in_lexicons(p, lang) for p in w.split("-"))))


def other_language_words(target: str, lang: str, context: QAContext) -> list[str]:
    return [w for w in suspects(target, lang) if not _ours(w, lang, context)
            and not ("-" in w and all(_ours(p, lang, context) or _in_lexicons(p, lang)
                                      for p in w.split("-")))]


class OtherLanguageWords(Check):
    id = "other-language"
    name = "Words of the other language"
    severity = ERROR

    def findings(self, source: str, target: str, lang: str,
                 context: QAContext) -> Iterator[Finding]:
        for word in other_language_words(target, lang, context):
            message = (N_("«%(word)s» is a Russian word in Belarusian text", word=word)
                       if lang == "be" else
                       N_("«%(word)s» is a Belarusian word in Russian text", word=word))
            yield self.finding(message, key=word)

    def prepare(self, items: list[tuple[str, str, str]]) -> None:
        """Ask the other language's lexicons about this language's unknown words at once."""
        unknown: dict[str, list[str]] = {}
        for _, target, lang in items:
            if lang in OTHER:
                unknown.setdefault(OTHER[lang], []).extend(
                    w for w in candidates(target, lang) if not is_known(w, lang))
        for other, words in unknown.items():
            prime(words, other)
