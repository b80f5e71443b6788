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
    ForeignKey,
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



BLOCK_KINDS = ("title", "lead", "paragraph", "heading", "list_item", "quote")
ROLES = ("translator", "reviewer", "editor", "publisher", "admin")

_state_type = Enum(State, native_enum=False, length=16, validate_strings=True,
                   values_callable=lambda members: [m.value for m in members],
                   name="translation_state")


class Document(Base):
    __tablename__ = "documents"

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
    __table_args__ = (UniqueConstraint("document_id", "key"),)

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

    @property
    def language_list(self) -> list[str]:
        return [code for code in self.languages.split(",") if code]


class Translation(Base):
    """The target text of one segment in one language, with optimistic locking."""

    __tablename__ = "translations"
    __table_args__ = (UniqueConstraint("segment_id", "lang"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    segment_id: Mapped[int] = mapped_column(ForeignKey("segments.id", ondelete="CASCADE"),
                                            index=True)
    lang: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[State] = mapped_column(_state_type, default=State.UNTRANSLATED)
    origin: Mapped[str | None] = mapped_column(String(64))  # human, tm, mt:<engine>
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    mt_error: Mapped[str | None] = mapped_column(String(300))  # why the last draft failed
    pivot_hash: Mapped[str | None] = mapped_column(String(64))  # pivot text a draft came from
    flags: Mapped[str] = mapped_column(String(200), default="")
    # the English this translation was made from, while it differs from the segment's
    source_basis: Mapped[str | None] = mapped_column(Text)

    segment: Mapped[Segment] = relationship(back_populates="translations")
    updated_by: Mapped[User | None] = relationship()
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

    id: Mapped[int] = mapped_column(primary_key=True)
    translation_id: Mapped[int] = mapped_column(
        ForeignKey("translations.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    old_text: Mapped[str] = mapped_column(Text)
    new_text: Mapped[str] = mapped_column(Text)
    old_state: Mapped[State] = mapped_column(_state_type)
    new_state: Mapped[State] = mapped_column(_state_type)
    origin: Mapped[str | None] = mapped_column(String(64))
    note: Mapped[str | None] = mapped_column(Text)

    translation: Mapped[Translation] = relationship(back_populates="revisions")
    user: Mapped[User | None] = relationship()


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


class LoginAttempt(Base):
    """One sign-in attempt, kept in the database so every worker sees the same limit."""

    __tablename__ = "login_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), index=True)
    remote_addr: Mapped[str] = mapped_column(String(64), default="")
    success: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow,
                                                 index=True)


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


class GlossaryTerm(Base):
    """An English term of the publication's term base."""

    __tablename__ = "glossary_terms"

    id: Mapped[int] = mapped_column(primary_key=True)
    term: Mapped[str] = mapped_column(String(200), unique=True)
    note: Mapped[str] = mapped_column(Text, default="")
    do_not_translate: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow,
                                                 onupdate=utcnow)

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

