"""The click group and what every command shares: settings, database, errors, output."""

from __future__ import annotations

import importlib
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, NamedTuple

import click

from tmgr import __version__
from tmgr.errors import TmgrError

#: the session.info flag tmgr.people.pending sets when something waits to be sent (a copy,
#: so that the command line loads no use case before a command runs)
OUTBOX_PENDING = "tmgr.outbox"

if TYPE_CHECKING:  # loaded when a command first needs them, so `tmgr --help` stays quick
    from sqlalchemy.orm import Session

    from tmgr.config import Settings
    from tmgr.store.db import Database


class AppContext:
    """Settings and the database, opened on first use."""

    def __init__(self, debug: bool = False) -> None:
        self.debug = debug
        self._settings: Settings | None = None
        self._database: Database | None = None

    @property
    def settings(self) -> Settings:
        if self._settings is None:
            from tmgr.config import load_settings

            self._settings = load_settings()
        return self._settings

    @property
    def database(self) -> Database:
        """The configured database, refused unless its schema is this tmgr's."""
        if self._database is None:
            database = self.unchecked_database
            database.check_schema()
        return self.unchecked_database

    @property
    def unchecked_database(self) -> Database:
        """The configured database whatever its schema (for ``init`` and ``tmgr db``)."""
        if self._database is None:
            from tmgr.listeners import wire
            from tmgr.store.db import Database

            wire()  # a command's changes are heard as the web's are (tmgr.events)
            self._database = Database(self.settings.database_url)
        return self._database

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        with self.database.transaction() as session:
            yield session
        if session.info.pop(OUTBOX_PENDING, False):  # set by tmgr.people.pending
            self.deliver()

    def deliver(self) -> None:
        """Send the e-mail and webhooks the committed change queued; failures only warn."""
        from tmgr.people.outbox import deliver_pending

        try:
            report = deliver_pending(self.database, self.settings)
        except TmgrError as exc:  # e.g. a malformed TMGR_SMTP_URL: the change stands
            warn(f"notifications not sent: {exc}; they stay queued")
            return
        for failure in report.failures:
            warn(failure)

    def languages(self, option: str | None) -> tuple[str, ...]:
        """``--lang be,ru`` validated, or the configured languages."""
        if not option:
            return self.settings.languages
        from tmgr.localedata import parse_languages, require_configured

        return require_configured(parse_languages(option), self.settings.languages)

    def close(self) -> None:
        if self._database is not None:
            self._database.dispose()


pass_app = click.make_pass_decorator(AppContext)


class CommandEntry(NamedTuple):
    """One command of the registry: where it is defined and its one-line summary."""

    name: str
    module: str
    attribute: str
    summary: str


class TmgrGroup(click.Group):
    """Turns every :class:`TmgrError` into one line on stderr and exit status 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except TmgrError as exc:
            fail(str(exc))
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except BrokenPipeError:  # `tmgr show DOC | head`: the reader left, say nothing
            sys.stderr.close()
            raise click.exceptions.Exit(0) from None
        except Exception as exc:  # noqa: BLE001 - the last line of defence
            if _debugging(ctx):
                raise
            fail(f"internal error: {type(exc).__name__}: {exc} "
                 "(run with --debug for the traceback and please report it)")
        finally:
            if isinstance(ctx.obj, AppContext):
                ctx.obj.close()


class LazyGroup(TmgrGroup):
    """The top-level group: commands come from :attr:`registry` and load when they run."""

    registry: dict[str, CommandEntry]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.registry = {}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(self.registry) | set(self.commands))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        entry = self.registry.get(cmd_name)
        if entry is None:
            return self.commands.get(cmd_name)
        command = getattr(importlib.import_module(entry.module), entry.attribute)
        if not isinstance(command, click.Command):  # pragma: no cover - a registry typo
            raise TypeError(f"{entry.module}.{entry.attribute} is not a click command")
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The command list from the registry's summaries: no command module is imported."""
        names = self.list_commands(ctx)
        if not names:
            return
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows = []
        for name in names:
            entry = self.registry.get(name)
            if entry is not None:
                summary = click.Command(name, help=entry.summary).get_short_help_str(limit)
            else:
                summary = self.commands[name].get_short_help_str(limit)
            rows.append((name, summary))
        with formatter.section("Commands"):
            formatter.write_dl(rows)


def _debugging(ctx: click.Context) -> bool:
    from tmgr.config import debug_requested

    return bool(getattr(ctx.obj, "debug", False)) or debug_requested()


def fail(message: str, code: int = 1) -> None:
    """Print ``error: message`` on stderr and exit."""
    click.echo(f"error: {message}", err=True)
    raise click.exceptions.Exit(code)


def warn(message: str) -> None:
    click.echo(f"warning: {message}", err=True)


def echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def is_terminal() -> bool:
    return sys.stdout.isatty()


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """``tmgr --version``: the package's version and the schema revision it expects."""
    if not value or ctx.resilient_parsing:
        return
    from tmgr.store.schema_head import quick_head

    head = quick_head()
    if head is None:  # an unusual migration header: ask Alembic
        from tmgr.store.schema import head_revision

        head = head_revision()
    click.echo(f"tmgr {__version__} (database schema revision {head})")
    ctx.exit()


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show full tracebacks on errors.")
@click.option("--version", is_flag=True, expose_value=False, is_eager=True,
              callback=_print_version,
              help="Show tmgr's version and the database schema revision it expects.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """tmgr: English commentaries into Belarusian and Russian, segment by segment.

    The database is TMGR_DATABASE_URL (default: instance/tmgr.sqlite3); target
    languages are TMGR_LANGUAGES (default: be,ru). The manual: docs/ (make docs).
    """
    ctx.obj = AppContext(debug=debug)
