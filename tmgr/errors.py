"""The one exception tree of tmgr.

Every error a user can meet is a :class:`TmgrError`. Library errors are wrapped
at the seam (``raise IngestError(...) from exc``) and turned into messages in
exactly two places: the CLI and the web error handler.
"""

from __future__ import annotations

from typing import Any


class TmgrError(Exception):
    """Something went wrong that the user can understand and act on.

    ``http_status`` is what the web layer answers with; the CLI exits 1.
    :meth:`details` adds fields to the web's JSON error and :meth:`headers` to its
    response, so the two renderers need no case per error.
    """

    http_status = 400

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message

    def details(self) -> dict[str, Any]:
        """Fields the JSON error carries besides ``error``, ``hint`` and ``status``."""
        return {}

    def headers(self) -> dict[str, str]:
        """HTTP headers the web answer carries (``Retry-After``...)."""
        return {}


class ConfigError(TmgrError):
    """The configuration is invalid (bad language code, bad database URL...)."""


class SchemaError(TmgrError):
    """The database's schema is not the one this tmgr works with."""


class IngestError(TmgrError):
    """A source file cannot be read as a commentary."""

    http_status = 422


class MetadataError(TmgrError):
    """A value given for a document's title, section, week or status line is refused."""

    http_status = 422


class ListingError(TmgrError):
    """A filter, a sort or a page link of the documents list is not one tmgr understands."""


class NotFound(TmgrError):
    """A named document, segment or user does not exist."""

    http_status = 404


class ReadOnlyArchive(TmgrError):
    """A published article brought in from the archive: it is read, never worked on.

    ``slug`` names the article, so a page asked for it can show its read-only view.
    """

    http_status = 409

    def __init__(self, message: str, *, hint: str | None = None, slug: str = "") -> None:
        super().__init__(message, hint=hint)
        self.slug = slug

    def details(self) -> dict[str, Any]:
        return {"archive": self.slug} if self.slug else {}


class PermissionDenied(TmgrError):
    """The acting user may not do this."""

    http_status = 403


class StaleEdit(TmgrError):
    """A save was based on an old version of a translation."""

    http_status = 409

    def __init__(self, message: str, *, current_version: int, current_text: str,
                 hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.current_version = current_version
        self.current_text = current_text

    def details(self) -> dict[str, Any]:
        return {"current_version": self.current_version, "current_text": self.current_text}


class SourceConflict(TmgrError):
    """A commentary was added or changed by someone else since the preview was read."""

    http_status = 409


class UneditedMT(TmgrError):
    """Too much of a text would be published as a machine or memory draft wrote it
    (``TMGR_UNEDITED_MT_WARN`` without confirmation, or ``TMGR_UNEDITED_MT_BLOCK``)."""

    http_status = 409

    def __init__(self, message: str, *, shares: list[Any], blocked: bool,
                 hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.shares, self.blocked = shares, blocked

    def details(self) -> dict[str, Any]:
        return {"unedited_mt": [s.as_dict() for s in self.shares], "blocked": self.blocked}


class DatabaseUnavailable(TmgrError):
    """The database cannot be reached; the web shows no detail, the CLI shows why."""

    http_status = 503
    public_message = "the database is not available at the moment: try again in a minute"


class MTError(TmgrError):
    """A machine-translation engine failed; ``reason`` says how.

    Reasons: ``unavailable``, ``rate-limited``, ``unsupported-language``,
    ``bad-answer``, ``too-long``, ``not-configured``, ``blocked``.
    """

    http_status = 502

    def __init__(self, message: str, *, reason: str, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.reason = reason


class EngineFailure(MTError):
    """An :class:`MTError` from one attempt, with the service's ``Retry-After``."""

    def __init__(self, message: str, *, reason: str, hint: str | None = None,
                 retry_after: float | None = None) -> None:
        super().__init__(message, reason=reason, hint=hint)
        self.retry_after = retry_after


class FormatError(TmgrError):
    """An import file (PO, XLIFF, TMX, CSV...) is malformed."""

    http_status = 422


class TextError(TmgrError):
    """A text holds characters no translation may contain."""

    http_status = 422


class BadRequest(TmgrError):
    """A request body or form is not what the API or the page sends."""

    http_status = 422


class UnreadableBody(BadRequest):
    """A request body no route could read (JSON nested beyond any route's shape)."""

    http_status = 400


class ReviewError(TmgrError):
    """A review action that cannot be done on this segment as it stands."""

    http_status = 422


class QABlocked(ReviewError):
    """An ``error`` QA finding blocks approval until a reviewer overrides it.

    ``findings`` are the segment's QA findings (:class:`tmgr.qa.Finding`); the web
    renders them in the UI language.
    """

    def __init__(self, message: str, *, findings: list[Any],
                 hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.findings = list(findings)


class AccountError(TmgrError):
    """A user name, role, language list or password is not acceptable."""

    http_status = 422


class TooManyAttempts(TmgrError):
    """Sign-in is slowed down for a while after repeated wrong passwords."""

    http_status = 429

    def __init__(self, message: str, *, retry_after: int, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.retry_after = retry_after

    def headers(self) -> dict[str, str]:
        return {"Retry-After": str(self.retry_after)}


class AssignError(TmgrError):
    """An assignment that cannot be made as asked."""

    http_status = 422


class WebhookError(TmgrError):
    """A webhook that cannot be configured as asked."""

    http_status = 422


class TooLarge(TmgrError):
    """An input is larger than tmgr handles in one request."""

    http_status = 413


class NotReady(TmgrError):
    """A text cannot be published yet; ``blockers`` says what stands in the way."""

    http_status = 409

    def __init__(self, message: str, *, blockers: list, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.blockers = blockers

    def __str__(self) -> str:
        return f"{self.message}\n{self.hint}" if self.hint else self.message


class BackupError(TmgrError):
    """A backup cannot be written, read or restored (damaged, newer, target not empty)."""


class QueryError(TmgrError):
    """A look-up (concordance, search) that cannot be answered as given."""

    http_status = 422


class NotWired(TmgrError):
    """A use case recorded an event before the listeners were wired (a programming error
    of the script calling it: ``tmgr.listeners.wire()`` first)."""

    http_status = 500
