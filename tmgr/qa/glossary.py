"""Glossary: approved renderings of terms, forbidden variants, do-not-translate terms."""

from __future__ import annotations

from collections.abc import Iterator

from tmgr.qa.base import ERROR, Check, Finding, QAContext
from tmgr.qa.messages import N_, Listing
from tmgr.qa.terms import WORD, Term, english_hits, find_form, in_english, word_initials


def related_terms(term: Term, glossary: tuple[Term, ...]) -> list[Term]:
    """Terms of the same English root ("Belarus" and "Belarusian"): a translation may
    render one by the other ("Belarusian citizens" as «грамадзяне Беларусі»)."""
    mine = term.term.lower()
    if " " in mine or len(mine) < 4:
        return []
    found = []
    for other in glossary:
        theirs = other.term.lower()
        if other is term or " " in theirs or len(theirs) < 4 or other.do_not_translate:
            continue
        shorter, longer = sorted((mine, theirs), key=len)
        if longer.startswith(shorter[:max(4, len(shorter) - 1)]):
            found.append(other)
    return found


class _Index:
    """A glossary's terms by the first word of their English, and its forbidden variants
    with the first letters of their words: each text looks only at the terms it may
    hold instead of at the whole glossary (kept for the last glossary seen)."""

    def __init__(self, glossary: tuple[Term, ...]) -> None:
        self.glossary = glossary
        self.by_first_word: dict[str, list[Term]] = {}
        for term in glossary:
            words = term.term.split()
            if words:
                self.by_first_word.setdefault(words[0].lower(), []).append(term)
        self.forbidden: dict[str, list[tuple[frozenset[str], str, Term]]] = {}
        for term in glossary:
            for lang, variants in term.forbidden.items():
                for variant in variants:
                    initials = frozenset(w[:1].lower() for w in WORD.findall(variant))
                    self.forbidden.setdefault(lang, []).append((initials, variant, term))

    def terms_in(self, source: str) -> list[Term]:
        """The terms whose first English word occurs in ``source`` (in glossary order)."""
        lowered = source.lower()
        found = {id(t) for first, terms in self.by_first_word.items() if first in lowered
                 for t in terms}
        return [t for t in self.glossary if id(t) in found]

    def forbidden_in(self, target: str, lang: str) -> list[tuple[str, Term]]:
        """The forbidden variants of ``lang`` whose words' first letters ``target`` has."""
        have = word_initials(target)
        return [(variant, term) for needed, variant, term in self.forbidden.get(lang, ())
                if needed <= have]


_index: list[_Index] = []


def index(glossary: tuple[Term, ...]) -> _Index:
    if not _index or _index[0].glossary is not glossary:
        _index[:] = [_Index(glossary)]
    return _index[0]


class GlossaryTerms(Check):
    id = "glossary"
    name = N_("Glossary term not used")
    severity = ERROR

    def findings(self, source: str, target: str, lang: str,
                 context: QAContext) -> Iterator[Finding]:
        for term in index(context.glossary).terms_in(source):
            approved = term.approved(lang)
            if term.do_not_translate or not approved \
                    or not english_hits(term.term, source, target):
                continue
            renderings = (*approved, *(form for other in related_terms(term, context.glossary)
                                      for form in other.approved(lang)))
            if not any(find_form(form, target, lang=lang, derived=True) for form in renderings):
                yield self.finding(
                    N_("“%(term)s” should be translated as %(renderings)s", term=term.term,
                       renderings=Listing((f"«{a}»" for a in approved), " / ")),
                    key=term.term, suggestions=approved,
                    replaces=_wrong_rendering(term, target, lang) or "-")


def _wrong_rendering(term: Term, target: str, lang: str) -> str | None:
    """What the translation has instead of the term: a forbidden variant, or the
    English left as it is (a glossary suggestion replaces it; else it is inserted)."""
    for variant in term.forbidden.get(lang, ()):
        found = find_form(variant, target, lang=lang, strict=True)
        if found:
            return found
    return find_form(term.term, target, exact=True)


class ForbiddenTerms(Check):
    id = "forbidden-term"
    name = N_("Forbidden term")
    severity = ERROR

    def check_in(self, source: str, target: str, lang: str, context: QAContext) -> str | None:
        for variant, term in index(context.glossary).forbidden_in(target, lang):
            found = find_form(variant, target, exact=len(variant) < 6, lang=lang,
                              strict=True)
            if found and not any(find_form(a, found, exact=True)
                                 for a in term.approved(lang)):
                preferred = term.approved(lang)
                if preferred:
                    return N_("«%(found)s» is not used by this publication: write "
                              "«%(preferred)s»", found=found, preferred=preferred[0])
                return N_("«%(found)s» is not used by this publication", found=found)
        return None


class DoNotTranslate(Check):
    id = "do-not-translate"
    name = N_("Do-not-translate term changed")
    severity = ERROR

    def check_in(self, source: str, target: str, lang: str, context: QAContext) -> str | None:
        for term in context.glossary:
            if term.do_not_translate and in_english(term.term, source) \
                    and find_form(term.term, target, exact=True) is None:
                return N_("“%(term)s” must stay as it is in the translation", term=term.term)
        return None
