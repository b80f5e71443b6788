"""Glossary: approved renderings of terms, forbidden variants, do-not-translate terms."""

from __future__ import annotations

from collections.abc import Iterator

from tmgr.qa.base import ERROR, Check, Finding, QAContext, register
from tmgr.qa.messages import N_, Listing
from tmgr.qa.terms import english_hits, find_form, in_english


@register
class GlossaryTerms(Check):
    id = "glossary"
    name = "Glossary term not used"
    severity = ERROR

    def findings(self, source: str, target: str, lang: str,
                 context: QAContext) -> Iterator[Finding]:
        for term in context.glossary:
            approved = term.approved(lang)
            if term.do_not_translate or not approved \
                    or not english_hits(term.term, source, target):
                continue
            if not any(find_form(form, target, lang=lang, derived=True) for form in approved):
                yield self.finding(
                    N_("“%(term)s” should be translated as %(renderings)s", term=term.term,
                       renderings=Listing((f"«{a}»" for a in approved), " / ")),
                    key=term.term, suggestions=approved)


@register
class ForbiddenTerms(Check):
    id = "forbidden-term"
    name = "Forbidden term"
    severity = ERROR

    def check_in(self, source: str, target: str, lang: str, context: QAContext) -> str | None:
        for term in context.glossary:
            for variant in term.forbidden.get(lang, ()):
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


@register
class DoNotTranslate(Check):
    id = "do-not-translate"
    name = "Do-not-translate term changed"
    severity = ERROR

    def check_in(self, source: str, target: str, lang: str, context: QAContext) -> str | None:
        for term in context.glossary:
            if term.do_not_translate and in_english(term.term, source) \
                    and find_form(term.term, target, exact=True) is None:
                return N_("“%(term)s” must stay as it is in the translation", term=term.term)
        return None
