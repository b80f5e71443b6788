"""``tmgr archive``: bring the published BE/RU archive into the memory."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from tmgr.cli.base import AppContext, cli, echo_json, pass_app, warn

if TYPE_CHECKING:
    from tmgr.exchange.archive import ArticleResult

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
    from tmgr.exchange.archive import import_articles, plan_archive

    articles, problems = plan_archive(list(paths))
    witness = Witness()
    results = []
    show_bar = not as_json and len(articles) > BATCH
    with click.progressbar(length=len(articles), label="aligning",
                           file=sys.stderr,
                           hidden=not show_bar) as bar:
        for start in range(0, len(articles), BATCH):
            batch = articles[start:start + BATCH]
            with app.transaction() as session:
                results += import_articles(session, batch, witness, dry_run=dry_run)
            bar.update(len(batch))
    if not dry_run and any(r.status == "imported" for r in results):
        from tmgr.exchange.archivelearn import refresh_glossary_candidates

        with app.transaction() as session:
            refresh_glossary_candidates(session)
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


@archive.command("candidates")
@click.option("--kind", type=click.Choice(["house-word", "glossary"]),
              help="Only house-word or only glossary candidates.")
@click.option("--status", type=click.Choice(["pending", "accepted", "rejected"]),
              default="pending", show_default=True, help="Which candidates to list.")
@click.option("--json", "as_json", is_flag=True, help="Print the candidates as JSON.")
@pass_app
def archive_candidates(app: AppContext, kind: str | None, status: str, as_json: bool) -> None:
    """What the archive suggests: house words and glossary renderings awaiting a person."""
    from tmgr.exchange.archivelearn import list_candidates

    with app.transaction() as session:
        rows = [{"id": c.id, "kind": c.kind, "lang": c.lang, "term": c.term,
                 "rendering": c.rendering, "articles": c.seen, "status": c.status}
                for c in list_candidates(session, kind, status)]
    if as_json:
        echo_json(rows)
        return
    if not rows:
        click.echo(f"no {status} candidates")
    for row in rows:
        shown = f"{row['term']} → {row['rendering']}" if row["rendering"] else row["term"]
        click.echo(f"{row['id']:>6}  {row['kind']:<10}  {row['lang']}  {shown}  "
                   f"({row['articles']} articles)")


def _decide(app: AppContext, ids: tuple[int, ...], accept: bool) -> None:
    from tmgr.exchange.archivelearn import decide_candidate

    with app.transaction() as session:
        for candidate_id in ids:
            candidate = decide_candidate(session, candidate_id, accept,
                                         languages=app.settings.languages)
            click.echo(f"{candidate.status}: {candidate.kind} {candidate.lang} "
                       f"{candidate.term}" + (f" → {candidate.rendering}"
                                              if candidate.rendering else ""))


@archive.command("accept")
@click.argument("ids", nargs=-1, type=int, required=True)
@pass_app
def archive_accept(app: AppContext, ids: tuple[int, ...]) -> None:
    """Accept candidates: add the house word, or the rendering to the glossary."""
    _decide(app, ids, True)


@archive.command("reject")
@click.argument("ids", nargs=-1, type=int, required=True)
@pass_app
def archive_reject(app: AppContext, ids: tuple[int, ...]) -> None:
    """Reject candidates: they are kept as rejected and not suggested again."""
    _decide(app, ids, False)
