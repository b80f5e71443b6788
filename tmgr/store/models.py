"""The schema: documents, their blocks and segments, translations and their history.

``State`` lives in :mod:`tmgr.states` and is re-exported here for existing callers.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Enum,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from tmgr.states import State

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)



BLOCK_KINDS = ("title", "lead", "paragraph", "heading", "list_item", "quote", "table")
ROLES = ("translator", "reviewer", "editor", "publisher", "admin")
#: what a user can be told: assigned to me, due soon, rejected back to me,
#: a comment mentioning me, a document ready to publish
NOTIFY_KINDS = ("assigned", "due_soon", "rejected", "mentioned", "ready_to_publish")
NOTIFY_KINDS_010 = NOTIFY_KINDS  # what accounts made before e-mail existed get

_state_type = Enum(State, native_enum=False, length=16, validate_strings=True,
                   values_callable=lambda members: [m.value for m in members],
                   name="translation_state")


class Document(Base):
    __tablename__ = "documents"
    # the documents list's order and filters (i25b_1)
    __table_args__ = (Index("ix_documents_week", "week_start", "id"),
                      Index("ix_documents_section", "section"))

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(200), unique=True)
    title: Mapped[str] = mapped_column(Text)
    section: Mapped[str | None] = mapped_column(String(200))
    week_text: Mapped[str | None] = mapped_column(String(100))
    week_start: Mapped[date | None] = mapped_column(Date)
    week_end: Mapped[date | None] = mapped_column(Date)
    status_line: Mapped[str | None] = mapped_column(String(200))
    author: Mapped[str | None] = mapped_column(String(200))
    source_path: Mapped[str] = mapped_column(Text)
    checksum: Mapped[str] = mapped_column(String(64))
    no_external_mt: Mapped[bool] = mapped_column(Boolean, default=False)
    deadline: Mapped[date | None] = mapped_column(Date)
    # metadata fields an editor set by hand (comma-separated): re-ingest keeps them
    edited_fields: Mapped[str] = mapped_column(String(100), default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow,
                                                 onupdate=utcnow)

    source_revisions: Mapped[list[SourceRevision]] = relationship(
        back_populates="document", order_by="SourceRevision.number",
        cascade="all, delete-orphan", passive_deletes=True)
    blocks: Mapped[list[Block]] = relationship(
        back_populates="document", order_by="Block.position",
        cascade="all, delete-orphan", passive_deletes=True)
    #: the segments in the current source, in reading order (removed ones are not here)
    segments: Mapped[list[Segment]] = relationship(
        back_populates="document", order_by="Segment.ordinal",
        primaryjoin="and_(Segment.document_id == Document.id, Segment.removed.is_(False))",
        cascade="all, delete-orphan", passive_deletes=True, viewonly=False)


class SourceRevision(Base):
    """One version of a document's English source as it was ingested.

    ``changes`` is a JSON list of what changed against the previous version (one
    object per sentence: op added/changed/removed/split/merged, old, new);
    ``warnings`` and ``captions`` are JSON lists from the reader.
    """

    __tablename__ = "source_revisions"
    __table_args__ = (UniqueConstraint("document_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"),
                                             index=True)
    number: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    ingested_by: Mapped[str | None] = mapped_column(String(80))
    path: Mapped[str] = mapped_column(Text)
    checksum: Mapped[str] = mapped_column(String(64))
    dated: Mapped[str | None] = mapped_column(String(60))
    warnings: Mapped[str] = mapped_column(Text, default="[]", server_default="[]")
    captions: Mapped[str] = mapped_column(Text, default="[]", server_default="[]")
    changes: Mapped[str] = mapped_column(Text, default="[]", server_default="[]")

    document: Mapped[Document] = relationship(back_populates="source_revisions")


class Block(Base):
    """A title, lead, paragraph, heading, list item or quote, in reading order."""

    __tablename__ = "blocks"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"),
                                             index=True)
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)

    document: Mapped[Document] = relationship(back_populates="blocks")
    segments: Mapped[list[Segment]] = relationship(
        back_populates="block", order_by="Segment.position")


class Segment(Base):
    """One sentence of English source, with its place in the block text."""

    __tablename__ = "segments"
    __table_args__ = (UniqueConstraint("document_id", "key"),
                      # covering: the desk's history queries read words without the texts
                      Index("ix_segments_id_words", "id", "words"))

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"),
                                             index=True)
    # None once the sentence is removed from the source: it has no place in the text
    block_id: Mapped[int | None] = mapped_column(
        ForeignKey("blocks.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)  # within the block
    ordinal: Mapped[int] = mapped_column(Integer)  # within the document
    key: Mapped[str] = mapped_column(String(64))
    source: Mapped[str] = mapped_column(Text)
    start_offset: Mapped[int] = mapped_column(Integer)
    end_offset: Mapped[int] = mapped_column(Integer)
    previous_source: Mapped[str | None] = mapped_column(Text)
    words: Mapped[int] = mapped_column(Integer, default=0)
    # the SourceRevision.number its current English arrived with
    source_revision: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    # the sentence left the source (ingest --replace); kept with its translations and
    # history, and brought back when the sentence returns
    removed: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false(),
                                          index=True)

    document: Mapped[Document] = relationship(back_populates="segments")
    block: Mapped[Block | None] = relationship(back_populates="segments")
    translations: Mapped[list[Translation]] = relationship(
        back_populates="segment", cascade="all, delete-orphan", passive_deletes=True)

    def translation(self, lang: str) -> Translation | None:
        return next((t for t in self.translations if t.lang == lang), None)


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    password_hash: Mapped[str] = mapped_column(String(256), default="")
    role: Mapped[str] = mapped_column(String(16))
    languages: Mapped[str] = mapped_column(String(100), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    email: Mapped[str | None] = mapped_column(String(254))
    #: the notification kinds this user gets by e-mail (comma-separated, see NOTIFY_KINDS)
    notify: Mapped[str] = mapped_column(String(200), default=lambda: ",".join(NOTIFY_KINDS),
                                        server_default=",".join(NOTIFY_KINDS_010))
    #: the UI language the user chose (en, be, ru): their notifications and mail use it
    ui_lang: Mapped[str | None] = mapped_column(String(8))
    #: non-urgent mail about one document comes as one digest per TMGR_DIGEST_MINUTES
    mail_digest: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    @property
    def notify_kinds(self) -> set[str]:
        return {kind for kind in self.notify.split(",") if kind}

    @property
    def language_list(self) -> list[str]:
        return [code for code in self.languages.split(",") if code]


class Translation(Base):
    """The target text of one segment in one language, with optimistic locking."""

    __tablename__ = "translations"
    __table_args__ = (UniqueConstraint("segment_id", "lang"),
                      # covering: a revision's segment without reading the translation's text
                      Index("ix_translations_id_segment_id", "id", "segment_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    segment_id: Mapped[int] = mapped_column(ForeignKey("segments.id", ondelete="CASCADE"),
                                            index=True)
    lang: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[State] = mapped_column(_state_type, default=State.UNTRANSLATED)
    origin: Mapped[str | None] = mapped_column(String(64))  # human, tm, mt:<engine>
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # who wrote the current words (a revert or a one-click QA fix keeps the author)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    mt_error: Mapped[str | None] = mapped_column(String(300))  # why the last draft failed
    pivot_hash: Mapped[str | None] = mapped_column(String(64))  # pivot text a draft came from
    flags: Mapped[str] = mapped_column(String(200), default="")
    #: words the engine of the current draft did not know, space-separated
    unknown_words: Mapped[str | None] = mapped_column(Text)
    # the English this translation was made from, while it differs from the segment's
    source_basis: Mapped[str | None] = mapped_column(Text)

    segment: Mapped[Segment] = relationship(back_populates="translations")
    updated_by: Mapped[User | None] = relationship(foreign_keys=[updated_by_id])
    author: Mapped[User | None] = relationship(foreign_keys=[author_id])
    revisions: Mapped[list[Revision]] = relationship(
        back_populates="translation", order_by="Revision.id",
        cascade="all, delete-orphan", passive_deletes=True)

    __mapper_args__ = {"version_id_col": version}

    @property
    def flag_set(self) -> set[str]:
        return {flag for flag in self.flags.split(",") if flag}

    def set_flag(self, flag: str, on: bool = True) -> None:
        flags = self.flag_set
        flags.add(flag) if on else flags.discard(flag)
        self.flags = ",".join(sorted(flags))


class Revision(Base):
    """One change of a translation: nothing is updated without one."""

    __tablename__ = "revisions"
    # covering: the dashboard's and status's pace and activity read no revision texts
    # "My work"'s rejected-back: one person's translations, by state (i25b_1)
    __table_args__ = (Index("ix_revisions_activity", "created_at", "new_state", "old_state",
                            "user_id", "translation_id"),
                      Index("ix_revisions_user_state", "user_id", "new_state", "translation_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    translation_id: Mapped[int] = mapped_column(
        ForeignKey("translations.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))  # of new_text
    # indexed for the desk's "who did what this week" figures
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow,
                                                 index=True)
    old_text: Mapped[str] = mapped_column(Text)
    new_text: Mapped[str] = mapped_column(Text)
    old_state: Mapped[State] = mapped_column(_state_type)
    new_state: Mapped[State] = mapped_column(_state_type)
    origin: Mapped[str | None] = mapped_column(String(64))
    note: Mapped[str | None] = mapped_column(Text)

    translation: Mapped[Translation] = relationship(back_populates="revisions")
    user: Mapped[User | None] = relationship(foreign_keys=[user_id])


class Comment(Base):
    __tablename__ = "comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    segment_id: Mapped[int] = mapped_column(ForeignKey("segments.id", ondelete="CASCADE"),
                                            index=True)
    lang: Mapped[str] = mapped_column(String(16))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    user: Mapped[User | None] = relationship()


class MTCacheEntry(Base):
    """A machine translation already paid for: never ask twice."""

    __tablename__ = "mt_cache"
    __table_args__ = (UniqueConstraint("engine", "source_lang", "target_lang", "source_hash"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    engine: Mapped[str] = mapped_column(String(32))
    source_lang: Mapped[str] = mapped_column(String(16))
    target_lang: Mapped[str] = mapped_column(String(16))
    source_hash: Mapped[str] = mapped_column(String(64))
    source_text: Mapped[str] = mapped_column(Text)
    target_text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    #: words the engine did not know (its marks removed), space-separated
    unknown_words: Mapped[str | None] = mapped_column(Text)


class PostEdit(Base):
    """The machine or memory draft a translator started from, and what became of it.

    ``draft_text`` is the draft as it stood when a person first changed the
    translation (a draft replaced by a better one before anyone touched it is
    replaced here too). On approval the final text and the figures are recorded:
    ``edit_distance`` (character-level, % of the longer text), ``chrf``
    (sacrebleu), ``unchanged``, ``words`` of the source, and ``seconds``: the
    plausible time translators spent on it (first focus to save, summed).
    """

    __tablename__ = "post_edits"

    id: Mapped[int] = mapped_column(primary_key=True)
    translation_id: Mapped[int] = mapped_column(
        ForeignKey("translations.id", ondelete="CASCADE"), unique=True)
    draft_text: Mapped[str] = mapped_column(Text)
    draft_origin: Mapped[str] = mapped_column(String(64))
    drafted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    touched: Mapped[bool] = mapped_column(Boolean, default=False)
    seconds: Mapped[float | None] = mapped_column(Float)
    final_text: Mapped[str | None] = mapped_column(Text)
    approved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True)
    translator_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    words: Mapped[int | None] = mapped_column(Integer)
    edit_distance: Mapped[float | None] = mapped_column(Float)
    chrf: Mapped[float | None] = mapped_column(Float)
    unchanged: Mapped[bool | None] = mapped_column(Boolean)

    translation: Mapped[Translation] = relationship()
    translator: Mapped[User | None] = relationship()


class DraftRun(Base):
    """A lease: one drafting run holds a document, so two runs never draft it at once.

    The lease is live while ``finished_at`` is empty and ``heartbeat_at`` is recent
    (a run that died lets go after :data:`tmgr.drafting.lease.LEASE_SECONDS`).
    ``done``/``total`` are the run's progress; ``summary`` its outcome.
    """

    __tablename__ = "draft_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"),
                                             unique=True)
    run_id: Mapped[str] = mapped_column(String(36))
    engine: Mapped[str] = mapped_column(String(32))
    languages: Mapped[str] = mapped_column(String(100), default="")
    started_by: Mapped[str | None] = mapped_column(String(80))
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    heartbeat_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    total: Mapped[int] = mapped_column(Integer, default=0)
    done: Mapped[int] = mapped_column(Integer, default=0)
    summary: Mapped[str | None] = mapped_column(Text)


class LoginAttempt(Base):
    """One sign-in attempt, kept in the database so every worker sees the same limit."""

    __tablename__ = "login_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), index=True)
    remote_addr: Mapped[str] = mapped_column(String(64), default="", index=True)
    success: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow,
                                                 index=True)
    # set by `tmgr user unlock`: the failure no longer slows sign-in down (kept as a record)
    cleared: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class WebSession(Base):
    """A signed-in browser; the cookie holds its token, so signing out ends it on the server."""

    __tablename__ = "web_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    remote_addr: Mapped[str] = mapped_column(String(64), default="")


class TMUnit(Base):
    """A translation-memory unit that is not a segment of ours (imported from TMX...)."""

    __tablename__ = "tm_units"

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(Text)
    source_hash: Mapped[str] = mapped_column(String(64), index=True)
    target: Mapped[str] = mapped_column(Text)
    lang: Mapped[str] = mapped_column(String(16), index=True)
    origin: Mapped[str | None] = mapped_column(String(200))  # e.g. "tmx:old-site.tmx"
    document: Mapped[str | None] = mapped_column(String(200))  # a label, not a foreign key
    context_before: Mapped[str | None] = mapped_column(Text)  # neighbouring sources
    context_after: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    changed_by: Mapped[str | None] = mapped_column(String(200))  # TMX changeid: who approved


class TMGeneration(Base):
    """One row labelling the state of the translation memory, set by database triggers.

    Every change of an approved translation or a TM unit sets ``generation`` to a
    new random value (random, not +1, so that a rolled-back change can never
    leave a label that a later committed change reuses). Every worker caches its
    fuzzy-match index with the label it was built from; ``epoch`` changes when
    sources change under existing units (full rebuild).
    """

    __tablename__ = "tm_generation"

    id: Mapped[int] = mapped_column(primary_key=True)
    generation: Mapped[int] = mapped_column(BigInteger, default=0)
    epoch: Mapped[int] = mapped_column(BigInteger, default=0)


class TMIndexSnapshot(Base):
    """A stored fuzzy index of one language's TM, so a worker starts without building one.

    ``generation`` and ``epoch`` are the :class:`TMGeneration` label it was built at;
    ``data`` is :meth:`tmgr.tm.index.FuzzyIndex.to_bytes` with the units' fingerprints.
    A cache: deleting the rows loses nothing.
    """

    __tablename__ = "tm_index_snapshots"

    lang: Mapped[str] = mapped_column(String(16), primary_key=True)
    generation: Mapped[int] = mapped_column(BigInteger)
    epoch: Mapped[int] = mapped_column(BigInteger)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    #: the last :class:`TMChange` id the snapshot holds (None: an older snapshot)
    journal: Mapped[int | None] = mapped_column(BigInteger)


class TMChange(Base):
    """One changed TM unit, written by database triggers: the journal a worker patches from.

    ``kind`` is "t" (an approved translation, ``unit_id`` its id) or "u" (a stored
    TM unit). Ids follow commit order. A cache's aid: rows before every stored
    snapshot's position are pruned.
    """

    __tablename__ = "tm_changes"
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer(), "sqlite"),
                                    primary_key=True)
    lang: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(1))
    unit_id: Mapped[int] = mapped_column(BigInteger)


class GlossaryTerm(Base):
    """An English term of the publication's term base."""

    __tablename__ = "glossary_terms"

    id: Mapped[int] = mapped_column(primary_key=True)
    term: Mapped[str] = mapped_column(String(200), unique=True)
    #: the term NFC-normalised, single-spaced, case-folded: one term per key
    term_key: Mapped[str] = mapped_column(Text, unique=True)
    note: Mapped[str] = mapped_column(Text, default="")
    do_not_translate: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow,
                                                 onupdate=utcnow)
    #: the subject field the term belongs to (politics, law, economy...), free text
    domain: Mapped[str] = mapped_column(String(100), default="", server_default="")

    translations: Mapped[list[GlossaryTranslation]] = relationship(
        back_populates="term", cascade="all, delete-orphan", passive_deletes=True,
        order_by="GlossaryTranslation.lang")

    def translation(self, lang: str) -> GlossaryTranslation | None:
        return next((t for t in self.translations if t.lang == lang), None)


