"""``tmgr db``: where the database's schema stands, and upgrading it in place."""

from __future__ import annotations

import click
from sqlalchemy.engine import make_url

from tmgr.cli.base import AppContext, cli, echo_json, pass_app


@cli.group("db")
def db_group() -> None:
    """The database schema: see where it stands, upgrade it after installing a new tmgr."""


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
    else:
        state = "current" if status.is_current else "behind"
    if as_json:
        echo_json({"database": _shown_url(app), "revision": status.current,
                   "head": status.head, "state": state})
        return
    click.echo(f"database: {_shown_url(app)}")
    messages = {
        "empty": "no tmgr tables yet; run: tmgr init",
        "legacy": "made by tmgr 0.1.0 (no schema version); run: tmgr db upgrade",
        "current": f"schema revision {status.current} (current)",
        "behind": f"schema revision {status.current}; this tmgr expects {status.head}; "
                  "run: tmgr db upgrade",
    }
    click.echo(messages[state])


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
