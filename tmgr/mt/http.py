"""HTTP under deep-translator: timeouts, kept-alive connections, status capture, no leaks.

deep-translator calls ``requests.get``/``requests.post`` with no timeout and turns
transport errors into unrelated exception types (or swallows them). Each of its
modules we use gets :data:`FACADE` as its ``requests``: inside :func:`recording`
every request gets the engine's timeout and a per-thread keep-alive session, its
status code and ``Retry-After`` are recorded for the error mapping, and transport
failures surface as :class:`TransportError`, which no deep-translator ``except``
clause catches. Outside :func:`recording` the facade behaves exactly like
``requests`` (so a plain deep-translator loop stays plain).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import ModuleType
from typing import Any
from urllib.parse import quote, quote_plus

import requests

from tmgr.qa.messages import N_

_local = threading.local()
_sessions_lock = threading.Lock()
_sessions: list[requests.Session] = []
_generation = 0
_secrets: set[str] = set()


class TransportError(Exception):
    """The request never got an answer: ``kind`` is ``timeout`` or ``connection``."""

    def __init__(self, kind: str, detail: str = "") -> None:
        super().__init__(kind)
        self.kind = kind
        self.detail = detail


@dataclass
class CallRecord:
    """What the HTTP layer saw during one engine call."""

    timeout: tuple[float, float]
    requests: int = 0
    status: int | None = None
    retry_after: float | None = None
    body: str = ""  # the start of an error answer, for engines to classify


@contextmanager
def recording(timeout: float) -> Iterator[CallRecord]:
    """Route this thread's deep-translator requests through tmgr's settings."""
    record = CallRecord(timeout=(min(timeout, 5.0), timeout))
    _local.record = record
    try:
        yield record
    finally:
        _local.record = None


def _session() -> requests.Session:
    """This thread's keep-alive session (translator objects are per call, sessions not)."""
    session = getattr(_local, "session", None)
    if session is None or getattr(_local, "generation", -1) != _generation:
        session = requests.Session()
        with _sessions_lock:
            _sessions.append(session)
        _local.session, _local.generation = session, _generation
    return session


def close_sessions() -> None:
    """Close every kept-alive connection (the end of a run)."""
    global _generation
    with _sessions_lock:
        sessions, _sessions[:] = list(_sessions), []
        _generation += 1
    for session in sessions:
        session.close()


def _parse_retry_after(value: str | None) -> float | None:
    try:
        return max(0.0, float(value)) if value else None
    except ValueError:
        return None  # an HTTP date: rare for these services; use our own back-off


def _cause(exc: BaseException) -> str:
    """A short, key-free description of why a connection failed."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ConnectionRefusedError):
            return N_("connection refused")
        if isinstance(seen, ConnectionResetError):
            return N_("connection reset")
        if type(seen).__name__ in {"gaierror", "NameResolutionError"}:
            return N_("host name not found")
        seen = seen.__cause__ or seen.__context__
    return ""


def _send(method: str, url: str, **kwargs: Any) -> requests.Response:
    record: CallRecord | None = getattr(_local, "record", None)
    if record is None:
        return requests.request(method, url, **kwargs)
    kwargs["timeout"] = record.timeout
    record.requests += 1
    try:
        response = _session().request(method, url, **kwargs)
    except requests.Timeout as exc:
        raise TransportError("timeout") from exc
    except requests.RequestException as exc:
        raise TransportError("connection", _cause(exc)) from exc
    record.status = response.status_code
    record.retry_after = _parse_retry_after(response.headers.get("Retry-After"))
    if not 200 <= response.status_code < 300:
        record.body = response.text[:500]
    return response


class _RequestsFacade:
    """What deep-translator's modules see as ``requests``."""

    exceptions = requests.exceptions

    @staticmethod
    def get(url: str, params: Any = None, **kwargs: Any) -> requests.Response:
        return _send("GET", url, params=params, **kwargs)

    @staticmethod
    def post(url: str, data: Any = None, json: Any = None, **kwargs: Any) -> requests.Response:
        return _send("POST", url, data=data, json=json, **kwargs)


FACADE = _RequestsFacade()


def install(*modules: ModuleType) -> None:
    """Give deep-translator ``modules`` the facade instead of ``requests``."""
    for module in modules:
        module.requests = FACADE  # type: ignore[attr-defined]


def redact(text: str) -> str:
    """``text`` with every registered secret replaced by ``********``."""
    for secret in _secrets:
        text = text.replace(secret, "********")
    return text


class RedactingFilter(logging.Filter):
    """Rewrites log records so no registered secret reaches a handler."""

    def filter(self, record: logging.LogRecord) -> bool:
        if _secrets:
            message = record.getMessage()
            cleaned = redact(message)
            if cleaned != message:
                record.msg, record.args = cleaned, None
        return True


_FILTER = RedactingFilter()
#: loggers that may see URLs with keys in them (urllib3 logs request lines at DEBUG)
_WATCHED_LOGGERS = ("urllib3.connectionpool", "tmgr.mt")


def register_secret(value: str) -> None:
    """Never let ``value`` reach a log handler (the key may sit in a query string)."""
    if len(value) < 4:  # too short to be a real key; redacting it would garble logs
        return
    _secrets.update({value, quote(value, safe=""), quote_plus(value)})
    for name in _WATCHED_LOGGERS:
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)
