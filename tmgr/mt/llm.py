"""A large language model over the OpenAI chat-completions protocol (``llm``).

Works with OpenAI and with self-hosted servers that speak the same protocol
(Ollama, vLLM, llama.cpp's server). Settings: ``TMGR_LLM_URL`` (the base URL,
e.g. ``http://127.0.0.1:11434/v1``; tmgr posts to ``<url>/chat/completions``),
``TMGR_LLM_API_KEY`` (sent as ``Authorization: Bearer``; optional for local
servers) and ``TMGR_LLM_MODEL``. The prompt per target language lives in TOML
(:data:`DEFAULT_PROMPTS`, or ``[mt.llm] prompts = "file.toml"``).

The prompt carries the sentence's context (:class:`~tmgr.mt.base.Context`): the
headline, the neighbouring sentences and the glossary entries found in it. The
answer must be the translation only: a preamble ("Here is the translation"),
extra lines, the sentence copied back or an answer far longer than the sentence
is refused as ``bad-answer`` and the segment is left undrafted with that error.

The chat protocol takes one conversation per request. By default each text is
one request (concurrently, from tmgr's worker pool); with ``[mt.llm] batch = N``
up to N sentences of a document go in one request and come back as a JSON
array. An answer that is not an array of N translations sends its sentences one
by one instead, and an item that is not a translation is asked again alone (per
item isolation). Retries, back-off, the breaker and the cache are the base's.
"""

from __future__ import annotations

import json
import re
import time
import tomllib
from collections.abc import Sequence
from functools import cached_property
from pathlib import Path
from typing import Any

from tmgr.data import data_file
from tmgr.errors import ConfigError, EngineFailure, MTError
from tmgr.localedata import language_name
from tmgr.mt import http
from tmgr.mt.base import (
    RETRYABLE,
    Context,
    Engine,
    EngineConfig,
)
from tmgr.mt.protect import protect, split_for_limit
from tmgr.mt.resilience import CircuitOpen
from tmgr.qa.messages import N_

DEFAULT_PROMPTS = data_file("llm_prompts.toml")
_PREAMBLE = re.compile(
    r"^\s*(?:sure|certainly|of course|here(?:'s| is)|translation\b|translated\b|"
    r"пераклад|перевод|вось|вот|конечно|канешне)", re.IGNORECASE)
_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_QUOTES = [("«", "»"), ('"', '"'), ("“", "”"), ("„", "“"), ("'", "'")]


class _Unreadable(Exception):
    """The server answered 2xx with something that is not a chat completion."""


