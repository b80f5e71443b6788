"""Commands that move translations in and out: export, import, sync, tm export."""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import click

from tmgr.cli.base import AppContext, cli, echo_json, pass_app, warn
from tmgr.cli.files import read_user_file, write_atomic
from tmgr.desk.assignments import record_export
from tmgr.errors import TmgrError
from tmgr.exchange.export import (
    DEFAULT_FORMATS,
    ExportContext,
    ExportedFile,
    export_memory,
    iter_export,
)
from tmgr.exchange.gate import confirmation_payload, gate_export
from tmgr.exchange.imports import (
    RESOLUTIONS,
    ImportReport,
    find_user,
    import_file,
    import_memory_batch,
    memory_batches,
)
from tmgr.exchange.sync import sync_catalogs
from tmgr.formats import FORMATS, PUBLISHABLE, format_for_file, parse_formats
from tmgr.formats.base import MemoryFormat
from tmgr.people.users import get_user
from tmgr.review.actions import ReviewPolicy

#: a pause after each TMX batch on SQLite (one writer at a time): without it the importer
#: takes the lock again before a save that waits in the busy handler wakes up
SQLITE_YIELD_SECONDS = 0.02
_FORMAT_HELP = ", ".join(FORMATS)


def _summary(item: ExportedFile) -> str:
    notes = []
    if item.draft:
        notes.append("DRAFT: unapproved text marked ⟦…⟧")
    if item.changes:
        counts = Counter(change.rule for change in item.changes)
        notes.append(f"typography: {len(item.changes)} changes ("
                     + ", ".join(f"{rule} {n}" for rule, n in sorted(counts.items())) + ")")
    return f" [{'; '.join(notes)}]" if notes else ""


def _write(out: Path, item: ExportedFile) -> None:
    path = out / item.name
    write_atomic(path, item.data)
    if not item.draft and item.lang is not None:
        stale = path.with_name(f"{item.document}.draft{path.suffix}")
        stale.unlink(missing_ok=True)


@cli.command("export")
@click.argument("documents", nargs=-1, required=True)
@click.option("--lang", help="Target languages, e.g. be,ru (default: all configured).")
@click.option("--format", "formats", default=",".join(DEFAULT_FORMATS), show_default=True,
              help=f"Comma-separated formats: {_FORMAT_HELP}.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("export"),
              show_default=True, help="Folder to write <lang>/<slug>.<ext> files into.")
@click.option("--allow-partial", is_flag=True,
              help="Export unapproved texts anyway, gaps marked ⟦…⟧ and labelled as drafts.")
@click.option("--no-typography", is_flag=True, help="Publish the text exactly as approved.")
@click.option("-v", "--verbose", is_flag=True, help="List every typographic change.")
@click.option("--confirm-unedited", is_flag=True,
              help="Publish although more words than TMGR_UNEDITED_MT_WARN are unedited "
                   "machine or memory drafts (with --as: an editor or admin; recorded in "
                   "the document's history).")
@click.option("--as", "user_name", metavar="USER",
              help="The editor or admin who confirms with --confirm-unedited.")
