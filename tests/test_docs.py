"""The README is the user's first stop: every command and option must be in it."""

from __future__ import annotations

from collections.abc import Iterator

import click

from tests.conftest import ROOT
from tmgr.cli import cli

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands(group: click.Group, prefix: str = "tmgr") -> Iterator[tuple[str, click.Command]]:
    for name, command in sorted(group.commands.items()):
        path = f"{prefix} {name}"
        yield path, command
        if isinstance(command, click.Group):
            yield from _commands(command, path)


def test_every_command_is_in_the_readme() -> None:
    missing = [path for path, _ in _commands(cli) if path not in README]
    assert not missing, f"README.md does not mention: {missing}"


def test_every_option_is_in_the_readme() -> None:
    missing = []
    for path, command in _commands(cli):
        for param in command.params:
            if isinstance(param, click.Option) and not param.hidden:
                longest = max(param.opts, key=len)
                if longest not in ("--help",) and longest not in README:
                    missing.append(f"{path} {longest}")
    assert not missing, f"README.md does not document: {missing}"


def test_every_command_has_help_text() -> None:
    for path, command in _commands(cli):
        assert command.help and command.get_short_help_str(), f"{path} has no help"


def test_environment_variables_are_documented() -> None:
    import re

    package = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "tmgr").rglob("*.py"))
    names = set(re.findall(r"\bTMGR_[A-Z_]+[A-Z]\b", package))
    names -= {"TMGR_"}
    missing = sorted(n for n in names if n not in README)
    assert not missing, f"README.md does not document: {missing}"
