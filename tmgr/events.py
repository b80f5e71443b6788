"""Domain events: what a use case announces, and the explicit registry of who reacts.

A use case that changes something a person or another system cares about records an
event with :func:`record`; every listener subscribed to that event's type (see
:mod:`tmgr.listeners`, the one place that wires them) runs at once, in the order it
was subscribed, inside the same session and so the same transaction. The caller
still owns the commit: a rollback takes the change and every reaction with it (no
notification, e-mail or webhook for a change that did not happen), and a listener
that raises makes the use case raise, so nothing is half-written.

The code that saves a translation imports this module, never the code that mails
people or posts webhooks.

How the wiring is loaded: by the composition roots, explicitly. The web app
(``create_app``), the CLI (when it opens the database) and the test suite call
:func:`tmgr.listeners.wire`; a script calling use cases directly does the same (one
line). An event recorded before anything is wired raises :class:`~tmgr.errors.NotWired`
rather than changing data with nobody told: no import by name hides the dependency,
and this module depends on nothing above the schema.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from tmgr.errors import NotWired
from tmgr.store.models import Assignment, Document, Translation, User

E = TypeVar("E")
Listener = Callable[[Session, Any], None]

_listeners: dict[type, list[Listener]] = {}
_wired: list[str] = []  # who declared the listeners wired (see :func:`declare_wired`)


# -- the events ----------------------------------------------------------------------

@dataclass(frozen=True)
class ApprovalChanged:
    """A translation became approved, or stopped being approved."""

    translation: Translation
    approved: bool


@dataclass(frozen=True)
class TranslationSaved:
    """A person saved a translation in the editor (``draft``: the MT text they took)."""

    translation: Translation
    by: User
    seconds: float | None = None
    draft: tuple[str, str] | None = None  # (text, origin)


@dataclass(frozen=True)
class TranslationApproved:
    """A reviewer approved a translation; ``author_id``: whose words they approved."""

    translation: Translation
    by: User
    author_id: int | None


@dataclass(frozen=True)
class TranslationRejected:
    """A reviewer sent a translation back with a comment."""

    translation: Translation
    by: User
    comment: str
    author_id: int | None


@dataclass(frozen=True)
class DraftStored:
    """A machine or memory draft was stored as a translation's text."""

    translation: Translation
    text: str
    origin: str


@dataclass(frozen=True)
class CommentAdded:
    """Someone commented on a segment in one language."""

    segment_id: int
    lang: str
    slug: str
    author: User
    text: str


@dataclass(frozen=True)
class DocumentApproved:
    """Every segment of a document is approved in ``lang`` (ready to publish)."""

    document: Document
    lang: str


@dataclass(frozen=True)
class AssignmentMade:
    """``user`` became the translator or reviewer (``role``) of an assignment."""

    assignment: Assignment
    user: User
    role: str
    by: User | None = None


@dataclass(frozen=True)
class DocumentExported:
    """Final texts of a document in ``lang`` were exported in ``formats``."""

    document: Document
    lang: str
    formats: tuple[str, ...]
    notes: Mapping[str, object] = field(default_factory=dict)


EVENTS: tuple[type, ...] = (ApprovalChanged, TranslationSaved, TranslationApproved,
                            TranslationRejected, DraftStored, CommentAdded, DocumentApproved,
                            AssignmentMade, DocumentExported)


# -- the registry --------------------------------------------------------------------

def subscribe(event_type: type[E], listener: Callable[[Session, E], None]) -> None:
    """Call ``listener(session, event)`` for every ``event_type`` recorded from now on."""
    _listeners.setdefault(event_type, []).append(listener)


def unsubscribe(event_type: type[E], listener: Callable[[Session, E], None]) -> None:
    """Stop calling ``listener`` (a no-op when it is not subscribed)."""
    subscribed = _listeners.get(event_type, [])
    if listener in subscribed:
        subscribed.remove(listener)


def listeners(event_type: type) -> list[Listener]:
    """The listeners of ``event_type``, in the order they run."""
    return list(_listeners.get(event_type, ()))


def record(session: Session, event: object) -> None:
    """Announce ``event``: each of its listeners runs now, in ``session``'s transaction.

    Never commits. A listener's exception propagates to the use case, whose caller
    rolls back the change together with whatever the earlier listeners did.
    """
    if not _wired:
        raise NotWired("an event was recorded before tmgr's listeners were wired: "
                       "call tmgr.listeners.wire() first (the web app and the CLI do)")
    for listener in listeners(type(event)):
        listener(session, event)


def declare_wired(by: str) -> None:
    """Say that the listeners are subscribed (:func:`tmgr.listeners.wire` does)."""
    if by not in _wired:
        _wired.append(by)


def is_wired() -> bool:
    """Whether an entry point has wired the listeners yet."""
    return bool(_wired)
