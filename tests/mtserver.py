"""A local MT service on 127.0.0.1 speaking what deep-translator's classes call.

One threaded HTTP/1.1 server answers, under a path prefix per engine:

=========  ======================================  ===================================
engine     request (as deep-translator sends it)   answer
=========  ======================================  ===================================
google     GET  /google/m?sl&tl&q                  HTML, ``<div class="result-container">``
mymemory   GET  /mymemory/get?langpair=a|b&q       JSON ``responseData.translatedText``
deepl      GET  /deepl/v2/translate?auth_key&...   JSON ``translations[0].text``
libre      POST /libre/translate?q&source&target   JSON ``translatedText``
yandex     POST /yandex/api/v1.5/tr.json/translate JSON ``{"code": 200, "text": [...]}``
microsoft  POST /microsoft/translate?from&to       JSON ``[{"translations": [{"text"}]}]``
llm        POST /llm/v1/chat/completions           JSON ``choices[0].message.content``
=========  ======================================  ===================================

The ``llm`` endpoint speaks the OpenAI chat-completions protocol: the sentence is
what follows "Sentence to translate:" in the last user message, the target
language is named in the system message ("into Belarusian"), the key comes as
``Authorization: Bearer``; ``chatty`` answers with a preamble, ``echo`` copies
the sentence back, ``essay`` adds lines of explanation. A batch (the sentences
as a JSON array after "Sentences to translate (JSON array):") is answered with
a JSON array; ``short`` leaves its last item out, ``mixed`` echoes its first.

The "translation" is deterministic: ``"<tl>: <text>"`` (``tl`` cut to two lower-case
letters), so tests know the answer. Faults are injected per request: ``script``
(a queue consumed first), ``fault_rate`` (random, seeded) or ``mode`` (every
request): ``429``, ``500``, ``503``, ``hang`` (never answer), ``drop`` (close the
connection), ``empty``, ``garbage``, ``mangle`` (lose the ``[X1X]`` tokens).
``latency`` delays every answer. Counters say what was asked and answered.
"""

from __future__ import annotations

import html
import json
import random
import re
import threading
import time
from collections import Counter, deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

ENGINE_PATHS = {
    "google": "/google/m",
    "mymemory": "/mymemory/get",
    "deepl": "/deepl/v2/",
    "libre": "/libre/",
    "yandex": "/yandex/api/v1.5/tr.json/",
    "microsoft": "/microsoft/translate?api-version=3.0",
    "llm": "/llm/v1",
}
#: engines whose requests carry an API key
KEYED = frozenset({"deepl", "libre", "yandex", "microsoft", "llm"})
_LANGUAGE_NAMES = {"belarusian": "be", "russian": "ru", "english": "en", "german": "de",
                   "klingon": "tlh"}
_TOKEN = re.compile(r"\[X\d+X\]")


def fake_translation(text: str, target: str) -> str:
    """What the server answers for ``text`` into ``target``."""
    return f"{target[:2].lower()}: {text}"


@dataclass
class Asked:
    """One request as the server understood it."""

    engine: str
    source: str
    target: str
    text: str
    key: str | None
    messages: Any = None  # the chat messages (llm)


class MTServer:
    """The fake service; use as a context manager or call start()/stop()."""

    def __init__(self, *, latency: float = 0.0, key: str | None = None,
                 unsupported: tuple[str, ...] = (), seed: int = 1) -> None:
        self.latency = latency
        self.key = key  # when set, requests with another key are refused
        self.unsupported = set(unsupported)  # target languages the service refuses
        self.mode: str | None = None
        self.script: deque[str] = deque()
        self.fault_rate = 0.0
        self.fault_choices: tuple[str, ...] = ("429", "500")
        self.retry_after: float | None = None
        self.hang_seconds = 30.0
        # a review request (the system message asks for MQM issues) is answered with
        # one major "accuracy/mistranslation" issue per word of this set in the text
        self.review_words: set[str] = set()
        self.asked: list[Asked] = []
        self.successes: Counter[tuple[str, str, str]] = Counter()
        self.statuses: Counter[int] = Counter()
        self._rng = random.Random(seed)
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._httpd: ThreadingHTTPServer | None = None

    # -- lifecycle -----------------------------------------------------------------

    def start(self) -> MTServer:
        httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        httpd.daemon_threads = True
        httpd.mt = self  # type: ignore[attr-defined]
        self._httpd = httpd
        threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05},
                         daemon=True).start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def __enter__(self) -> MTServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def base(self) -> str:
        assert self._httpd is not None, "start the server first"
        return f"http://127.0.0.1:{self._httpd.server_port}"

    def url(self, engine: str) -> str:
        return self.base + ENGINE_PATHS[engine]

    # -- what happened -------------------------------------------------------------

    @property
    def requests(self) -> int:
        with self._lock:
            return len(self.asked)

    def texts(self, engine: str | None = None) -> list[str]:
        with self._lock:
            return [a.text for a in self.asked if engine is None or a.engine == engine]

    def reset_counts(self) -> None:
        with self._lock:
            self.asked.clear()
            self.successes.clear()
            self.statuses.clear()

    # -- used by the handler ---------------------------------------------------------

    def _record(self, asked: Asked) -> str | None:
        """Log the request and pick its fault (None: answer normally)."""
        with self._lock:
            self.asked.append(asked)
            if self.script:
                return self.script.popleft()
            if self.fault_rate and self._rng.random() < self.fault_rate:
                return self._rng.choice(self.fault_choices)
            return self.mode

    def _answered(self, asked: Asked, status: int) -> None:
        with self._lock:
            self.statuses[status] += 1
            if status == 200:
                self.successes[(asked.engine, asked.target, asked.text)] += 1

    def _hang(self) -> None:
        self._stopping.wait(self.hang_seconds)


