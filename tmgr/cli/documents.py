"""Commands for documents: init, ingest, segment, show (status: tmgr.cli.status)."""

from __future__ import annotations

import getpass
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

import click
from sqlalchemy.engine import make_url

from tmgr.cli.base import AppContext, cli, echo_json, pass_app, warn
from tmgr.documents.ingest import (
    IngestResult,
    SegmentChange,
    document_dict,
    ingest_file,
    ingest_warnings,
    load_document,
    read_source,
    removed_segments,
)
from tmgr.documents.revisions import revision_dict
from tmgr.errors import TmgrError
from tmgr.exchange import gate as mtgate
from tmgr.readers import SOURCE_SUFFIXES
from tmgr.readers.report import report_dict, report_lines
from tmgr.segment import split_sentences
from tmgr.store.models import Document, Segment


@cli.command()
@pass_app
def init(app: AppContext) -> None:
    """Create the database's tables, or bring them up to date (safe to run again)."""
    app.unchecked_database.upgrade()
    url = make_url(app.settings.database_url).render_as_string(hide_password=True)
    click.echo(f"database ready: {url}")
    click.echo(f"target languages: {', '.join(app.settings.languages)}")


def _expand(paths: Iterable[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*")
                                if p.is_file() and p.suffix.lower() in SOURCE_SUFFIXES))
        else:
            files.append(path)
    return files


def _report(result: IngestResult, dry_run: bool = False, explain: bool = False) -> None:
    if explain and result.parsed is not None:
        click.echo(click.style(str(result.path), bold=True))
        for line in report_lines(result.parsed):
            click.echo(line)
    else:
        for message in result.warnings:
            warn(f"{result.path}: {message}")
    if result.action == "changed":
        click.echo(f"changed    {result.slug}: the file differs from the stored text; "
                   "left alone (run `tmgr ingest --replace` to update it)")
        return
    action = f"would be {result.action}" if dry_run else result.action
    counts = [f"{len(items)} {label}" for label, items in _changes(result) if items]
    counts += [f"{count} {op}" for op, count in sorted(result.changes.items())
               if op in ("split", "merged")]
    extra = f"; {', '.join(counts)}" if counts else ""
    revision = (f", source revision {result.revision}"
                if result.revision and not dry_run else "")
    click.echo(f"{action:<10} {result.slug} ({result.segments} segments{revision}{extra})")
    if dry_run:
        for label, items in _changes(result):
            for change in items:
                work = ", ".join(f"{lang} {state}" for lang, state in change.work.items())
                click.echo(f"  {label:<13} #{change.segment_id} {change.source}"
                           + (f"  [{work}]" if work else ""))


def _changes(result: IngestResult) -> list[tuple[str, list[SegmentChange]]]:
    return [("needs editing", result.needs_editing),
            ("removed", result.removed),  # kept, with their translations and history
            ("restored", result.restored)]


class _DryRun(Exception):
    """Rolls back the ingest of one file after its result is known."""

    def __init__(self, result: IngestResult) -> None:
        super().__init__(result.slug)
        self.result = result


def _ingested_by() -> str | None:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name in this environment
        return None


def _ingest_one(app: AppContext, path: Path, replace: bool, dry_run: bool) -> IngestResult:
    source = read_source(path)  # parsing needs no lock: done before the transaction
    try:
        with app.transaction() as session:
            result = ingest_file(session, path, app.settings.languages, replace=replace,
                                 ingested_by=_ingested_by(), source=source)
            if dry_run:
                raise _DryRun(result)
    except _DryRun as rolled_back:
        return rolled_back.result
    return result


def _result_dict(result: IngestResult, explain: bool = False) -> dict[str, object]:
    data: dict[str, Any] = {
        "path": str(result.path), "slug": result.slug, "action": result.action,
        "segments": result.segments, "warnings": result.warnings,
        "source_revision": result.revision, "changes": result.changes,
        **{label.replace(" ", "_"): [c.as_dict() for c in items]
           for label, items in _changes(result)}}
    if explain and result.parsed is not None:
        data["explain"] = report_dict(result.parsed)
    return data


@cli.command()
@click.argument("paths", nargs=-1, required=True,
                type=click.Path(exists=True, path_type=Path))
@click.option("--replace", is_flag=True,
              help="Update documents whose source file changed (removed sentences are "
                   "kept with their translations and come back if the sentence does).")
@click.option("--explain", is_flag=True,
              help="Show how every line was read: metadata field, caption, boilerplate "
                   "rule, block kind, segments, warnings.")
@click.option("--dry-run", is_flag=True,
              help="Change nothing; list what would become needs-editing, removed or "
                   "restored.")
@click.option("--json", "as_json", is_flag=True, help="Print the results as JSON.")
@pass_app
def ingest(app: AppContext, paths: tuple[Path, ...], replace: bool, explain: bool,
           dry_run: bool, as_json: bool) -> None:
    """Read English commentaries (.txt, .md, .html files or folders) into the database.

    Each file is stored whole or not at all; the same file again changes nothing;
    one bad file does not stop the others.
    """
    files = _expand(paths)
    if not files:
        raise TmgrError("no commentary files found",
                        hint=f"tmgr reads {', '.join(sorted(SOURCE_SUFFIXES))}")
    results: list[dict[str, Any]] = []
    failures = 0
    for path in files:
        try:
            result = _ingest_one(app, path, replace, dry_run)
        except TmgrError as exc:
            failures += 1
            click.echo(f"error: {path}: {exc}", err=True)
            results.append({"path": str(path), "action": "failed", "error": str(exc)})
            continue
        results.append({**_result_dict(result, explain), "dry_run": dry_run})
        if not as_json:
            _report(result, dry_run, explain)
    if not dry_run and any(r["action"] in ("added", "replaced") for r in results):
        app.database.analyze()
    if as_json:
        echo_json(results)
    if failures:
        click.echo(f"error: {failures} of {len(files)} files not ingested", err=True)
        raise click.exceptions.Exit(1)


