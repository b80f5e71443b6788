"""One contract for every MT engine: the real clients against a local server or binary.

Each network engine talks to ``tests/mtserver.py`` in its own protocol (Google's web
page, LibreTranslate's JSON, the OpenAI chat protocol...); the local engines
(Apertium's real binaries, the offline stand-in) run the contracts that need no
service, each in a language pair it has. Nothing here reaches the internet.
"""

from __future__ import annotations

import json
import logging
import socket
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from tests.mtserver import KEYED, MTServer, fake_translation, running
from tmgr.config import Settings
from tmgr.errors import MTError
from tmgr.mt import ENGINES, Engine, create_engine, describe
from tmgr.mt.config import env_name
from tmgr.mt.offline import transliterate

NETWORK = [name for name, cls in ENGINES.items() if cls.external]
WITH_TABLES = [name for name, cls in ENGINES.items() if cls.languages is not None]
KEY = "sk-Contract/5ecret+key=="
FAST = {"attempts": 3, "backoff": 0.01, "backoff_max": 0.05, "timeout": 0.5,
        "breaker_threshold": 4, "breaker_cooldown": 60}
TEXT = "Lukashenka met <b>the envoy</b>; details at https://example.org/a?b=1 or press@example.by."
#: the pair each engine is tested in (default en→ru), and a text in each source language
PAIRS = {"apertium": ("ru", "be")}
TEXTS = {"en": TEXT, "ru": "Лукашенко встретился <b>с послом</b>; подробности на "
                           "https://example.org/a?b=1 или press@example.by."}
SENTENCES = {"en": ("Minsk.", "The regime tightened control over independent media in the "
                    "regions. ", "Sentence number {n} about the economy."),
             "ru": ("Минск.", "Режим усилил контроль над независимыми СМИ в регионах. ",
                    "Предложение номер {n} об экономике.")}


def pair(engine: Engine) -> tuple[str, str]:
    return PAIRS.get(engine.name, ("en", "ru"))


def make_engine(name: str, url: str | None, *, key: str | None = KEY, **mt: Any) -> Engine:
    own = {"rate": 1000}  # the limiter has its own test; here it would only slow things
    settings = Settings(Path("."), "sqlite://", extra={"mt": {**FAST, **mt, name: own}})
    env = {}
    if url:
        env[env_name(name, "URL")] = url
    if key:
        env[env_name(name, "API_KEY")] = key
    if name == "llm":
        env["TMGR_LLM_MODEL"] = "test-model"
    return create_engine(name, settings, env=env)


@pytest.fixture
def server() -> Iterator[MTServer]:
    with running(key=KEY) as srv:
        yield srv


def _build(name: str, server: MTServer, **mt: Any) -> Engine:
    url = server.url(name) if name in NETWORK else None
    return make_engine(name, url, **mt)


@pytest.fixture(params=list(ENGINES))
def engine(request: pytest.FixtureRequest, server: MTServer) -> Iterator[Engine]:
    built = _build(request.param, server)
    yield built
    built.close()


@pytest.fixture(params=NETWORK)
def remote(request: pytest.FixtureRequest, server: MTServer) -> Iterator[Engine]:
    built = _build(request.param, server)
    yield built
    built.close()


def _failure(engine: Engine, text: str = "Hello there.", target: str = "ru") -> MTError:
    with pytest.raises(MTError) as info:
        engine.translate(text, "en", target)
    return info.value


# -- every engine, the offline one included -----------------------------------------


def test_translates_and_puts_protected_pieces_back(engine: Engine, server: MTServer) -> None:
    source, target = pair(engine)
    result = engine.translate(TEXTS[source], source, target)
    for piece in ("<b>", "</b>", "https://example.org/a?b=1", "press@example.by"):
        assert result.count(piece) == 1, (piece, result)
    assert result != TEXTS[source]
    if engine.external:
        assert result == fake_translation(TEXT, "ru")
        sent = server.texts()
        assert len(sent) == 1 and "example.org" not in sent[0] and "<b>" not in sent[0]


