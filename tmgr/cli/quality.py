"""Commands for quality: qa, override, glossary, words."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from sqlalchemy.orm import Session

from tmgr.cli.base import AppContext, cli, echo_json, pass_app
from tmgr.cli.files import read_user_file, write_atomic
from tmgr.documents.ingest import get_document
from tmgr.errors import TmgrError
from tmgr.formats import glossary_format_for_file
from tmgr.formats.model import TermRecord
from tmgr.people.users import get_user
from tmgr.quality.checks import QAFinding, qa_document, unavailable_lexicons
from tmgr.quality.glossary import (
    FORMATS,
    STARTER_GLOSSARY,
    add_term,
    export_glossary,
    import_glossary,
    list_terms,
    qa_terms,
    record_of,
    remove_term,
)
from tmgr.quality.glossaryedit import history as glossary_changes
from tmgr.quality.glossaryedit import restore_latest, summary
from tmgr.quality.words import (
    CANDIDATE,
    add_word,
    decide_word,
    learn_all,
    list_words,
    remove_word,
    restore_word,
    word_history,
)
from tmgr.review.actions import apply_fix
from tmgr.review.actions import override as review_override
from tmgr.store.models import HouseWord, User


@cli.command()
@click.argument("document")
@click.option("--lang", help="Languages to check, e.g. be (default: all configured).")
@click.option("--json", "as_json", is_flag=True,
              help="Print a JSON list of {segment, source, lang, check, key, severity, "
                   "message, suggestions}.")
@pass_app
def qa(app: AppContext, document: str, lang: str | None, as_json: bool) -> None:
    """List the quality findings of a document's translations (overridden errors hidden)."""
    languages = app.languages(lang)
    with app.transaction() as session:
        findings = qa_document(session, get_document(session, document), languages,
                               suggest=True)
    for line in unavailable_lexicons(languages):  # each missing lexicon once; the rest ran
        click.echo(f"qa: {line}", err=True)
    if as_json:
        echo_json([finding.as_dict() for finding in findings])
        return
    _print_findings(findings)


def _print_findings(findings: list[QAFinding]) -> None:
    for f in findings:
        click.echo(f"{f.segment:>6} {f.lang} {f.severity:<7} {f.check:<16} {f.message}")
        click.echo(f"       {f.source}")
    errors = sum(1 for f in findings if f.severity == "error")
    click.echo(f"{errors} error(s), {len(findings) - errors} warning(s)")


@cli.command()
@click.argument("segment", type=int)
@click.argument("lang")
@click.argument("check")
@click.option("--reason", required=True, help="Why the finding does not apply.")
@click.option("--as", "--user", "user_name", required=True, metavar="USER",
              help="The reviewer who decides (a tmgr user who may approve in LANG).")
@pass_app
def override(app: AppContext, segment: int, lang: str, check: str, reason: str,
             user_name: str) -> None:
    """Override one QA error (segment x language x check) with a reason, as in the web.

    Only users who may approve in LANG (its reviewers, admins) may; the override
    holds for the current text and is kept in the history as
    "QA override (CHECK): REASON".
    """
    (lang,) = app.languages(lang)
    with app.transaction() as session:
        review_override(session, get_user(session, user_name), segment, lang, check=check,
                        reason=reason, expected_version=None)
    click.echo(f"overridden: {check} on segment {segment} ({lang}) by {user_name}")


@cli.command()
@click.argument("segment", type=int)
@click.argument("lang")
@click.argument("check")
@click.option("--as", "user_name", required=True, metavar="USER",
              help="The tmgr user the fix is recorded under.")
@pass_app
def fix(app: AppContext, segment: int, lang: str, check: str, user_name: str) -> None:
    """Apply the certain one-click fix of one QA finding; the text keeps its author.

    Fixes: Latin look-alikes in Cyrillic words, quotes, double spaces, and the
    other language's letters where the counterpart is certain.
    """
    (lang,) = app.languages(lang)
    with app.transaction() as session:
        outcome = apply_fix(session, get_user(session, user_name), segment, lang,
                            check=check, expected_version=None)
        text = outcome.translation.text
    click.echo(f"fixed: {check} on segment {segment} ({lang}): {text}")


@cli.group()
def glossary() -> None:
    """The term base: approved and forbidden renderings of English terms."""


