"""The llm engine against a local server speaking the OpenAI chat-completions protocol."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import Tmgr
from tests.mtserver import MTServer, fake_translation, running
from tmgr.config import Settings
from tmgr.errors import MTError
from tmgr.mt import Context, create_engine
from tmgr.mt.llm import LLM

KEY = "sk-llm/Secret+Key=="


@pytest.fixture
def server() -> Iterator[MTServer]:
    with running(key=KEY) as srv:
        yield srv


def _engine(server: MTServer, tmp_path: Path | None = None, **own: object) -> LLM:
    mt = {"attempts": 2, "backoff": 0.01, "timeout": 2, "llm": {"rate": 1000, **own}}
    env = {"TMGR_LLM_URL": server.url("llm"), "TMGR_LLM_API_KEY": KEY,
           "TMGR_LLM_MODEL": "llama-test"}
    engine = create_engine("llm", Settings(Path("."), "sqlite://", extra={"mt": mt}), env=env)
    assert isinstance(engine, LLM)
    return engine


def test_the_prompt_carries_language_style_context_and_only_this_sentences_terms(
        server: MTServer) -> None:
    context = Context(headline="Minsk Signs a Trade Deal", before="The deal was signed.",
                      after="Exports grew.", glossary=(("Minsk", "Мінск"),))
    result = _engine(server).translate("Minsk published it.", "en", "be", context)
    assert result == fake_translation("Minsk published it.", "be")
    system, user = (m["content"] for m in server.asked[0].messages)
    assert "into Belarusian" in system and "Беларусь" in system
    assert "translation of that one sentence only" in system
    assert "Minsk Signs a Trade Deal" in user and "The deal was signed." in user
    assert "Exports grew." in user and "Minsk → Мінск" in user
    bare = _engine(server).translate("It grew.", "en", "ru")
    assert bare == fake_translation("It grew.", "ru")
    user = server.asked[1].messages[1]["content"]
    assert "Glossary" not in user and "Headline" not in user, "empty lines are left out"
    assert "into Russian" in server.asked[1].messages[0]["content"]


@pytest.mark.parametrize("fault", ["chatty", "echo", "essay", "empty", "garbage"])
def test_anything_but_a_translation_is_refused_and_not_retried(server: MTServer,
                                                               fault: str) -> None:
    server.mode = fault
    with pytest.raises(MTError) as info:
        _engine(server).translate("The regime held a parade.", "en", "be")
    assert info.value.reason == "bad-answer"
    assert server.requests == 1


def test_an_edited_prompt_file_is_used(server: MTServer, tmp_path: Path) -> None:
    prompts = tmp_path / "prompts.toml"
    prompts.write_text('[be]\nsystem = "Render into {target_language}, newsroom style X."\n'
                       'user = "Sentence to translate:\\n{text}"\n', encoding="utf-8")
    _engine(server, prompts=str(prompts)).translate("Hello.", "en", "be")
    assert server.asked[0].messages[0]["content"] == \
        "Render into Belarusian, newsroom style X."


def test_the_key_goes_as_a_bearer_header_and_nowhere_else(
        server: MTServer, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    engine = _engine(server)
    engine.translate("Hello.", "en", "ru")
    assert server.asked[0].key == KEY
    server.mode = "500"
    with pytest.raises(MTError) as info:
        engine.translate("Hello again.", "en", "ru")
    assert info.value.reason == "unavailable" and KEY not in str(info.value)
    assert KEY not in caplog.text and KEY not in repr(engine.config)


def test_without_url_or_model_it_says_what_to_set() -> None:
    engine = create_engine("llm", Settings(Path("."), "sqlite://"), env={})
    assert engine.missing_setting() == "TMGR_LLM_URL"
    engine = create_engine("llm", Settings(Path("."), "sqlite://"),
                           env={"TMGR_LLM_URL": "http://127.0.0.1:9/v1"})
    assert engine.missing_setting() == "TMGR_LLM_MODEL"


def test_tmgr_draft_with_llm_sends_context_and_isolates_bad_answers(
        tmgr: Tmgr, sample_doc: str, monkeypatch: pytest.MonkeyPatch, server: MTServer,
        tmp_path: Path) -> None:
    config = tmp_path / "tmgr.toml"
    config.write_text("[mt]\nattempts = 1\nbackoff = 0.01\ntimeout = 120\n[mt.llm]\nrate = 1000\n",
                      encoding="utf-8")
    monkeypatch.setenv("TMGR_CONFIG", str(config))
    monkeypatch.setenv("TMGR_LLM_URL", server.url("llm"))
    monkeypatch.setenv("TMGR_LLM_API_KEY", KEY)
    monkeypatch.setenv("TMGR_LLM_MODEL", "llama-test")
    tmgr("glossary", "import")
    server.script.extend(["chatty", "echo"])
    result = tmgr("draft", "--engine", "llm", "--lang", "be", "--json", ok=False)
    report = json.loads(result.stdout)
    assert report["failed"] == {"bad-answer": 2}
    assert report["from_engine"] == report["asked"] - 2 > 10
    assert "something other than a translation" in result.stderr
    users = [a.messages[1]["content"] for a in server.asked]
    assert all("Headline of the article:" in u for u in users)
    assert any("Lukashenka → Лукашэнка" in u for u in users)
    for asked, user in zip(server.asked, users, strict=True):  # only this sentence's terms
        line = next((ln for ln in user.splitlines() if ln.startswith("Glossary")), "")
        terms = [entry.split(" → ")[0] for entry in line.split(": ", 1)[-1].split("; ")
                 if line]
        assert all(term.lower() in asked.text.lower() for term in terms), (terms, asked.text)
    assert KEY not in result.stdout + result.stderr


SENTENCES = [f"The ministry published report number {n}." for n in range(5)]


def test_a_batch_is_one_request_and_bad_items_are_asked_again_alone(server: MTServer) -> None:
    engine = _engine(server, batch=5)
    context = Context(headline="Reports", glossary=(("ministry", "міністэрства"),))
    results = engine.translate_many(SENTENCES, "en", "be", [context] * 5)
    assert results == [fake_translation(s, "be") for s in SENTENCES]
    assert server.requests == 1
    user = server.asked[0].messages[1]["content"]
    assert "exactly 5 strings" in user and "ministry → міністэрства" in user
    server.reset_counts()
    server.script.append("mixed")  # the first item copies its sentence
    again = engine.translate_many([s.replace("report", "memo") for s in SENTENCES], "en", "be")
    assert again[0] == fake_translation(SENTENCES[0].replace("report", "memo"), "be")
    assert server.requests == 2, "only the bad item is asked again"


@pytest.mark.parametrize("fault", ["short", "chatty", "garbage"])
def test_an_unusable_batch_answer_falls_back_to_one_request_per_sentence(
        server: MTServer, fault: str) -> None:
    server.script.append(fault)
    results = _engine(server, batch=5).translate_many(SENTENCES, "en", "ru")
    assert results == [fake_translation(s, "ru") for s in SENTENCES]
    assert server.requests == 6


def test_a_bad_batch_setting_is_one_clear_error(server: MTServer) -> None:
    from tmgr.errors import ConfigError

    with pytest.raises(ConfigError) as info:
        _engine(server, batch=0)
    assert "[mt.llm] batch" in str(info.value)


def test_tmgr_draft_sends_batches_when_configured(
        tmgr: Tmgr, sample_doc: str, monkeypatch: pytest.MonkeyPatch, server: MTServer,
        tmp_path: Path) -> None:
    config = tmp_path / "tmgr.toml"
    config.write_text("[mt.llm]\nrate = 1000\nbatch = 10\n", encoding="utf-8")
    monkeypatch.setenv("TMGR_CONFIG", str(config))
    monkeypatch.setenv("TMGR_LLM_URL", server.url("llm"))
    monkeypatch.setenv("TMGR_LLM_API_KEY", KEY)
    monkeypatch.setenv("TMGR_LLM_MODEL", "llama-test")
    report = json.loads(tmgr("draft", "--engine", "llm", "--lang", "ru", "--json").stdout)
    assert report["from_engine"] == report["asked"] > 10 and report["failed"] == {}
    assert server.requests == -(-report["asked"] // 10)