def test_keeps_outer_whitespace_and_never_sends_bare_punctuation(
        engine: Engine, server: MTServer) -> None:
    source, target = pair(engine)
    minsk = SENTENCES[source][0]
    result = engine.translate(f"  {minsk}\n", source, target)
    assert result.startswith("  ") and result.endswith(".\n") and result.strip() != minsk
    before = server.requests
    assert engine.translate(" — ", source, target) == " — "
    assert server.requests == before


def test_long_text_is_split_at_sentence_ends_and_joined(engine: Engine,
                                                        server: MTServer) -> None:
    source, target = pair(engine)
    sentence = SENTENCES[source][1]
    text = (sentence * (engine.limit * 3 // 2 // len(sentence) + 2)).strip()
    assert len(text) > engine.limit
    result = engine.translate(text, source, target)
    if engine.external:
        sent = server.texts()
        assert len(sent) >= 2 and all(len(piece) <= engine.limit for piece in sent)
        assert " ".join(sent) == text
        assert result == " ".join(fake_translation(piece, "ru") for piece in sent)
    elif engine.name == "offline":
        assert result == transliterate(text, "ru")
    else:
        assert result.count(".") == text.count(".") and "*" not in result


def test_a_run_of_characters_without_a_space_is_too_long(engine: Engine) -> None:
    source, target = pair(engine)
    with pytest.raises(MTError) as info:
        engine.translate("x" * (engine.limit + 1), source, target)
    assert info.value.reason == "too-long"


def test_a_batch_gives_what_one_at_a_time_gives_and_keeps_failures_in_place(
        engine: Engine) -> None:
    source, target = pair(engine)
    texts = [SENTENCES[source][2].format(n=n) for n in range(5)]
    texts.insert(2, "x" * (engine.limit + 1))
    results = engine.translate_many(texts, source, target)
    assert isinstance(results[2], MTError) and results[2].reason == "too-long"
    singles = [engine.translate(t, source, target) for i, t in enumerate(texts) if i != 2]
    assert [r for i, r in enumerate(results) if i != 2] == singles


@pytest.mark.parametrize("name", WITH_TABLES)
def test_an_unknown_language_fails_before_any_request(name: str, server: MTServer) -> None:
    engine = _build(name, server)
    error = _failure(engine, target="tlh")
    assert error.reason == "unsupported-language"
    assert server.requests == 0


def test_translator_objects_are_not_shared_between_threads(engine: Engine) -> None:
    source, target = pair(engine)
    texts = [SENTENCES[source][2].format(n=n) for n in range(40)]
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda t: engine.translate(t, source, target), texts))
    if engine.external:
        assert results == [fake_translation(t, "ru") for t in texts]
    else:
        assert len(set(results)) == len(texts)
        assert all(str(n) in r for n, r in enumerate(results))


# -- engines behind a network ---------------------------------------------------------


def test_429_and_5xx_are_retried_until_an_answer(remote: Engine, server: MTServer) -> None:
    server.script.extend(["429", "500", "503"])
    engine = _build(remote.name, server, attempts=4)
    assert engine.translate("Hello there.", "en", "ru") == fake_translation("Hello there.", "ru")
    assert server.requests == 4
    assert sum(server.successes.values()) == 1


def test_retry_after_holds_requests_back(remote: Engine, server: MTServer) -> None:
    server.retry_after = 0.3
    server.script.append("429")
    started = time.monotonic()
    remote.translate("Hello there.", "en", "ru")
    assert time.monotonic() - started >= 0.25
    assert server.requests == 2


def test_gives_up_after_the_configured_attempts(remote: Engine, server: MTServer) -> None:
    server.mode = "500"
    error = _failure(remote)
    assert error.reason == "unavailable" and "HTTP 500" in error.message
    assert server.requests == 3


