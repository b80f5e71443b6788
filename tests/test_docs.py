"""The README is the user's first stop: every command and option must be in it."""

from __future__ import annotations

import re
from collections.abc import Iterator

import click

from tests.conftest import ROOT
from tmgr.cli import cli

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands(group: click.Group, prefix: str = "tmgr") -> Iterator[tuple[str, click.Command]]:
    """Every command and subcommand, loaded the way ``tmgr`` loads them (the registry)."""
    context = click.Context(group)
    for name in group.list_commands(context):
        command = group.get_command(context, name)
        assert command is not None, f"{prefix} {name} is listed but cannot be loaded"
        path = f"{prefix} {name}"
        yield path, command
        if isinstance(command, click.Group):
            yield from _commands(command, path)


def _entry(path: str) -> str:
    """The README lines that name the command ``path`` (its table row, examples, prose).

    ``tmgr glossary add|list`` names both ``tmgr glossary add`` and ``tmgr glossary list``.
    """
    lines = []
    words = path.split()
    pattern = (r"\b" + r"\s+".join(re.escape(w) for w in words[:-1])
               + r"\s+(?:[\w-]+\\?\|)*" + re.escape(words[-1]) + r"(?![\w-])")
    for line in README.splitlines():
        if re.search(pattern, line):
            lines.append(line)
    return "\n".join(lines)


def test_every_command_is_in_the_readme() -> None:
    missing = [path for path, _ in _commands(cli) if path not in README]
    assert not missing, f"README.md does not mention: {missing}"


def test_every_option_is_in_its_own_commands_readme_entry() -> None:
    """Each option is named where its command is, so a shared name such as ``--json``
    documented for one command does not cover another."""
    missing = []
    for path, command in _commands(cli):
        entry = _entry(path)
        for param in command.params:
            if isinstance(param, click.Option) and not param.hidden:
                names = [opt for opt in (*param.opts, *param.secondary_opts)
                         if opt.startswith("--")]
                if not any(re.search(re.escape(name) + r"(?![\w-])", entry) for name in names):
                    missing.append(f"{path} {max(param.opts, key=len)}")
    assert not missing, f"README.md does not document, beside the command: {missing}"


def test_the_entry_check_tells_commands_apart() -> None:
    """The per-command check can fail: ``tmgr status`` has no ``--replace``."""
    assert "--replace" in _entry("tmgr ingest")
    assert not re.search(r"--replace(?![\w-])", _entry("tmgr status"))
    assert "tmgr glossary export" in _entry("tmgr glossary export")
    assert "glossary add\\|list" in _entry("tmgr glossary list")  # the summary table row


def test_every_command_has_help_text() -> None:
    for path, command in _commands(cli):
        assert command.help and command.get_short_help_str(), f"{path} has no help"


def test_environment_variables_are_documented() -> None:
    package = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "tmgr").rglob("*.py"))
    names = set(re.findall(r"\bTMGR_[A-Z_]+[A-Z]\b", package))
    names -= {"TMGR_"}
    missing = sorted(n for n in names if n not in README)
    assert not missing, f"README.md does not document: {missing}"
