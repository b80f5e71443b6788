"""Apertium's ``lt-proc`` kept running: one process in null-flush mode (``-z``), a
payload in and its answer out, shared by the analysers, the bilingual dictionary
and the generator of the checks and the term inflection."""

from __future__ import annotations

import atexit
import subprocess
import threading


def stop(process: subprocess.Popen[bytes]) -> None:
    """Close a kept-running process's pipes and end it."""
    for stream in (process.stdin, process.stdout):
        if stream is not None:
            stream.close()
    if process.poll() is None:
        process.terminate()
    process.wait(timeout=5)


class LtProc:
    """One ``lt-proc`` process in null-flush mode: a payload in, its answer out."""

    def __init__(self, args: list[str]) -> None:
        self._lock = threading.Lock()
        self._process = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                         stderr=subprocess.DEVNULL)
        atexit.register(self.close)

    def ask(self, text: str) -> str:
        """The answer to ``text`` ("" when the process is gone)."""
        with self._lock:
            try:
                assert self._process.stdin and self._process.stdout
                # a NUL ends the payload (-z): one inside the text would cut it short
                self._process.stdin.write(text.replace("\0", " ").encode("utf-8") + b"\n\0")
                self._process.stdin.flush()
                out = b""
                while not out.endswith(b"\0"):
                    chunk = self._process.stdout.read1(65536)  # type: ignore[attr-defined]
                    if not chunk:
                        return ""
                    out += chunk
            except (OSError, ValueError):
                return ""
        return out.strip(b"\0").decode("utf-8", "replace").strip()

    def close(self) -> None:
        """End the process (also at exit)."""
        stop(self._process)
