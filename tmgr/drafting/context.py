"""What an engine is told about a sentence: headline, neighbours, glossary entries in it."""

from __future__ import annotations

from collections.abc import Sequence

from tmgr.localedata import SOURCE_LANGUAGE
from tmgr.mt import Context
from tmgr.qa.terms import Term, find_form, in_english
from tmgr.store.models import Document, Segment, State


def glossary_pairs(glossary: Sequence[Term], text: str, source: str,
                   target: str) -> tuple[tuple[str, str], ...]:
    """(source term, preferred target term) for the glossary entries found in ``text``."""
    pairs: list[tuple[str, str]] = []
    for term in glossary:
        wanted = term.approved(target)
        if not wanted:
            continue
        if source == SOURCE_LANGUAGE:
            if in_english(term.term, text):
                pairs.append((term.term, wanted[0]))
            continue
        for form in term.approved(source):
            if form and find_form(form, text):
                pairs.append((form, wanted[0]))
                break
    return tuple(dict.fromkeys(pairs))


def _text_in(segment: Segment, lang: str) -> str:
    if lang == SOURCE_LANGUAGE:
        return segment.source
    translation = segment.translation(lang)
    return translation.text if translation is not None and \
        translation.state == State.APPROVED else ""


def context_for(document: Document, segments: Sequence[Segment], index: int, source: str,
                target: str, text: str, glossary: Sequence[Term]) -> Context:
    """The context of ``segments[index]`` translated from ``source`` (its ``text``)."""
    before = _text_in(segments[index - 1], source) if index > 0 else ""
    after = _text_in(segments[index + 1], source) if index + 1 < len(segments) else ""
    return Context(headline=document.title if source == SOURCE_LANGUAGE else "",
                   before=before, after=after,
                   glossary=glossary_pairs(glossary, text, source, target))
