"""The check base class, findings, the optional context and the registry."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import ClassVar

from tmgr.qa.terms import Term

ERROR = "error"
WARNING = "warning"
SEVERITIES = (ERROR, WARNING)


@dataclass(frozen=True)
class Finding:
    """One problem in one translation, explained in one line."""

    check: str
    severity: str
    message: str


@dataclass(frozen=True)
class QAContext:
    """What some checks need beyond one text: the glossary and the other languages."""

    glossary: tuple[Term, ...] = ()
    other_translations: Mapping[str, str] = field(default_factory=dict)


class Check:
    """A quality check: an id, a name, a severity and one ``check`` method."""

    id: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[str] = WARNING

    def check(self, source: str, target: str, lang: str) -> str | None:
        """Return a one-line explanation when ``target`` has the problem, else None."""
        return self.check_in(source, target, lang, QAContext())

    def check_in(self, source: str, target: str, lang: str, context: QAContext) -> str | None:
        """Like :meth:`check`, with the glossary and other translations at hand."""
        return self.check(source, target, lang)

    def run(self, source: str, target: str, lang: str,
            context: QAContext | None = None) -> Finding | None:
        message = self.check_in(source, target, lang, context or QAContext())
        return Finding(self.id, self.severity, message) if message else None


#: every class marked with :func:`register` (the registry itself is the explicit
#: tuple ``tmgr.qa.checks.CHECKS``; a test keeps the two in step)
declared: list[type[Check]] = []


def register(cls: type[Check]) -> type[Check]:
    """Class decorator: mark a class as a check (list it in ``tmgr.qa.checks.CHECKS``)."""
    declared.append(cls)
    return cls


@functools.cache
def _checks() -> dict[str, Check]:
    from tmgr.qa.checks import CHECKS  # the theme modules import this one

    return {cls.id: cls() for cls in CHECKS}


def registry() -> dict[str, Check]:
    """Every check by id, in the order of ``tmgr.qa.checks.CHECKS``."""
    return dict(_checks())


def check_translation(source: str, target: str, lang: str, *,
                      glossary: Iterable[Term] | None = None,
                      other_translations: Mapping[str, str] | None = None) -> list[Finding]:
    """Every finding of every registered check; nothing for an empty target.

    ``glossary`` enables the term checks; ``other_translations`` (language -> text
    of the same segment) enables the cross-language check.
    """
    if not target.strip():
        return []
    findings = list(_check_plain(source, target, lang))
    context = QAContext(tuple(glossary or ()),
                        {k: v for k, v in (other_translations or {}).items()
                         if k != lang and v.strip()})
    for check in _checks().values():
        if _uses_context(check):
            finding = check.run(source, target, lang, context)
            if finding is not None:
                findings.append(finding)
    order = {check_id: n for n, check_id in enumerate(_checks())}
    return sorted(findings, key=lambda f: order[f.check])


def _uses_context(check: Check) -> bool:
    return type(check).check_in is not Check.check_in


@functools.lru_cache(maxsize=20_000)
def _check_plain(source: str, target: str, lang: str) -> tuple[Finding, ...]:
    """The checks that need only their inputs, cached: re-rendering an editor page of
    unchanged segments costs nothing."""
    findings = (check.run(source, target, lang) for check in _checks().values()
                if not _uses_context(check))
    return tuple(finding for finding in findings if finding is not None)
