"""tmgr/ type-checks clean under the settings in pyproject.toml ([tool.mypy]).

Run as a test so that ``make test`` and CI fail on a type error the way they fail
on a broken behaviour.
"""

from __future__ import annotations

import subprocess
import sys

from mypy import api

from tests.conftest import ROOT


def test_mypy_finds_no_type_errors() -> None:
    stdout, stderr, status = api.run(["--config-file", str(ROOT / "pyproject.toml"),
                                      "--cache-dir", str(ROOT / ".mypy_cache"),
                                      str(ROOT / "tmgr")])
    assert status == 0, f"mypy found type errors:\n{stdout}{stderr}"


def test_ruff_finds_nothing() -> None:
    # --no-cache: a cache made before a module moved must not hide what a clone sees
    run = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache",
                          "tmgr", "tests", "bench"], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
