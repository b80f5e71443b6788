"""The check base class, findings and the optional context (the registry is
:mod:`tmgr.qa.checks`; running it over texts is :mod:`tmgr.qa.run`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import ClassVar

from tmgr.qa.messages import translate
from tmgr.qa.terms import Term

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
