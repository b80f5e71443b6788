"""The engine base: language tables, the request pipeline and one MT error family.

An engine module only says how to make one request with deep-translator
(:meth:`Engine._request`); the base owns everything around it:

* markup, URLs and e-mail addresses are protected (:mod:`tmgr.mt.protect`);
* texts over the engine's limit are split at safe points and joined;
* whitespace the service strips is put back; pure punctuation is never sent;
* a rate limit, retries with back-off on 429/5xx/timeouts/connection errors and a
  circuit breaker (:mod:`tmgr.mt.resilience`);
* every failure, whatever deep-translator raised, becomes an :class:`MTError`
  whose ``reason`` is one of :data:`REASONS` and whose message names no key.

Engine objects are shared by worker threads; deep-translator objects are not
(they keep per-call state), so ``_request`` builds a fresh one every time.
"""

from __future__ import annotations

import logging
import time
from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from deep_translator import exceptions as dt

from tmgr.errors import EngineFailure, MTError
from tmgr.localedata import language_name
from tmgr.mt import http
from tmgr.mt.config import EngineConfig
from tmgr.mt.protect import protect, split_for_limit
from tmgr.mt.resilience import CircuitBreaker, CircuitOpen, RateLimiter, RetryPolicy
from tmgr.qa.messages import N_

log = logging.getLogger("tmgr.mt")

REASONS = ("unavailable", "rate-limited", "unsupported-language", "bad-answer", "too-long",
           "not-configured", "blocked")
RETRYABLE = frozenset({"unavailable", "rate-limited"})
#: deep-translator's ServerException carries Yandex-style codes as text
_SERVER_CODES = {text: code for code, text in dt.ServerException.errors.items()}


@dataclass(frozen=True)
class Context:
    """What a translator would tell a colleague about one sentence.

    ``glossary`` holds (source term, target term) pairs that occur in this
    sentence; ``before``/``after`` are the neighbouring sentences.
    """

    headline: str = ""
    before: str = ""
    after: str = ""
    glossary: tuple[tuple[str, str], ...] = ()


class Draft(str):
    """A translation that carries notes: ``unknown`` words the engine did not know."""

    unknown: tuple[str, ...]

    def __new__(cls, text: str, *, unknown: Sequence[str] = ()) -> Draft:
        draft = super().__new__(cls, text)
        draft.unknown = tuple(unknown)
        return draft


