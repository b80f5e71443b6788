"""``tmgr strings``: the site's own words (sections, status lines, authors, labels)."""

from __future__ import annotations

from pathlib import Path

import click

from tmgr.cli.base import AppContext, cli, echo_json, pass_app
from tmgr.cli.files import read_user_file, write_atomic
from tmgr.exchange import sitexchange
from tmgr.people.users import get_user
from tmgr.review import sitestrings as site
from tmgr.review.actions import ReviewPolicy
from tmgr.states import State
from tmgr.store.models import SITE_STRING_KINDS

_STATES = [state.value for state in State]


@cli.group("strings")
def strings_group() -> None:
    """The site's own words: section names, status lines, authors, labels, per language."""


@strings_group.command("list")
@click.option("--lang", help="Languages to show, e.g. be (default: all configured).")
@click.option("--kind", type=click.Choice(SITE_STRING_KINDS), help="Only this kind.")
@click.option("--pending", is_flag=True, help="Only strings not approved in a language.")
@click.option("--removed", is_flag=True, help="Show removed strings too.")
@click.option("--json", "as_json", is_flag=True,
              help="Print a JSON list of {kind, key, source, removed, translations: "
                   "{lang: {text, state}}}.")
@pass_app
def strings_list(app: AppContext, lang: str | None, kind: str | None, pending: bool,
                 removed: bool, as_json: bool) -> None:
    """List the site strings and their translations."""
    languages = app.languages(lang)
    with app.transaction() as session:
        rows = []
        for string in site.all_strings(session, removed=removed):
            found = {code: site.existing_translation(string, code) for code in languages}
            states = {code: (row.text, row.state.value) if row else ("", "untranslated")
                      for code, row in found.items()}
            if kind and string.kind != kind or pending and all(
                    state == "approved" for _, state in states.values()):
                continue
            rows.append({"kind": string.kind, "key": string.key, "source": string.source,
                         "removed": string.removed_at is not None,
                         "translations": {code: {"text": text, "state": state}
                                          for code, (text, state) in states.items()}})
    if as_json:
        echo_json(rows)
        return
    for row in rows:
        gone = " (removed)" if row["removed"] else ""
        click.echo(f"{row['kind']}: {row['key']}{gone}")
        translations: dict[str, dict[str, str]] = row["translations"]  # type: ignore[assignment]
        for code, value in translations.items():
            click.echo(f"  {code} [{value['state']}] {value['text']}")


@strings_group.command("set")
@click.argument("kind", type=click.Choice(SITE_STRING_KINDS))
@click.argument("english")
@click.argument("text", required=False)
@click.option("--lang", required=True, help="The language, e.g. be.")
@click.option("--as", "--user", "user_name", required=True, metavar="USER",
              help="Who translates or reviews (a user name).")
@click.option("--state", type=click.Choice(_STATES), default=None,
              help="The new state (default: translated when TEXT is given).")
@click.option("--approve", is_flag=True, help="Approve the translation (a reviewer; "
                                               "someone other than its translator).")
@click.option("--remove", is_flag=True, help="Remove the string (refused while a "
                                              "document uses it; kept in history).")
@pass_app
def strings_set(app: AppContext, kind: str, english: str, text: str | None, lang: str,
                user_name: str, state: str | None, approve: bool, remove: bool) -> None:
    """Translate, approve or remove the site string KIND ENGLISH, e.g.
    `tmgr strings set section Energy Энергетыка --lang be --as ala`."""
    [code] = app.languages(lang)[:1]
    policy = ReviewPolicy.from_settings(app.settings)
    with app.transaction() as session:
        user = get_user(session, user_name)
        if remove:
            site.remove_string(session, site.get_string(session, kind, english), user)
            click.echo(f"removed the {site.KIND_NAMES[kind]} {english!r}")
            return
        string = site.ensure_string(session, kind, english, app.settings.languages, user)
        wanted = State.APPROVED if approve else State(state) if state else State.TRANSLATED
        changed = site.change_string(session, string, code, text=text, state=wanted, user=user,
                                     four_eyes=policy.four_eyes)
    click.echo(f"{site.KIND_NAMES[kind]} {english!r} ({code}): "
               + (wanted.value if changed else "unchanged"))


@strings_group.command("export")
@click.option("--lang", required=True, help="The language, e.g. be.")
@click.option("--out", "-o", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The PO or XLIFF file to write (its suffix picks the format).")
@pass_app
def strings_export(app: AppContext, lang: str, out: Path) -> None:
    """Write every site string in one language to a PO or XLIFF file for a CAT tool."""
    [code] = app.languages(lang)[:1]
    with app.transaction() as session:
        data = sitexchange.export_strings(session, code, out.name)
    write_atomic(out, data)
    click.echo(f"wrote {out}")


@strings_group.command("import")
@click.argument("file", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--as", "--user", "user_name", required=True, metavar="USER",
              help="Who translated the file (a user name).")
@pass_app
def strings_import(app: AppContext, file: Path, user_name: str) -> None:
    """Take back site strings translated in a PO or XLIFF file, with the editor's rules."""
    data = read_user_file(file)
    policy = ReviewPolicy.from_settings(app.settings)
    with app.transaction() as session:
        report = sitexchange.import_strings(session, file.name, data,
                                            get_user(session, user_name),
                                            four_eyes=policy.four_eyes)
    for reason in report.refused:
        click.echo(f"refused: {reason}", err=True)
    click.echo(f"{file.name}: {report.updated} updated, {report.unchanged} unchanged"
               + (f", {len(report.refused)} refused" if report.refused else ""))