class LLM(Engine):
    """An OpenAI-compatible chat-completions server."""

    name = "llm"
    label = "LLM over the OpenAI chat-completions protocol (OpenAI, Ollama, vLLM...)"
    takes_key = True
    needs_url = True
    max_chars = 4000
    default_rate = 10.0
    languages = None

    def __init__(self, config: EngineConfig) -> None:
        super().__init__(config)
        batch = config.options.get("batch", 1)
        if isinstance(batch, bool) or not isinstance(batch, int) or batch < 1:
            raise ConfigError("[mt.llm] batch must be a whole number of 1 or more")
        self.batch_size = batch  # type: ignore[misc]  # per instance, from the config

    @property
    def model(self) -> str | None:
        value = self.config.options.get("model")
        return str(value).strip() if value else None

    def missing_setting(self) -> str | None:
        if not self.url:
            return self.config.url_variable
        if not self.model:
            return "TMGR_LLM_MODEL"
        return None

    @cached_property
    def prompts(self) -> dict[str, dict[str, str]]:
        path = Path(str(self.config.options.get("prompts") or DEFAULT_PROMPTS))
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"[mt.llm] prompts: cannot read {path} ({exc})") from exc
        return {lang: {k: str(v) for k, v in table.items()}
                for lang, table in data.items() if isinstance(table, dict)}

    def prompt(self, lang: str) -> dict[str, str]:
        """The prompt table of ``lang`` over ``[default]``."""
        return {**self.prompts.get("default", {}), **self.prompts.get(lang, {})}

    def messages(self, text: str, source: str, target: str,
                 context: Context | None) -> list[dict[str, str]]:
        """The chat messages for one sentence."""
        context = context or Context()
        table = self.prompt(target)
        glossary = "; ".join(f"{s} → {t}" for s, t in context.glossary)
        values = {"source_language": language_name(source).title(),
                  "target_language": language_name(target).title(),
                  "house_style": table.get("house_style", ""), "headline": context.headline,
                  "before": context.before, "after": context.after, "glossary": glossary,
                  "text": text}
        system = _fill(table.get("system", "Translate into {target_language}."), values)
        user = _fill(table.get("user", "{text}"), values)
        return [{"role": "system", "content": system}, {"role": "user", "content": user}]

    def _request(self, text: str, source: str, target: str) -> Any:
        return self._request_in_context(text, source, target, None)

    def _request_in_context(self, text: str, source: str, target: str,
                            context: Context | None) -> Any:
        content = self._chat(self.messages(text, source, target, context))
        return self._only_translation(text, content)

    def chat(self, messages: list[dict[str, str]]) -> Any:
        """One chat-completions request through the base's retries; the answer's text."""
        return self._with_retries(messages)

    def _chat(self, messages: list[dict[str, str]]) -> Any:
        """One chat-completions request; the answer's content."""
        headers = {"Content-Type": "application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        payload = {"model": self.model, "temperature": 0, "stream": False,
                   "messages": messages}
        url = (self.url or "").rstrip("/") + "/chat/completions"
        response = http.FACADE.post(url, json=payload, headers=headers)
        if not 200 <= response.status_code < 300:
            raise _Unreadable(f"HTTP {response.status_code}")
        try:
            return response.json()["choices"][0]["message"]["content"]
        except (ValueError, KeyError, IndexError, TypeError) as exc:
            raise EngineFailure(N_("%(engine)s gave an answer tmgr cannot read", engine=self.name),
                                reason="bad-answer") from exc

    # -- several sentences in one request -------------------------------------------

    def translate_many(self, texts: Sequence[str], source: str, target: str,
                       contexts: Sequence[Context | None] | None = None
                       ) -> list[str | MTError]:
        """Up to ``batch`` texts per request; what the batch cannot do goes one by one."""
        contexts = list(contexts or [None] * len(texts))
        if self.batch_size <= 1 or len(texts) <= 1:
            return super().translate_many(texts, source, target, contexts)
        self.check_pair(source, target)
        results: list[str | MTError | None] = [None] * len(texts)
        for start in range(0, len(texts), self.batch_size):
            indexes = list(range(start, min(start + self.batch_size, len(texts))))
            answers = self._batch([texts[i] for i in indexes], source, target,
                                  [contexts[i] for i in indexes])
            for index, answer in zip(indexes, answers, strict=True):
                results[index] = answer
        for index, result in enumerate(results):  # per-item isolation: ask alone
            if result is None:
                try:
                    results[index] = self.translate(texts[index], source, target,
                                                    contexts[index])
                except MTError as exc:
                    results[index] = exc
        return [r if r is not None else MTError(N_("no answer"), reason="bad-answer")
                for r in results]

    def _batch(self, texts: list[str], source: str, target: str,
               contexts: list[Context | None]) -> list[str | None]:
        """One request for ``texts``: each good translation, None where it failed."""
        protected = []
        for text in texts:
            item = protect(text)
            if len(split_for_limit(item.text, self.limit)) > 1 or not text.strip():
                return [None] * len(texts)  # long or blank texts go alone
            protected.append(item)
        messages = self._batch_messages([p.text.strip() for p in protected], source, target,
                                        contexts)
        try:
            content = self._with_retries(messages)
            answers = json.loads(_unfence(content))
        except (MTError, ValueError):
            return [None] * len(texts)
        if not isinstance(answers, list) or len(answers) != len(texts):
            return [None] * len(texts)
        results: list[str | None] = []
        for text, item, answer in zip(texts, protected, answers, strict=True):
            try:
                core = self._only_translation(item.text.strip(), answer)
            except EngineFailure:
                results.append(None)
                continue
            lead = text[:len(text) - len(text.lstrip())]
            trail = text[len(text.rstrip()):]
            results.append(lead + item.restore(core) + trail)
        return results

    def _batch_messages(self, texts: list[str], source: str, target: str,
                        contexts: list[Context | None]) -> list[dict[str, str]]:
        first = next((c for c in contexts if c is not None), None) or Context()
        pairs = dict.fromkeys(p for c in contexts if c is not None for p in c.glossary)
        messages = self.messages("", source, target, Context(headline=first.headline,
                                                              glossary=tuple(pairs)))
        table = {**self.prompt(target), **self.prompts.get("batch", {})}
        glossary = "; ".join(f"{s} → {t}" for s, t in pairs)
        values = {"headline": first.headline, "glossary": glossary, "count": str(len(texts)),
                  "texts": json.dumps(texts, ensure_ascii=False)}
        messages[1]["content"] = _fill(table.get("user", "{texts}"), values)
        return messages

    def _with_retries(self, messages: list[dict[str, str]]) -> Any:
        """:meth:`_chat` under the base's breaker, rate limit and back-off."""
        attempt = 0
        while True:
            attempt += 1
            try:
                self.breaker.before_call()
            except CircuitOpen as exc:
                raise MTError(exc.last or N_("%(engine)s unreachable", engine=self.name),
                              reason="unavailable") from None
            self.limiter.acquire()
            with http.recording(self.config.timeout) as record:
                try:
                    content = self._chat(messages)
                    self.breaker.record_success()
                    return content
                except Exception as exc:  # noqa: BLE001 - mapped to one family below
                    failure = self._failure(exc, record)
            if failure.reason == "unavailable":
                self.breaker.record_failure(failure.message)
            delay = self.retry.delay(attempt, failure.retry_after) \
                if failure.reason in RETRYABLE else None
            if delay is None:
                raise failure
            time.sleep(delay)

    def _only_translation(self, text: str, content: Any) -> str:
        """The answer if it is a translation of ``text`` and nothing else."""
        if not isinstance(content, str) or not content.strip():
            raise EngineFailure(N_("%(engine)s gave an empty answer", engine=self.name),
                                reason="bad-answer")
        answer = _unquote(text, content.strip())
        why: str | None = None
        if _PREAMBLE.match(answer) and not _PREAMBLE.match(text):
            why = N_("it added a preamble")
        elif answer.count("\n") > text.strip().count("\n"):
            why = N_("it added lines")
        elif " ".join(answer.split()) == " ".join(text.split()) and \
                any(ch.isalpha() for ch in text):
            why = N_("it copied the sentence")
        elif len(answer) > 3 * len(text) + 40:
            why = N_("%(count)s characters for a sentence of %(length)s", count=len(answer),
                     length=len(text))
        elif "Sentence to translate" in answer or "Glossary (use" in answer:
            why = N_("it repeated the prompt")
        if why:
            raise EngineFailure(N_("%(engine)s answered something other than a translation "
                                   "(%(why)s)", engine=self.name, why=why), reason="bad-answer",
                                hint=N_("check the model and the prompt ([mt.llm] prompts)"))
        return answer

    def classify_status(self, status: int, record: http.CallRecord) -> tuple[str, str]:
        if status == 404 and "model" in record.body.lower():
            return "not-configured", N_("%(engine)s has no model %(model)s (HTTP 404)",
                                        engine=self.name, model=repr(self.model))
        return super().classify_status(status, record)


def _fill(template: str, values: dict[str, str]) -> str:
    """Fill ``template`` line by line, leaving out lines whose placeholders are all empty."""
    lines = []
    for line in template.splitlines():
        names = _PLACEHOLDER.findall(line)
        if names and all(not values.get(name, "").strip() for name in names):
            continue
        lines.append(_PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group()), line))
    return "\n".join(lines).strip()


def _unfence(content: Any) -> str:
    """The answer without a Markdown code fence some models put around JSON."""
    if not isinstance(content, str):
        raise ValueError("not text")
    text = content.strip()
    if text.startswith("```"):
        text = text.split("\n", 1)[-1].rsplit("```", 1)[0]
    return text


def _unquote(text: str, answer: str) -> str:
    """Drop one pair of quotes the model put around the whole answer."""
    for left, right in _QUOTES:
        if len(answer) > 2 and answer.startswith(left) and answer.endswith(right) \
                and not text.strip().startswith(left) and answer.count(right) == 1 + (
                    left == right):
            return answer[len(left):-len(right)].strip()
    return answer
