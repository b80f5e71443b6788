"""The glossary beside a sentence: which terms its English has, and where."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from tmgr.qa.inflection import inflect
from tmgr.qa.terms import Term, english_pattern


@dataclass(frozen=True)
class TermHint:
    """A glossary term found in a segment's English, with its forms in one language."""

    term: str
    approved: tuple[str, ...]
    forbidden: tuple[str, ...]
    note: str
    do_not_translate: bool
    #: the first approved form in the case the sentence needs (None: not inflected here)
    inflected: str | None = None
    why: str | None = None  # what chose the case: "after “in”", "as the draft has it"
    other_forms: tuple[str, ...] = ()

    @property
    def title(self) -> str:
        """A one-line tooltip: the approved forms, then the forbidden ones."""
        text = " | ".join(self.approved)
        return text + (f" (≠ {', '.join(self.forbidden)})" if self.forbidden else "")


def term_spans(source: str, terms: Iterable[Term]) -> list[tuple[int, int, Term]]:
    """Non-overlapping matches of glossary terms in ``source``, longest term first."""
    spans: list[tuple[int, int, Term]] = []
    for term in sorted(terms, key=lambda t: -len(t.term)):
        if not term.term.strip():
            continue
        for match in english_pattern(term.term).finditer(source):
            start, end = match.span()
            if all(end <= s or start >= e for s, e, _ in spans):
                spans.append((start, end, term))
    return sorted(spans, key=lambda span: span[0])


def hint(term: Term, lang: str) -> TermHint:
    return TermHint(term.term, tuple(term.approved(lang)), tuple(term.forbidden.get(lang, ())),
                    term.note, term.do_not_translate)


def term_hints(source: str, terms: Iterable[Term], lang: str,
               drafts: Iterable[str] = ()) -> list[TermHint]:
    """The terms of ``source`` (each once, in reading order) with their ``lang`` forms,
    the first inflected for the sentence where the analyser can (``drafts``: the
    sentence's MT draft and translation so far, whose form of a term wins)."""
    seen: dict[str, TermHint] = {}
    for _start, _end, term in term_spans(source, terms):
        seen.setdefault(term.term.lower(), hint(term, lang))
    drafts = [d for d in drafts if d and d.strip()]
    return [inflected(h, source, lang, drafts) for h in seen.values()]


def inflected(hint: TermHint, source: str, lang: str, drafts: list[str]) -> TermHint:
    """``hint`` with its first approved form in the sentence's case, when there is one."""
    if not hint.approved or hint.do_not_translate:
        return hint
    found = inflect(hint.approved[0], lang, english=source, term=hint.term, drafts=drafts)
    if found is None:
        return hint
    return replace(hint, inflected=found.form, why=found.why,
                   other_forms=tuple(f for f in found.alternatives if f not in hint.approved))


def source_pieces(source: str, terms: Iterable[Term],
                  lang: str) -> list[tuple[str, TermHint | None]]:
    """``source`` cut into plain text and glossary terms (for highlighting)."""
    pieces: list[tuple[str, TermHint | None]] = []
    cursor = 0
    for start, end, term in term_spans(source, terms):
        if start > cursor:
            pieces.append((source[cursor:start], None))
        pieces.append((source[start:end], hint(term, lang)))
        cursor = end
    if cursor < len(source):
        pieces.append((source[cursor:], None))
    return pieces
