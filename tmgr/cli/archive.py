"""``tmgr archive``: bring the published BE/RU archive into the memory."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from tmgr.cli.base import AppContext, cli, echo_json, pass_app, warn

if TYPE_CHECKING:
    from tmgr.services.archive import ArticleResult

BATCH = 100  # articles per transaction (and per Apertium run): an interruption loses one


@cli.group()
def archive() -> None:
    """The published archive: import EN/BE/RU articles, align them, teach the memory."""


@archive.command("import")
@click.argument("paths", nargs=-1, required=True,
                type=click.Path(path_type=Path, exists=False))
@click.option("--dry-run", is_flag=True,
              help="Read, check and align, but store nothing.")
@click.option("--json", "as_json", is_flag=True,
              help="Print one JSON object: per article and per problem file.")
@pass_app
def archive_import(app: AppContext, paths: tuple[Path, ...], dry_run: bool,
                   as_json: bool) -> None:
    """Import published commentaries: files <slug>.en|be|ru.txt|md|html, aligned.

    Confident sentence links become memory units (origin archive:<week>, document
    <slug>); the others wait on the alignment review page (/archive/review). An
    article is stored whole or not at all; a bad file never stops the batch; the
    same files imported again change nothing; an interrupted import resumes.
    """
    from tmgr.archive.witness import Witness
    from tmgr.services.archive import import_articles, plan_archive

    articles, problems = plan_archive(list(paths))
    witness = Witness()
    results = []
    show_bar = not as_json and len(articles) > BATCH
    with click.progressbar(length=len(articles), label="aligning", file=None,
                           hidden=not show_bar) as bar:
        for start in range(0, len(articles), BATCH):
            batch = articles[start:start + BATCH]
            with app.transaction() as session:
                results += import_articles(session, batch, witness, dry_run=dry_run)
            bar.update(len(batch))
    if as_json:
        echo_json({"dry_run": dry_run, "witness": witness.label,
                   "articles": [r.as_dict() for r in results],
                   "problems": [{"path": p.path, "message": p.message, "hint": p.hint}
                                for p in problems]})
    else:
        _report(results, [str(p) for p in problems], dry_run)
    if problems or any(r.status == "refused" for r in results):
        raise click.exceptions.Exit(1)  # all the others were imported


def _report(results: list[ArticleResult], problems: list[str], dry_run: bool) -> None:
    for problem in problems:
        warn(problem)
    counts = {"imported": 0, "unchanged": 0, "refused": 0}
    links = confident = 0
    for result in results:
        counts[result.status] += 1
        links, confident = links + result.links, confident + result.confident
        for note in result.warnings:
            warn(note)
        if result.status == "refused":
            click.echo(f"error: {result.message}", err=True)
    verb = "would import" if dry_run else "imported"
    click.echo(f"{verb} {counts['imported']} articles ({counts['unchanged']} unchanged, "
               f"{counts['refused']} refused, {len(problems)} files skipped): {links} "
               f"sentence links, {confident} into the memory, {links - confident} to review")
