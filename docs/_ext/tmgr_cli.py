"""``.. tmgr-cli::`` writes the command-line reference from the click commands themselves.

It walks :data:`tmgr.cli.cli` the way ``tmgr`` loads its commands (the registry) and
renders every command and subcommand with its usage line, help text, arguments and
options (names, type or choices, default, help), so the reference cannot drift from
the code. The build fails (``-W``) when a command or an option has no help text.
"""

from __future__ import annotations

from collections.abc import Iterator

import click
from docutils import nodes
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import nested_parse_with_titles

from tmgr.cli import cli

logger = logging.getLogger(__name__)


def walk(group: click.Group, prefix: str = "tmgr") -> Iterator[tuple[str, click.Command]]:
    """Every command and subcommand, in ``tmgr --help`` order, with its full path."""
    context = click.Context(group, info_name=prefix)
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        if command is None or command.hidden:
            continue
        path = f"{prefix} {name}"
        yield path, command
        if isinstance(command, click.Group):
            yield from walk(command, path)


def _text(text: str) -> str:
    """Help text as plain text in reStructuredText (no markup starts by accident)."""
    for char in ("\\", "*", "`", "|", "_"):
        text = text.replace(char, "\\" + char)
    return text


def _literal(text: str) -> str:
    return "``" + text.replace("`", "'") + "``" if text else ""


def _option_line(param: click.Parameter, context: click.Context) -> list[str]:
    record = param.get_help_record(context) if isinstance(param, click.Option) else None
    names, help_text = (record if record else (", ".join(param.opts), ""))
    lines = [f"* {_literal(names)}"]
    if help_text:
        lines.append("  " + _text(help_text))
    return lines


def command_lines(path: str, command: click.Command) -> list[str]:
    """reStructuredText for one command: a section with usage, help and options."""
    context = click.Context(command, info_name=path)
    usage = " ".join(command.collect_usage_pieces(context))
    lines = [path, "-" * (len(path) + 4), "", ".. code-block:: text", "",
             f"   {path} {usage}".rstrip(), ""]
    for paragraph in (command.help or "").split("\b"):
        for line in click.unstyle(paragraph).splitlines():
            lines.append("| " + _text(line.strip()) if line.strip() else "")
        lines.append("")
    arguments = [p for p in command.params if isinstance(p, click.Argument)]
    if arguments:
        lines += ["**Arguments:** " + ", ".join(_literal(a.human_readable_name)
                                                 for a in arguments), ""]
    options = [p for p in command.params if isinstance(p, click.Option) and not p.hidden]
    if options:
        lines += ["**Options:**", ""]
        for option in options:
            lines += _option_line(option, context)
        lines.append("")
    if isinstance(command, click.Group):
        names = command.list_commands(context)
        lines += ["**Commands:** " + ", ".join(_literal(f"{path} {n}") for n in names), ""]
    return lines


class TmgrCliDirective(SphinxDirective):
    """Insert the whole CLI reference (one section per command)."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        source: list[str] = []
        for path, command in walk(cli):
            if not (command.help or "").strip():
                logger.warning("%s has no help text", path, location=self.get_location())
            for param in command.params:
                if isinstance(param, click.Option) and not param.hidden and not param.help:
                    logger.warning("%s %s has no help text", path, param.opts[0],
                                   location=self.get_location())
            source += command_lines(path, command)
        container = nodes.section()
        container.document = self.state.document
        nested_parse_with_titles(self.state, StringList(source, "tmgr-cli"), container)
        return list(container.children)


def setup(app: Sphinx) -> dict[str, object]:
    app.add_directive("tmgr-cli", TmgrCliDirective)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
