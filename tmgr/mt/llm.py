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

The chat protocol takes one conversation per request, so texts go one per
request, concurrently from tmgr's worker pool; retries, back-off, the breaker and
the cache are the base's.
"""

from __future__ import annotations

import re
import tomllib
from functools import cached_property
from pathlib import Path
from typing import Any

from tmgr.errors import ConfigError
from tmgr.mt import http
from tmgr.mt.base import Context, Engine, EngineFailure, language_name

DEFAULT_PROMPTS = Path(__file__).resolve().parents[1] / "data" / "llm_prompts.toml"
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
        headers = {"Content-Type": "application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        payload = {"model": self.model, "temperature": 0, "stream": False,
                   "messages": self.messages(text, source, target, context)}
        url = (self.url or "").rstrip("/") + "/chat/completions"
        response = http.FACADE.post(url, json=payload, headers=headers)
        if not 200 <= response.status_code < 300:
            raise _Unreadable(f"HTTP {response.status_code}")
        try:
            content = response.json()["choices"][0]["message"]["content"]
        except (ValueError, KeyError, IndexError, TypeError) as exc:
            raise EngineFailure(f"{self.name} gave an answer tmgr cannot read",
                                reason="bad-answer") from exc
        return self._only_translation(text, content)

    def _only_translation(self, text: str, content: Any) -> str:
        """The answer if it is a translation of ``text`` and nothing else."""
        if not isinstance(content, str) or not content.strip():
            raise EngineFailure(f"{self.name} gave an empty answer", reason="bad-answer")
        answer = _unquote(text, content.strip())
        why = None
        if _PREAMBLE.match(answer) and not _PREAMBLE.match(text):
            why = "it added a preamble"
        elif answer.count("\n") > text.strip().count("\n"):
            why = "it added lines"
        elif " ".join(answer.split()) == " ".join(text.split()) and \
                any(ch.isalpha() for ch in text):
            why = "it copied the sentence"
        elif len(answer) > 3 * len(text) + 40:
            why = f"{len(answer)} characters for a sentence of {len(text)}"
        elif "Sentence to translate" in answer or "Glossary (use" in answer:
            why = "it repeated the prompt"
        if why:
            raise EngineFailure(f"{self.name} answered something other than a translation "
                                f"({why})", reason="bad-answer",
                                hint="check the model and the prompt ([mt.llm] prompts)")
        return answer

    def classify_status(self, status: int, record: http.CallRecord) -> tuple[str, str]:
        if status == 404 and "model" in record.body.lower():
            return "not-configured", f"{self.name} has no model {self.model!r} (HTTP 404)"
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


def _unquote(text: str, answer: str) -> str:
    """Drop one pair of quotes the model put around the whole answer."""
    for left, right in _QUOTES:
        if len(answer) > 2 and answer.startswith(left) and answer.endswith(right) \
                and not text.strip().startswith(left) and answer.count(right) == 1 + (
                    left == right):
            return answer[len(left):-len(right)].strip()
    return answer
