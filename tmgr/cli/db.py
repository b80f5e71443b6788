"""``tmgr db``: where the database's schema stands, and upgrading it in place."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click
from sqlalchemy.engine import make_url

from tmgr import __version__
from tmgr.cli.base import AppContext, cli, echo_json, fail, pass_app, warn
from tmgr.store import summaries
from tmgr.store.backup import write_backup
from tmgr.store.copy import copy_database
from tmgr.store.db import Database
from tmgr.store.restore import restore_backup


@cli.group("db")
def db_group() -> None:
    """The database: see where its schema stands, upgrade it, copy it, check its summaries."""


def _shown_url(app: AppContext) -> str:
    return make_url(app.settings.database_url).render_as_string(hide_password=True)


@db_group.command("current")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@pass_app
def current(app: AppContext, as_json: bool) -> None:
    """Say which schema revision the database is at, and whether it needs an upgrade."""
    status = app.unchecked_database.schema_status()
    if status.is_empty:
        state = "empty"
    elif status.is_legacy:
        state = "legacy"
    elif status.is_newer:
        state = "newer"
    else:
        state = "current" if status.is_current else "behind"
    if as_json:
        echo_json({"database": _shown_url(app), "revision": status.current,
                   "head": status.head, "state": state, "version": status.version,
                   "tmgr_version": __version__})
        return
    of = f" of tmgr {status.version}" if status.version else ""
    click.echo(f"database: {_shown_url(app)}")
    messages = {
        "empty": "no tmgr tables yet; run: tmgr init",
        "legacy": "made by tmgr 0.1.0 (no schema version); run: tmgr db upgrade",
        "current": f"schema revision {status.current} (current){of}",
        "behind": f"schema revision {status.current}{of}; this tmgr {__version__} expects "
                  f"{status.head}; back up (tmgr backup FILE), then run: tmgr db upgrade",
        "newer": str(status.newer_error()),
    }
    click.echo(messages[state])
    if state == "newer":
        raise click.exceptions.Exit(1)


@db_group.command("upgrade")
@pass_app
def upgrade(app: AppContext) -> None:
    """Bring the database's schema to this tmgr's, in place, keeping every row.

    A database made by tmgr 0.1.0 is recognised and upgraded too. Running it again
    does nothing. Back up first on a server: tmgr backup FILE.
    """
    result = app.unchecked_database.upgrade()
    click.echo(f"database: {_shown_url(app)}")
    if result.stamped_legacy:
        click.echo("recognised a tmgr 0.1.0 database (schema revision 0001)")
    if result.changed or result.stamped_legacy:
        click.echo(f"upgraded: {result.before or '0001'} -> {result.after}")
    else:
        click.echo(f"already current: schema revision {result.after}")


class _RowProgress:
    """A progress bar of rows on stderr, only when stderr is a terminal."""

    def __init__(self, label: str, total: int | None = None) -> None:
        self.label = label
        self.total = total
        self._bar: Any = None

    def __call__(self, rows: int, total: int | None = None) -> None:
        if self._bar is None:
            if not sys.stderr.isatty():
                return
            self._bar = click.progressbar(length=total or self.total, label=self.label,
                                          file=sys.stderr)
            self._bar.__enter__()
        self._bar.update(rows)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
            self._bar = None


@db_group.command("copy")
@click.option("--to", "target_url", required=True, metavar="URL",
              help="SQLAlchemy URL of an empty database, e.g. "
                   "postgresql://tmgr:secret@db.example.org/tmgr")
@pass_app
def copy(app: AppContext, target_url: str) -> None:
    """Copy every row of the configured database into an empty one (SQLite to PostgreSQL).

    The target gets this tmgr's schema through the migrations first; rows go in
    foreign-key order, in batches, in one transaction, and the row counts are checked
    at the end. A failed copy leaves the target empty. The server may keep running.
    """
    source = app.database
    target = Database(target_url)
    bar = _RowProgress("copying")
    try:
        result = copy_database(source, target, progress=bar)
    finally:
        bar.close()
        target.dispose()
    shown = make_url(target_url).render_as_string(hide_password=True)
    click.echo(f"copied {result.total_rows} rows in {len(result.rows)} tables to {shown} "
               f"(schema revision {result.revision}; row counts checked)")
    _tell_cleaned(result.cleaned)
    click.echo(f"next: export TMGR_DATABASE_URL={shown}")


def _tell_cleaned(cleaned: dict[str, int]) -> None:
    """Say which stored values lost a NUL character PostgreSQL cannot hold."""
    if cleaned:
        where = ", ".join(f"{name} ({count})" for name, count in sorted(cleaned.items()))
        warn(f"{sum(cleaned.values())} stored value(s) held NUL characters, which PostgreSQL "
             f"cannot store; they were copied without them: {where}")


@db_group.command("summaries")
@click.option("--rebuild", is_flag=True,
              help="Count the summaries again from the rows they sum.")
@pass_app
def summaries_command(app: AppContext, rebuild: bool) -> None:
    """Check the desk's summary tables against a count from scratch (exit 1 if they differ).

    The dashboard and `tmgr status` read per-document progress, per-day work and
    the words each person took to each stage from three tables the database's
    triggers keep. They can only drift if someone
    edits them by hand or turns the triggers off; --rebuild counts them again
    (no translation or history is touched).
    """
    database = app.database
    if rebuild:
        summaries.repair(database)
        click.echo("summaries rebuilt from the translations and their history")
    found = summaries.check(database)
    if not found:
        click.echo("summaries agree with the translations and their history")
        return
    for line in found[:20]:
        click.echo(line)
    if len(found) > 20:
        click.echo(f"... and {len(found) - 20} more")
    fail(f"{len(found)} summary rows differ from a count from scratch; "
         "run: tmgr db summaries --rebuild")


@cli.command("backup")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@pass_app
def backup(app: AppContext, file: Path) -> None:
    """Write a consistent backup of the whole database to FILE (the server may keep running).

    Everything is in it: documents, translations and their history, users with their
    password hashes, comments, overrides, glossary, translation memory, MT cache. The
    file carries the schema revision and checksums; it is written to a temporary file
    and renamed when complete. Works on a database of any tmgr version (back up before
    `tmgr db upgrade`).
    """
    database = app.unchecked_database
    bar = _RowProgress("backing up")
    try:
        manifest = write_backup(database, file, progress=bar)
    finally:
        bar.close()
    click.echo(f"backed up {manifest.total_rows} rows in {len(manifest.tables)} tables "
               f"to {file} (schema revision {manifest.revision}, "
               f"{file.stat().st_size} bytes)")


@cli.command("restore")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True,
              help="Replace the contents of a database that is not empty (they are backed "
                   "up first into the instance folder's backups/).")
@pass_app
def restore(app: AppContext, file: Path, force: bool) -> None:
    """Restore a backup made by `tmgr backup` into the configured, empty database.

    A damaged file or one from a newer tmgr is refused before anything changes. A
    backup from an older tmgr is restored at its own schema revision: run
    `tmgr db upgrade` afterwards.
    """
    database = app.unchecked_database
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    safety_dir = app.settings.instance_path / "backups"
    if force:
        safety_dir.mkdir(parents=True, exist_ok=True)
    bar = _RowProgress("restoring")
    try:
        result = restore_backup(database, file, force=force, progress=bar,
                                safety_path=safety_dir / f"before-restore-{stamp}.tmgr")
    finally:
        bar.close()
    if result.safety_backup is not None:
        click.echo(f"the previous contents were backed up to {result.safety_backup}")
    click.echo(f"restored {result.manifest.total_rows} rows in "
               f"{len(result.manifest.tables)} tables from {file} into {_shown_url(app)} "
               f"(backup of {result.manifest.created_at}, schema revision {result.revision})")
    _tell_cleaned(result.cleaned)
    if result.needs_upgrade:
        click.echo("the backup is from an older tmgr; run: tmgr db upgrade")
