"""Where a database's schema stands, and bringing it to this tmgr's (Alembic's one home).

Every schema change is an Alembic migration in ``tmgr/migrations/versions``. A
database made by tmgr 0.1.0 has the tables but no ``alembic_version``: it is
recognised and stamped with the baseline revision before the upgrade runs.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import OperationalError, ProgrammingError

from tmgr.errors import SchemaError, TmgrError

if TYPE_CHECKING:  # Alembic loads only to migrate or to explain a mismatch
    from alembic.config import Config
    from alembic.script import ScriptDirectory

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BASELINE = "0001"  # the schema of tmgr 0.1.0
VERSION_TABLE = "alembic_version"
MARKER_TABLE = "documents"  # every tmgr database since 0.1.0 has it
#: an execution option: the transaction only reads (on SQLite: no write lock; see tmgr.db)
READONLY = "tmgr_readonly"


@dataclass(frozen=True)
class SchemaStatus:
    """Where a database stands: its revision (None: not tmgr's, or 0.1.0) and the head."""

    current: str | None
    head: str
    has_tables: bool

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


_REVISION_LINE = re.compile(r"^(down_revision|revision)\s*(?::[^=]*)?=\s*(.+?)\s*$", re.M)


@functools.cache
def quick_head() -> str | None:
    """The head revision read from the migration files' headers, without loading Alembic.

    None when a file does not follow the usual header (then ask Alembic).
    """
    revisions: dict[str, tuple[str, ...]] = {}
    for path in sorted((MIGRATIONS / "versions").glob("*.py")):
        found = dict(_REVISION_LINE.findall(path.read_text(encoding="utf-8")))
        revision = re.fullmatch(r"['\"]([^'\"]+)['\"]", found.get("revision", ""))
        down = found.get("down_revision", "")
        parents = re.findall(r"['\"]([^'\"]+)['\"]", down)
        if revision is None or not (parents or down == "None"):
            return None
        revisions[revision.group(1)] = tuple(parents)
    children = {parent for parents in revisions.values() for parent in parents}
    heads = [revision for revision in revisions if revision not in children]
    return heads[0] if len(heads) == 1 else None


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
    has_tables = inspect(connection).has_table(MARKER_TABLE)
    return SchemaStatus(current=current, head=head_revision(), has_tables=has_tables)


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
    if status.current is not None and status.current not in known_revisions():
        raise SchemaError(f"database schema is newer than this tmgr (revision "
                          f"{status.current}; this tmgr knows up to {status.head})",
                          hint="upgrade tmgr before using this database")
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
        if status.current is not None and status.current not in known_revisions():
            raise SchemaError(f"database schema is newer than this tmgr (revision "
                              f"{status.current})", hint="upgrade tmgr")
        connection.commit()  # end the inspection's transaction before migrating
        from alembic import command

        config = alembic_config(connection)
        with _foreign_keys_deferred(connection), connection.begin():
            if status.is_legacy:
                command.stamp(config, BASELINE)
            command.upgrade(config, revision)
            _check_foreign_keys(connection)
        after = _status(connection).current
    return UpgradeResult(before=status.current, after=after or "",
                         stamped_legacy=status.is_legacy)


def downgrade(engine: Engine, revision: str) -> UpgradeResult:
    """Step the schema back to ``revision`` (only where the migrations allow it)."""
    with _connect(engine) as connection:
        before = _status(connection).current
        connection.commit()
        from alembic import command

        config = alembic_config(connection)
        with _foreign_keys_deferred(connection), connection.begin():
            command.downgrade(config, revision)
            _check_foreign_keys(connection)
        after = _status(connection).current
    return UpgradeResult(before=before, after=after or "", stamped_legacy=False)
