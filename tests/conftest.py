"""Fixtures: every database test runs on SQLite and on a real PostgreSQL server.

``--databases sqlite`` (or ``TMGR_TEST_DATABASES=sqlite``) narrows the run.
"""

from __future__ import annotations

import itertools
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import text

from tests.pgcluster import PostgresCluster
from tmgr.cli import cli
from tmgr.listeners import wire
from tmgr.store.db import Database

wire()  # what the use cases' events reach, as in the web app and the CLI (tmgr.events)

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
SAMPLE = ROOT / "sources" / "2024-10-28-lukashenka-negotiations.txt"
ALL_DATABASES = ("sqlite", "postgresql")
#: the packages of use cases (issue 26: what tmgr/services/ held)
DOMAIN_PACKAGES = ("tmgr.documents", "tmgr.review", "tmgr.drafting", "tmgr.exchange",
                   "tmgr.desk", "tmgr.people", "tmgr.quality")
_counter = itertools.count()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--databases",
                     default=os.environ.get("TMGR_TEST_DATABASES", ",".join(ALL_DATABASES)),
                     help="comma-separated databases to run database tests on")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" in metafunc.fixturenames:
        chosen = [b for b in metafunc.config.getoption("databases").split(",") if b]
        params = [pytest.param(b, marks=[pytest.mark.postgres] if b == "postgresql" else [])
                  for b in chosen]
        metafunc.parametrize("backend", params, scope="function")


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PostgresCluster]:
    cluster = PostgresCluster().start()
    try:
        template = Database(cluster.url())
        with template.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
            c.execute(text("CREATE DATABASE tmgr_template"))
        template.dispose()
        schema = Database(cluster.url("tmgr_template"))
        schema.upgrade()
        schema.dispose()
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One SQLite database brought to the current schema by the migrations."""
    path = tmp_path_factory.mktemp("template") / "tmgr.sqlite3"
    template = Database(f"sqlite:///{path}")
    template.upgrade()
    template.dispose()  # the last connection to close checkpoints the WAL into the file
    return path


@pytest.fixture
def db_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """A fresh tmgr database on ``backend``: current schema, no rows."""
    if backend == "sqlite":
        path = tmp_path / "tmgr.sqlite3"
        shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
        return f"sqlite:///{path}"
    cluster: PostgresCluster = request.getfixturevalue("pg_cluster")
    name = f"t{next(_counter)}"
    admin = Database(cluster.url())
    with admin.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text(f"CREATE DATABASE {name} TEMPLATE tmgr_template"))
    admin.dispose()
    return cluster.url(name)


@pytest.fixture
def database(db_url: str) -> Iterator[Database]:
    db = Database(db_url)
    yield db
    db.dispose()


@pytest.fixture
def env(db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Point tmgr (CLI and app) at the test database and a private instance folder."""
    values = {"TMGR_DATABASE_URL": db_url, "TMGR_INSTANCE": str(tmp_path / "instance"),
              "TMGR_LANGUAGES": "be,ru"}
    for key in list(os.environ):
        if key.startswith("TMGR_"):
            monkeypatch.delenv(key)
    for key, value in values.items():
        monkeypatch.setenv(key, value)
    return values


class Tmgr:
    """Runs ``tmgr`` commands in-process, as a user would type them."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None, ok: bool = True) -> Result:
        result = self.runner.invoke(cli, list(args), input=input, catch_exceptions=False)
        if ok and result.exit_code != 0:
            raise AssertionError(f"tmgr {' '.join(args)} exited {result.exit_code}:\n"
                                 f"{result.output}")
        return result


@pytest.fixture
def tmgr(env: dict[str, str]) -> Tmgr:
    return Tmgr()


@pytest.fixture
def sample_doc(tmgr: Tmgr) -> str:
    """The sample commentary, ingested; returns its slug."""
    tmgr("ingest", str(SAMPLE))
    return SAMPLE.stem
