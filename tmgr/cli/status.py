"""``tmgr status``: the progress table, read without loading SQLAlchemy when it can be.

On a plain SQLite file at this tmgr's schema the figures come from
:mod:`tmgr.store.quickstatus` (the standard library's driver); otherwise, and to explain
anything wrong, from the services. Both apply :mod:`tmgr.store.deskrules`.
"""

from __future__ import annotations

import click

from tmgr.cli.base import AppContext, cli, echo_json, pass_app
from tmgr.states import State
from tmgr.store.deskrules import DeskFigures

STATE_LABELS = {State.UNTRANSLATED: "untransl", State.DRAFT: "draft",
                State.NEEDS_EDITING: "needs_ed", State.TRANSLATED: "transl",
                State.APPROVED: "approved"}


def _status_rows(rows: list[DeskFigures], archive: bool = False) -> list[list[str]]:
    table = [["document", "lang", "segs", *STATE_LABELS.values(), "words", "% approved",
              "mt failed", "translator", "reviewer", "due"]]
    for desk_row in rows:
        row = desk_row.progress
        due = desk_row.due.isoformat() if desk_row.due else ("archive" if archive else "-")
        if desk_row.overdue:
            due += " OVERDUE"
        elif desk_row.at_risk:
            due += " at risk"
        table.append([row.slug, row.lang, str(row.total_segments),
                      *(str(row.segments[s]) for s in STATE_LABELS),
                      str(row.total_words), f"{row.percent_approved:.0f}%",
                      str(row.mt_failed), desk_row.translator or "-",
                      desk_row.reviewer or "-", due])
    return table


def print_table(table: list[list[str]]) -> None:
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    for row in table:
        cells = [cell.ljust(w) if i < 2 else cell.rjust(w)
                 for i, (cell, w) in enumerate(zip(row, widths, strict=True))]
        click.echo("  ".join(cells).rstrip())


def status_figures(app: AppContext, documents: tuple[str, ...],
                   languages: tuple[str, ...], include_archive: bool = False
                   ) -> tuple[list[DeskFigures], list[DeskFigures]]:
    """The rows of ``tmgr status`` (read directly from SQLite, or through the services)
    and, with ``include_archive``, the archived articles' rows, their words published."""
    from tmgr.store.quickstatus import status_figures as quick

    rows = None if include_archive else quick(app.settings.database_url, documents, languages)
    if rows is not None:
        return rows, []
    from tmgr.desk.archive import archive_figures, archived_slugs
    from tmgr.desk.assignments import desk_rows
    from tmgr.documents.ingest import list_documents

    with app.database.transaction(readonly=True) as session:
        archived = archived_slugs(session, documents) if include_archive else set()
        named = tuple(slug for slug in documents if slug not in archived)
        work = ([] if documents and not named else
                [row.figures() for row in
                 desk_rows(session, list_documents(session, named), languages)])
        if not include_archive or (documents and not archived):
            return work, []
        return work, archive_figures(session, languages, sorted(archived))


@cli.command()
@click.argument("documents", nargs=-1)
@click.option("--lang", help="Languages to show, e.g. be,ru (default: all configured).")
@click.option("--include-archive", is_flag=True,
              help="Add the archived articles (tmgr archive import), their words as published.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@pass_app
def status(app: AppContext, documents: tuple[str, ...], lang: str | None,
           include_archive: bool, as_json: bool) -> None:
    """Progress per document and language: words per state, % approved, who, due.

    Rows show the translator, the reviewer and the due date of the stage the work
    is in (OVERDUE when past, "at risk" when the assignee's pace will not make it).
    """
    work, archived = status_figures(app, documents, app.languages(lang), include_archive)
    rows = work + archived
    if as_json:
        marks = [False] * len(work) + [True] * len(archived)
        echo_json([{**row.progress.as_dict(), **row.as_dict(),
                    **({"archive": mark} if include_archive else {})}
                   for row, mark in zip(rows, marks, strict=True)])
    elif not rows:
        click.echo("no documents yet: add some with `tmgr ingest sources/`")
    else:
        print_table(_status_rows(work) + _status_rows(archived, archive=True)[1:])
