"""The ``tmgr`` command line: an explicit registry of commands, each loaded when it runs.

:data:`COMMANDS` names every top-level command, the module and attribute that
define it and its one-line summary (shown by ``tmgr --help`` without importing
the module). A command module is imported only when its command runs, so
``tmgr --help`` loads click and nothing of the application. ``tests/test_cli_registry.py``
checks the registry against the commands the modules define.
"""

from tmgr.cli.base import CommandEntry, cli

COMMANDS: tuple[CommandEntry, ...] = (
    CommandEntry("approve", "tmgr.cli.web", "approve",
        'Approve segments of DOCUMENT with the same rules as the web UI.'),
    CommandEntry("archive", "tmgr.cli.archive", "archive",
        'The published archive: import EN/BE/RU articles, align them, teach the memory.'),
    CommandEntry("assign", "tmgr.cli.desk", "assign",
        'Assign a translator and a reviewer to DOCUMENT in a language, with due dates.'),
    CommandEntry("backup", "tmgr.cli.db", "backup",
        'Write a consistent backup of the whole database to FILE (the server may keep running).'),
    CommandEntry("db", "tmgr.cli.db", "db_group",
        'The database: see where its schema stands, upgrade it, copy it, check its summaries.'),
    CommandEntry("doctor", "tmgr.cli.doctor", "doctor",
        "Check this installation: database, secret key, dictionaries, mail, LLM, webhooks."),
    CommandEntry("doc", "tmgr.cli.mt", "doc",
        "Change a document's settings."),
    CommandEntry("draft", "tmgr.cli.mt", "draft",
        'Draft translations: translation memory first, then the MT cache, then the engine.'),
    CommandEntry("engines", "tmgr.cli.mt", "engines",
        'List the MT engines, whether each is configured, and the language pairs it supports.'),
    CommandEntry("export", "tmgr.cli.exchange", "export_command",
        'Export documents: publishable texts (txt, md, html), PO, XLIFF and TMX files.'),
    CommandEntry("fix", "tmgr.cli.quality", "fix",
        "Apply the certain one-click fix of one QA finding; the text keeps its author."),
    CommandEntry("glossary", "tmgr.cli.quality", "glossary",
        'The term base: approved and forbidden renderings of English terms.'),
    CommandEntry("import", "tmgr.cli.exchange", "import_command",
        'Import PO or XLIFF catalogs (translations) and TMX files (into the memory).'),
    CommandEntry("ingest", "tmgr.cli.documents", "ingest",
        'Read English commentaries (.txt, .md, .html files or folders) into the database.'),
    CommandEntry("init", "tmgr.cli.documents", "init",
        "Create the database's tables, or bring them up to date (safe to run again)."),
    CommandEntry("notify", "tmgr.cli.desk", "notify_group",
        'The notification outbox: run (send now), queue (what waits or failed).'),
    CommandEntry("override", "tmgr.cli.quality", "override",
                 "Override one QA error (segment x language x check) with a reason, as in "
                 "the web."),
    CommandEntry("qa", "tmgr.cli.quality", "qa",
        "List the quality findings of a document's translations (overridden errors hidden)."),
    CommandEntry("report", "tmgr.cli.report", "report",
        'Reports over the database.'),
    CommandEntry("restore", "tmgr.cli.db", "restore",
        'Restore a backup made by `tmgr backup` into the configured, empty database.'),
    CommandEntry("segment", "tmgr.cli.documents", "segment",
        'Split English text into sentences, one per line (FILE or - for stdin).'),
    CommandEntry("serve", "tmgr.cli.web", "serve",
        'Run the review web UI with waitress (for a team server see docs/admin/deploy.md).'),
    CommandEntry("show", "tmgr.cli.documents", "show",
        'Show one document: metadata, blocks, segments and their translations.'),
    CommandEntry("status", "tmgr.cli.status", "status",
        'Progress per document and language: words per state, % approved, who, due.'),
    CommandEntry("strings", "tmgr.cli.strings", "strings_group",
        "The site's own words: section names, status lines, authors, labels, per language."),
    CommandEntry("sync", "tmgr.cli.exchange", "sync",
        'Import catalogs edited in locales/<lang>/<slug>.po, then write them all afresh.'),
    CommandEntry("tm", "tmgr.cli.exchange", "tm",
        'The translation memory: every approved pair, plus pairs imported from TMX.'),
    CommandEntry("user", "tmgr.cli.web", "user",
        'Manage accounts: add, list, unlock, demo.'),
    CommandEntry("words", "tmgr.cli.quality", "words",
        'The house word list: words the spelling dictionaries lack.'),
    CommandEntry("webhook", "tmgr.cli.desk", "webhook",
        'Webhooks for the publishing system: add, list, remove, log.'),
)

cli.registry = {entry.name: entry for entry in COMMANDS}


def main() -> None:
    """Entry point of the ``tmgr`` console script."""
    cli(prog_name="tmgr")


__all__ = ["COMMANDS", "cli", "main"]
