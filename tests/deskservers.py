"""Real servers on 127.0.0.1 for the desk's tests: SMTP (aiosmtpd) and a webhook receiver.

The receiver checks every request's Standard Webhooks signature itself (its own
HMAC code, not tmgr's) and records what it got; ``script`` queues HTTP statuses
to answer with before the usual 204.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import socket
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[list[str], Message]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        self.messages.append((list(envelope.rcpt_tos), message_from_bytes(envelope.content)))
        return "250 OK"


@dataclass
class SMTPServer:
    port: int
    inbox: _Inbox
    controller: Any = None

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    @property
    def messages(self) -> list[tuple[list[str], Message]]:
        return self.inbox.messages

    def start(self) -> SMTPServer:
        from aiosmtpd.controller import Controller

        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()
        return self

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def wait_for(self, count: int, timeout: float = 30.0) -> list[tuple[list[str], Message]]:
        return wait_until(lambda: len(self.messages) >= count, timeout, self.messages)


def wait_until(ready: Callable[[], bool], timeout: float, result: Any) -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if ready():
            return result
        time.sleep(0.05)
    return result


@contextmanager
def smtp_server(start: bool = True) -> Iterator[SMTPServer]:
    server = SMTPServer(free_port(), _Inbox())
    if start:
        server.start()
    try:
        yield server
    finally:
        server.stop()


def verify(secret: str, headers: dict[str, str], body: bytes) -> bool:
    """Standard Webhooks verification, written from the spec for the tests."""
    key = (base64.b64decode(secret.removeprefix("whsec_")) if secret.startswith("whsec_")
           else secret.encode())
    signed = f"{headers['webhook-id']}.{headers['webhook-timestamp']}.".encode() + body
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    offered = [part.split(",", 1)[1] for part in headers["webhook-signature"].split()
               if part.startswith("v1,")]
    fresh = abs(time.time() - int(headers["webhook-timestamp"])) < 300
    return fresh and any(hmac.compare_digest(expected, sig) for sig in offered)


@dataclass
class Receiver:
    secret: str
    port: int = 0
    received: list[dict[str, Any]] = field(default_factory=list)
    script: deque[int] = field(default_factory=deque)
    requests: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hooks/tmgr"

    def events(self, kind: str | None = None) -> list[dict[str, Any]]:
        return [r["json"] for r in self.received if kind is None or r["json"]["type"] == kind]

    def wait_for(self, count: int, timeout: float = 30.0) -> list[dict[str, Any]]:
        return wait_until(lambda: len(self.received) >= count, timeout, self.received)


@contextmanager
def webhook_receiver(secret: str) -> Iterator[Receiver]:
    receiver = Receiver(secret)

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            receiver.requests += 1
            status = receiver.script.popleft() if receiver.script else 204
            headers = {k.lower(): v for k, v in self.headers.items()}
            if status < 300:
                if not verify(receiver.secret, headers, body):
                    status = 401
                else:
                    receiver.received.append({"headers": headers, "json": json.loads(body),
                                              "path": self.path})
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    receiver.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield receiver
    finally:
        server.shutdown()
        server.server_close()
