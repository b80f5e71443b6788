"""``tmgr doctor``: check an installation and say, one line each, what to do."""

from __future__ import annotations

import click

from tmgr.cli.base import AppContext, cli, echo_json, pass_app

MARKS = {"ok": "ok", "skipped": "--", "problem": "!!"}


@cli.command("doctor")
@click.option("--json", "as_json", is_flag=True, help="Print the findings as JSON.")
@click.option("--prepare", is_flag=True,
              help="First build what is otherwise made on first use (the lexicon cache, "
                   "the stored TM index).")
@pass_app
def doctor(app: AppContext, as_json: bool, prepare: bool) -> None:
    """Check this installation: database, secret key, dictionaries, mail, LLM, webhooks.

    One line per check with what to do about a problem; exit status 1 when
    something is wrong. Nothing is changed (except with --prepare) and nothing is
    sent.
    """
    from tmgr.people import doctor as checks

    database = app.unchecked_database
    if prepare:
        for made in checks.prepare(app.settings, database):
            click.echo(f"prepared: {made}", err=as_json)
    findings = checks.diagnose(app.settings, database)
    status = checks.exit_status(findings)
    if as_json:
        echo_json({"ok": status == 0, "checks": [f.as_dict() for f in findings]})
    else:
        for finding in findings:
            todo = f" -> {finding.todo}" if finding.todo else ""
            click.echo(f"{MARKS[finding.status]:2} {finding.name}: {finding.message}{todo}")
        problems = sum(f.status == "problem" for f in findings)
        click.echo(f"{problems} problem{'s' if problems > 1 else ''}" if problems else
                   "no problems found")
    raise click.exceptions.Exit(status)
