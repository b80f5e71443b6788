"""The engine and session factory. The caller owns the transaction."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, cast

from sqlalchemy import CursorResult, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, InterfaceError, NoSuchModuleError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from tmgr.errors import ConfigError, DatabaseUnavailable
from tmgr.store import schema

SQLITE_BUSY_TIMEOUT_MS = 15_000
READONLY = schema.READONLY
#: the tables whose statistics a bulk load changes (:meth:`Database.analyze`)
ANALYZED_TABLES = ("segments", "translations", "blocks", "documents", "revisions")


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not pysqlite, decide when transactions begin.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        # FULL: an acknowledged save survives a power cut, not only a crash of tmgr
        # (NORMAL in WAL mode may lose the last commits); see docs/admin/backup.md, "Durability".
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # IMMEDIATE takes the write lock up front, so two writers wait for each
        # other (busy_timeout) instead of failing on a lock upgrade. Read-only
        # transactions begin DEFERRED: in WAL mode they never wait for a writer.
        if connection.get_execution_options().get(READONLY):
            connection.exec_driver_sql("BEGIN")
        else:
            connection.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(url: str, **kwargs: Any) -> Engine:
    """Create an engine for ``url`` with tmgr's connection settings."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise ConfigError(f"invalid database URL {url!r}") from exc
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    try:
        engine = create_engine(parsed, pool_pre_ping=True, **kwargs)
    except (NoSuchModuleError, ImportError) as exc:
        raise ConfigError(f"no driver for database URL {url!r}: {exc}") from exc
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        _configure_sqlite(engine)
    return engine


def affected(result: Any) -> int:
    """How many rows an UPDATE or DELETE touched (``Result.rowcount`` of a DML statement)."""
    return int(cast("CursorResult[Any]", result).rowcount or 0)


class Database:
    """One engine and its session factory."""

    def __init__(self, url: str, **engine_kwargs: Any) -> None:
        self.url = url
        self.engine = make_engine(url, **engine_kwargs)
        self.sessionmaker = sessionmaker(self.engine, expire_on_commit=False)
        self.reader = sessionmaker(self.engine.execution_options(**{READONLY: True}),
                                   expire_on_commit=False)

    def upgrade(self) -> schema.UpgradeResult:
        """Bring the schema to this tmgr's through the migrations (idempotent)."""
        return schema.upgrade(self.engine)

    def check_schema(self) -> None:
        """Raise :class:`~tmgr.errors.SchemaError` unless the schema is this tmgr's."""
        schema.check_schema(self.engine)

    def schema_status(self) -> schema.SchemaStatus:
        return schema.schema_status(self.engine)

    @contextmanager
    def transaction(self, readonly: bool = False) -> Iterator[Session]:
        """A session inside one transaction: committed on success, rolled back on error.

        ``readonly`` is a promise to only read: on SQLite it does not take the write lock.
        """
        factory = self.reader if readonly else self.sessionmaker
        try:
            with factory() as session, session.begin():
                yield session
        except (OperationalError, InterfaceError) as exc:
            raise DatabaseUnavailable(f"database error: {exc.orig}",
                            hint="check that the database is running and "
                                 "TMGR_DATABASE_URL is right") from exc

    def analyze(self) -> None:
        """Refresh the planner's statistics after a bulk load.

        Without it PostgreSQL plans the first queries on a freshly ingested batch as if
        the tables were empty, and the editor's queries take tens of milliseconds; and
        SQLite, knowing nothing of row sizes, reads whole rows (texts and all) where a
        covering index holds the few numbers the desk's queries want.
        """
        name = self.engine.dialect.name
        if name not in ("postgresql", "sqlite"):
            return
        with self.engine.connect() as connection:
            if name == "postgresql":
                connection.exec_driver_sql(f"ANALYZE {', '.join(ANALYZED_TABLES)}")
            else:
                for table in ANALYZED_TABLES:
                    connection.exec_driver_sql(f"ANALYZE {table}")
            connection.commit()

    def dispose(self) -> None:
        self.engine.dispose()
