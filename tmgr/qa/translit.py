"""Names across scripts: CLDR's exonyms and BGN/PCGN-style romanisation.

``romanise`` writes Belarusian or Russian Cyrillic in Latin letters after the
BGN/PCGN tables (Belarusian 1979, Russian 1947); ``skeleton`` then folds the
spellings English uses for the same sounds (w/v, kh/h, ts/c, y/i…) so that
"Tsikhanouskaya" and «Ціханоўскай», "Prague" and «Прагу» come out alike.
Countries and cities come from Babel's CLDR data (territory names and the
exemplar cities of time zones): "Spain" is «Іспанія» / «Испания».
"""

from __future__ import annotations

import difflib
import re
from functools import lru_cache

from tmgr.qa import cldr

_COMMON = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "ye", "ё": "yo", "ж": "zh",
    "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu",
    "я": "ya", "і": "i", "ў": "w", "'": "", "’": "",
}
_BELARUSIAN = {"г": "h", "ў": "w"}
# What English spellings of Slavic names vary over, folded to one letter.
_FOLDS = (("shch", "s"), ("kh", "h"), ("zh", "z"), ("sh", "s"), ("ch", "c"), ("ts", "c"),
          ("tz", "c"), ("ph", "f"), ("th", "t"), ("ck", "k"), ("x", "ks"), ("w", "v"),
          ("q", "k"), ("j", "i"), ("y", "i"), ("g", "h"), ("ou", "u"), ("au", "av"),
          ("ie", "e"), ("ia", "a"), ("io", "o"), ("iu", "u"), ("ye", "e"), ("yo", "o"),
          ("yu", "u"), ("ya", "a"), ("ii", "i"), ("ee", "e"), ("oo", "u"))


def romanise(word: str, lang: str) -> str:
    """``word`` in Latin letters (BGN/PCGN style for ``lang``)."""
    table = dict(_COMMON, **(_BELARUSIAN if lang == "be" else {}))
    out = []
    for index, char in enumerate(word.lower()):
        latin = table.get(char, char)
        if char in "еёюя" and index and word[index - 1].lower() not in "аеёиіоуыэюяьъ'’":
            latin = latin[1:]  # "ye" only at the start and after vowels
        out.append(latin)
    return "".join(out)


def skeleton(latin: str) -> str:
    """``latin`` with the spelling variants of transliteration folded away."""
    text = "".join(c for c in latin.lower() if c.isalpha())
    for old, new in _FOLDS:
        text = text.replace(old, new)
    folded: list[str] = []
    for char in text:
        if not folded or folded[-1] != char:  # double letters count once
            folded.append(char)
    return "".join(folded)


# English spells Belarusian names from Belarusian ("Tsikhanouski", "Mahiliou"), which
# Russian writes with т, д, о, в where Belarusian has ц, дз, а, ў («Тихановский»,
# «Могилёв»); folded away for a second comparison.
_ACROSS = (("dz", "d"), ("c", "t"), ("o", "a"), ("av", "u"), ("v", "u"), ("uu", "u"))


def _across(skeleton_: str) -> str:
    for old, new in _ACROSS:
        skeleton_ = skeleton_.replace(old, new)
    return skeleton_


@lru_cache(maxsize=100_000)
def sounds_alike(english: str, cyrillic: str, lang: str) -> bool:
    """The English name and the (inflected) Cyrillic word are one name transliterated
    (from this language's spelling or from the other one's)."""
    b = skeleton(romanise(cyrillic, lang))
    for spelling in english_spellings(english):
        a = skeleton(spelling)
        # folding more letters together makes any two words closer: ask more of them
        if _alike(a, b) or _alike(_across(a), _across(b), ACROSS_RATIO):
            return True
    return False


_HARD_C = re.compile(r"c(?=[aoulrtkbdgmnpsz]|$)|ck", re.IGNORECASE)
_LONG_A = re.compile(r"a(?=[bdfgklmnpstvz][ei])")  # "Baker" is Бейкер
_ENGLISH_J = re.compile(r"(?:(?<=^)|(?<=[aeiou]))j(?=[aeiou])", re.IGNORECASE)


def english_spellings(name: str) -> tuple[str, ...]:
    """``name`` as it is and as English pronounces it in Cyrillic terms: a hard c is
    к ("Clinton" → Клінтан), j is дж ("Johnson" → Джонсан); ph, th, w fold anyway."""
    hard = _HARD_C.sub("k", name)
    spoken = _LONG_A.sub("ei", _ENGLISH_J.sub("dzh", hard))
    return tuple(dict.fromkeys((name, hard, spoken)))


NAME_RATIO, ACROSS_RATIO = 0.72, 0.85


def _alike(a: str, b: str, needed: float = NAME_RATIO) -> bool:
    if not a or not b:
        return False
    if a[:1] != b[:1] and not {a[:1], b[:1]} <= set("aeiou"):
        return False
    size = min(len(a), len(b) + 1)  # the inflection adds a letter or two
    ratio = difflib.SequenceMatcher(None, a, b[:max(size, len(a) - 1)] or b).ratio()
    if ratio >= needed:
        return True
    # a derived adjective ("Hrodna" and «Гродзенская»): the name's stem begins the word
    stem = a[:-1] if a[-1:] in "aeiou" else a
    return len(stem) >= 4 and b.startswith(stem[:4]) and len(b) > len(stem)


@lru_cache(maxsize=4)
def exonyms(lang: str) -> dict[str, tuple[str, ...]]:
    """English name (lower case) -> how ``lang`` writes it, from CLDR: countries and
    the exemplar cities of time zones."""
    territories, english = cldr.table(lang, "territories"), cldr.table("en", "territories")
    names: dict[str, set[str]] = {}
    for code, name in english.items():
        if code.isalpha() and code in territories:
            names.setdefault(name.lower(), set()).add(territories[code])
    english_cities = cldr.table("en", "cities")
    for zone, city in cldr.table(lang, "cities").items():
        city_en = english_cities.get(zone) or zone.rsplit("/", 1)[-1].replace("_", " ")
        if city and city_en and city != city_en:
            names.setdefault(city_en.lower(), set()).add(city)
    for exonym, (be, ru) in _NOT_IN_CLDR.items():
        names.setdefault(exonym, set()).update(be if lang == "be" else ru)
    return {name: tuple(sorted(forms)) for name, forms in names.items()}


# Exonyms of cities that are not the exemplar city of a time zone (English -> be, ru)
_NOT_IN_CLDR: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "beijing": (("Пекін",), ("Пекин",)), "geneva": (("Жэнева",), ("Женева",)),
    "munich": (("Мюнхен",), ("Мюнхен",)), "the hague": (("Гаага",), ("Гаага",)),
    "cologne": (("Кёльн",), ("Кёльн",)), "venice": (("Венецыя",), ("Венеция",)),
    "naples": (("Неапаль",), ("Неаполь",)), "florence": (("Фларэнцыя",), ("Флоренция",)),
    "hrodna": (("Гродна",), ("Гродно",)), "homel": (("Гомель",), ("Гомель",)),
    "mahiliou": (("Магілёў",), ("Могилёв",)), "viciebsk": (("Віцебск",), ("Витебск",)),
    "vitebsk": (("Віцебск",), ("Витебск",)), "brest": (("Брэст",), ("Брест",)),
}