# -- the protocols ---------------------------------------------------------------------


def _parse(engine: str, query: dict[str, str], form: dict[str, str], body: Any,
           headers: Any) -> Asked:
    if engine == "google":
        return Asked(engine, query.get("sl", ""), query.get("tl", ""), query.get("q", ""), None)
    if engine == "mymemory":
        source, _, target = query.get("langpair", "|").partition("|")
        return Asked(engine, source, target, query.get("q", ""), None)
    if engine == "deepl":
        return Asked(engine, query.get("source_lang", ""), query.get("target_lang", ""),
                     query.get("text", ""), query.get("auth_key"))
    if engine == "libre":
        return Asked(engine, query.get("source", ""), query.get("target", ""),
                     query.get("q", ""), query.get("api_key"))
    if engine == "yandex":
        source, _, target = form.get("lang", "-").partition("-")
        return Asked(engine, source, target, form.get("text", ""), form.get("key"))
    if engine == "llm":
        return _parse_chat(body, headers)
    text = body[0]["text"] if isinstance(body, list) and body else ""
    return Asked(engine, query.get("from", ""), query.get("to", ""), text,
                 headers.get("Ocp-Apim-Subscription-Key"))


def _parse_chat(body: Any, headers: Any) -> Asked:
    messages = body.get("messages", []) if isinstance(body, dict) else []
    system = next((m["content"] for m in messages if m.get("role") == "system"), "")
    user = next((m["content"] for m in reversed(messages) if m.get("role") == "user"), "")
    found = re.search(r"into (\w+)", system)
    target = _LANGUAGE_NAMES.get(found.group(1).lower(), "??") if found else "??"
    marker = "Sentences to translate (JSON array):\n"
    text = user.rsplit(marker, 1)[-1] if marker in user \
        else user.rsplit("Sentence to translate:\n", 1)[-1]
    auth = headers.get("Authorization") or ""
    key = auth[len("Bearer "):] if auth.startswith("Bearer ") else None
    return Asked("llm", "en", target, text, key, messages)


def _success(engine: str, target: str, translated: str) -> tuple[str, str]:
    """(content type, body) of a successful answer."""
    if engine == "google":
        page = (f'<html><body><div class="result-container">{html.escape(translated)}'
                "</div></body></html>")
        return "text/html; charset=utf-8", page
    payload: Any
    if engine == "mymemory":
        payload = {"responseData": {"translatedText": translated}, "matches": []}
    elif engine == "deepl":
        payload = {"translations": [{"detected_source_language": "EN", "text": translated}]}
    elif engine == "libre":
        payload = {"translatedText": translated}
    elif engine == "yandex":
        payload = {"code": 200, "lang": target, "text": [translated]}
    elif engine == "llm":
        payload = {"id": "chatcmpl-test", "object": "chat.completion", "model": "test",
                   "choices": [{"index": 0, "finish_reason": "stop",
                                "message": {"role": "assistant", "content": translated}}]}
    else:
        payload = [{"translations": [{"text": translated, "to": target}]}]
    return "application/json", json.dumps(payload, ensure_ascii=False)


