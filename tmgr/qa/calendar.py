"""Numbers and month names as each language writes them, normalised for comparison.

English writes ``1,300`` and ``5.8%``; Belarusian and Russian write ``1 300`` (or
``1300``) and ``5,8 %``. Values are compared as :class:`~decimal.Decimal`.
Month names come from CLDR (nominative and genitive; Babel's data, kept in
``tmgr.qa.cldr``) and every other case form is recognised by its lemma from
Hunspell's analyser, so ``Feb. 5`` matches ``5 лютага`` and "in May" matches "у траўні" or "в мае".
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from tmgr.qa import cldr
from tmgr.qa.morphology import analyses, lemmas, prime

ENGLISH_NUMBER = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)"
                            r"|(?<![\d.,])\d+(?:\.\d+)?(?![\d]|,\d)")
TARGET_NUMBER = re.compile(r"(?<![\d.,])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:,\d+)?(?![\d.,]\d)"
                           r"|(?<![\d.,])\d+(?:[.,]\d+)?(?![\d])")
ROMAN_CENTURY = re.compile(r"\b([IVXLC]{1,6})\s*(?:ст\.|стагодд|стст\.|в\.|век|вв\.)")
ENGLISH_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
_ENGLISH_MONTH = re.compile(
    r"\b(January|February|March|April|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.)"
    r"|\bMay\b")
# "May" is the month unless it opens a sentence ("May the talks…") and no day follows.
_SENTENCE_START = re.compile(r"(?:^|[.!?…:]\s*|[\"“«(]\s*)$")
_DAY_AFTER = re.compile(r"\s*(?:\d|[,;–—-])")
# Month names CLDR does not give but newsrooms write (Belarusian "травень" for May).
# Only the names: their case forms come from the analyser.
_EXTRA_MONTH_NAMES = {"be": {5: ("травень", "траўня")}}
_ENGLISH_MULTIPLIERS = {"thousand": 10**3, "million": 10**6, "billion": 10**9,
                        "trillion": 10**12, "bn": 10**9, "mln": 10**6, "m": 10**6,
                        "k": 10**3, "tn": 10**12}
# Lemmas (and abbreviations) of the words that multiply a number: 7,6 тыс. = 7,600.
_TARGET_MULTIPLIERS = {
    "тысяча": 10**3, "тыс": 10**3, "мільён": 10**6, "млн": 10**6, "мільярд": 10**9,
    "млрд": 10**9, "трыльён": 10**12, "трлн": 10**12, "миллион": 10**6,
    "миллиард": 10**9, "триллион": 10**12,
}
_MULTIPLIER_AFTER = re.compile(r"[ \u00a0\u202f]*([^\W\d_]+)")
_ENGLISH_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "twentieth": 20,
    "thirtieth": 30, "hundredth": 100,
}
# Ordinal numerals by lemma (the analyser gives the lemma of any case form).
_ORDINALS = {
    "be": {"першы": 1, "другі": 2, "трэці": 3, "чацвёрты": 4, "пяты": 5, "шосты": 6,
           "сёмы": 7, "восьмы": 8, "дзявяты": 9, "дзясяты": 10, "адзінаццаты": 11,
           "дванаццаты": 12, "трынаццаты": 13, "чатырнаццаты": 14, "пятнаццаты": 15,
           "шаснаццаты": 16, "сямнаццаты": 17, "васямнаццаты": 18, "дзевятнаццаты": 19,
           "дваццаты": 20, "трыццаты": 30, "саракавы": 40, "пяцідзясяты": 50,
           "соты": 100},
    "ru": {"первый": 1, "второй": 2, "третий": 3, "четвёртый": 4, "четвертый": 4,
           "пятый": 5, "шестой": 6, "седьмой": 7, "восьмой": 8, "девятый": 9,
           "десятый": 10, "одиннадцатый": 11, "двенадцатый": 12, "тринадцатый": 13,
           "четырнадцатый": 14, "пятнадцатый": 15, "шестнадцатый": 16,
           "семнадцатый": 17, "восемнадцатый": 18, "девятнадцатый": 19,
           "двадцатый": 20, "тридцатый": 30, "сороковой": 40, "пятидесятый": 50,
           "сотый": 100},
}
_NUMBER_WORDS = {
    "be": {1: "адзін адна адно аднаго адной адным адну", 2: "два дзве двух двум двума",
           3: "тры трох тром трыма", 4: "чатыры чатырох чатыром чатырма",
           5: "пяць пяці пяццю", 6: "шэсць шасці шасцю", 7: "сем сямі сямю",
           8: "восем васьмі васьмю", 9: "дзевяць дзевяці дзевяццю",
           10: "дзесяць дзесяці дзесяццю", 11: "адзінаццаць адзінаццаці",
           12: "дванаццаць дванаццаці", 15: "пятнаццаць пятнаццаці",
           20: "дваццаць дваццаці", 30: "трыццаць трыццаці", 40: "сорак сарака",
           50: "пяцьдзясят пяцідзесяці", 100: "сто ста"},
    "ru": {1: "один одна одно одного одной одному одним одну", 2: "два две двух двум двумя",
           3: "три трёх трех трём трем тремя", 4: "четыре четырёх четырех четырём четырьмя",
           5: "пять пяти пятью", 6: "шесть шести шестью", 7: "семь семи семью",
           8: "восемь восьми восемью", 9: "девять девяти девятью",
           10: "десять десяти десятью", 11: "одиннадцать одиннадцати",
           12: "двенадцать двенадцати", 15: "пятнадцать пятнадцати",
           20: "двадцать двадцати", 30: "тридцать тридцати", 40: "сорок сорока",
           50: "пятьдесят пятидесяти", 100: "сто ста"},
}
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_SPACES = " \u00a0\u202f"


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text).normalize()
    except InvalidOperation:
        return None


def english_numbers(text: str) -> Counter[Decimal]:
    """Numeric values written in English text (``1,300`` is 1300, ``5.8`` is 5.8,
    ``1.3 million`` and ``$1.3m`` are 1300000)."""
    values: Counter[Decimal] = Counter()
    for match in ENGLISH_NUMBER.finditer(text):
        value = _decimal(match.group(0).replace(",", ""))
        if value is None:
            continue
        after = _MULTIPLIER_AFTER.match(text, match.end())
        word = after.group(1).lower() if after else ""
        joined = after is not None and after.start(1) == match.end()
        if word in _ENGLISH_MULTIPLIERS and (len(word) > 2 or joined
                                             or word in ("bn", "mln", "tn")):
            value = (value * _ENGLISH_MULTIPLIERS[word]).normalize()
        values[value] += 1
    return values


def target_numbers(text: str, lang: str = "") -> Counter[Decimal]:
    """Values in Belarusian or Russian text (``1 300``, ``1300``; ``5,8``; ``XX ст.``;
    ``7,6 тыс.`` and ``7,6 тысячы`` are 7600)."""
    values: Counter[Decimal] = Counter()
    for match in TARGET_NUMBER.finditer(text):
        cleaned = "".join(c for c in match.group(0) if c not in _SPACES).replace(",", ".")
        value = _decimal(cleaned)
        if value is None:
            continue
        multiplier = _target_multiplier(text, match.end(), lang)
        values[(value * multiplier).normalize() if multiplier else value] += 1
    for roman in ROMAN_CENTURY.findall(text):
        values[Decimal(_roman_value(roman))] += 1
    return values


def _target_multiplier(text: str, end: int, lang: str) -> int | None:
    after = _MULTIPLIER_AFTER.match(text, end)
    if not after:
        return None
    word = after.group(1).lower()
    if word in _TARGET_MULTIPLIERS:
        return _TARGET_MULTIPLIERS[word]
    for lemma in lemmas(word, lang or "ru"):
        if lemma in _TARGET_MULTIPLIERS:
            return _TARGET_MULTIPLIERS[lemma]
    return None


def _roman_value(roman: str) -> int:
    total = 0
    for char, following in zip(roman, roman[1:] + " ", strict=True):
        value = _ROMAN[char]
        total += -value if following in _ROMAN and _ROMAN[following] > value else value
    return total


_ONE_AND_A_HALF = re.compile(r"\bone and a half\b")
# «паўтара раза», «полтора года»: one and a half
_FRACTIONS = {"паўтара": "1.5", "паўтары": "1.5", "паўтаранага": "1.5", "полтора": "1.5",
              "полторы": "1.5", "полутора": "1.5"}


def english_number_words(text: str) -> Counter[Decimal]:
    """Numbers spelled out in English ("three weeks"): a translation may use digits."""
    lowered = text.lower()
    found = Counter(Decimal("1.5") for _ in _ONE_AND_A_HALF.findall(lowered))
    lowered = _ONE_AND_A_HALF.sub(" ", lowered)
    return found + Counter(Decimal(_ENGLISH_WORDS[w]) for w in re.findall(r"[a-z]+", lowered)
                           if w in _ENGLISH_WORDS)


def target_number_words(text: str, lang: str) -> Counter[Decimal]:
    """Numbers spelled out in Belarusian or Russian, cardinal or ordinal, any case form
    ("тры", "трох"; "дзясятага" and "десятом" are 10)."""
    forms, ordinals = _number_forms(lang), _ORDINALS.get(lang, {})
    found: Counter[Decimal] = Counter()
    beginnings = _ordinal_beginnings(lang)
    for word in re.findall(r"[^\W\d_]+", text.lower()):
        if word in forms or word in _FRACTIONS:
            found[Decimal(forms.get(word) or _FRACTIONS[word])] += 1
            continue
        if word[:2] not in beginnings:
            continue
        value = next((ordinals[lemma] for lemma in lemmas(word, lang) if lemma in ordinals),
                     None)
        if value is not None:
            found[Decimal(value)] += 1
    return found


@lru_cache(maxsize=8)
def _ordinal_beginnings(lang: str) -> frozenset[str]:
    """The first two letters of the ordinals' lemmas: every case form starts so."""
    return frozenset(lemma[:2] for lemma in _ORDINALS.get(lang, {}))