class Engine(ABC):
    """A machine-translation engine. Subclasses set the class attributes and ``_request``."""

    name: ClassVar[str]
    label: ClassVar[str]
    #: True when text leaves the machine (documents marked "no external MT" refuse it)
    external: ClassVar[bool] = True
    needs_key: ClassVar[bool] = False
    #: the engine takes an API key (TMGR_<ENGINE>_API_KEY), needed or not
    takes_key: ClassVar[bool] = False
    #: the engine has no usable public endpoint: TMGR_<ENGINE>_URL must be set
    needs_url: ClassVar[bool] = False
    default_url: ClassVar[str | None] = None
    #: the most characters one request may carry
    max_chars: ClassVar[int] = 5000
    default_rate: ClassVar[float] = 20.0
    #: deep-translator's table (language name -> engine code); None: only the service knows
    languages: ClassVar[Mapping[str, str] | None] = None
    #: texts :meth:`translate_many` takes at once (engines that batch set more than 1)
    batch_size: ClassVar[int] = 1
    #: False for stand-ins whose output is not a translation: never stored as a draft
    drafts: ClassVar[bool] = True

    def __init__(self, config: EngineConfig) -> None:
        self.config = config
        self.limit = min(config.max_chars or self.max_chars, self.max_chars)
        self.limiter = RateLimiter(config.rate)
        self.retry = RetryPolicy(config.attempts, config.backoff, config.backoff_max)
        self.breaker = CircuitBreaker(config.breaker_threshold, config.breaker_cooldown)
        self._refused: set[tuple[str, str]] = set()
        if config.api_key:
            http.register_secret(config.api_key.reveal())

    # -- what the engine is -------------------------------------------------------

    @property
    def url(self) -> str | None:
        return self.config.url or self.default_url

    @property
    def api_key(self) -> str | None:
        return self.config.api_key.reveal() if self.config.api_key else None

    def missing_setting(self) -> str | None:
        """The variable to set before this engine can run, or None."""
        if self.needs_key and not self.config.api_key:
            return self.config.key_variable
        if self.needs_url and not self.url:
            return self.config.url_variable
        return None

    @property
    def configured(self) -> bool:
        return self.missing_setting() is None

    @classmethod
    def code(cls, lang: str) -> str | None:
        """The engine's code for tmgr's ``lang``, or None when it has no such language."""
        if cls.languages is None:
            return lang
        table = {name.lower(): value for name, value in cls.languages.items()}
        if found := table.get(language_name(lang).lower()):  # deep-translator: "belarusian"
            return found
        return next((v for v in table.values() if v.lower() == lang.lower()), None)

    def supports(self, source: str, target: str) -> bool | None:
        """Whether the pair is in deep-translator's table (None: only the service knows)."""
        if (source, target) in self._refused:
            return False
        if self.languages is None:
            return None
        return self.code(source) is not None and self.code(target) is not None

    def check_pair(self, source: str, target: str) -> None:
        """Raise :class:`MTError` unless this engine can be asked for ``source``→``target``."""
        if missing := self.missing_setting():
            raise MTError(N_("%(engine)s is not configured", engine=self.name),
                          reason="not-configured",
                          hint=N_("set %(setting)s (see `tmgr engines`)", setting=missing))
        if self.supports(source, target) is False:
            raise MTError(N_("%(engine)s cannot translate %(source)s→%(target)s", engine=self.name,
                             source=source, target=target),
                          reason="unsupported-language",
                          hint=N_("`tmgr engines` shows which engine can; choose it with --engine"))

    # -- translating ----------------------------------------------------------------

    def translate(self, text: str, source: str, target: str,
                  context: Context | None = None) -> str:
        """Translate one segment ``source``→``target``; raise :class:`MTError` on failure."""
        self.check_pair(source, target)
        protected = protect(text)
        pieces = split_for_limit(protected.text, self.limit)
        translated = "".join(self._translate_piece(piece, source, target, context)
                             for piece in pieces)
        return protected.restore(translated)

    def translate_many(self, texts: Sequence[str], source: str, target: str,
                       contexts: Sequence[Context | None] | None = None
                       ) -> list[str | MTError]:
        """Translate several segments; each failure is returned in its text's place."""
        results: list[str | MTError] = []
        for index, text in enumerate(texts):
            try:
                results.append(self.translate(text, source, target,
                                              contexts[index] if contexts else None))
            except MTError as exc:
                results.append(exc)
        return results

    def _translate_piece(self, piece: str, source: str, target: str,
                         context: Context | None = None) -> str:
        core = piece.strip()
        if not any(ch.isalnum() for ch in core):
            return piece  # nothing to translate; some services answer None to this
        lead, trail = piece[:len(piece) - len(piece.lstrip())], piece[len(piece.rstrip()):]
        attempt = 0
        while True:
            attempt += 1
            try:
                return lead + self._attempt(core, source, target, context) + trail
            except EngineFailure as failure:
                delay = self.retry.delay(attempt, failure.retry_after) \
                    if failure.reason in RETRYABLE else None
                if delay is None:
                    raise
                if failure.retry_after:
                    self.limiter.pause(delay)  # the service asked everyone to wait
                log.debug("%s: attempt %d failed (%s); retrying in %.2fs",
                          self.name, attempt, failure.message, delay)
                time.sleep(delay)

    def _attempt(self, text: str, source: str, target: str,
                 context: Context | None = None) -> str:
        try:
            self.breaker.before_call()
        except CircuitOpen as exc:
            raise MTError(exc.last or N_("%(engine)s unreachable", engine=self.name),
                          reason="unavailable",
                          hint=N_("tmgr stopped calling %(engine)s after %(count)s failures "
                                  "in a row", engine=self.name,
                                  count=self.breaker.threshold)) from None
        self.limiter.acquire()
        failure: EngineFailure | None = None
        with http.recording(self.config.timeout) as record:
            try:
                answer = self._request_in_context(text, self._code(source),
                                                  self._code(target), context)
            except Exception as exc:  # noqa: BLE001 - deep-translator raises anything
                failure = self._failure(exc, record)
        if failure is None:
            self.breaker.record_success()
            return self._clean(answer)
        if failure.reason == "unavailable":
            self.breaker.record_failure(failure.message)
        else:
            self.breaker.record_success()  # it answered: the service is alive
        if failure.reason == "unsupported-language":
            self._refused.add((source, target))
        raise failure

    def _code(self, lang: str) -> str:
        code = self.code(lang)
        if code is None:
            raise MTError(N_("%(engine)s has no language %(lang)s", engine=self.name,
                             lang=repr(lang)),
                          reason="unsupported-language")
        return code

    def _clean(self, answer: Any) -> str:
        if isinstance(answer, list | tuple) and all(isinstance(a, str) for a in answer):
            answer = "".join(answer)
        if not isinstance(answer, str) or not answer.strip():
            raise EngineFailure(N_("%(engine)s gave an empty answer", engine=self.name),
                                reason="bad-answer")
        return answer.strip()

    def _request_in_context(self, text: str, source: str, target: str,
                            context: Context | None) -> Any:
        """One request; engines that can use the sentence's context override this."""
        return self._request(text, source, target)

    @abstractmethod
    def _request(self, text: str, source: str, target: str) -> Any:
        """One request through deep-translator, with the engine's own language codes."""

    def close(self) -> None:
        """Close kept-alive connections."""
        http.close_sessions()

    # -- one error family -------------------------------------------------------

    def _failure(self, exc: Exception, record: http.CallRecord) -> EngineFailure:
        if isinstance(exc, EngineFailure):
            return exc
        if isinstance(exc, MTError):
            return EngineFailure(exc.message, reason=exc.reason, hint=exc.hint)
        if isinstance(exc, http.TransportError):
            detail = (N_("no answer within %(seconds)s s", seconds=format(self.config.timeout, "g"))
                      if exc.kind == "timeout" else exc.detail or N_("connection failed"))
            return EngineFailure(N_("%(engine)s unreachable (%(detail)s)", engine=self.name,
                                    detail=detail), reason="unavailable")
        status = record.status
        if status is not None and not 200 <= status < 300:
            reason, message = self.classify_status(status, record)
        else:
            reason, message = self.classify_exception(exc)
        return EngineFailure(http.redact(message), reason=reason,
                             hint=self._hint(reason), retry_after=record.retry_after)

    def classify_status(self, status: int, record: http.CallRecord) -> tuple[str, str]:
        """(reason, message) for an HTTP error answer; engines refine it."""
        if status == 429:
            return "rate-limited", N_("%(engine)s is limiting requests (HTTP 429)",
                                      engine=self.name)
        if status in (401, 403):
            if self.config.api_key:
                return "not-configured", N_("%(engine)s refused the API key (HTTP %(status)s)",
                                            engine=self.name, status=status)
            return "not-configured", N_("%(engine)s refused the request (HTTP %(status)s)",
                                        engine=self.name, status=status)
        if status in (413, 414):
            return "too-long", N_("%(engine)s refused the text as too long (HTTP %(status)s)",
                                  engine=self.name, status=status)
        if status == 456:
            return "rate-limited", N_("%(engine)s quota exceeded (HTTP 456)", engine=self.name)
        if status >= 500:
            return "unavailable", N_("%(engine)s failed (HTTP %(status)s)", engine=self.name,
                                     status=status)
        return "bad-answer", N_("%(engine)s rejected the request (HTTP %(status)s)",
                                engine=self.name, status=status)

    def classify_exception(self, exc: Exception) -> tuple[str, str]:
        """(reason, message) for a failure that came with no HTTP error status."""
        name = self.name
        if isinstance(exc, dt.TooManyRequests):
            return "rate-limited", N_("%(engine)s is limiting requests", engine=name)
        if isinstance(exc, dt.ServerException):
            return self._server_code(_SERVER_CODES.get(str(exc), 0))
        if isinstance(exc, dt.LanguageNotSupportedException | dt.InvalidSourceOrTargetLanguage):
            return "unsupported-language", N_("%(engine)s does not support this language pair",
                                              engine=name)
        if isinstance(exc, dt.NotValidLength):
            return "too-long", N_("%(engine)s refused the text as too long", engine=name)
        if isinstance(exc, dt.ApiKeyException | dt.AuthorizationException):
            return "not-configured", N_("%(engine)s refused the API key", engine=name)
        if isinstance(exc, StopIteration):  # MyMemory with neither text nor matches
            return "bad-answer", N_("%(engine)s gave an empty answer", engine=name)
        return "bad-answer", N_("%(engine)s gave an answer tmgr cannot read (%(kind)s)",
                                engine=name, kind=type(exc).__name__)

    def _server_code(self, code: int) -> tuple[str, str]:
        name = self.name
        if code in (401, 402):
            return "not-configured", N_("%(engine)s refused the API key (code %(code)s)",
                                        engine=name, code=code)
        if code in (403, 404, 429):
            return "rate-limited", N_("%(engine)s limit reached (code %(code)s)", engine=name,
                                      code=code)
        if code == 413:
            return "too-long", N_("%(engine)s refused the text as too long", engine=name)
        if code == 501:
            return "unsupported-language", N_("%(engine)s does not support this language pair",
                                              engine=name)
        if code >= 500:
            return "unavailable", N_("%(engine)s failed (code %(code)s)", engine=name, code=code)
        return "bad-answer", N_("%(engine)s rejected the request (code %(code)s)", engine=name,
                                code=code)

    def _hint(self, reason: str) -> str | None:
        if reason == "not-configured":
            return N_("check %(setting)s", setting=self.config.key_variable)
        if reason == "unsupported-language":
            return N_("`tmgr engines` shows which engine supports which languages")
        return None

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name}>"