def _refusal(engine: str, status: int, what: str) -> tuple[int, str, str]:
    """An error answer as each service words it."""
    if engine == "llm":
        return status, "application/json", json.dumps(
            {"error": {"message": what, "type": "invalid_request_error"}})
    if engine == "microsoft":
        code = {401: 401000, 400: 400036}.get(status, status * 1000)
        body = json.dumps({"error": {"code": code, "message": what}})
    elif engine in ("libre", "yandex", "deepl", "mymemory"):
        body = json.dumps({"error": what, "code": status, "message": what})
    else:
        body = f"<html><body>{what}</body></html>"
    return status, "application/json" if body.startswith("{") else "text/html", body


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    timeout = 5  # close idle kept-alive connections
    #: headers and body go out in two writes; without this, Nagle's algorithm and the
    #: client's delayed ACK add 40 ms to every answer on a kept-alive connection
    disable_nagle_algorithm = True

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass  # keep test output clean

    def do_GET(self) -> None:  # noqa: N802
        self._serve()

    def do_POST(self) -> None:  # noqa: N802
        self._serve()

    def _serve(self) -> None:
        server: MTServer = self.server.mt  # type: ignore[attr-defined]
        parts = urlsplit(self.path)
        engine = parts.path.strip("/").split("/", 1)[0]
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length).decode("utf-8") if length else ""
        if engine not in ENGINE_PATHS:
            return self._send(404, "text/plain", "no such engine")
        query = {k: v[-1] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
        form = ({k: v[-1] for k, v in parse_qs(raw).items()}
                if "form" in (self.headers.get("Content-Type") or "") else {})
        body = json.loads(raw) if raw.startswith(("[", "{")) else None
        asked = _parse(engine, query, form, body, self.headers)
        fault = server._record(asked)
        if server.latency:
            time.sleep(server.latency)
        if fault == "hang":
            server._hang()
            self.close_connection = True
            return None
        if fault == "drop":
            self.close_connection = True
            return None
        status, ctype, text = self._answer(server, engine, asked, fault)
        server._answered(asked, status)
        return self._send(status, ctype, text, retry_after=server.retry_after
                          if status == 429 else None)

    def _answer(self, server: MTServer, engine: str, asked: Asked,
                fault: str | None) -> tuple[int, str, str]:
        if fault in ("429", "500", "503"):
            return _refusal(engine, int(fault), "injected failure")
        if server.key is not None and engine in KEYED and asked.key != server.key:
            return _refusal(engine, 401 if engine in ("microsoft", "yandex") else 403,
                            "invalid API key")
        if asked.target[:2].lower() in server.unsupported:
            return _refusal(engine, 400, f"{asked.target} is not supported")
        if fault == "garbage":
            return 200, "text/html", "<<<%%% this is not what you asked for %%%>>>"
        if engine == "llm" and "MQM" in str((asked.messages or [{}])[0].get("content", "")):
            return self._review_answer(server, asked)
        if engine == "llm" and asked.text.startswith("["):
            return self._batch_answer(asked, fault)
        translated = fake_translation(asked.text, asked.target)
        if fault == "empty":
            translated = ""
        elif fault == "mangle":
            translated = _TOKEN.sub("", translated)
        elif fault == "chatty":
            translated = f"Sure! Here is the translation:\n{translated}"
        elif fault == "echo":
            translated = asked.text
        elif fault == "essay":
            translated = f"{translated}\n\nNote: the name could also be rendered otherwise."
        ctype, text = _success(engine, asked.target, translated)
        return 200, ctype, text

    def _review_answer(self, server: MTServer, asked: Asked) -> tuple[int, str, str]:
        translation = asked.text.rsplit("Translation:\n", 1)[-1]
        issues = [{"category": "accuracy/mistranslation", "severity": "major",
                   "words": word, "reason": f"«{word}» does not say what the English says"}
                  for word in sorted(server.review_words) if word in translation]
        ctype, text = _success("llm", asked.target, "```json\n" + json.dumps(
            issues, ensure_ascii=False) + "\n```")
        return 200, ctype, text

    def _batch_answer(self, asked: Asked, fault: str | None) -> tuple[int, str, str]:
        texts = json.loads(asked.text)
        items = [fake_translation(text, asked.target) for text in texts]
        if fault == "short":
            items = items[:-1]
        elif fault == "mixed":
            items[0] = texts[0]
        content = json.dumps(items, ensure_ascii=False)
        if fault == "chatty":
            content = "Here are the translations:\n" + content
        ctype, text = _success("llm", asked.target, content)
        return 200, ctype, text

    def _send(self, status: int, ctype: str, text: str, *,
              retry_after: float | None = None) -> None:
        data = text.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        if retry_after is not None:
            self.send_header("Retry-After", f"{retry_after:g}")
        self.end_headers()
        self.wfile.write(data)


@contextmanager
def running(**kwargs: Any) -> Iterator[MTServer]:
    """``with running(latency=0.01) as server: ...``"""
    server = MTServer(**kwargs).start()
    try:
        yield server
    finally:
        server.stop()
