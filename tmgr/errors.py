"""The one exception tree of tmgr.

Every error a user can meet is a :class:`TmgrError`. Library errors are wrapped
at the seam (``raise IngestError(...) from exc``) and turned into messages in
exactly two places: the CLI and the web error handler.
"""

from __future__ import annotations


class TmgrError(Exception):
    """Something went wrong that the user can understand and act on.

    ``http_status`` is what the web layer answers with; the CLI exits 1.
    """

    http_status = 400

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class ConfigError(TmgrError):
    """The configuration is invalid (bad language code, bad database URL...)."""


class IngestError(TmgrError):
    """A source file cannot be read as a commentary."""

    http_status = 422


class MetadataError(TmgrError):
    """A value given for a document's title, section, week or status line is refused."""

    http_status = 422


class NotFound(TmgrError):
    """A named document, segment or user does not exist."""

    http_status = 404


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


class FormatError(TmgrError):
    """An import file (PO, XLIFF, TMX, CSV...) is malformed."""

    http_status = 422


class QualityError(TmgrError):
    """A translation has QA errors that no reviewer has overridden."""

    http_status = 422

    def __init__(self, message: str, *, findings: list | None = None,
                 hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.findings = list(findings or [])


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
