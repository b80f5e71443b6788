"""Protected pieces, safe splitting, and the rate limiter / retry policy / circuit breaker."""

from __future__ import annotations

import random

import pytest

from tmgr.errors import MTError
from tmgr.mt.protect import missing_spans, protect, spans, split_for_limit
from tmgr.mt.resilience import CircuitBreaker, CircuitOpen, RateLimiter, RetryPolicy


def test_urls_emails_and_markup_are_replaced_and_put_back() -> None:
    text = ("See https://example.org/a_(b)?q=1, write to press.office@example.by "
            "or read <a href=\"x\">this</a> &amp; www.belarus.example/p.")
    protected = protect(text)
    assert protected.originals == ("https://example.org/a_(b)?q=1", "press.office@example.by",
                                   '<a href="x">', "</a>", "&amp;", "www.belarus.example/p")
    assert "example" not in protected.text and "<" not in protected.text
    assert protected.restore(protected.text) == text


def test_tokens_come_back_even_when_the_engine_bends_them() -> None:
    protected = protect("Details: https://example.org/x and mail@example.by.")
    bent = "Подробности: [ X1 X] и [х2х]."
    assert protected.restore(bent) == "Подробности: https://example.org/x и mail@example.by."


def test_missing_spans_names_what_a_draft_lost() -> None:
    source = "See https://a.example/x and https://a.example/x, or <b>bold</b>."
    assert missing_spans(source, "См. https://a.example/x и <b>жирный</b>.") == \
        ["https://a.example/x"]
    assert missing_spans(source, source) == []
    assert missing_spans("No links here.", "Тут няма спасылак.") == []


def test_sentence_punctuation_after_a_url_is_not_part_of_it() -> None:
    assert spans("Read https://example.org/report.") == ["https://example.org/report"]
    assert spans("(see https://example.org/a)") == ["https://example.org/a"]


@pytest.mark.parametrize("limit", [40, 80, 120])
def test_split_prefers_sentence_ends_and_joins_exactly(limit: int) -> None:
    text = ("Minsk announced new drills. The ministry said the units were ready; "
            "observers, however, doubted it, and the press was not invited. Nothing else.")
    pieces = split_for_limit(text, limit)
    assert "".join(pieces) == text
    assert len(pieces) > 1 and all(len(piece) <= limit for piece in pieces)
    if limit == 120:  # room for whole sentences: no cut inside one
        assert all(piece.rstrip().endswith(".") for piece in pieces)
    if limit == 80:  # the long sentence is cut at its semicolon, not at a comma
        assert pieces[1].endswith("ready; ")


def test_split_refuses_a_run_without_any_safe_point() -> None:
    with pytest.raises(MTError) as info:
        split_for_limit("a" * 50, 10)
    assert info.value.reason == "too-long"


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def test_the_rate_limiter_spaces_requests_and_pauses_for_retry_after() -> None:
    clock = FakeClock()
    limiter = RateLimiter(10, clock=clock, sleep=clock.sleep)
    for _ in range(5):
        limiter.acquire()
    assert clock.now == pytest.approx(100.4)  # 5 requests at 10/s: 0, .1, .2, .3, .4
    limiter.pause(2.0)
    limiter.acquire()
    assert clock.now == pytest.approx(102.4)


def test_retry_delays_grow_and_respect_retry_after_and_the_attempt_limit() -> None:
    policy = RetryPolicy(attempts=4, base=0.5, cap=3.0, rng=random.Random(7))
    delays = [policy.delay(n) or -1.0 for n in (1, 2, 3)]
    assert 0.25 <= delays[0] <= 0.5 and 0.5 <= delays[1] <= 1.0 and 1.0 <= delays[2] <= 2.0
    assert policy.delay(4) is None, "the fourth failure is the last"
    assert policy.delay(1, retry_after=2.5) == 2.5
    assert policy.delay(1, retry_after=3600) is None, "an hour's wait is not waited for"


def test_the_breaker_opens_probes_after_the_cooldown_and_closes_on_success() -> None:
    clock = FakeClock()
    breaker = CircuitBreaker(threshold=3, cooldown=30, clock=clock)
    for _ in range(3):
        breaker.before_call()
        breaker.record_failure("google unreachable")
    with pytest.raises(CircuitOpen) as info:
        breaker.before_call()
    assert info.value.last == "google unreachable"
    clock.now += 31
    breaker.before_call()  # the probe
    with pytest.raises(CircuitOpen):
        breaker.before_call()  # only one probe at a time
    breaker.record_failure("still down")
    with pytest.raises(CircuitOpen):
        breaker.before_call()
    clock.now += 31
    breaker.before_call()
    breaker.record_success()
    assert not breaker.is_open
    breaker.before_call()