@click.option("--json", "as_json", is_flag=True, help="Print the files written as JSON.")
@pass_app
def export_command(app: AppContext, documents: tuple[str, ...], lang: str | None, formats: str,
                   out: Path, allow_partial: bool, no_typography: bool, verbose: bool,
                   confirm_unedited: bool, user_name: str | None, as_json: bool) -> None:
    """Export documents: publishable texts (txt, md, html), PO, XLIFF and TMX files.

    Texts are published only when every segment is approved (or with
    --allow-partial, as marked drafts); PO, XLIFF and TMX export any state. TMX
    holds a document's approved pairs in all the languages (<slug>.tmx).
    """
    context = ExportContext(app.languages(lang), app.settings.instance_path,
                            app.settings.get("typography", {}), not no_typography)
    chosen, written = parse_formats(formats), []
    listed = next((f.name for f in chosen if f.kind == "publish"), None)  # changes shown once
    final = not allow_partial and any(f.kind == "publish" for f in chosen)
    with app.transaction() as session:
        confirmer = get_user(session, user_name) if user_name else None
        confirmed = gate_export(session, documents, context.languages,
                                confirm_now=confirm_unedited, by=confirmer,
                                via="cli") if final else []
        for done in confirmed:
            warn(f"{done.share.document} ({done.share.lang}): {done.share.percent:g}% of the "
                 "approved words are unedited machine or memory drafts; published as "
                 f"confirmed by {done.confirmation.confirmed_by}")
        for item in iter_export(session, documents, chosen, context,
                                allow_partial=allow_partial):
            _write(out, item)
            written.append(item)
            if not as_json:
                click.echo(f"wrote {out / item.name}{_summary(item)}")
                if verbose and item.format == listed:
                    for change in item.changes:
                        click.echo(f"  {change.describe()}")
        record_export(session, [(f.document, f.lang, f.format) for f in written
                                if f.lang and not f.draft and f.format in PUBLISHABLE],
                      confirmation_payload(confirmed))
    if as_json:
        echo_json([{"file": str(out / f.name), "document": f.document, "lang": f.lang,
                    "format": f.format, "draft": f.draft,
                    "typography": [c.as_dict() for c in f.changes]} for f in written])


def _report(report: ImportReport) -> None:
    what = (f"{report.added} pairs added to the memory, {report.unchanged} known"
            if report.format == "tmx" else
            f"{report.updated} updated, {report.unchanged} unchanged, "
            f"{len(report.conflicts)} conflicts")
    click.echo(f"imported {report.name} ({', '.join(report.catalogs) or report.format}): {what}")
    if report.downgraded:
        warn(f"{report.name}: {report.downgraded} entries marked final imported as "
             "translated (approving needs a reviewer other than the text's author)")
    if report.qa_blocked:
        warn(f"{report.name}: {report.qa_blocked} entries marked final imported as "
             "translated: QA errors block their approval (see `tmgr qa`)")
    if report.resolved:
        click.echo(f"{report.resolved} conflicts resolved")
    for message in report.warnings:
        warn(f"{report.name}: {message}")
    for conflict in report.conflicts:
        click.echo(f"conflict {conflict.document} ({conflict.lang}) {conflict.key} "
                   f"[{report.name}:{conflict.line}]: {conflict.reason}\n"
                   f"  in tmgr: {conflict.tmgr_text}\n  in file: {conflict.file_text}", err=True)


def _import_memory(app: AppContext, path: Path, data: bytes, user_name: str,
                   dry_run: bool) -> ImportReport:
    """A TMX file in batches of short transactions, with a progress bar on a terminal."""
    fmt = format_for_file(str(path), data)
    if not isinstance(fmt, MemoryFormat):  # the caller sends only memory files here
        raise TmgrError(f"{path.name}: not a translation-memory file")
    report = ImportReport(name=str(path), format=fmt.name)
    memory = fmt.load(data, str(path))
    with app.database.transaction(readonly=True) as session:
        user = find_user(session, user_name)
        batches = list(memory_batches(memory, user, report, languages=app.settings.languages))
    sqlite = app.database.engine.dialect.name == "sqlite"
    with click.progressbar(length=report.total, label=f"importing {path.name}",
                           file=sys.stderr) as bar:
        for batch in batches:
            with app.database.sessionmaker() as session, session.begin() as transaction:
                import_memory_batch(session, batch, report)
                if dry_run:
                    transaction.rollback()
            bar.update(len(batch))
            if sqlite:  # let editors' saves waiting in SQLite's busy handler take the lock
                time.sleep(SQLITE_YIELD_SECONDS)
    return report


def _import_one(app: AppContext, path: Path, user_name: str, dry_run: bool,
                resolve: str | None) -> ImportReport:
    data = read_user_file(path)
    if format_for_file(str(path), data).kind == "memory":
        return _import_memory(app, path, data, user_name, dry_run)
    policy = ReviewPolicy.from_settings(app.settings)
    with app.database.sessionmaker() as session, session.begin() as transaction:
        user = find_user(session, user_name)
        report = import_file(session, str(path), data, user, languages=app.settings.languages,
                             resolve=resolve, policy_four_eyes=policy.four_eyes)
        if dry_run:
            transaction.rollback()
    return report


