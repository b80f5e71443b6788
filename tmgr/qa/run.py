"""Running the registry over texts: every finding of a translation, or of a document.

The checks are :mod:`tmgr.qa.checks` (the registry) over :mod:`tmgr.qa.base`; this
module primes the analysers with the words first and keeps the findings of the checks
that need only their inputs in a cache.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping

from tmgr.qa.base import Check, Finding, QAContext
from tmgr.qa.checks import instances
from tmgr.qa.morphology import WORDS, prime, prime_text, prime_texts, warm_up
from tmgr.qa.terms import Term

# a witness left in English (or empty) witnesses nothing
_CYRILLIC = re.compile("[\u0400-\u04ff]")


def check_translation(source: str, target: str, lang: str, *,
                      glossary: Iterable[Term] | None = None,
                      other_translations: Mapping[str, str] | None = None,
                      house_words: Mapping[str, frozenset[str]] | None = None,
                      names: Mapping[str, Mapping[str, tuple[str, ...]]] | None = None,
                      ) -> list[Finding]:
    """Every finding of every check of the registry; nothing for an empty target.

    ``glossary`` enables the term checks; ``other_translations`` (language -> the
    human-confirmed text of the same segment) the cross-language check;
    ``house_words`` (language -> words) extends the spelling dictionaries and
    ``names`` (English name -> language -> renderings) the names check.
    """
    if not target.strip():
        return []
    glossary = tuple(glossary or ())
    _prime_glossary(glossary, lang)
    prime_text(target, lang)  # one analyser round trip for the words of the text
    findings = list(_check_plain(source, target, lang))
    context = QAContext(glossary,
                        {k: v for k, v in (other_translations or {}).items()
                         if k != lang and v.strip() and _CYRILLIC.search(v)},
                        house_words or {}, names or {})
    for check in _split()[1]:
        findings.extend(check.run(source, target, lang, context))
    order = _split()[2]
    return sorted(findings, key=lambda f: order[f.check])


def check_document(items: Iterable[tuple[str, str, str, Mapping[str, str]]], *,
                   glossary: Iterable[Term] | None = None,
                   house_words: Mapping[str, frozenset[str]] | None = None,
                   names: Mapping[str, Mapping[str, tuple[str, ...]]] | None = None,
                   ) -> list[list[Finding]]:
    """:func:`check_translation` over ``(source, target, lang, other_translations)``
    items, e.g. every translation of a document: the words of all of them go to the
    lexicon and the analysers in one batch a language first."""
    items = list(items)
    glossary = tuple(glossary or ())
    languages = {lang for _, _, lang, _ in items}
    warm_up(languages)  # the analysers load while the words are gathered
    prime_texts([(target, lang) for _, target, lang, _ in items]
                + [(source, "en") for source, _, _, _ in items]
                + [(text, other) for _, _, _, others in items
                   for other, text in others.items()]
                + [(form, lang) for term in glossary for lang in languages
                   for form in (*term.approved(lang), *term.forbidden.get(lang, ()))])
    for check in instances().values():
        check.prepare([(source, target, lang) for source, target, lang, _ in items])
    return [check_translation(source, target, lang, glossary=glossary,
                              other_translations=others, house_words=house_words,
                              names=names)
            for source, target, lang, others in items]


_last_glossary: dict[str, tuple[tuple[Term, ...], list[str]]] = {}


def _prime_glossary(glossary: tuple[Term, ...], lang: str) -> None:
    """Analyse the words of the glossary's renderings once per glossary."""
    known = _last_glossary.get(lang)
    if known is not None and known[0] is glossary:
        return
    words = [word for term in glossary
             for form in (*term.approved(lang), *term.forbidden.get(lang, ()))
             for word in WORDS.findall(form)]
    prime(words, lang)
    _last_glossary[lang] = (glossary, words)


@functools.cache
def _split() -> tuple[tuple[Check, ...], tuple[Check, ...], dict[str, int]]:
    """The checks that need only their inputs, those that need the context, and the
    registry's order of check ids."""
    checks = instances().values()
    return (tuple(c for c in checks if not _uses_context(c)),
            tuple(c for c in checks if _uses_context(c)),
            {check_id: n for n, check_id in enumerate(instances())})


def _uses_context(check: Check) -> bool:
    return (type(check).check_in is not Check.check_in
            or type(check).findings is not Check.findings)


@functools.lru_cache(maxsize=20_000)
def _check_plain(source: str, target: str, lang: str) -> tuple[Finding, ...]:
    """The checks that need only their inputs, cached: re-rendering an editor page of
    unchanged segments costs nothing."""
    return tuple(finding for check in _split()[0]
                 for finding in check.run(source, target, lang))
