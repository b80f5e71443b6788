"""An older tmgr, installed in a virtualenv of its own, for benchmarks that compare with it.

``baseline_python("eef31a7")`` unpacks that commit's tree from this repository's
history and installs it (with the dependencies *it* declares, e.g. 0.1.0's
``defusedxml``) into a virtualenv kept under ``~/.cache/tmgr/bench/`` (or
``$XDG_CACHE_HOME``), built once per commit and Python version and reused after.
pip takes what it needs from the configured index and its own cache, so the build
works offline once the packages were fetched. Running a baseline with this project's
interpreter and ``PYTHONPATH`` instead fails as soon as the old code imports a
library this version no longer depends on.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def cache_root() -> Path:
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "tmgr" / "bench"


def unpack(commit: str, folder: Path, *paths: str) -> Path:
    """Write the tree of ``commit`` (or only ``paths`` of it) into ``folder``."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", commit, *paths],
                             check=True, capture_output=True).stdout
    folder.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    return folder


def baseline_python(commit: str) -> Path:
    """The interpreter of a virtualenv holding tmgr at ``commit``, installed; built once."""
    version = f"py{sys.version_info.major}.{sys.version_info.minor}"
    venv = cache_root() / f"{commit}-{version}"
    python = venv / "bin" / "python"
    if (venv / ".installed").exists() and python.exists():
        return python
    shutil.rmtree(venv, ignore_errors=True)
    print(f"building the baseline tmgr {commit} in {venv} (once)", file=sys.stderr)
    with tempfile.TemporaryDirectory() as folder:
        tree = unpack(commit, Path(folder) / "tree")
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        done = subprocess.run(
            [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
             "--prefer-binary", str(tree)],
            capture_output=True, text=True)
    if done.returncode != 0:
        shutil.rmtree(venv, ignore_errors=True)
        tail = "\n".join(done.stderr.strip().splitlines()[-5:])
        sys.exit(f"could not install the baseline tmgr {commit} into its virtualenv "
                 f"(pip needs its packages from the configured index or its cache):\n{tail}")
    (venv / ".installed").touch()
    return python