@lru_cache(maxsize=8)
def _beginnings(lang: str) -> frozenset[str]:
    """The first two letters of every month lemma of ``lang``."""
    return frozenset(lemma[:2] for lemma in month_lemmas(lang))


@lru_cache(maxsize=8)
def _number_forms(lang: str) -> dict[str, int]:
    return {form: value for value, forms in _NUMBER_WORDS.get(lang, {}).items()
            for form in forms.split()}


def english_months(text: str) -> Counter[int]:
    """Months named in English text, by number (``Feb.`` and ``February`` are 2)."""
    found: Counter[int] = Counter()
    for match in _ENGLISH_MONTH.finditer(text):
        name = match.group(0)
        if name != "May":
            found[ENGLISH_MONTHS[name.rstrip(".").lower()]] += 1
        elif (not _SENTENCE_START.search(text[:match.start()])
              or _DAY_AFTER.match(text, match.end())):
            found[5] += 1
    return found


_DAY_OR_YEAR = re.compile(r"\d")


def target_months(text: str, lang: str, expected: Collection[int] = ()) -> Counter[int]:
    """Months named in Belarusian or Russian text, in any grammatical case.

    A word is a month when the analyser gives it a month's lemma (CLDR's names and
    their lemmas). A word that may also be something else (Belarusian "маю" is
    "I have" too) counts only beside a number or when the English has that month
    (``expected``): an ambiguous word never makes a finding on its own.
    """
    names, beginnings = month_lemmas(lang), _beginnings(lang)
    found: Counter[int] = Counter()
    for match in re.finditer(r"[^\W\d_]+", text):
        word = match.group(0)
        if word[:2].lower() not in beginnings:  # every case form keeps these letters
            continue
        word_lemmas = lemmas(word, lang)
        months = {names[lemma] for lemma in word_lemmas if lemma in names}
        if len(months) != 1:
            continue
        month = months.pop()
        sure = all(names.get(lemma) == month for lemma in analyses(word, lang))
        near = text[max(0, match.start() - 3):match.end() + 3]
        if sure or month in expected or _DAY_OR_YEAR.search(near):
            found[month] += 1
    return found


