"""Letters: Latin look-alikes in Cyrillic words, and letters of the other language."""

from __future__ import annotations

import re
from collections.abc import Iterator

from tmgr.qa.base import ERROR, Check, Finding, QAContext
from tmgr.qa.messages import N_, Listing

WORD = re.compile(r"[^\W\d_]+")
FOREIGN_LETTERS = {
    "be": "иИщЩъЪїЇєЄґҐ",  # Russian (and Ukrainian) letters Belarusian does not use
    "ru": "іІўЎїЇєЄґҐ",  # Belarusian (and Ukrainian) letters Russian does not use
}
_LANGUAGE = {"be": N_("Belarusian"), "ru": N_("Russian")}


# «Наша Ніва», «Первый канал»: a quoted name keeps its own language's letters and words
_QUOTED = re.compile(r"«([^«»]{1,80})»")


def quoted_name_spans(text: str) -> list[tuple[int, int]]:
    """Where ``text`` quotes a name: «…» of at most five words, the first capitalised."""
    spans = []
    for match in _QUOTED.finditer(text):
        inner = match.group(1).strip()
        if inner[:1].isupper() and len(inner.split()) <= 5:
            spans.append(match.span())
    return spans


def without_quoted_names(text: str) -> str:
    """``text`` with its quoted names blanked out (the same length)."""
    for start, end in quoted_name_spans(text):
        text = text[:start] + " " * (end - start) + text[end:]
    return text


_ANY_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_ANY_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def _is_cyrillic(char: str) -> bool:
    return "\u0400" <= char <= "\u04ff"


def _is_latin(char: str) -> bool:
    return char.isascii() or "\u00c0" <= char <= "\u024f"


def mixed_words(text: str) -> list[tuple[str, str]]:
    """Words mixing Latin and Cyrillic letters, with the letters of the minority script."""
    if not (_ANY_LATIN.search(text) and _ANY_CYRILLIC.search(text)):
        return []
    found = []
    for word in WORD.findall(text):
        cyrillic = [c for c in word if _is_cyrillic(c)]
        latin = [c for c in word if _is_latin(c)]
        if cyrillic and latin:
            odd = latin if len(latin) <= len(cyrillic) else cyrillic
            found.append((word, "".join(dict.fromkeys(odd))))
    return found


# Lower-case Latin letters that look like Cyrillic words of their own in BE/RU
# («і», «а», «о», «с», «у», «к»): alone between Cyrillic words they are typos.
# Capitals are left alone: "план B", "у I квартале" (a Roman numeral).
LOOK_ALIKE_WORDS = {"i": "і", "a": "а", "o": "о", "c": "с", "y": "у", "e": "е", "x": "х",
                    "p": "р", "k": "к"}
_LONE_LETTER = re.compile(r"(?<![\w.])([A-Za-z])(?![\w.’'@/-])")


def lone_latin_letters(text: str) -> list[tuple[int, str]]:
    """Single Latin look-alike letters standing as words between Cyrillic words."""
    found: list[tuple[int, str]] = []
    if not _ANY_CYRILLIC.search(text):
        return found
    for match in _LONE_LETTER.finditer(text):
        letter = match.group(1)
        if letter not in LOOK_ALIKE_WORDS:
            continue
        before = WORD.findall(text[:match.start()])
        after = WORD.findall(text[match.end():])
        if before and after and _is_cyrillic(before[-1][-1]) and _is_cyrillic(after[0][0]):
            found.append((match.start(), letter))
    return found


class MixedScript(Check):
    id = "mixed-script"
    name = N_("Latin look-alike letters in Cyrillic words")
    severity = ERROR

    def findings(self, source: str, target: str, lang: str,
                 context: QAContext) -> Iterator[Finding]:
        for word, odd in dict.fromkeys(mixed_words(target)):
            script = N_("Latin") if any(_is_latin(c) for c in odd) else N_("Cyrillic")
            yield self.finding(N_("«%(word)s» mixes scripts: %(script)s %(letters)s",
                                  word=word, script=script, letters=", ".join(odd)), key=word)
        for _position, letter in lone_latin_letters(target):
            yield self.finding(N_("a Latin «%(letter)s» stands as a word: write the Cyrillic "
                                  "«%(cyrillic)s»", letter=letter,
                                  cyrillic=LOOK_ALIKE_WORDS[letter]),
                               key=letter, suggestions=(LOOK_ALIKE_WORDS[letter],))


class ForeignLetters(Check):
    id = "foreign-letters"
    name = N_("Letters of the other language")
    severity = ERROR

    def check(self, source: str, target: str, lang: str) -> str | None:
        letters = FOREIGN_LETTERS.get(lang)
        if not letters:
            return None
        words = [w for w in WORD.findall(without_quoted_names(target))
                 if any(c in letters for c in w) and w not in source]
        if not words:
            return None
        odd = "".join(dict.fromkeys(c for w in words for c in w if c in letters))
        return N_("letters that %(language)s does not use (%(letters)s) in %(words)s",
                  language=_LANGUAGE[lang], letters=", ".join(odd),
                  words=Listing(f"«{w}»" for w in dict.fromkeys(words)))
