"""Commands for the editors' desk: assign, webhook add/list/remove/log, notify run/queue."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import click

from tmgr.cli.base import AppContext, cli, echo_json, pass_app, warn
from tmgr.desk import assignments as desk
from tmgr.documents.ingest import get_document
from tmgr.people import notifications as notify
from tmgr.people import outbox, webhooks
from tmgr.text import visible

DATE = click.DateTime(formats=["%Y-%m-%d"])


def as_date(value: datetime | None) -> date | None:
    return value.date() if value else None


def _date_option(name: str, text: str):  # type: ignore[no-untyped-def]
    return click.option(name, type=DATE, default=None, metavar="YYYY-MM-DD", help=text)


@cli.command()
@click.argument("document")
@click.option("--lang", required=True, help="The language(s) to assign, e.g. be or be,ru.")
@click.option("--translator", help="Who translates (a user name; '' unassigns).")
@click.option("--reviewer", help="Who reviews and approves (a user name; '' unassigns).")
@_date_option("--due", "When the translation is due.")
@_date_option("--review-due", "When the review is due.")
@_date_option("--publication-due",
              "Publication date for this language (default: the document's, "
              "`tmgr doc set DOC --deadline`).")
@click.option("--json", "as_json", is_flag=True, help="Print the assignments as JSON.")
@pass_app
def assign(app: AppContext, document: str, lang: str, translator: str | None,
           reviewer: str | None, due: datetime | None, review_due: datetime | None,
           publication_due: datetime | None, as_json: bool) -> None:
    """Assign a translator and a reviewer to DOCUMENT in a language, with due dates.

    Only what is given changes; without options it shows the assignment. Dates
    in the past are accepted with a warning; new assignees are notified.
    """
    languages = app.languages(lang)
    changes: dict[str, Any] = {key: value for key, value in (
        ("translator", translator), ("reviewer", reviewer),
        ("translation_due", as_date(due)), ("review_due", as_date(review_due)),
        ("publication_due", as_date(publication_due))) if value is not None}
    shown = []
    with app.transaction() as session:
        for code in languages:
            result = desk.assign(session, document, code, configured=app.settings.languages,
                                 **changes)
            for message in result.warnings:
                warn(f"{document} ({code}): {message}")
            row = desk.desk_rows(session, [get_document(session, document)], [code])[0]
            shown.append({"document": document, "lang": code, **row.as_dict()})
            if not as_json:
                click.echo(desk.describe(result.assignment, row.document)
                           + f"; stage {row.stage}" + (", OVERDUE" if row.overdue else ""))
    if as_json:
        echo_json(shown)


@cli.group()
def webhook() -> None:
    """Webhooks for the publishing system: add, list, remove, log."""


@webhook.command("add")
@click.argument("url")
@click.option("--event", required=True, type=click.Choice(webhooks.EVENTS),
              help="The event to send.")
@click.option("--secret", help="Signing secret (whsec_<base64> is used decoded); "
                               "generated and printed once when not given.")
@pass_app
def webhook_add(app: AppContext, url: str, event: str, secret: str | None) -> None:
    """Send EVENT to URL, signed as Standard Webhooks says."""
    with app.transaction() as session:
        hook = webhooks.add_webhook(session, url, event, secret)
        hook_id, stored = hook.id, hook.secret
    click.echo(f"webhook {hook_id}: {event} -> {visible(url)}")
    if secret is None:
        click.echo(f"secret (shown once, give it to the receiver): {stored}")


@webhook.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print the webhooks as JSON.")
@pass_app
def webhook_list(app: AppContext, as_json: bool) -> None:
    """List the configured webhooks (secrets are not shown)."""
    with app.transaction() as session:
        rows = [{"id": h.id, "url": h.url, "event": h.event,
                 "created_at": h.created_at.isoformat()}
                for h in webhooks.list_webhooks(session)]
    if as_json:
        echo_json(rows)
    elif not rows:
        click.echo("no webhooks: add one with `tmgr webhook add URL --event EVENT`")
    for row in [] if as_json else rows:
        click.echo(f"{row['id']:>4}  {row['event']:<18} {visible(str(row['url']))}")


@webhook.command("remove")
@click.argument("webhook_id", type=int)
@pass_app
def webhook_remove(app: AppContext, webhook_id: int) -> None:
    """Stop sending to a webhook (its delivery log is kept)."""
    with app.transaction() as session:
        hook = webhooks.remove_webhook(session, webhook_id)
        url = hook.url
    click.echo(f"removed webhook {webhook_id} ({visible(url)})")


@webhook.command("log")
@click.option("--limit", default=50, show_default=True, help="How many deliveries to show.")
@click.option("--json", "as_json", is_flag=True, help="Print the deliveries as JSON.")
@pass_app
def webhook_log(app: AppContext, limit: int, as_json: bool) -> None:
    """The delivery log: each event, its attempts, status and last error."""
    with app.transaction() as session:
        rows: list[dict[str, Any]] = [{"id": d.id, "webhook": d.webhook_id, "url": d.webhook.url,
                 "event": d.event, "message_id": d.message_id, "attempts": d.attempts,
                 "status": d.last_status, "error": d.last_error,
                 "delivered_at": d.delivered_at.isoformat() if d.delivered_at else None,
                 "state": ("delivered" if d.delivered_at else
                           "failed" if d.next_attempt_at is None else "queued")}
                for d in webhooks.delivery_log(session, limit)]
    if as_json:
        echo_json(rows)
        return
    if not rows:
        click.echo("nothing sent yet")
    for row in rows:
        detail = f"HTTP {row['status']}" if row["status"] else ""
        if row["error"]:
            detail = row["error"]
        click.echo(f"{row['id']:>5}  {row['state']:<9} {row['event']:<18} "
                   f"{visible(row['url'])}  attempts {row['attempts']}  "
                   f"{visible(detail)}".rstrip())


@cli.group("notify")
def notify_group() -> None:
    """The notification outbox: run (send now), queue (what waits or failed)."""


@notify_group.command("run")
@pass_app
def notify_run(app: AppContext) -> None:
    """Queue due-soon reminders, then send every queued e-mail and webhook now.

    Run it from cron on a server that is not always serving (the web app does
    the same in the background).
    """
    with app.transaction() as session:
        reminders = notify.due_soon(session)
    report = outbox.deliver_pending(app.database, app.settings, force=True)
    for failure in report.failures:
        warn(visible(failure))
    click.echo(f"{reminders} reminder(s) queued, {report.sent} e-mail(s) sent, "
               f"{report.delivered} webhook(s) delivered, {len(report.failures)} failed")
    if not outbox.MailSettings.from_settings(app.settings).url:
        warn("e-mail is not configured (TMGR_SMTP_URL): queued mail waits")


@notify_group.command("queue")
@click.option("--json", "as_json", is_flag=True, help="Print the queue as JSON.")
@pass_app
def notify_queue(app: AppContext, as_json: bool) -> None:
    """E-mail and webhook deliveries not done yet, with their last error."""
    items = outbox.pending_items(app.database)
    if as_json:
        echo_json(items)
        return
    if not items["mail"] and not items["webhooks"]:
        click.echo("the outbox is empty")
    for mail in items["mail"]:
        click.echo(f"mail {mail['id']:>5}  to {visible(mail['to'])}  "
                   f"attempts {mail['attempts']}  {visible(mail['error'] or 'waiting')}")
    for hook in items["webhooks"]:
        state = "gave up" if hook["gave_up"] else "waiting"
        click.echo(f"webhook {hook['id']:>5}  {hook['event']}  attempts {hook['attempts']}  "
                   f"{state}: {visible(hook['error'] or '')}".rstrip())
