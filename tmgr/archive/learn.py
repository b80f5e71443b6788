"""What the aligned archive teaches: names, unknown published words, consistent terms.

Pure functions over sentence pairs; :mod:`tmgr.exchange.archivelearn` stores what
they find. Nothing found here is used unreviewed except the names table (names are
what the names check compares, and each form is one the publication printed).

* :func:`name_forms`: an English name and the Cyrillic words of its translation that
  transliterate it («Лукашэнка», «Лукашэнкі», «Лукашэнку»: the inflections seen).
* :func:`archive_word_candidates`: words of published text the lexicons do not know
  (a separate function from the house-word learning of approved translations:
  published words wait for a person as candidates).
* :func:`glossary_candidates`: English terms whose translation is the same across
  many articles.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from tmgr.qa.translit import sounds_alike

_CYRILLIC_WORD = re.compile(r"[А-ЯЁІЎа-яёіў][А-ЯЁІЎа-яёіў'’-]*")
_ENGLISH_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")
_STOP = frozenset("""a an the of in on at to for from by with and or but not no is are was
were be been has have had it its this that these those he she they we his her their our
as than then so such also would will can could should may might about after before
over under into out up down more most less many much some any all each every other
new said says one two three which who whom what when where why how there here only
very just even still yet already again""".split())
MIN_ARTICLES = 3  # a glossary candidate is seen in at least this many articles
MIN_CONSISTENCY = 0.8  # ... and rendered the same way this share of the time
MIN_DICE = 0.5  # ... and the rendering mostly appears where the term does
COMMON_SHARE = 0.2  # a stem in more than this share of all links is a common word


@dataclass(frozen=True)
class Pair:
    """One confident link: English and its translation, and the article it is from."""

    article: str
    lang: str
    source: str
    target: str


def name_forms(pairs: Iterable[Pair], english_names: Callable[[str], Sequence[str]]
               ) -> Counter[tuple[str, str, str]]:
    """(lang, English name, Cyrillic form) -> how many links show that form."""
    seen: Counter[tuple[str, str, str]] = Counter()
    for pair in pairs:
        words = [w for i, w in enumerate(_CYRILLIC_WORD.findall(pair.target))
                 if w[:1].isupper() and not w.isupper()]
        for name in english_names(pair.source):
            forms = {w for w in words if sounds_alike(name, w, pair.lang)}
            if len(forms) == 1:
                seen[(pair.lang, name, forms.pop())] += 1
    return seen


def archive_word_candidates(pairs: Iterable[Pair], is_known: Callable[[str, str], bool],
                            known: dict[str, frozenset[str]]) -> Counter[tuple[str, str]]:
    """(lang, word) -> in how many articles a published word the lexicons lack appears."""
    articles: dict[tuple[str, str], set[str]] = defaultdict(set)
    for pair in pairs:
        for word in _CYRILLIC_WORD.findall(pair.target):
            folded = word.lower().strip("'’-")
            if word[:1].isupper() or len(folded) < 3 or folded in known.get(pair.lang, ()):
                continue  # names are the names table's business
            articles[(pair.lang, folded)].add(pair.article)
    verdicts = {key: is_known(key[1], key[0]) for key in articles}
    return Counter({key: len(found) for key, found in articles.items() if not verdicts[key]})


def _terms(text: str) -> set[str]:
    """Content words and two-word phrases of lower-case English (names are not terms)."""
    words = [w if w.islower() else "" for w in _ENGLISH_WORD.findall(text)]
    grams = {w for w in words if w and w not in _STOP and len(w) > 3}
    grams |= {f"{a} {b}" for a, b in zip(words, words[1:], strict=False)
              if a not in _STOP and b not in _STOP and len(a) > 2 and len(b) > 2}
    return grams


def _stems(text: str) -> dict[str, str]:
    """Stem (first 6 letters) -> the first surface form of it in ``text``."""
    forms: dict[str, str] = {}
    for word in _CYRILLIC_WORD.findall(text):
        if len(word) > 3:
            forms.setdefault(word.lower()[:6], word.lower())
    return forms


def glossary_candidates(pairs: Sequence[Pair]) -> list[tuple[str, str, str, int]]:
    """(lang, English term, rendering, articles) for terms translated consistently."""
    term_articles: dict[tuple[str, str], set[str]] = defaultdict(set)
    term_sentences: dict[tuple[str, str], set[str]] = defaultdict(set)
    with_stem: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    surface: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    links_of: Counter[tuple[str, str]] = Counter()
    everywhere: Counter[tuple[str, str]] = Counter()  # (lang, stem): links that have it
    per_lang: Counter[str] = Counter()
    for pair in pairs:
        stems = _stems(pair.target)
        per_lang[pair.lang] += 1
        everywhere.update((pair.lang, stem) for stem in stems)
        for term in _terms(pair.source):
            key = (pair.lang, term)
            term_articles[key].add(pair.article)
            term_sentences[key].add(pair.source)
            links_of[key] += 1
            with_stem[key].update(stems.keys())
            for stem, form in stems.items():
                surface[(pair.lang, stem)][form] += 1
    found = []
    for key, articles in term_articles.items():
        lang = key[0]
        if len(articles) < MIN_ARTICLES or len(term_sentences[key]) < MIN_ARTICLES:
            continue  # one sentence repeated is not a term translated consistently
        telling = [(2 * count / (links_of[key] + everywhere[(lang, stem)]), count, stem)
                   for stem, count in with_stem[key].items()
                   if everywhere[(lang, stem)] <= COMMON_SHARE * per_lang[lang]]
        if not telling:
            continue
        dice, count, stem = max(telling)
        if count / links_of[key] >= MIN_CONSISTENCY and dice >= MIN_DICE:
            form = surface[(key[0], stem)].most_common(1)[0][0]
            found.append((key[0], key[1], form, len(articles)))
    return _without_parts(found)


def _without_parts(found: list[tuple[str, str, str, int]]) -> list[tuple[str, str, str, int]]:
    """Leave out a single word when a two-word term holding it has the same rendering."""
    pairs = {(lang, rendering, term) for lang, term, rendering, _ in found if " " in term}
    return sorted(c for c in found if " " in c[1] or not any(
        lang == c[0] and rendering == c[2] and c[1] in term.split()
        for lang, rendering, term in pairs))
