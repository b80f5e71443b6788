"""Commands for machine translation: engines, draft; doc set (MT use, metadata fixes)."""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

import click

from tmgr.cli.base import AppContext, cli, echo_json, pass_app, warn
from tmgr.desk.assignments import set_publication_date
from tmgr.documents.ingest import get_document
from tmgr.documents.metadata import MetadataChange, set_metadata
from tmgr.drafting.drafts import draft_documents, set_external_mt
from tmgr.drafting.report import DraftReport
from tmgr.errors import TmgrError
from tmgr.mt import ENGINES, create_engine, describe_engines

#: the engine of `tmgr draft --pivot ru` when none is chosen: nothing leaves the machine
PIVOT_ENGINE = "apertium"
#: failed segment ids listed per line before "and N more"
LIST_SEGMENTS = 12
_YES_NO = {True: "yes", False: "no", None: "?"}


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print the engines as JSON.")
@pass_app
def engines(app: AppContext, as_json: bool) -> None:
    """List the MT engines, whether each is configured, and the language pairs it supports.

    Settings: TMGR_<ENGINE>_URL and TMGR_<ENGINE>_API_KEY (see docs/admin/mt.md). Keys are
    never shown. "?" means only the service can tell.
    """
    rows = describe_engines(app.settings, app.settings.languages)
    if as_json:
        echo_json(rows)
        return
    pairs = list(rows[0]["supports"]) if rows else []
    table = [["engine", "default", "configured", *pairs, "about"]]
    for row in rows:
        about = row["label"] + (f"; set {row['missing']}" if row["missing"] else "")
        table.append([row["name"], "*" if row["default"] else "",
                      "yes" if row["configured"] else "no",
                      *(_YES_NO[row["supports"][pair]] for pair in pairs), about])
    widths = [max(len(line[i]) for line in table) for i in range(len(table[0]))]
    for line in table:
        click.echo("  ".join(cell.ljust(width)
                             for cell, width in zip(line, widths, strict=True)).rstrip())


class _ProgressBar:
    """A progress bar on stderr, only when stderr is a terminal."""

    def __init__(self) -> None:
        self._bar: Any = None

    def __call__(self, done: int, total: int) -> None:
        if self._bar is None:
            if not sys.stderr.isatty():
                return
            self._bar = click.progressbar(length=total, label="drafting", file=sys.stderr)
            self._bar.__enter__()
        self._bar.update(1)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)


def _pivot(app: AppContext, pivot: str | None, languages: tuple[str, ...]) -> str | None:
    if pivot is None:
        return None
    if pivot not in app.settings.languages:
        raise TmgrError(f"--pivot {pivot}: not a configured language",
                        hint=f"configured: {', '.join(app.settings.languages)}")
    if languages == (pivot,):
        raise TmgrError(f"--pivot {pivot} drafts other languages from {pivot}",
                        hint=f"e.g. tmgr draft --lang be --pivot {pivot}")
    return pivot


def _pivot_default(app: AppContext, pivot: str | None,
                   languages: tuple[str, ...]) -> str | None:
    """apertium for a pivot run when no engine is chosen and it can do every pair."""
    if pivot is None or pivot in languages or app.settings.get("mt.engine") is not None:
        return None  # (drafting the pivot language itself needs an engine from English)
    local = create_engine(PIVOT_ENGINE, app.settings)
    targets = [lang for lang in languages if lang != pivot]
    if local.configured and targets and all(local.supports(pivot, t) for t in targets):
        return PIVOT_ENGINE
    return None


def _print_failures(report: DraftReport) -> None:
    """One line per document, language and error, naming the segments."""
    groups: dict[tuple[str, str, str], list[int]] = {}
    for failure in report.failures:
        groups.setdefault((failure.document, failure.lang, failure.error), []).append(
            failure.segment_id)
    for (document, lang, error), ids in groups.items():
        shown = " ".join(f"#{n}" for n in ids[:LIST_SEGMENTS])
        more = f" and {len(ids) - LIST_SEGMENTS} more" if len(ids) > LIST_SEGMENTS else ""
        click.echo(f"  {document} {lang} {shown}{more}: {error}")


def _print_report(report: DraftReport) -> None:
    click.echo(f"drafted {report.drafted}: {report.from_tm} from translation memory, "
               f"{report.from_cache} from the MT cache, {report.from_engine} from "
               f"{report.engine} ({report.asked} texts asked for)")
    if report.failed:
        reasons = ", ".join(f"{reason} {n}" for reason, n in report.failed.most_common())
        click.echo(f"failed: {len(report.failures)} ({reasons})")
        _print_failures(report)
    if report.skipped:
        click.echo("left alone: " + ", ".join(f"{n} {why}" for why, n in
                                               report.skipped.most_common()))
    if report.skipped.get("document marked no external MT"):
        click.echo("  (for those, `tmgr draft DOC --lang be --pivot ru` drafts on this machine "
                   "with apertium)")
    if report.busy:
        click.echo("left alone, another run is drafting them: " + ", ".join(report.busy))
    if report.flagged:
        click.echo("flagged for a look: " + ", ".join(f"{n} {flag}" for flag, n in
                                                      report.flagged.most_common()))


