"""Commands for the web UI: serve, user add/list/unlock/demo, approve."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from tmgr.cli.base import AppContext, cli, echo_json, pass_app, warn
from tmgr.documents.ingest import get_document
from tmgr.errors import TmgrError
from tmgr.exchange.sitexchange import approve_document_strings
from tmgr.people.notifications import set_preferences
from tmgr.people.users import create_user, ensure_demo_accounts, get_user, list_users, unlock
from tmgr.review import actions as review
from tmgr.store.models import ROLES

DEMO_LOGINS = "demo-logins.txt"


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=5000, show_default=True, type=int, help="Port to listen on.")
@click.option("--threads", default=8, show_default=True, type=int,
              help="Worker threads of the waitress server.")
@pass_app
def serve(app: AppContext, host: str, port: int, threads: int) -> None:
    """Run the review web UI with waitress (for a team server see docs/admin/deploy.md)."""
    from waitress import serve as waitress_serve

    from tmgr.qa.morphology import prepare_lexicons
    from tmgr.web import create_app

    web_app = create_app()
    # the spelling checks' word indexes: built once here (first start only, 5-15 s
    # each) rather than inside a translator's first editor page
    prepare_lexicons()
    click.echo(f"tmgr is running at http://{host}:{port}/  (Ctrl+C to stop)")
    # With TMGR_TRUSTED_PROXIES tmgr's own middleware judges X-Forwarded-* (it ignores
    # them from anyone else); without it waitress drops them, as it does by default.
    trusting = bool(web_app.extensions.get("tmgr.trusted_proxies"))
    waitress_serve(web_app, host=host, port=port, threads=threads, ident="tmgr",
                   clear_untrusted_proxy_headers=not trusting)


@cli.group()
def user() -> None:
    """Manage accounts: add, list, unlock, demo."""


def _read_password(password_file: Path | None) -> str:
    if password_file is None:
        return click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        lines = password_file.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise TmgrError(f"cannot read password file {password_file}: {exc}") from exc
    if not lines or not lines[0]:
        raise TmgrError(f"password file {password_file} is empty",
                        hint="put the password on its first line")
    return lines[0]


@user.command("add")
@click.argument("name")
@click.option("--role", required=True, type=click.Choice(ROLES), help="What the user may do.")
@click.option("--lang", "languages", default="",
              help="Languages the user works in, e.g. be,ru (translators and reviewers).")
@click.option("--password-file", type=click.Path(dir_okay=False, path_type=Path),
              help="Read the password from the first line of this file (else prompt).")
@click.option("--email", help="E-mail address for notifications (editable on the account "
                              "page).")
@pass_app
def user_add(app: AppContext, name: str, role: str, languages: str,
             password_file: Path | None, email: str | None) -> None:
    """Create an account; the password is prompted for unless --password-file is given."""
    codes = [c for c in languages.split(",") if c.strip()]
    if role in ("translator", "reviewer") and not codes:
        warn(f"a {role} without --lang can only read")
    password = _read_password(password_file)
    with app.transaction() as session:
        account = create_user(session, name, role=role, languages=codes, password=password,
                              configured=app.settings.languages)
        if email:
            set_preferences(session, account, email=email)
    click.echo(f"created {role} {name}" + (f" ({', '.join(codes)})" if codes else ""))


@user.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print the accounts as JSON.")
@pass_app
def user_list(app: AppContext, as_json: bool) -> None:
    """List the accounts with their roles and languages."""
    with app.transaction() as session:
        rows: list[dict[str, Any]] = [
            {"name": u.name, "role": u.role, "languages": u.language_list, "active": u.active,
             "email": u.email} for u in list_users(session)]
    if as_json:
        echo_json(rows)
        return
    if not rows:
        click.echo("no accounts yet: add one with `tmgr user add NAME --role admin`")
    for row in rows:
        state = "" if row["active"] else "  (disabled)"
        click.echo(f"{row['name']:<20} {row['role']:<11} {','.join(row['languages'])}{state}")


@user.command("unlock")
@click.argument("name")
@click.option("--address", metavar="ADDR",
              help="Also forgive the failures from this client address.")
@pass_app
def user_unlock(app: AppContext, name: str, address: str | None) -> None:
    """Let NAME sign in again at once: forgive its recent wrong passwords.

    Sign-in is only ever slowed down (each failure past the first few doubles the
    wait, a minute at most for a name); this ends the wait. The attempts stay
    recorded.
    """
    with app.transaction() as session:
        forgiven = unlock(session, name, address)
    click.echo(f"{name}: {forgiven} recent failed sign-ins forgiven; they may sign in now")


@user.command("demo")
@pass_app
def user_demo(app: AppContext) -> None:
    """Create demo accounts (admin, translator, reviewer, editor, publisher) once.

    Their random passwords are written to <instance>/demo-logins.txt and printed.
    """
    path = app.settings.instance_path / DEMO_LOGINS
    with app.transaction() as session:
        created = ensure_demo_accounts(session, app.settings.languages)
    if created:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as fh:
            for name, role, password in created:
                fh.write(f"{name} {password} ({role})\n")
        path.chmod(0o600)
    if path.is_file():
        click.echo(f"demo logins (from {path}):")
        click.echo(path.read_text(encoding="utf-8").rstrip())
    else:
        click.echo("the demo accounts exist but their passwords were not made here")


@cli.command()
@click.argument("document")
@click.argument("segment_ids", nargs=-1, type=int)
@click.option("--lang", required=True, help="The language to approve, e.g. be.")
@click.option("--as", "as_user", required=True, help="The reviewer approving (a user name).")
@click.option("--all", "everything", is_flag=True,
              help="Approve every translated segment that the rules allow.")
@pass_app
def approve(app: AppContext, document: str, segment_ids: tuple[int, ...], lang: str,
            as_user: str, everything: bool) -> None:
    """Approve segments of DOCUMENT with the same rules as the web UI.

    Name SEGMENT_IDs (all are approved or none), or use --all to approve every
    `translated` segment, skipping (and listing) those the rules refuse.
    """
    if everything == bool(segment_ids):
        raise click.UsageError("give either --all or SEGMENT_IDs")
    chosen = app.languages(lang)
    if len(chosen) != 1:
        raise click.UsageError("--lang takes one language")
    lang_code = chosen[0]
    policy = review.ReviewPolicy.from_settings(app.settings)
    strings: tuple[list[str], list[str]] = ([], [])
    with app.transaction() as session:
        user = get_user(session, as_user)
        result = review.approve_segments(
            session, user, document, lang_code,
            segment_ids=segment_ids, policy=policy, everything=everything)
        if everything:  # the site strings the document uses, by the same rules
            strings = approve_document_strings(session, get_document(session, document),
                                               lang_code, user, four_eyes=policy.four_eyes)
    for segment_id, reason in result.skipped:
        warn(f"segment {segment_id} skipped: {reason}")
    for reason in strings[1]:
        warn(f"{reason} (skipped)")
    if strings[0]:
        click.echo(f"approved {len(strings[0])} site string(s): {', '.join(strings[0])}")
    click.echo(f"approved {len(result.approved)} segment(s) of {document} ({lang_code})"
               + (f", skipped {len(result.skipped)}" if result.skipped else ""))