@cli.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False,
                                                                  path_type=Path))
@click.option("--as", "user_name", required=True, metavar="USER",
              help="The tmgr user the changes are recorded under (the editor's rights apply).")
@click.option("--resolve", type=click.Choice(RESOLUTIONS),
              help="Settle conflicts: mine takes the file's text, theirs keeps tmgr's.")
@click.option("--dry-run", is_flag=True, help="Show what would change; change nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the reports as JSON.")
@pass_app
def import_command(app: AppContext, files: tuple[Path, ...], user_name: str,
                   resolve: str | None, dry_run: bool, as_json: bool) -> None:
    """Import PO or XLIFF catalogs (translations) and TMX files (into the memory).

    The importing user has exactly the editor's rights: their languages, approval
    only for reviewers, never of their own text (final entries become translated).
    Each catalog is imported whole or not at all; a segment changed in tmgr since
    the file was exported is not overwritten but listed as a conflict, unless
    --resolve says which side wins (importing a fixed file again over your own
    earlier import of it is not a conflict). TMX files go in batches of short
    transactions (run again after an interruption: only what is missing is added).
    """
    failures = 0
    reports: list[dict[str, Any]] = []
    for path in files:
        try:
            report = _import_one(app, path, user_name, dry_run, resolve)
        except TmgrError as exc:
            failures += 1
            click.echo(f"error: {exc}", err=True)
            reports.append({"name": str(path), "error": str(exc)})
            continue
        reports.append(report.as_dict())
        if not as_json:
            _report(report)
    if as_json:
        echo_json(reports)
    conflicts = sum(len(r.get("conflicts", [])) for r in reports)
    if failures or conflicts:
        click.echo(f"error: {failures} of {len(files)} files not imported, "
                   f"{conflicts} conflicts left in tmgr's favour"
                   + (" (dry run: nothing changed)" if dry_run else "")
                   + ("; import again with --resolve mine or --resolve theirs"
                      if conflicts else ""), err=True)
        raise click.exceptions.Exit(1)
    if dry_run and not as_json:
        click.echo("dry run: nothing changed")


@cli.command()
@click.option("--locales", "root", type=click.Path(file_okay=False, path_type=Path),
              default=Path("locales"), show_default=True, help="The catalogs folder.")
@click.option("--as", "user_name", metavar="USER",
              help="The tmgr user edits found in the catalogs are recorded under.")
@click.option("--lang", help="Languages to sync, e.g. be (default: all configured).")
@pass_app
def sync(app: AppContext, root: Path, user_name: str | None, lang: str | None) -> None:
    """Import catalogs edited in locales/<lang>/<slug>.po, then write them all afresh.

    A catalog that is malformed, conflicts with tmgr or has edits but no --as user
    is left untouched and reported.
    """
    languages = app.languages(lang)
    with app.transaction() as session:
        user = find_user(session, user_name) if user_name else None
        result = sync_catalogs(session, root, languages, user,
                               four_eyes=ReviewPolicy.from_settings(app.settings).four_eyes)
    for report in result.imports:
        if report.updated or report.conflicts:
            _report(report)
    written = sum(write_atomic(path, data) for path, data in result.files.items())
    click.echo(f"{len(result.files)} catalogs in {root}: {written} written, "
               f"{len(result.files) - written} unchanged")
    for path, reason in result.left_alone.items():
        click.echo(f"error: {path} left untouched: {reason}", err=True)
    if result.left_alone:
        raise click.exceptions.Exit(1)


@cli.group()
def tm() -> None:
    """The translation memory: every approved pair, plus pairs imported from TMX."""


@tm.command("export")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--lang", help="Languages to include, e.g. be,ru (default: all configured).")
@pass_app
def tm_export(app: AppContext, file: Path, lang: str | None) -> None:
    """Write the whole translation memory to FILE as TMX 1.4b (import with `tmgr import`)."""
    with app.transaction() as session:
        data = export_memory(session, app.languages(lang))
    write_atomic(file, data)
    click.echo(f"wrote {file}")