def _pairs(values: tuple[str, ...], option: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for value in values:
        lang, sep, text = value.partition("=")
        if not sep or not lang.strip() or not text.strip():
            raise TmgrError(f"{option} takes LANG=TEXT, not {value!r}",
                            hint=f"e.g. {option} be=Лукашэнка")
        found.setdefault(lang.strip(), []).extend(p.strip() for p in text.split("|"))
    return found


@glossary.command("add")
@click.argument("term")
@click.option("-t", "--translation", multiple=True, metavar="LANG=TEXT",
              help="Approved rendering (repeat; first preferred; | separates several).")
@click.option("-f", "--forbidden", multiple=True, metavar="LANG=TEXT",
              help="A variant the publication never uses (repeatable).")
@click.option("--note", default="", help="A note for translators.")
@click.option("--do-not-translate", is_flag=True, help="The term stays as it is.")
@click.option("--replace", is_flag=True, help="Overwrite the term if it exists.")
@click.option("--as", "user_name", metavar="USER",
              help="The tmgr user the glossary history records for this change.")
@pass_app
def glossary_add(app: AppContext, term: str, translation: tuple[str, ...],
                 forbidden: tuple[str, ...], note: str, do_not_translate: bool,
                 replace: bool, user_name: str | None) -> None:
    """Add a term (or replace it with --replace); kept in the glossary history."""
    record = TermRecord(term=term.strip(), note=note, do_not_translate=do_not_translate,
                        translations=_pairs(translation, "--translation"),
                        forbidden=_pairs(forbidden, "--forbidden"))
    with app.transaction() as session:
        add_term(session, record, replace=replace, by=_user(session, user_name))
    click.echo(f"glossary: {'saved' if replace else 'added'} {term!r}")


def _user(session: Session, name: str | None) -> User | None:
    return get_user(session, name) if name else None


@glossary.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print the terms as JSON.")
@pass_app
def glossary_list(app: AppContext, as_json: bool) -> None:
    """List every term with its renderings."""
    with app.transaction() as session:
        records = [record_of(entry) for entry in list_terms(session)]
    if as_json:
        echo_json([record.__dict__ for record in records])
        return
    for record in records:
        renderings = "; ".join(f"{lang}: {' | '.join(texts)}"
                               for lang, texts in record.translations.items())
        flags = " [do not translate]" if record.do_not_translate else ""
        click.echo(f"{record.term}{flags}  {renderings}")
        for lang, texts in record.forbidden.items():
            click.echo(f"    never in {lang}: {', '.join(texts)}")


@glossary.command("remove")
@click.argument("term")
@click.option("--as", "user_name", metavar="USER",
              help="The tmgr user the glossary history records for this change.")
@pass_app
def glossary_remove(app: AppContext, term: str, user_name: str | None) -> None:
    """Remove a term; its last version stays in the history (see restore)."""
    with app.transaction() as session:
        remove_term(session, term, _user(session, user_name))
    click.echo(f"glossary: removed {term!r} (kept in the history: "
               f"tmgr glossary restore {term!r} brings it back)")


@glossary.command("restore")
@click.argument("term")
@click.option("--as", "user_name", metavar="USER",
              help="The tmgr user the glossary history records for this change.")
@pass_app
def glossary_restore(app: AppContext, term: str, user_name: str | None) -> None:
    """Bring a removed term back as it was when last removed."""
    with app.transaction() as session:
        entry = restore_latest(session, _user(session, user_name), term)
        restored = entry.term
    click.echo(f"glossary: restored {restored!r}")


@glossary.command("history")
@click.option("--limit", default=100, show_default=True, help="How many changes to show.")
@click.option("--json", "as_json", is_flag=True,
              help="Print the changes as JSON (term, action, user, at, before, after).")
@pass_app
def glossary_history(app: AppContext, limit: int, as_json: bool) -> None:
    """Every change of the glossary, newest first: who, when, before and after."""
    with app.transaction() as session:
        changes = [{"term": c.term, "action": c.action,
                    "user": c.user.name if c.user else None,
                    "at": c.created_at.isoformat(),
                    "before": json.loads(c.before) if c.before else None,
                    "after": json.loads(c.after) if c.after else None}
                   for c in glossary_changes(session, limit)]
    if as_json:
        echo_json(changes)
        return
    for change in changes:
        who = f" by {change['user']}" if change["user"] else ""
        kept = change["before"] if change["action"] == "removed" else change["after"]
        click.echo(f"{str(change['at'])[:16].replace('T', ' ')}  {change['action']:<8} "
                   f"{change['term']}{who}  {summary(json.dumps(kept)) if kept else ''}")


@glossary.command("import")
@click.argument("path", required=False)
@click.option("--format", "fmt", type=click.Choice(FORMATS),
              help="csv, tab (OmegaT) or tbx. Default: by extension.")
@click.option("--columns", metavar="NAMES",
              help="What the columns of a file without a header row hold, e.g. term,ru "
                   "(Weblate's CSV) or term,be,note (OmegaT); - skips a column.")
@click.option("--replace", is_flag=True, help="Overwrite terms that already exist.")
@click.option("--as", "user_name", metavar="USER",
              help="The tmgr user the glossary history records for this change.")
@pass_app
def glossary_import(app: AppContext, path: str | None, fmt: str | None,
                    columns: str | None, replace: bool, user_name: str | None) -> None:
    """Load terms from a CSV, tab-separated or TBX file (default: the starter glossary)."""
    source = Path(path) if path else STARTER_GLOSSARY
    chosen = glossary_format_for_file(str(source), fmt)
    data = read_user_file(source)
    names = [name for name in columns.split(",")] if columns else None
    with app.transaction() as session:
        result = import_glossary(session, data, chosen.name, app.settings.languages,
                                 replace=replace, name=str(source), columns=names,
                                 by=_user(session, user_name))
    click.echo(f"glossary: {result.added} added, {result.replaced} replaced "
               f"from {source.name}")
    for warning in result.warnings:
        click.echo(f"glossary: {warning}")


@glossary.command("export")
@click.argument("path")
@click.option("--format", "fmt", type=click.Choice(FORMATS), help="Default: by extension.")
@pass_app
def glossary_export(app: AppContext, path: str, fmt: str | None) -> None:
    """Write the glossary to a CSV or TBX file ('-' for standard output, with --format)."""
    chosen = glossary_format_for_file(path, fmt)
    with app.transaction() as session:
        data = export_glossary(session, chosen.name, app.settings.languages)
    if path == "-":
        sys.stdout.buffer.write(data) if hasattr(sys.stdout, "buffer") else click.echo(
            data.decode("utf-8"), nl=False)
        return
    write_atomic(Path(path), data)
    click.echo(f"glossary: exported to {path}")


@cli.group()
def words() -> None:
    """The house word list: words the spelling dictionaries lack."""


@words.command("add")
@click.argument("word", nargs=-1, required=True)
@click.option("--lang", required=True, help="The language of the words: be or ru.")
@click.option("--confirm-other-language", is_flag=True,
              help="Add it even though the other language's dictionaries know the word.")
@pass_app
def words_add(app: AppContext, word: tuple[str, ...], lang: str,
              confirm_other_language: bool) -> None:
    """Add words to the house list (the spelling check accepts them and their forms)."""
    (lang,) = app.languages(lang)
    with app.transaction() as session:
        for each in word:
            add_word(session, lang, each, languages=app.settings.languages,
                     confirm_other_language=confirm_other_language)
    click.echo(f"words: {len(word)} in the {lang} house list")


@words.command("list")
@click.option("--lang", help="Only this language.")
@click.option("--removed", is_flag=True,
              help="The removed words instead, with who removed them, when and why.")
@click.option("--json", "as_json", is_flag=True,
              help="Print a JSON list of {lang, word, origin, user, status} (with --removed: "
                   "{lang, word, removed_by, removed_at, reason}).")
@pass_app
def words_list(app: AppContext, lang: str | None, removed: bool, as_json: bool) -> None:
    """List the house words, with where each came from (editor or approved)."""
    chosen = app.languages(lang)[0] if lang else None
    with app.transaction() as session:
        entries = list_words(session, chosen, removed=removed)
        rows = [_removed_row(w) if removed else
                {"lang": w.lang, "word": w.word, "origin": w.origin,
                 "user": w.user.name if w.user else None, "status": w.status}
                for w in entries]
    if as_json:
        echo_json(rows)
        return
    for row in rows:
        if removed:
            when = (row["removed_at"] or "")[:16]
            click.echo(f"{row['lang']} {row['word']:<30} removed {when} by "
                       f"{row['removed_by'] or '-'}: {row['reason']}")
        else:
            click.echo(f"{row['lang']} {row['word']:<30} {row['origin']:<9} {row['status']}")
    click.echo(f"{len(rows)} {'removed ' if removed else ''}word(s)")


def _removed_row(entry: HouseWord) -> dict[str, str | None]:
    last = next((c for c in reversed(entry.changes) if c.action == "removed"), None)
    when = last.created_at if last else entry.removed_at
    return {"lang": entry.lang, "word": entry.word,
            "removed_by": last.user.name if last and last.user else None,
            "removed_at": when.isoformat() if when else "",
            "reason": last.reason if last else ""}


@words.command("remove")
@click.argument("word")
@click.option("--lang", required=True, help="The language of the word.")
@click.option("--reason", required=True, help="Why the word goes (kept in the history).")
@click.option("--as", "user_name", required=True, metavar="USER",
              help="The tmgr user who removes it.")
@pass_app
def words_remove(app: AppContext, word: str, lang: str, reason: str, user_name: str) -> None:
    """Remove a word from the house list (kept in the history; `restore` brings it back)."""
    (lang,) = app.languages(lang)
    with app.transaction() as session:
        remove_word(session, lang, word, user=get_user(session, user_name), reason=reason)
    click.echo(f"words: removed {word!r} ({lang}); `tmgr words restore` brings it back")


@words.command("restore")
@click.argument("word")
@click.option("--lang", required=True, help="The language of the word.")
@click.option("--reason", default="", help="Why it comes back (kept in the history).")
@click.option("--as", "user_name", required=True, metavar="USER",
              help="The tmgr user who restores it.")
@pass_app
def words_restore(app: AppContext, word: str, lang: str, reason: str, user_name: str) -> None:
    """Put a removed word back into the house list."""
    (lang,) = app.languages(lang)
    with app.transaction() as session:
        restore_word(session, lang, word, user=get_user(session, user_name), reason=reason)
    click.echo(f"words: restored {word!r} ({lang})")


@words.command("history")
@click.option("--lang", help="Only this language.")
@click.option("--json", "as_json", is_flag=True,
              help="Print a JSON list of {lang, word, action, user, at, reason}.")
@pass_app
def words_history(app: AppContext, lang: str | None, as_json: bool) -> None:
    """Every removal and restoration of house words: who, when, why (newest first)."""
    chosen = app.languages(lang)[0] if lang else None
    with app.transaction() as session:
        rows = [{"lang": c.word_entry.lang, "word": c.word_entry.word, "action": c.action,
                 "user": c.user.name if c.user else None, "at": c.created_at.isoformat(),
                 "reason": c.reason} for c in word_history(session, chosen)]
    if as_json:
        echo_json(rows)
        return
    for row in rows:
        click.echo(f"{(row['at'] or '')[:16]} {row['lang']} {row['word']:<24} {row['action']:<8} "
                   f"{row['user'] or '-'}: {row['reason']}")
    click.echo(f"{len(rows)} change(s)")


@words.command("learn")
@pass_app
def words_learn(app: AppContext) -> None:
    """Learn house words and names from every approved translation (safe to repeat)."""
    with app.transaction() as session:
        learned = learn_all(session, qa_terms(session))
    click.echo(f"words: learned {learned.words} word(s) and {learned.names} name(s) "
               "from approved translations (the words as candidates: `tmgr words candidates`)")


@words.command("candidates")
@click.option("--lang", help="Only this language.")
@click.option("--json", "as_json", is_flag=True,
              help="Print a JSON list of {lang, word, seen_in, approved_by}.")
@pass_app
def words_candidates(app: AppContext, lang: str | None, as_json: bool) -> None:
    """Words of approved translations waiting to be accepted or rejected."""
    chosen = app.languages(lang)[0] if lang else None
    with app.transaction() as session:
        rows = [{"lang": w.lang, "word": w.word, "seen_in": w.seen_in or "",
                 "approved_by": w.approved_by}
                for w in list_words(session, chosen, status=CANDIDATE)]
    if as_json:
        echo_json(rows)
        return
    for row in rows:
        click.echo(f"{row['lang']} {row['word']:<30} {row['seen_in']} "
                   f"(approved by {row['approved_by'] or '-'})")
    click.echo(f"{len(rows)} candidate word(s)")


@words.command("accept")
@click.argument("word", nargs=-1, required=True)
@click.option("--lang", required=True, help="The language of the words.")
@click.option("--as", "user_name", required=True, metavar="USER",
              help="The tmgr user (an editor or reviewer) who accepts them.")
@click.option("--confirm-other-language", is_flag=True,
              help="Accept it even though the other language's dictionaries know the word.")
@pass_app
def words_accept(app: AppContext, word: tuple[str, ...], lang: str, user_name: str,
                 confirm_other_language: bool) -> None:
    """Accept candidate words into the house list."""
    _decide(app, word, lang, user_name, "", accept=True, confirm=confirm_other_language)


@words.command("reject")
@click.argument("word", nargs=-1, required=True)
@click.option("--lang", required=True, help="The language of the words.")
@click.option("--as", "user_name", required=True, metavar="USER",
              help="The tmgr user (an editor or reviewer) who rejects them.")
@click.option("--reason", default="", help="Why (kept in the history).")
@pass_app
def words_reject(app: AppContext, word: tuple[str, ...], lang: str, user_name: str,
                 reason: str) -> None:
    """Reject candidate words (kept; learning does not propose them again)."""
    _decide(app, word, lang, user_name, reason, accept=False, confirm=False)


def _decide(app: AppContext, words_: tuple[str, ...], lang: str, user_name: str, reason: str,
            *, accept: bool, confirm: bool) -> None:
    (lang,) = app.languages(lang)
    with app.transaction() as session:
        user = get_user(session, user_name)
        for each in words_:
            decide_word(session, lang, each, accept=accept, user=user, reason=reason,
                        confirm_other_language=confirm)
    click.echo(f"words: {len(words_)} {'accepted' if accept else 'rejected'} ({lang})")
