"""Where a database's schema stands, and bringing it to this tmgr's (Alembic's one home).

Every schema change is an Alembic migration in ``tmgr/store/migrations/versions``. A
database made by tmgr 0.1.0 has the tables but no ``alembic_version``: it is
recognised and stamped with the baseline revision before the upgrade runs.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy import column, insert, inspect, table, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import OperationalError, ProgrammingError

from tmgr import __version__
from tmgr.errors import SchemaError, TmgrError
from tmgr.releases import STAMP_TABLE, version_of
from tmgr.store.schema_head import MIGRATIONS, quick_head

if TYPE_CHECKING:  # Alembic loads only to migrate or to explain a mismatch
    from alembic.config import Config
    from alembic.script import ScriptDirectory

BASELINE = "0001"  # the schema of tmgr 0.1.0
VERSION_TABLE = "alembic_version"
MARKER_TABLE = "documents"  # every tmgr database since 0.1.0 has it
#: an execution option: the transaction only reads (on SQLite: no write lock; see tmgr.store.db)
READONLY = "tmgr_readonly"


@dataclass(frozen=True)
class SchemaStatus:
    """Where a database stands: its revision (None: not tmgr's, or 0.1.0) and the head."""

    current: str | None
    head: str
    has_tables: bool
    #: the latest tmgr version recorded as upgrading the database (None: not recorded)
    written_by: str | None = None

    @property
    def is_current(self) -> bool:
        return self.current == self.head

    @property
    def is_legacy(self) -> bool:
        """A tmgr 0.1.0 database: tables, but no version recorded."""
        return self.current is None and self.has_tables

    @property
    def is_empty(self) -> bool:
        return self.current is None and not self.has_tables

    @property
    def is_newer(self) -> bool:
        """A revision this tmgr does not know: a newer tmgr wrote the database."""
        return self.current is not None and self.current not in known_revisions()

    @property
    def version(self) -> str | None:
        """The tmgr version the database's revision belongs to (None: an unknown one)."""
        if self.is_empty:
            return None
        return version_of(self.current, known_revisions()) or self.written_by

    def newer_error(self) -> SchemaError:
        """The refusal to touch a database a newer tmgr wrote, naming that version."""
        by = f"tmgr {self.written_by}" if self.written_by else "a newer tmgr"
        return SchemaError(f"the database was written by {by} (schema revision "
                           f"{self.current}); this is tmgr {__version__}, which knows up to "
                           f"{self.head} and never downgrades a database",
                           hint=f"install {by.removeprefix('a ')} or later, or restore a "
                                "backup made before that upgrade")


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic's configuration for tmgr's migrations, bound to ``connection``."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@functools.cache
def _script() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    """The revision this tmgr's code expects."""
    head = _script().get_current_head()
    if head is None:  # pragma: no cover - the package always ships its migrations
        raise SchemaError("tmgr's migrations are missing from the installation")
    return head


def known_revisions() -> set[str]:
    return {script.revision for script in _script().walk_revisions()}


def _status(connection: Connection) -> SchemaStatus:
    from alembic.runtime.migration import MigrationContext

    current = MigrationContext.configure(connection).get_current_revision()
    inspector = inspect(connection)
    has_tables = inspector.has_table(MARKER_TABLE)
    written_by = None
    if inspector.has_table(STAMP_TABLE):
        written_by = connection.exec_driver_sql(
            f"SELECT version FROM {STAMP_TABLE} ORDER BY upgraded_at DESC").scalar()
    return SchemaStatus(current=current, head=head_revision(), has_tables=has_tables,
                        written_by=written_by)


def _stamp_release(connection: Connection) -> None:
    """Record that this tmgr version brought the database to its revision (from i20_1)."""
    from alembic.runtime.migration import MigrationContext

    if not inspect(connection).has_table(STAMP_TABLE):
        return  # upgraded to a revision before the table existed
    revision = MigrationContext.configure(connection).get_current_revision() or ""
    stamps = table(STAMP_TABLE, column("version"), column("revision"), column("upgraded_at"))
    values = {"revision": revision, "upgraded_at": datetime.now(UTC)}
    changed = connection.execute(update(stamps).where(stamps.c.version == __version__)
                                 .values(**values)).rowcount
    if not changed:
        connection.execute(insert(stamps).values(version=__version__, **values))


def one_line(error: object) -> str:
    """A driver's message (psycopg's span lines) as one line."""
    return " ".join(str(error).split())


def _connect(engine: Engine) -> Connection:
    try:
        return engine.connect()
    except OperationalError as exc:
        raise TmgrError(f"cannot reach the database: {one_line(exc.orig)}",
                        hint="check that it is running and TMGR_DATABASE_URL is right") \
            from exc


def schema_status(engine: Engine) -> SchemaStatus:
    """Read where ``engine``'s database stands (read only: never waits for a writer)."""
    with _connect(engine.execution_options(**{READONLY: True})) as connection:
        return _status(connection)


def _is_at(engine: Engine, head: str) -> bool:
    """True if the database records exactly ``head`` (one plain query, no Alembic).

    Read only, like :func:`schema_status`: a command's start never waits for a writer.
    """
    with _connect(engine.execution_options(**{READONLY: True})) as connection:
        try:
            rows = connection.exec_driver_sql(
                f"SELECT version_num FROM {VERSION_TABLE}").scalars().all()
        except (OperationalError, ProgrammingError):
            return False  # no version table: let the full check say what is wrong
        finally:
            connection.rollback()
    return rows == [head]


def check_schema(engine: Engine) -> None:
    """Refuse to work on a database whose schema is not this tmgr's."""
    head = quick_head()
    if head is not None and _is_at(engine, head):
        return
    status = schema_status(engine)
    if status.is_current:
        return
    if status.is_empty:
        raise SchemaError("the database has no tmgr tables yet", hint="run: tmgr init")
    if status.is_newer:
        raise status.newer_error()
    found = status.current or f"{BASELINE}, tmgr 0.1.0"
    raise SchemaError(f"database schema is older than this tmgr ({found}; expected "
                      f"{status.head})", hint="run: tmgr db upgrade")


@contextmanager
def _foreign_keys_deferred(connection: Connection) -> Iterator[None]:
    """On SQLite, switch foreign keys off while migrations run.

    Alembic's batch mode rebuilds a table by copying it and dropping the old one;
    with foreign keys on, that drop would cascade to every child row. The pragma
    only takes effect outside a transaction, so it is set on the raw connection.
    """
    if connection.dialect.name != "sqlite":
        yield
        return
    raw = connection.connection.driver_connection
    assert raw is not None  # an open connection has its driver's connection
    raw.execute("PRAGMA foreign_keys=OFF")
    try:
        yield
    finally:
        raw.execute("PRAGMA foreign_keys=ON")


def _check_foreign_keys(connection: Connection) -> None:
    if connection.dialect.name != "sqlite":
        return  # PostgreSQL checks every constraint as the migration runs
    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if broken:
        raise SchemaError(f"the migration would leave {len(broken)} rows pointing at "
                          f"nothing (first: table {broken[0][0]}); nothing was changed")


@dataclass(frozen=True)
class UpgradeResult:
    before: str | None
    after: str
    stamped_legacy: bool

    @property
    def changed(self) -> bool:
        return self.before != self.after


def upgrade(engine: Engine, revision: str = "head") -> UpgradeResult:
    """Bring the database to ``revision`` in one transaction; a 0.1.0 one is stamped first."""
    with _connect(engine) as connection:
        status = _status(connection)
        if status.is_newer:
            raise status.newer_error()
        connection.commit()  # end the inspection's transaction before migrating
        from alembic import command

        config = alembic_config(connection)
        with _foreign_keys_deferred(connection), connection.begin():
            if status.is_legacy:
                command.stamp(config, BASELINE)
            command.upgrade(config, revision)
            _check_foreign_keys(connection)
            _stamp_release(connection)
        after = _status(connection).current
    return UpgradeResult(before=status.current, after=after or "",
                         stamped_legacy=status.is_legacy)


def migrate(connection: Connection, revision: str) -> None:
    """Run the migrations up to ``revision`` on ``connection``, in the caller's transaction
    (a restore into an emptied PostgreSQL database)."""
    from alembic import command

    command.upgrade(alembic_config(connection), revision)


def downgrade(engine: Engine, revision: str) -> UpgradeResult:
    """Step the schema back to ``revision`` (only where the migrations allow it)."""
    with _connect(engine) as connection:
        status = _status(connection)
        if status.is_newer:
            raise status.newer_error()
        before = status.current
        connection.commit()
        from alembic import command

        config = alembic_config(connection)
        with _foreign_keys_deferred(connection), connection.begin():
            command.downgrade(config, revision)
            _check_foreign_keys(connection)
        after = _status(connection).current
    return UpgradeResult(before=before, after=after or "", stamped_legacy=False)
