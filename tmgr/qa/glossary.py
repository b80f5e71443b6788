"""Glossary: approved renderings of terms, forbidden variants, do-not-translate terms."""

from __future__ import annotations

from tmgr.qa.base import ERROR, Check, QAContext, register
from tmgr.qa.terms import find_form, in_english


@register
class GlossaryTerms(Check):
    id = "glossary"
    name = "Glossary term not used"
    severity = ERROR

    def check_in(self, source: str, target: str, lang: str, context: QAContext) -> str | None:
        for term in context.glossary:
            approved = term.approved(lang)
            if term.do_not_translate or not approved or not in_english(term.term, source):
                continue
            if not any(find_form(form, target) for form in approved):
                return (f"“{term.term}” should be translated as "
                        f"{' or '.join(f'«{a}»' for a in approved)}")
        return None


@register
class ForbiddenTerms(Check):
    id = "forbidden-term"
    name = "Forbidden term"
    severity = ERROR

    def check_in(self, source: str, target: str, lang: str, context: QAContext) -> str | None:
        for term in context.glossary:
            for variant in term.forbidden.get(lang, ()):
                found = find_form(variant, target, exact=len(variant) < 6, max_extra=2)
                if found and found.lower() not in {a.lower() for a in term.approved(lang)}:
                    preferred = term.approved(lang)
                    instead = f": write «{preferred[0]}»" if preferred else ""
                    return f"«{found}» is not used by this publication{instead}"
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
                return f"“{term.term}” must stay as it is in the translation"
        return None