@pytest.mark.parametrize("fault", ["empty", "garbage"])
def test_unusable_answers_are_bad_answers_and_not_retried(remote: Engine, server: MTServer,
                                                          fault: str) -> None:
    server.mode = fault
    assert _failure(remote).reason == "bad-answer"
    assert server.requests == 1


def test_a_silent_service_times_out(remote: Engine, server: MTServer) -> None:
    server.mode = "hang"
    error = _failure(_build(remote.name, server, attempts=1, timeout=0.2))
    assert error.reason == "unavailable"
    assert error.message == f"{remote.name} unreachable (no answer within 0.2 s)"


def test_a_closed_port_is_unreachable(remote: Engine) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/x/"
    engine = make_engine(remote.name, url + ("translate?api-version=3.0"
                                             if remote.name == "microsoft" else ""))
    try:
        error = _failure(engine)
    finally:
        engine.close()
    assert error.reason == "unavailable"
    assert error.message == f"{remote.name} unreachable (connection refused)"


def test_the_circuit_breaker_stops_calling_a_dead_service(remote: Engine,
                                                          server: MTServer) -> None:
    server.mode = "503"
    engine = _build(remote.name, server, attempts=1)
    for _ in range(4):
        assert _failure(engine).reason == "unavailable"
    assert server.requests == 4
    error = _failure(engine)
    assert error.reason == "unavailable" and "HTTP 503" in error.message
    assert server.requests == 4, "an open breaker sends nothing"


@pytest.mark.parametrize("name", sorted(KEYED))
def test_a_wrong_key_is_reported_without_the_key(name: str, server: MTServer,
                                                 caplog: pytest.LogCaptureFixture) -> None:
    wrong = "sk-WRONG/key+value=="
    engine = make_engine(name, server.url(name), key=wrong)
    caplog.set_level(logging.DEBUG)
    try:
        error = _failure(engine)
        shown = json.dumps(describe(engine, [("en", "ru")]))
    finally:
        engine.close()
    assert error.reason == "not-configured"
    assert server.requests == 1, "a refused key is not retried"
    for text in (str(error), error.message, shown, repr(engine.config), caplog.text):
        assert wrong not in text and "sk-WRONG" not in text


def test_keys_stay_out_of_errors_when_the_service_is_down(
        remote: Engine, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    engine = make_engine(remote.name, "http://127.0.0.1:9/x/", attempts=1)
    try:
        error = _failure(engine)
    finally:
        engine.close()
    assert error.reason == "unavailable"
    assert KEY not in str(error) and KEY not in caplog.text


def test_the_service_can_refuse_a_language(server: MTServer) -> None:
    """Microsoft has no table in deep-translator; LibreTranslate servers differ from it."""
    server.unsupported = {"ru"}
    for name in ("microsoft", "libre"):
        engine = make_engine(name, server.url(name))
        try:
            before = server.requests
            assert _failure(engine).reason == "unsupported-language"
            assert server.requests == before + 1
            assert _failure(engine).reason == "unsupported-language"
            assert server.requests == before + 1, "the refusal is remembered"
            assert engine.supports("en", "ru") is False
        finally:
            engine.close()


def test_language_tables_come_from_deep_translator() -> None:
    support = {name: {(s, t): make_engine(name, "http://x/").supports(s, t)
                      for s, t in [("en", "be"), ("en", "ru"), ("ru", "be")]}
               for name in ENGINES}
    assert support["deepl"] == {("en", "be"): False, ("en", "ru"): True, ("ru", "be"): False}
    assert support["libre"] == {("en", "be"): False, ("en", "ru"): True, ("ru", "be"): False}
    assert all(support["google"].values()) and all(support["mymemory"].values())
    assert set(support["microsoft"].values()) == {None}


def test_engines_that_need_a_key_say_which_variable(server: MTServer) -> None:
    for name in ("deepl", "yandex", "microsoft"):
        engine = make_engine(name, server.url(name), key=None)
        error = _failure(engine)
        assert error.reason == "not-configured"
        assert env_name(name, "API_KEY") in str(error)
    assert server.requests == 0