@cli.command()
@click.argument("file", type=click.File("r", encoding="utf-8-sig"), default="-")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of sentences.")
def segment(file: IO[str], as_json: bool) -> None:
    """Split English text into sentences, one per line (FILE or - for stdin)."""
    try:
        text = file.read()
    except UnicodeDecodeError as exc:
        raise TmgrError("the input is not UTF-8 text", hint="save it as UTF-8") from exc
    paragraphs = [p for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    sentences = [s for p in paragraphs for s in split_sentences(p)]
    if as_json:
        echo_json(sentences)
    else:
        for sentence in sentences:
            click.echo(sentence)


def _print_segment(segment: Segment, languages: tuple[str, ...]) -> None:
    click.echo(f"  #{segment.id} {segment.source}")
    if segment.previous_source:
        click.echo(f"     (was, before source revision {segment.source_revision}: "
                   f"{segment.previous_source})")
    for translation in segment.translations:
        if translation.lang not in languages:
            continue
        origin = f" {translation.origin}" if translation.origin else ""
        click.echo(f"    {translation.lang} [{translation.state.value}{origin}] "
                   f"{translation.text}")
        if translation.mt_error:
            click.echo(f"       MT failed: {translation.mt_error}")
        if translation.unknown_words:
            click.echo(f"       unknown to the engine: {translation.unknown_words}")


def _print_document(document: Document, languages: tuple[str, ...],
                    removed: list[Segment]) -> None:
    click.echo(click.style(document.title or "(no headline: set one with `tmgr doc set "
                           f"{document.slug} --title TEXT`)", bold=True))
    meta = [("slug", document.slug), ("week", document.week_text),
            ("section", document.section), ("status", document.status_line),
            ("author", document.author),
            ("deadline", document.deadline.isoformat() if document.deadline else None),
            ("external MT", "not allowed" if document.no_external_mt else "allowed")]
    for label, value in meta:
        if value:
            click.echo(f"{label + ':':<13}{value}")
    for warning in ingest_warnings(document):
        click.echo(f"{'warning:':<13}{warning}")
    for block in document.blocks:
        click.echo(f"\n[{block.kind}]")
        for segment in block.segments:
            _print_segment(segment, languages)
    if removed:
        click.echo("\n[removed from the source: kept with their translations; they come "
                   "back if the sentence does]")
        for segment in removed:
            _print_segment(segment, languages)


def _print_history(document: Document) -> None:
    click.echo(click.style(f"{document.slug}: source history", bold=True))
    for revision in document.source_revisions:
        data = revision_dict(revision)
        who = f" by {data['ingested_by']}" if data["ingested_by"] else ""
        click.echo(f"\nrevision {data['number']}  {data['created_at'][:19]}{who}  {data['path']}")
        counts: dict[str, int] = {}
        for change in data["changes"]:
            counts[change["op"]] = counts.get(change["op"], 0) + 1
        if data["number"] == 1 and not data["changes"]:
            click.echo("  first version")
        elif not counts:
            click.echo("  no sentence changed")
        else:
            click.echo("  " + ", ".join(f"{n} {op}" for op, n in sorted(counts.items())))
        for change in data["changes"]:
            old, new = change["old"], change["new"]
            old = " | ".join(old) if isinstance(old, list) else old
            new = " | ".join(new) if isinstance(new, list) else new
            click.echo(f"  {change['op']}:")
            if old:
                click.echo(f"    - {old}")
            if new:
                click.echo(f"    + {new}")
        for warning in data["warnings"]:
            click.echo(f"  warning: {warning}")


@cli.command()
@click.argument("document")
@click.option("--lang", help="Languages to show, e.g. be (default: all configured).")
@click.option("--history", is_flag=True,
              help="Show the source history: every ingested version, when, by whom, "
                   "what changed; and every confirmation of unedited machine translation.")
@click.option("--json", "as_json", is_flag=True, help="Print the document as JSON.")
@pass_app
def show(app: AppContext, document: str, lang: str | None, history: bool,
         as_json: bool) -> None:
    """Show one document: metadata, blocks, segments and their translations."""
    languages = app.languages(lang)
    with app.transaction() as session:
        doc = load_document(session, document)
        removed = removed_segments(session, doc)
        confirmed = mtgate.confirmations(session, doc) if history else []
        if history and as_json:
            echo_json({"slug": doc.slug,
                       "revisions": [revision_dict(r) for r in doc.source_revisions],
                       "unedited_confirmations": [mtgate.confirmation_dict(c)
                                                  for c in confirmed]})
        elif history:
            _print_history(doc)
            if confirmed:
                click.echo(click.style("\nunedited machine translation confirmed for "
                                       "publication", bold=True))
            for row in confirmed:
                click.echo(f"  {mtgate.describe(row)}")
        elif as_json:
            echo_json(document_dict(doc, languages, removed))
        else:
            _print_document(doc, languages, removed)