@lru_cache(maxsize=8)
def month_lemmas(lang: str) -> dict[str, int]:
    """Lemma -> month for ``lang``: CLDR's wide names (both contexts), the analyser's
    lemmas of them, and the names newsrooms add (``_EXTRA_MONTH_NAMES``)."""
    names: dict[int, set[str]] = {int(month): set(forms)
                                  for month, forms in cldr.table(lang, "months").items()}
    if not names:
        return {}
    for month, extra in _EXTRA_MONTH_NAMES.get(lang, {}).items():
        names.setdefault(month, set()).update(extra)
    every_name = {form.lower() for forms in names.values() for form in forms}
    prime(sorted(every_name), lang)  # one analyser batch for all the names
    result: dict[str, int] = {}
    for month, forms in names.items():
        for form in forms:
            found = analyses(form, lang)
            # An ambiguous name ("май" is also a form of "мець") lends only the
            # lemmas that are month names themselves.
            keep = found if len(found) <= 1 else [f for f in found if f in every_name]
            for lemma in {*keep, form.lower()}:
                result.setdefault(lemma, month)
    return result


def month_forms(lang: str) -> dict[str, int]:
    """Compatibility name of :func:`month_lemmas`."""
    return month_lemmas(lang)


def english_style_decimals(text: str) -> list[str]:
    """Decimal points where Belarusian and Russian write a comma (``5.8`` not ``5,8``)."""
    return re.findall(r"(?<![\d.])\d+\.\d{1,2}(?![\d.])", text)


def show(value: Decimal, lang: str) -> str:
    """A value as ``lang`` writes it, for messages."""
    text = format(value, "f")
    return text if lang == "en" else text.replace(".", ",")
