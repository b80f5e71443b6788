"""The docs (docs/, Sphinx) are the user's reference: every command, option and
environment variable must be in them, and they must build without a warning."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import click
import pytest

from tests.conftest import ROOT
from tmgr.cli import cli

DOCS = ROOT / "docs"
#: the command line at a glance: one row per command with its options
CLI_PAGE = (DOCS / "reference" / "cli.md").read_text(encoding="utf-8")
CONFIGURATION = (DOCS / "admin" / "configure.md").read_text(encoding="utf-8")
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


def _options(command: click.Command) -> Iterator[click.Option]:
    for param in command.params:
        if isinstance(param, click.Option) and not param.hidden:
            yield param


def _entry(path: str) -> str:
    """The lines of the CLI page that name the command ``path`` (its table row, examples).

    ``tmgr glossary add|list`` names both ``tmgr glossary add`` and ``tmgr glossary list``.
    """
    lines = []
    words = path.split()
    pattern = (r"\b" + r"\s+".join(re.escape(w) for w in words[:-1])
               + r"\s+(?:[\w-]+\\?\|)*" + re.escape(words[-1]) + r"(?![\w-])")
    for line in CLI_PAGE.splitlines():
        if re.search(pattern, line):
            lines.append(line)
    return "\n".join(lines)


def test_every_command_is_in_the_cli_page() -> None:
    missing = [path for path, _ in _commands(cli) if path not in CLI_PAGE]
    assert not missing, f"docs/reference/cli.md does not mention: {missing}"


def test_every_option_is_in_its_own_commands_entry() -> None:
    """Each option is named where its command is in the table at a glance, so a shared
    name such as ``--json`` documented for one command does not cover another."""
    missing = []
    for path, command in _commands(cli):
        entry = _entry(path)
        for param in _options(command):
            names = [opt for opt in (*param.opts, *param.secondary_opts)
                     if opt.startswith("--")]
            if not any(re.search(re.escape(name) + r"(?![\w-])", entry) for name in names):
                missing.append(f"{path} {max(param.opts, key=len)}")
    assert not missing, f"docs/reference/cli.md does not document, beside the command: {missing}"


def test_the_entry_check_tells_commands_apart() -> None:
    """The per-command check can fail: ``tmgr status`` has no ``--replace``."""
    assert "--replace" in _entry("tmgr ingest")
    assert not re.search(r"--replace(?![\w-])", _entry("tmgr status"))
    assert "tmgr glossary export" in _entry("tmgr glossary export")
    assert "glossary add\\|list" in _entry("tmgr glossary list")  # the summary table row


def test_every_command_has_help_text() -> None:
    for path, command in _commands(cli):
        assert command.help and command.get_short_help_str(), f"{path} has no help"


def test_every_option_has_help_text() -> None:
    """The generated reference prints each option's help: an empty one says nothing."""
    missing = [f"{path} {max(param.opts, key=len)}" for path, command in _commands(cli)
               for param in _options(command) if not (param.help or "").strip()]
    assert not missing, f"options without help text: {missing}"


def test_environment_variables_are_in_the_configuration_page() -> None:
    package = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "tmgr").rglob("*.py"))
    names = set(re.findall(r"\bTMGR_[A-Z_]+[A-Z]\b", package))
    names -= {"TMGR_"}
    assert {"TMGR_DATABASE_URL", "TMGR_SMTP_URL", "TMGR_DEEPL_API_KEY"} <= names
    missing = sorted(n for n in names if f"`{n}`" not in CONFIGURATION)
    assert not missing, f"docs/admin/configure.md does not document: {missing}"


def test_the_readme_links_into_the_docs() -> None:
    """The short README is a map: every page it points to exists."""
    targets = re.findall(r"\]\(((?:docs/)?[\w./-]+\.md)\)", README)
    assert any(t.startswith("docs/guide/") for t in targets)
    missing = [t for t in targets if not (ROOT / t).is_file()]
    assert not missing, f"README.md links to missing pages: {missing}"


def test_the_readme_stays_short() -> None:
    """What tmgr is, two commands, five lines of configuration, two maps: the rest
    belongs in docs/ (the README was 1,700 lines before the docs existed)."""
    assert len(README.splitlines()) <= 100
    assert "make run" in README and "make test" in README
    code_map = README.split("## The code on one screen", 1)[1].split("\n\n")[1]
    assert len(code_map.splitlines()) <= 30, "the code map no longer fits on one screen"


@pytest.fixture(scope="module")
def built_docs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The docs built as ``make docs`` builds them: any warning (a broken internal link
    or heading anchor, a command without help, a bad docstring) fails the build."""
    out = tmp_path_factory.mktemp("docs") / "html"
    done = subprocess.run([sys.executable, "-m", "sphinx", "-q", "-W", "--keep-going",
                           "-b", "html", str(DOCS), str(out)],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, f"sphinx-build failed:\n{done.stderr}"
    return out


def test_the_docs_build_without_warnings(built_docs: Path) -> None:
    for page in ("index", "guide/translator", "guide/reviewer", "guide/editor",
                 "guide/publisher", "admin/install", "admin/deploy", "admin/configure",
                 "admin/upgrade", "admin/backup", "admin/postgresql", "admin/team",
                 "reference/cli", "reference/api", "dev/map", "changelog"):
        assert (built_docs / f"{page}.html").is_file(), f"{page} was not built"


def test_the_generated_cli_reference_holds_every_command_and_option(built_docs: Path) -> None:
    text = re.sub(r"<[^>]+>", "", (built_docs / "reference" / "cli.html").read_text("utf-8"))
    text = text.replace("&#8211;", "--").replace("&#8212;", "--")
    missing = []
    for path, command in _commands(cli):
        if f"{path}¶" not in text and f"{path}\n" not in text:
            missing.append(path)
        for param in _options(command):
            if max(param.opts, key=len) not in text:
                missing.append(f"{path} {max(param.opts, key=len)}")
            if param.help and param.help.split()[0] not in text:
                missing.append(f"{path} {max(param.opts, key=len)} (help)")
    assert not missing, f"the generated CLI reference lacks: {missing}"


def test_the_api_reference_walks_the_package(built_docs: Path) -> None:
    """Modules are found, not listed: a module added anywhere under tmgr/ appears."""
    text = (built_docs / "reference" / "api.html").read_text("utf-8")
    modules = sorted(p.relative_to(ROOT).with_suffix("").as_posix().replace("/", ".")
                     for p in (ROOT / "tmgr").rglob("*.py")
                     if "migrations" not in p.parts and p.name not in {"__init__.py",
                                                                        "__main__.py"})
    assert len(modules) > 100
    missing = [m for m in modules if f'id="{m.replace(".", "-").replace("_", "-")}"' not in text
               and m not in text]
    assert not missing, f"the API reference lacks: {missing}"
