"""The release as a newsroom gets it: `python -m build`, `pip install` into a fresh
virtualenv outside the checkout, then init, ingest, a user, `tmgr serve`, sign-in,
the editor, a save and an export over HTTP, with every page's templates, static
files and UI translations coming from the installed package.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLE
from tests.installed import (
    PASSWORD,
    Browser,
    Installed,
    built,
    install,
    shared_wheel_install,
)
from tmgr import __version__

pytestmark = pytest.mark.package

SLUG = SAMPLE.stem


def _walk(tmgr: Installed) -> dict[str, float]:
    """init, ingest, user add, serve, sign in, editor, save, export; the figures."""
    shutil.copy(SAMPLE, tmgr.home / SAMPLE.name)
    (tmgr.home / "password.txt").write_text(PASSWORD + "\n")
    started = time.monotonic()
    assert "database ready" in tmgr.run("init").stdout
    tmgr.run("ingest", SAMPLE.name)
    tmgr.run("user", "add", "anna", "--role", "admin", "--lang", "be,ru",
             "--password-file", "password.txt")
    with tmgr.serve() as url:
        serving = time.monotonic() - started
        browser = Browser(url)
        assert browser.login("anna").status_code == 302
        index = browser.http.get(url, timeout=30)
        assert index.status_code == 200 and SLUG in index.text
        editor = browser.http.get(url + f"doc/{SLUG}/be", timeout=30)
        assert editor.status_code == 200 and "editor.js" in editor.text
        assert browser.http.get(url + "static/editor.js", timeout=30).status_code == 200
        saved = "Лукашэнка зноў гаворыць пра перамовы."
        browser.save(SLUG, "be", saved)
        exported = browser.export(SLUG, "be", "txt")
        assert exported.status_code == 200, exported.text[:500]
        assert saved in exported.content.decode("utf-8")
        # the compiled UI catalogs came along: the sign-in page in Belarusian
        page = Browser(url).http.get(url + "login", headers={"Accept-Language": "be"},
                                     timeout=30)
        assert "Увайсці" in page.text, page.text[:800]
    return {"install": tmgr.seconds_to_install, "serving": serving}


@pytest.mark.parametrize("kind", ["wheel", "sdist"])
def test_the_installed_release_serves_every_page_and_exports(kind: str,
                                                             tmp_path: Path) -> None:
    dist = built()[kind]
    tmgr = install(dist, tmp_path)
    where = tmgr.python("import tmgr, tmgr.assets as a; print(tmgr.__file__, a.web_root())")
    assert all(Path(p).is_relative_to(tmgr.venv) for p in where.split()), where
    assert not any(Path(p).is_relative_to(ROOT) for p in where.split()), where
    version = tmgr.run("--version").stdout
    assert version.startswith(f"tmgr {__version__} (database schema revision ")
    figures = _walk(tmgr)
    print(f"\n{kind}: {dist.name} {dist.stat().st_size / 1024:.0f} KiB; pip install "
          f"{figures['install']:.1f} s, then init to a serving UI {figures['serving']:.1f} s "
          f"({figures['install'] + figures['serving']:.1f} s from pip install to serving)")


def test_the_wheel_carries_what_tmgr_needs_at_run_time() -> None:
    import zipfile

    names = set(zipfile.ZipFile(built()["wheel"]).namelist())
    for needed in ("tmgr/web_assets/templates/error.html", "tmgr/web_assets/static/tmgr.css",
                   "tmgr/web_assets/translations/be/LC_MESSAGES/messages.mo",
                   "tmgr/web_assets/translations/ru/LC_MESSAGES/messages.mo",
                   "tmgr/data/glossary.csv", "tmgr/store/migrations/env.py",
                   "tmgr/store/migrations/script.py.mako",
                   "tmgr/store/migrations/versions/0001_baseline.py"):
        assert needed in names, needed
    shipped = {p.name for p in (ROOT / "tmgr" / "store" / "migrations" / "versions").glob("*.py")}
    assert shipped <= {Path(n).name for n in names if "/versions/" in n}


def _files(root: Path) -> dict[str, tuple[int, int]]:
    return {str(p.relative_to(root)): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in root.rglob("*") if not p.is_symlink()}


def _set_writable(root: Path, writable: bool) -> None:
    for path in [root, *root.rglob("*")]:
        if path.is_symlink():
            continue
        mode = path.stat().st_mode
        path.chmod(mode | 0o200 if writable else mode & ~0o222)


@pytest.mark.skipif(os.geteuid() != 0 or shutil.which("runuser") is None,
                    reason="running as another user needs root and runuser")
def test_a_non_root_user_runs_a_read_only_install_writing_only_its_instance() -> None:
    installed = shared_wheel_install()
    folder = Path(tempfile.mkdtemp(prefix="tmgr-nobody-"))
    folder.chmod(0o755)
    shutil.copy(SAMPLE, folder / SAMPLE.name)
    (folder / "password.txt").write_text(PASSWORD + "\n")
    home = folder / "newsroom"
    home.mkdir()
    shutil.chown(home, "nobody")
    nobody = ["runuser", "-u", "nobody", "--"]
    tmgr = Installed(venv=installed.venv, home=home, env={
        **installed.env, "TMGR_INSTANCE": str(home / "instance"),
        "TMGR_LEXICON_CACHE": str(home / "instance" / "cache" / "lexicon")})
    before = _files(installed.venv)
    _set_writable(installed.venv, False)
    try:
        tmgr.run("init", user=nobody)
        tmgr.run("ingest", str(folder / SAMPLE.name), user=nobody)
        tmgr.run("user", "add", "anna", "--role", "admin", "--lang", "be",
                 "--password-file", str(folder / "password.txt"), user=nobody)
        doctor = tmgr.run("doctor", "--prepare", check=False, user=nobody)
        assert "ok instance folder" in doctor.stdout and "ok lexicon cache" in doctor.stdout
        with tmgr.serve(user=nobody) as url:
            browser = Browser(url)
            assert browser.login("anna").status_code == 302
            browser.save(SLUG, "be", "Тэкст, захаваны карыстальнікам nobody.")
            assert browser.export(SLUG, "be", "txt").status_code == 200
        outside = subprocess.run(["find", str(folder), "-not", "-user", "nobody",
                                  "-newer", str(folder / "password.txt"),
                                  "-not", "-name", "serve-*.log"],  # the test's own log
                                 capture_output=True, text=True, check=True).stdout.split()
        assert outside == [], outside  # all it wrote is nobody's, under the instance
        # an instance folder nobody may write: one clear line, no traceback
        locked = Installed(venv=installed.venv, home=home, env={
            **installed.env, "TMGR_INSTANCE": str(folder / "locked")})
        (folder / "locked").mkdir()
        refused = locked.run("init", check=False, user=nobody)
        assert refused.returncode == 1 and "Traceback" not in refused.stderr
        assert len(refused.stderr.strip().splitlines()) == 1, refused.stderr
        doctor = locked.run("doctor", check=False, user=nobody)
        assert doctor.returncode == 1 and "!! instance folder" in doctor.stdout
    finally:
        _set_writable(installed.venv, True)
        shutil.rmtree(folder, ignore_errors=True)
    assert _files(installed.venv) == before  # nothing was written into the code folder
