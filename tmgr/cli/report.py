"""Reports: ``tmgr report mt`` (post-editing analytics per engine and language)."""

from __future__ import annotations

from datetime import date, datetime

import click

from tmgr.cli.base import AppContext, cli, echo_json, pass_app
from tmgr.desk.archive import archive_report_rows
from tmgr.drafting.analytics import FIGURES, GROUPINGS, mt_report


@cli.group()
def report() -> None:
    """Reports over the database."""


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date like 2024-11-04") from None


def _cell(value: object) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


@report.command("mt")
@click.option("--since", callback=_date, metavar="DATE",
              help="Only translations approved on or after DATE (YYYY-MM-DD).")
@click.option("--by", type=click.Choice(GROUPINGS), default="engine", show_default=True,
              help="Rows per engine × language, or also per translator or document.")
@click.option("--include-archive", is_flag=True,
              help="Add the archive's published translations (engine archive), per language.")
@click.option("--json", "as_json", is_flag=True, help="Print the rows as JSON.")
@pass_app
def report_mt(app: AppContext, since: date | None, by: str, include_archive: bool,
              as_json: bool) -> None:
    """How much editing each engine's drafts needed before approval, per language.

    segments and words approved from a machine or memory draft; unchanged: the
    share approved as drafted; edit_distance: character edits in % of the text;
    chrf: the draft's chrF against the approved text; seconds_per_word: time
    translators spent (first focus to save). Fewer edits and a higher chrF are better.
    With --include-archive, rows of engine "archive" count the archived articles'
    segments and words as published (no draft, so no edit figures).
    """
    with app.transaction() as session:
        rows = mt_report(session, since=since, by=by)
        if include_archive:
            rows += archive_report_rows(session, app.languages(None), by)
    if as_json:
        echo_json(rows)
        return
    if not rows:
        click.echo("no approved translations with a known machine or memory draft yet")
        return
    heads = ["engine", "lang", *([by] if by != "engine" else []), *FIGURES]
    table = [heads] + [[_cell(row[h]) for h in heads] for row in rows]
    widths = [max(len(line[i]) for line in table) for i in range(len(heads))]
    for line in table:
        click.echo("  ".join(cell.ljust(width)
                             for cell, width in zip(line, widths, strict=True)).rstrip())
