"""The check base class, findings and the registry."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    """One problem in one translation, explained in one line."""

    check: str
    severity: str
    message: str


class Check:
    """A quality check: an id, a name, a severity and one ``check`` method."""

    id: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[str] = WARNING

    def check(self, source: str, target: str, lang: str) -> str | None:
        """Return a one-line explanation when ``target`` has the problem, else None."""
        raise NotImplementedError

    def run(self, source: str, target: str, lang: str) -> Finding | None:
        message = self.check(source, target, lang)
        return Finding(self.id, self.severity, message) if message else None


_registry: dict[str, Check] = {}


def register(cls: type[Check]) -> type[Check]:
    """Class decorator: add a check to the registry under its id."""
    _registry[cls.id] = cls()
    return cls


def registry() -> dict[str, Check]:
    return dict(_registry)


def check_translation(source: str, target: str, lang: str) -> list[Finding]:
    """Every finding of every registered check; nothing for an empty target."""
    if not target.strip():
        return []
    findings = (check.run(source, target, lang) for check in _registry.values())
    return [finding for finding in findings if finding is not None]
