"""What formats read and write: articles to publish, catalogs to translate, memory pairs,
glossary entries.

These are plain data, free of the database: services build them from the models
and apply them back; formats only turn them into bytes and back.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from tmgr.states import State

SOURCE_LANGUAGE = "en"


@dataclass(frozen=True)
class Run:
    """A stretch of published text; ``gap`` marks text that is not approved yet."""

    text: str
    gap: bool = False


@dataclass
class ArticleBlock:
    """A headline, lead, paragraph, heading, list item or quote in the target language."""

    kind: str
    runs: list[Run]

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass
class Article:
    """One commentary rebuilt in one language, ready to render.

    Metadata fields are lists of runs (empty when the source has none), so a
    missing translation of, say, the section can be marked like any other gap.
    """

    slug: str
    lang: str
    title: list[Run]
    blocks: list[ArticleBlock]
    byline: list[Run] = field(default_factory=list)
    week: list[Run] = field(default_factory=list)
    week_start: date | None = None
    section: list[Run] = field(default_factory=list)
    status_line: list[Run] = field(default_factory=list)
    draft_label: str | None = None  # set when the text has gaps: not for publication
    gap_label: str = "not approved"  # the title of a gap, in the text's language

    @property
    def is_draft(self) -> bool:
        return self.draft_label is not None

    @property
    def title_text(self) -> str:
        return "".join(run.text for run in self.title)


@dataclass
class Unit:
    """One segment in a translation catalog (PO entry, XLIFF trans-unit).

    On export ``version`` is the translation's version; on import it is the
    version the file was exported from (``None`` when the file does not say), and
    ``edited`` tells whether the file's target or state changed since the export
    (``None`` when that cannot be known).
    """

    key: str
    source: str
    target: str = ""
    state: State = State.UNTRANSLATED
    previous_source: str | None = None
    origin: str | None = None
    comments: list[str] = field(default_factory=list)
    context: str = ""
    version: int | None = None
    edited: bool | None = None
    line: int = 0
    #: the file did not keep the target's white space (no ``xml:space="preserve"``), so
    #: a text differing only in spacing is the same text
    loose_space: bool = False


@dataclass
class Catalog:
    """The segments of one document in one target language."""

    document: str
    target_lang: str
    units: list[Unit] = field(default_factory=list)
    title: str = ""
    source_lang: str = SOURCE_LANGUAGE
    snapshot: datetime | None = None  # the data is as of this moment (newest change)
    #: how the file shows a tmgr state it cannot express (PO: approved as translated,
    #: draft as fuzzy): a unit whose text is unchanged and whose state reads as the
    #: file's view of tmgr's state has not been changed by the file
    state_view: dict[State, State] = field(default_factory=dict)

    def shows(self, state: State) -> State:
        """What the file would say for a unit in ``state`` exported to it."""
        return self.state_view.get(state, state)


@dataclass(frozen=True)
class MemoryPair:
    """One English sentence and its approved translation into ``lang``: the TM's one pair type.

    Formats read and write it (TMX), the memory stores and lists it
    (:mod:`tmgr.tm.memory`) and the fuzzy index keeps it (:mod:`tmgr.tm.index`).
    ``origin`` and ``document`` say where a stored unit came from; the contexts are
    the English sentences around it.
    """

    source: str
    lang: str
    target: str
    changed_at: datetime | None = None
    changed_by: str | None = None
    origin: str | None = None
    document: str | None = None
    context_before: str | None = None
    context_after: str | None = None


@dataclass
class Memory:
    """A translation memory: approved pairs, in any number of target languages."""

    pairs: list[MemoryPair] = field(default_factory=list)
    source_lang: str = SOURCE_LANGUAGE
    warnings: list[str] = field(default_factory=list)  # what reading the file left out


@dataclass
class TermBase:
    """A glossary file as read: its entries and what reading it left out."""

    records: list[TermRecord]
    warnings: list[str] = field(default_factory=list)


@dataclass
class TermRecord:
    """One glossary entry as files carry it: an English term and its renderings per language.

    ``translations`` are the approved renderings (preferred first), ``forbidden`` the
    ones a translator must not use.
    """

    term: str
    translations: dict[str, list[str]] = field(default_factory=dict)
    forbidden: dict[str, list[str]] = field(default_factory=dict)
    note: str = ""
    do_not_translate: bool = False


def fingerprint(*parts: str) -> str:
    """A short digest of what a file showed for a unit, to tell later whether it changed."""
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8"), usedforsecurity=False)
    return digest.hexdigest()[:12]


def newer_than(moment: datetime, snapshot: datetime) -> bool:
    """Whether ``moment`` is after ``snapshot``; a snapshot in whole seconds (XLIFF 1.2's
    ``date``) covers its whole second, so changes in the export's last second are not
    taken for later ones."""
    moment, snapshot = as_utc(moment), as_utc(snapshot)
    if snapshot.microsecond == 0:
        moment = moment.replace(microsecond=0)
    return moment > snapshot


def as_utc(moment: datetime) -> datetime:
    """``moment`` in UTC; naive datetimes (SQLite gives those) are taken to be UTC."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)