class GlossaryTranslation(Base):
    """Approved renderings of a term in one language (first preferred) and forbidden ones.

    ``text`` and ``forbidden`` hold alternatives separated by ``|``.
    """

    __tablename__ = "glossary_translations"
    __table_args__ = (UniqueConstraint("term_id", "lang"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    term_id: Mapped[int] = mapped_column(ForeignKey("glossary_terms.id", ondelete="CASCADE"),
                                         index=True)
    lang: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text, default="")
    forbidden: Mapped[str] = mapped_column(Text, default="")

    term: Mapped[GlossaryTerm] = relationship(back_populates="translations")


class GlossaryChange(Base):
    """One change of the glossary: who, when, the term's record before and after (JSON).

    A removed term lives on here: its last record is the change's ``before``.
    """

    __tablename__ = "glossary_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    term: Mapped[str] = mapped_column(String(200), index=True)
    action: Mapped[str] = mapped_column(String(16))  # added, edited, removed, imported
    before: Mapped[str | None] = mapped_column(Text)
    after: Mapped[str | None] = mapped_column(Text)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    user: Mapped[User | None] = relationship()


class QAOverride(Base):
    """A reviewer's decision that one QA error does not apply to one translation text."""

    __tablename__ = "qa_overrides"
    __table_args__ = (UniqueConstraint("translation_id", "check", "text_hash"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    translation_id: Mapped[int] = mapped_column(
        ForeignKey("translations.id", ondelete="CASCADE"), index=True)
    check: Mapped[str] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(Text)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    translation_version: Mapped[int] = mapped_column(Integer)
    text_hash: Mapped[str] = mapped_column(String(64))  # the overridden text, hashed
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    user: Mapped[User | None] = relationship()
    translation: Mapped[Translation] = relationship()


class HouseWord(Base):
    """A word the spelling dictionaries lack that the publication writes ("перамовах").

    ``origin`` says where it came from: ``editor`` (added in the UI or with
    ``tmgr words add``) or ``approved`` (learned from an approved translation).
    A removed word is kept with ``removed_at`` set (the spelling check no longer
    takes it, learning does not bring it back); :class:`HouseWordChange` holds who
    removed or restored it, when and why. ``status``: a learned word is a
    ``candidate`` (``seen_in`` where, ``approved_by`` who approved that text) until an
    editor or reviewer makes it ``accepted`` or ``rejected``; only accepted words
    count.
    """

    __tablename__ = "house_words"
    __table_args__ = (UniqueConstraint("lang", "word"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    lang: Mapped[str] = mapped_column(String(16))
    word: Mapped[str] = mapped_column(String(200))  # lower case
    origin: Mapped[str] = mapped_column(String(16), default="editor")
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    removed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(16), default="accepted",
                                        server_default="accepted")
    seen_in: Mapped[str | None] = mapped_column(Text)
    approved_by: Mapped[str | None] = mapped_column(String(100))

    user: Mapped[User | None] = relationship()
    changes: Mapped[list[HouseWordChange]] = relationship(
        back_populates="word_entry", order_by="HouseWordChange.id")


class HouseWordChange(Base):
    """One removal or restoration of a house word: who, when, why."""

    __tablename__ = "house_word_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    word_id: Mapped[int] = mapped_column(ForeignKey("house_words.id", ondelete="CASCADE"),
                                         index=True)
    action: Mapped[str] = mapped_column(String(16))  # removed|restored|accepted|rejected
    reason: Mapped[str] = mapped_column(Text, default="")
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    word_entry: Mapped[HouseWord] = relationship(back_populates="changes")
    user: Mapped[User | None] = relationship()


class ReviewIssue(Base):
    """A rejection's error, as in MQM: its category and severity, who made the text
    (translator, and the engine its draft came from), who found it."""

    __tablename__ = "review_errors"

    id: Mapped[int] = mapped_column(primary_key=True)
    translation_id: Mapped[int] = mapped_column(
        ForeignKey("translations.id", ondelete="CASCADE"), index=True)
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    translator_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"))
    engine: Mapped[str | None] = mapped_column(String(64))
    category: Mapped[str] = mapped_column(String(32))
    severity: Mapped[str] = mapped_column(String(16))
    comment: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    reviewer: Mapped[User | None] = relationship(foreign_keys=[reviewer_id])
    translator: Mapped[User | None] = relationship(foreign_keys=[translator_id])


class LearnedName(Base):
    """How approved translations render a name of the English ("Babaryka" → "Бабарыка")."""

    __tablename__ = "learned_names"
    __table_args__ = (UniqueConstraint("lang", "name", "rendering"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    lang: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(200))  # as the English writes it
    rendering: Mapped[str] = mapped_column(String(200))  # as the approved text wrote it
    seen: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Assignment(Base):
    """Who translates and reviews one document in one language, and by when.

    The publication date is the document's ``deadline`` unless ``publication_due``
    sets another one for this language.
    """

    __tablename__ = "assignments"
    __table_args__ = (UniqueConstraint("document_id", "lang"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"),
                                             index=True)
    lang: Mapped[str] = mapped_column(String(16))
    translator_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    translation_due: Mapped[date | None] = mapped_column(Date)
    review_due: Mapped[date | None] = mapped_column(Date)
    publication_due: Mapped[date | None] = mapped_column(Date)
    approved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    exported_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow,
                                                 onupdate=utcnow)

    document: Mapped[Document] = relationship()
    translator: Mapped[User | None] = relationship(foreign_keys=[translator_id])
    reviewer: Mapped[User | None] = relationship(foreign_keys=[reviewer_id])


class EditLock(Base):
    """A soft lock: someone has a segment open for editing. Never blocks a save."""

    __tablename__ = "edit_locks"

    segment_id: Mapped[int] = mapped_column(
        ForeignKey("segments.id", ondelete="CASCADE"), primary_key=True)
    lang: Mapped[str] = mapped_column(String(16), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         primary_key=True)
    since: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)

    user: Mapped[User] = relationship()


class Notification(Base):
    """An in-app notification; ``key`` keeps reminders from repeating."""

    __tablename__ = "notifications"
    __table_args__ = (UniqueConstraint("user_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         index=True)
    kind: Mapped[str] = mapped_column(String(32))
    message: Mapped[str] = mapped_column(Text)
    link: Mapped[str | None] = mapped_column(String(500))
    key: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class MailMessage(Base):
    """An e-mail waiting in the outbox, or sent; written with the change, sent after it."""

    __tablename__ = "mail_outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime(timezone=True),
                                                      default=utcnow, index=True)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_error: Mapped[str | None] = mapped_column(String(500))
    # what the message is about: rendered in the recipient's language at delivery
    user_id: Mapped[int | None] = mapped_column(Integer)
    kind: Mapped[str | None] = mapped_column(String(32))
    document_id: Mapped[int | None] = mapped_column(Integer)
    params: Mapped[str | None] = mapped_column(Text)


class UneditedConfirmation(Base):
    """An editor's confirmation that a text may be published although more of its
    approved words than ``TMGR_UNEDITED_MT_WARN`` are unedited machine or memory drafts:
    who, when, the language, the share at that moment and the thresholds then in force.

    It holds for exports while the share stays at or below ``percent``."""

    __tablename__ = "unedited_confirmations"
    __table_args__ = (Index("ix_unedited_confirmations_document", "document_id", "lang"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    lang: Mapped[str] = mapped_column(String(16))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    confirmed_by: Mapped[str] = mapped_column(String(80))  # the name, kept if the user goes
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    words: Mapped[int] = mapped_column(Integer)
    unedited_words: Mapped[int] = mapped_column(Integer)
    percent: Mapped[float] = mapped_column(Float)
    warn_percent: Mapped[float | None] = mapped_column(Float)
    block_percent: Mapped[float | None] = mapped_column(Float)
    #: where it was given: "document page", "export" (web) or "cli"
    via: Mapped[str] = mapped_column(String(20), default="export")

    document: Mapped[Document] = relationship()
    user: Mapped[User | None] = relationship()


class Webhook(Base):
    """An address the admin configured to receive one kind of event."""

    __tablename__ = "webhooks"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(String(2000))
    event: Mapped[str] = mapped_column(String(64))
    secret: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    removed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class WebhookDelivery(Base):
    """One event for one webhook: the delivery log, and the queue of retries."""

    __tablename__ = "webhook_deliveries"

    id: Mapped[int] = mapped_column(primary_key=True)
    webhook_id: Mapped[int] = mapped_column(ForeignKey("webhooks.id"), index=True)
    message_id: Mapped[str] = mapped_column(String(64), unique=True)
    event: Mapped[str] = mapped_column(String(64))
    payload: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True),
                                                             default=utcnow, index=True)
    delivered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_status: Mapped[int | None] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(String(500))

    webhook: Mapped[Webhook] = relationship()


# --- summaries -------------------------------------------------------------------------
# Kept exact by the database's triggers (migration d1_1) whatever writes the rows
# they sum; never written by tmgr's code, left out of backups and filled again by
# `tmgr restore` and `tmgr db copy` (tmgr/store/summaries.py). A row may hold zeros.

class ProgressCount(Base):
    """Per document, language and state: the translations of present segments."""

    __tablename__ = "progress_counts"

    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"),
                                             primary_key=True)
    lang: Mapped[str] = mapped_column(String(16), primary_key=True)
    state: Mapped[State] = mapped_column(_state_type, primary_key=True)
    segments: Mapped[int] = mapped_column(Integer)
    words: Mapped[int] = mapped_column(Integer)
    mt_failed: Mapped[int] = mapped_column(Integer)  # translations whose draft failed


class DailyActivity(Base):
    """Per UTC day, user and state change: revisions that changed a state, and words."""

    __tablename__ = "daily_activity"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"),
                                         primary_key=True)
    old_state: Mapped[State] = mapped_column(_state_type, primary_key=True)
    new_state: Mapped[State] = mapped_column(_state_type, primary_key=True)
    revisions: Mapped[int] = mapped_column(Integer)
    words: Mapped[int] = mapped_column(Integer)


class StageWords(Base):
    """Per UTC day, user and stage (translated, approved): the words of the translations
    the user took to that stage that day, by the day they last did so before
    (``prev_day``; 0001-01-01: never). Kept by triggers (migration i25h_1)."""

    __tablename__ = "stage_words"

    day: Mapped[date] = mapped_column(Date, primary_key=True)
    user_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    new_state: Mapped[State] = mapped_column(_state_type, primary_key=True)
    prev_day: Mapped[date] = mapped_column(Date, primary_key=True)
    words: Mapped[int] = mapped_column(Integer)


class ArchiveArticle(Base):
    """A published commentary brought in with ``tmgr archive import``: read-only.

    ``texts`` is JSON: language -> paragraphs -> sentences, as published; the links
    and the memory units made from them point back here.
    """

    __tablename__ = "archive_articles"
    __table_args__ = (Index("ix_archive_articles_week", "week_start", "id"),
                      Index("ix_archive_articles_figures", "languages", "segments", "words"))

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(200), unique=True)
    title: Mapped[str] = mapped_column(Text, default="")
    section: Mapped[str | None] = mapped_column(String(200))
    week_text: Mapped[str | None] = mapped_column(String(100))
    week_start: Mapped[date | None] = mapped_column(Date)
    languages: Mapped[str] = mapped_column(String(32))  # "be,ru"
    checksum: Mapped[str] = mapped_column(String(64))
    texts: Mapped[str] = mapped_column(Text)
    #: the English sentences and words, as the documents count them (the figures)
    segments: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    words: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    links: Mapped[list[ArchiveLink]] = relationship(
        back_populates="article", order_by="ArchiveLink.id", passive_deletes=True)


class ArchiveLink(Base):
    """English sentences [en_start, en_end) rendered by target sentences of one language.

    ``status``: ``auto`` (confident, in the memory), ``pending`` (waits for an editor),
    ``confirmed`` (an editor said yes: in the memory), ``dropped`` (an editor said no),
    ``unpaired`` (a sentence with nothing opposite: one side is empty).
    """

    __tablename__ = "archive_links"
    __table_args__ = (Index("ix_archive_links_status_lang", "status", "lang"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("archive_articles.id", ondelete="CASCADE"), index=True)
    lang: Mapped[str] = mapped_column(String(16))
    en_start: Mapped[int] = mapped_column(Integer)
    en_end: Mapped[int] = mapped_column(Integer)
    target_start: Mapped[int] = mapped_column(Integer)
    target_end: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(Text, default="")
    target: Mapped[str] = mapped_column(Text, default="")
    confidence: Mapped[float] = mapped_column(Float)
    status: Mapped[str] = mapped_column(String(16))
    tm_unit_id: Mapped[int | None] = mapped_column(
        ForeignKey("tm_units.id", ondelete="SET NULL"))
    reviewed_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"))
    reviewed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    article: Mapped[ArchiveArticle] = relationship(back_populates="links")
    tm_unit: Mapped[TMUnit | None] = relationship()


class ArchiveCandidate(Base):
    """What the archive suggests and a person accepts or rejects.

    ``kind``: ``house-word`` (a published word the lexicons lack; ``term`` is the word)
    or ``glossary`` (``term`` is English, ``rendering`` its consistent translation).
    ``seen``: in how many articles; ``status``: pending, accepted or rejected.
    """

    __tablename__ = "archive_candidates"
    __table_args__ = (UniqueConstraint("kind", "lang", "term", "rendering"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    lang: Mapped[str] = mapped_column(String(16))
    term: Mapped[str] = mapped_column(String(200))
    rendering: Mapped[str] = mapped_column(String(200), default="")
    seen: Mapped[int] = mapped_column(Integer, default=1)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
SITE_STRING_KINDS = ("section", "status_line", "author", "label")


class SiteString(Base):
    """One of the site's own words that appear in a published text: a section name, a
    status-line wording, an author's name, a label such as "by {authors}".

    ``key`` is the English as the reader stores it (for a label, its name); ``source``
    the English a translator sees. A removed string is kept with ``removed_at`` set.
    """

    __tablename__ = "site_strings"
    __table_args__ = (UniqueConstraint("kind", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    key: Mapped[str] = mapped_column(String(300))
    source: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    removed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    translations: Mapped[list[SiteStringTranslation]] = relationship(
        back_populates="site_string", order_by="SiteStringTranslation.lang")
    changes: Mapped[list[SiteStringChange]] = relationship(
        back_populates="site_string", order_by="SiteStringChange.id")


class SiteStringTranslation(Base):
    """A site string in one target language, with its workflow state (as a segment's)."""

    __tablename__ = "site_string_translations"
    __table_args__ = (UniqueConstraint("site_string_id", "lang"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    site_string_id: Mapped[int] = mapped_column(
        ForeignKey("site_strings.id", ondelete="CASCADE"), index=True)
    lang: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[State] = mapped_column(_state_type, default=State.UNTRANSLATED)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    site_string: Mapped[SiteString] = relationship(back_populates="translations")


class SiteStringChange(Base):
    """One change of a site string: added, translated, approved, rejected, removed..."""

    __tablename__ = "site_string_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    site_string_id: Mapped[int] = mapped_column(
        ForeignKey("site_strings.id", ondelete="CASCADE"), index=True)
    lang: Mapped[str | None] = mapped_column(String(16))
    action: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[str] = mapped_column(String(16), default="")
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    site_string: Mapped[SiteString] = relationship(back_populates="changes")
    user: Mapped[User | None] = relationship()


class ReleaseStamp(Base):
    """A tmgr version that brought the database to a schema revision (migration i20_1):
    an older tmgr that does not know the revision names the version that wrote it."""

    __tablename__ = "tmgr_releases"

    version: Mapped[str] = mapped_column(String(32), primary_key=True)
    revision: Mapped[str] = mapped_column(String(64))
    upgraded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
