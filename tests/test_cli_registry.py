"""The CLI's explicit registry: every command listed, each loaded only when it runs."""

from __future__ import annotations

import importlib
import json
import pkgutil
import subprocess
import sys

import click
from click.testing import CliRunner

import tmgr.cli
from tests.conftest import DOMAIN_PACKAGES
from tmgr.cli import COMMANDS, cli

HEAVY = ("sqlalchemy", "flask", "alembic", "babel", "deep_translator", "bs4", "lxml",
         "rapidfuzz", "polib", "tmgr.store.models", *DOMAIN_PACKAGES, "tmgr.web")


def _defined_commands() -> dict[str, tuple[str, click.Command]]:
    """What the command modules define on the group (imported here, all of them)."""
    for info in pkgutil.iter_modules(tmgr.cli.__path__, "tmgr.cli."):
        importlib.import_module(info.name)
    return {name: (command.callback.__module__, command)  # type: ignore[union-attr]
            for name, command in cli.commands.items()}


def test_the_registry_names_every_command_where_it_is_defined() -> None:
    defined = _defined_commands()
    assert sorted(entry.name for entry in COMMANDS) == sorted(defined)
    for entry in COMMANDS:
        module, command = defined[entry.name]
        assert entry.module == module, entry.name
        assert getattr(importlib.import_module(entry.module), entry.attribute) is command
        summary = (command.help or "").split("\n\n")[0].replace("\n", " ").strip()
        assert entry.summary == summary, f"tmgr {entry.name}: the registry's summary is stale"


def test_help_lists_every_command_with_its_summary() -> None:
    result = CliRunner().invoke(cli, ["--help"], terminal_width=200)
    assert result.exit_code == 0
    for entry in COMMANDS:
        line = next((line for line in result.output.splitlines()
                     if line.split()[:1] == [entry.name]), None)
        assert line is not None, f"tmgr --help does not list {entry.name}"
        assert entry.summary.rstrip(".")[:40] in line


def test_help_loads_no_part_of_the_application() -> None:
    code = ("import sys, json\nfrom tmgr.cli import main\nsys.argv = ['tmgr', '--help']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "sys.stdout = sys.__stderr__\nprint(json.dumps(sorted(sys.modules)), file=sys.stderr)")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    loaded = json.loads(run.stderr.strip().splitlines()[-1])
    assert "Commands:" in run.stdout
    heavy = sorted(m for m in loaded if any(m == h or m.startswith(h + ".") for h in HEAVY))
    assert not heavy, f"tmgr --help imports {heavy}"
