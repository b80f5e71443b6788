"""Numbers and month names as each language writes them, normalised for comparison.

English writes ``1,300`` and ``5.8%``; Belarusian and Russian write ``1 300`` (or
``1300``) and ``5,8 %``. Values are compared as :class:`~decimal.Decimal`.
Month names come from Babel's CLDR data (nominative and genitive) plus the other
grammatical cases, so ``Feb. 5`` matches ``5 лютага`` and "in January" matches
"у студзені" or "в январе".
"""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from babel import Locale

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
    r"|\bMay(?=\s+\d)|(?<=\d\s)May\b|(?<=\bin\s)May\b|\bMay(?=\s*[–—-])|(?<=[–—-]\s)May\b"
    r"|(?<=[–—-])May\b")
# The other grammatical cases (Babel has nominative and genitive).
_MORE_FORMS = {
    "be": {1: "студзеню студзенем студзені", 2: "лютаму лютым", 3: "сакавіку сакавіком",
           4: "красавіку красавіком", 5: "маю маем маі", 6: "чэрвеню чэрвенем чэрвені",
           7: "ліпеню ліпенем ліпені", 8: "жніўню жніўнем жніўні",
           9: "верасню вераснем верасні", 10: "кастрычніку кастрычнікам",
           11: "лістападу лістападам лістападзе", 12: "снежню снежнем снежні"},
    "ru": {1: "январю январём январем январе", 2: "февралю февралём февралем феврале",
           3: "марту мартом марте", 4: "апрелю апрелем апреле", 5: "маю маем мае",
           6: "июню июнем июне", 7: "июлю июлем июле", 8: "августу августом августе",
           9: "сентябрю сентябрём сентябрем сентябре",
           10: "октябрю октябрём октябрем октябре", 11: "ноябрю ноябрём ноябрем ноябре",
           12: "декабрю декабрём декабрем декабре"},
}
_ENGLISH_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "tenth": 10,
}
_NUMBER_WORDS = {
    "be": {1: "адзін адна адно аднаго адной адным адну", 2: "два дзве двух двум двума",
           3: "тры трох тром трыма", 4: "чатыры чатырох чатыром чатырма",
           5: "пяць пяці пяццю", 6: "шэсць шасці шасцю", 7: "сем сямі сямю",
           8: "восем васьмі васьмю", 9: "дзевяць дзевяці дзевяццю",
           10: "дзесяць дзесяці дзесяццю", 100: "сто"},
    "ru": {1: "один одна одно одного одной одному одним одну", 2: "два две двух двум двумя",
           3: "три трёх трех трём трем тремя", 4: "четыре четырёх четырех четырём четырьмя",
           5: "пять пяти пятью", 6: "шесть шести шестью", 7: "семь семи семью",
           8: "восемь восьми восемью", 9: "девять девяти девятью",
           10: "десять десяти десятью", 100: "сто"},
}
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_SPACES = " \u00a0\u202f"


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text).normalize()
    except InvalidOperation:
        return None


def english_numbers(text: str) -> Counter[Decimal]:
    """Numeric values written in English text (``1,300`` is 1300, ``5.8`` is 5.8)."""
    found = (_decimal(m.replace(",", "")) for m in ENGLISH_NUMBER.findall(text))
    return Counter(value for value in found if value is not None)


def target_numbers(text: str) -> Counter[Decimal]:
    """Values in Belarusian or Russian text (``1 300``, ``1300``; ``5,8``; ``XX ст.``)."""
    values: Counter[Decimal] = Counter()
    for match in TARGET_NUMBER.findall(text):
        cleaned = "".join(c for c in match if c not in _SPACES).replace(",", ".")
        value = _decimal(cleaned)
        if value is not None:
            values[value] += 1
    for roman in ROMAN_CENTURY.findall(text):
        values[Decimal(_roman_value(roman))] += 1
    return values


def _roman_value(roman: str) -> int:
    total = 0
    for char, following in zip(roman, roman[1:] + " ", strict=True):
        value = _ROMAN[char]
        total += -value if following in _ROMAN and _ROMAN[following] > value else value
    return total


def english_number_words(text: str) -> Counter[Decimal]:
    """Numbers spelled out in English ("three weeks"): a translation may use digits."""
    return Counter(Decimal(_ENGLISH_WORDS[w]) for w in re.findall(r"[a-z]+", text.lower())
                   if w in _ENGLISH_WORDS)


def target_number_words(text: str, lang: str) -> Counter[Decimal]:
    """Numbers spelled out in Belarusian or Russian (any case form)."""
    forms = _number_forms(lang)
    return Counter(Decimal(forms[w]) for w in re.findall(r"\w+", text.lower()) if w in forms)


@lru_cache(maxsize=8)
def _number_forms(lang: str) -> dict[str, int]:
    return {form: value for value, forms in _NUMBER_WORDS.get(lang, {}).items()
            for form in forms.split()}


def english_months(text: str) -> Counter[int]:
    """Months named in English text, by number (``Feb.`` and ``February`` are 2)."""
    names = (m.group(0) for m in _ENGLISH_MONTH.finditer(text))
    return Counter(5 if name == "May" else ENGLISH_MONTHS[name.rstrip(".").lower()]
                   for name in names)


def target_months(text: str, lang: str) -> Counter[int]:
    """Months named in Belarusian or Russian text, in any grammatical case."""
    forms = month_forms(lang)
    return Counter(forms[w] for w in re.findall(r"\w+", text.lower()) if w in forms)


@lru_cache(maxsize=8)
def month_forms(lang: str) -> dict[str, int]:
    """Every form of every month name in ``lang``: CLDR's and the other cases."""
    try:
        locale = Locale.parse(lang)
    except (ValueError, LookupError):
        return {}
    forms: dict[str, int] = {}
    for context in ("format", "stand-alone"):
        for month, name in locale.months[context]["wide"].items():
            forms[name.lower()] = month
    for month, names in _MORE_FORMS.get(lang, {}).items():
        for name in names.split():
            forms[name] = month
    return forms


def english_style_decimals(text: str) -> list[str]:
    """Decimal points where Belarusian and Russian write a comma (``5.8`` not ``5,8``)."""
    return re.findall(r"(?<![\d.])\d+\.\d{1,2}(?![\d.])", text)


def show(value: Decimal, lang: str) -> str:
    """A value as ``lang`` writes it, for messages."""
    text = format(value, "f")
    return text if lang == "en" else text.replace(".", ",")
