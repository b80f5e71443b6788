"""A throwaway PostgreSQL cluster in a temporary directory, on a Unix socket.

PostgreSQL refuses to run as root, so as root the server runs as the
``postgres`` system user; otherwise as whoever runs the tests.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from pathlib import Path


def _bindir() -> Path:
    found = shutil.which("pg_ctl")
    if found:
        return Path(os.path.realpath(found)).parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    if not candidates:
        raise RuntimeError("PostgreSQL is not installed: run `make test` (it installs it) "
                           "or `apt-get install postgresql`")
    return Path(candidates[-1]).parent


class PostgresCluster:
    """initdb, start, stop; :attr:`socket_dir` and :attr:`port` locate the server."""

    def __init__(self, port: int = 5432) -> None:
        self.bindir = _bindir()
        self.root = Path(tempfile.mkdtemp(prefix="tmgr-pg-"))
        self.data = self.root / "data"
        self.socket_dir = self.root
        self.port = port
        self._as_root = os.geteuid() == 0
        if self._as_root:
            shutil.chown(self.root, user="postgres", group="postgres")
            os.chmod(self.root, 0o755)

    def _run(self, *args: str) -> None:
        command = [str(self.bindir / args[0]), *args[1:]]
        if self._as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       cwd=self.root)

    def start(self) -> PostgresCluster:
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust",
                  "-E", "UTF8", "--no-locale", "--no-sync")
        options = (f"-k {self.socket_dir} -p {self.port} -c listen_addresses='' "
                   "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
                   "-c max_connections=200")
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l",
                  str(self.root / "server.log"), "-w", "-t", "60", "start")
        return self

    def url(self, database: str = "postgres") -> str:
        return (f"postgresql+psycopg://postgres@/{database}"
                f"?host={self.socket_dir}&port={self.port}")

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
