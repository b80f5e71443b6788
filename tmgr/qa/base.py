"""The check base class, findings, the optional context and the registry."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import ClassVar

from tmgr.qa.messages import translate
from tmgr.qa.morphology import WORDS, prime, prime_text, prime_texts, warm_up
from tmgr.qa.terms import Term

# a witness left in English (or empty) witnesses nothing
_CYRILLIC = re.compile("[\u0400-\u04ff]")
ERROR = "error"
WARNING = "warning"
SEVERITIES = (ERROR, WARNING)


@dataclass(frozen=True)
class Finding:
    """One problem in one translation, explained in one line.

    ``(check, key)`` identifies the finding within a translation: ``key`` names
    what it is about (the misspelt word, the missing name, the glossary term) and
    is ``""`` for a check that finds one thing per text. ``suggestions`` are
    replacements to offer (a spelling's corrections); ``replaces`` is the word of
    the translation they replace when that is not ``key`` (a glossary finding's key
    is the English term): ``"-"`` means there is none, so a suggestion is inserted.
    """

    check: str
    severity: str
    message: str
    key: str = ""
    suggestions: tuple[str, ...] = ()
    replaces: str = ""

    @property
    def target_word(self) -> str:
        """The word of the translation a suggestion replaces ("" : insert it)."""
        return "" if self.replaces == "-" else (self.replaces or self.key)

    def translated(self, gettext: Callable[[str], str]) -> str:
        """The message in the language of ``gettext`` (the web UI's)."""
        return translate(self.message, gettext)


@dataclass(frozen=True)
class QAContext:
    """What some checks need beyond one text: the glossary and the other languages."""

    glossary: tuple[Term, ...] = ()
    other_translations: Mapping[str, str] = field(default_factory=dict)
    house_words: Mapping[str, frozenset[str]] = field(default_factory=dict)
    names: Mapping[str, Mapping[str, tuple[str, ...]]] = field(default_factory=dict)


class Check:
    """A quality check: an id, a name, a severity and one ``check`` method."""

    id: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[str] = WARNING

    def check(self, source: str, target: str, lang: str) -> str | None:
        """Return a one-line explanation when ``target`` has the problem, else None."""
        found = next(iter(self.findings(source, target, lang, QAContext())), None)
        return found.message if found else None

    def check_in(self, source: str, target: str, lang: str, context: QAContext) -> str | None:
        """Like :meth:`check`, with the glossary and other translations at hand."""
        if type(self).check is Check.check:
            raise NotImplementedError(f"{type(self).__name__} overrides no check method")
        return self.check(source, target, lang)

    def findings(self, source: str, target: str, lang: str,
                 context: QAContext) -> Iterable[Finding]:
        """Every finding in ``target``; checks that find several things override this
        (a check overrides one of ``check``, ``check_in`` or ``findings``)."""
        message = self.check_in(source, target, lang, context)
        return (Finding(self.id, self.severity, message),) if message else ()

    def prepare(self, items: list[tuple[str, str, str]]) -> None:
        """Look up, for a whole document at once, what checking ``items`` (source,
        target, language) will need (after their words went to the analysers);
        optional."""

    def finding(self, message: str, key: str = "", suggestions: Iterable[str] = (),
                severity: str | None = None, replaces: str = "") -> Finding:
        return Finding(self.id, severity or self.severity, message, key, tuple(suggestions),
                       replaces)

    def run(self, source: str, target: str, lang: str,
            context: QAContext | None = None) -> list[Finding]:
        return list(self.findings(source, target, lang, context or QAContext()))


@functools.cache
def _checks() -> dict[str, Check]:
    """One instance of every check of ``tmgr.qa.checks.CHECKS``, by id, in its order."""
    from tmgr.qa.checks import CHECKS  # the theme modules import this one

    return {cls.id: cls() for cls in CHECKS}


def registry() -> dict[str, Check]:
    """Every check by id, in the order of the explicit tuple ``tmgr.qa.checks.CHECKS``."""
    return dict(_checks())


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
    for check in _checks().values():
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
    checks = _checks().values()
    return (tuple(c for c in checks if not _uses_context(c)),
            tuple(c for c in checks if _uses_context(c)),
            {check_id: n for n, check_id in enumerate(_checks())})


def _uses_context(check: Check) -> bool:
    return (type(check).check_in is not Check.check_in
            or type(check).findings is not Check.findings)


@functools.lru_cache(maxsize=20_000)
def _check_plain(source: str, target: str, lang: str) -> tuple[Finding, ...]:
    """The checks that need only their inputs, cached: re-rendering an editor page of
    unchanged segments costs nothing."""
    return tuple(finding for check in _split()[0]
                 for finding in check.run(source, target, lang))