@contextmanager
def interruptible() -> Iterator[None]:
    """Let Ctrl-C (SIGINT) stop the run even where it was inherited as ignored.

    A background job of a non-interactive shell starts with SIGINT ignored, so
    `kill -INT` would do nothing and the run would go on to the end. An interrupted
    draft run keeps every batch it finished, so stopping it must always work.
    """
    inherited = signal.getsignal(signal.SIGINT)
    if inherited != signal.SIG_IGN or threading.current_thread() is not threading.main_thread():
        yield
        return
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, inherited)


@cli.command()
@click.argument("documents", nargs=-1)
@click.option("--lang", help="Languages to draft, e.g. be,ru (default: all configured).")
@click.option("--engine", "engine_name", metavar="NAME",
              help=f"MT engine: {', '.join(ENGINES)} (default: [mt] engine, else google; "
                   "with --pivot ru, apertium).")
@click.option("--pivot", metavar="LANG",
              help="Draft from the approved text in LANG (e.g. ru) instead of the English.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@pass_app
def draft(app: AppContext, documents: tuple[str, ...], lang: str | None,
          engine_name: str | None, pivot: str | None, as_json: bool) -> None:
    """Draft translations: translation memory first, then the MT cache, then the engine.

    Never touches needs_editing, translated or approved text; a re-run fills only
    what is missing or failed. Documents another run is drafting are left alone
    (never drafted twice at once). Exits 1 if any segment failed or a document was
    busy (each failure is stored on its segment: see `tmgr status` and `tmgr show`).
    Local drafts: --engine apertium --pivot ru (ru→be, nothing leaves the machine).
    """
    languages = app.languages(lang)
    pivot = _pivot(app, pivot, languages)
    engine = create_engine(engine_name or _pivot_default(app, pivot, languages), app.settings)
    bar = _ProgressBar()
    try:
        with interruptible():
            report = draft_documents(app.transaction, engine, slugs=documents,
                                     languages=languages, pivot=pivot, progress=bar,
                                     started_by="tmgr draft")
    finally:
        bar.close()
        engine.close()
    if as_json:
        echo_json(report.as_dict())
    else:
        _print_report(report)
    if advice := report.advice():
        click.echo(f"error: {advice}", err=True)
        raise click.exceptions.Exit(1)


@cli.group()
def doc() -> None:
    """Change a document's settings."""


@doc.command("set")
@click.argument("document")
@click.option("--no-external-mt/--external-mt", "no_external_mt", default=None,
              help="Keep the document's text on this machine: no external MT engine "
                   "gets it, whatever command runs (--external-mt allows it again).")
@click.option("--deadline", type=click.DateTime(formats=["%Y-%m-%d"]), metavar="YYYY-MM-DD",
              help="The publication date (every language that sets none of its own).")
@click.option("--no-deadline", is_flag=True, help="Clear the publication date.")
@click.option("--title", help="Fix the headline (kept when the source is ingested again).")
@click.option("--section", help="Fix the section ('' clears it).")
@click.option("--week", help="Fix the week range, e.g. 'October 28 – November 3, 2024'.")
@click.option("--status", "status_line", help="Fix the status line ('' clears it).")
@pass_app
def doc_set(app: AppContext, document: str, no_external_mt: bool | None,
            deadline: datetime | None, no_deadline: bool, title: str | None,
            section: str | None, week: str | None, status_line: str | None) -> None:
    """Set a document's options and fix its metadata (see `tmgr show DOC`)."""
    change = MetadataChange(title=title, section=section, week=week, status_line=status_line)
    if no_external_mt is None and deadline is None and not no_deadline and not change.given():
        raise click.UsageError("nothing to set: give --title, --section, --week, --status, "
                               "--deadline, --no-deadline, --no-external-mt or --external-mt")
    if deadline is not None and no_deadline:
        raise click.UsageError("give either --deadline or --no-deadline")
    with app.transaction() as session:
        if no_external_mt is not None:
            set_external_mt(session, document, allowed=not no_external_mt)
        if deadline is not None or no_deadline:
            for message in set_publication_date(
                    session, document, deadline.date() if deadline else None):
                warn(f"{document}: {message}")
        changed = set_metadata(session, get_document(session, document), change,
                               app.settings.languages) if change.given() else []
    if no_external_mt is not None:
        state = "not allowed" if no_external_mt else "allowed"
        click.echo(f"{document}: external MT {state}")
    if deadline is not None or no_deadline:
        click.echo(f"{document}: publication date "
                   f"{deadline.date().isoformat() if deadline else 'cleared'}")
    if change.given():
        fields = ", ".join(name.replace("_", " ") for name in changed) or "nothing changed"
        click.echo(f"{document}: {fields}")
