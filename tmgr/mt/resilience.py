"""Surviving a flaky service: a rate limiter, a retry policy and a circuit breaker.

All three are shared by the worker threads of one engine and are thread-safe.
"""

from __future__ import annotations

import math
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field


class RateLimiter:
    """At most ``rate`` requests per second across threads, evenly spaced.

    :meth:`pause` holds every thread back, e.g. for a service's ``Retry-After``.
    """

    def __init__(self, rate: float, *, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.interval = 0.0 if math.isinf(rate) else 1.0 / rate
        self._clock, self._sleep = clock, sleep
        self._lock = threading.Lock()
        self._next = 0.0
        self._paused_until = 0.0

    def acquire(self) -> None:
        """Wait for this thread's turn."""
        with self._lock:
            now = self._clock()
            start = max(now, self._next, self._paused_until)
            self._next = start + self.interval
        if start > now:
            self._sleep(start - now)

    def pause(self, seconds: float) -> None:
        """Send no request for ``seconds`` from now."""
        with self._lock:
            self._paused_until = max(self._paused_until, self._clock() + seconds)


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how long to wait: exponential back-off with (equal) jitter."""

    attempts: int = 6
    base: float = 0.25
    cap: float = 10.0
    #: a service asking for a longer pause than this is not waited for
    max_retry_after: float = 120.0
    rng: random.Random = field(default_factory=random.Random, compare=False)

    def delay(self, attempt: int, retry_after: float | None = None) -> float | None:
        """Seconds to wait after failed ``attempt`` (1-based), honouring ``Retry-After``.

        None: do not retry (the attempts are used up, or the service asks for too long).
        """
        if attempt >= self.attempts:
            return None
        if retry_after is not None and retry_after > self.max_retry_after:
            return None
        ceiling = min(self.cap, self.base * 2 ** (attempt - 1))
        wait = self.rng.uniform(ceiling / 2, ceiling)
        return max(wait, retry_after) if retry_after is not None else wait


class CircuitOpen(Exception):
    """The breaker is open: the service failed too often in a row; ``last`` says how."""

    def __init__(self, last: str) -> None:
        super().__init__(last)
        self.last = last


class CircuitBreaker:
    """Stops calling a dead service; after ``cooldown`` seconds one probe may pass.

    closed --(``threshold`` failures in a row)--> open --(cooldown)--> half-open
    --(probe succeeds)--> closed, or --(probe fails)--> open again.
    """

    def __init__(self, threshold: int, cooldown: float, *,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.threshold, self.cooldown = threshold, cooldown
        self._clock = clock
        self._lock = threading.Lock()
        self._failures = 0
        self._opened_at: float | None = None
        self._probing = False
        self.last_failure = ""

    @property
    def is_open(self) -> bool:
        with self._lock:
            return self._opened_at is not None

    @property
    def state(self) -> str:
        """``closed`` (calls go out), ``open`` (refused till the cooldown ends), ``half-open``."""
        with self._lock:
            if self._opened_at is None:
                return "closed"
            return "open" if self._clock() - self._opened_at < self.cooldown else "half-open"

    def before_call(self) -> None:
        """Raise :class:`CircuitOpen` unless a call may go out now."""
        with self._lock:
            if self._opened_at is None:
                return
            if self._probing or self._clock() - self._opened_at < self.cooldown:
                raise CircuitOpen(self.last_failure)
            self._probing = True  # half-open: this caller is the probe

    def record_success(self) -> None:
        with self._lock:
            self._failures, self._opened_at, self._probing = 0, None, False

    def record_failure(self, message: str) -> None:
        with self._lock:
            self.last_failure = message
            self._failures += 1
            if self._probing or self._failures >= self.threshold:
                self._opened_at, self._probing = self._clock(), False
