"""``tmgr archive import`` with bad input: a message per file, the batch goes on, nothing half-kept.

What tests/test_archive.py does not cover yet: old encodings as the site saved them,
binary files, a translation of another article without a week to tell, names too
long for the database, the progress bar of a large folder, and an import resumed
after it stopped part-way.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from sqlalchemy import func, select

from tests.conftest import DATA, Tmgr
from tmgr.store.db import Database
from tmgr.store.models import ArchiveArticle, ArchiveLink, TMUnit

LABELLED = DATA / "archive" / "labelled"
GOOD = "2024-10-28-negotiations"
OTHER = "2023-03-06-prices"


def _text(slug: str, lang: str) -> str:
    return next(LABELLED.glob(f"{slug}.{lang}.*")).read_text("utf-8")


def _copy(slug: str, folder: Path, as_slug: str | None = None) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for path in LABELLED.glob(f"{slug}.*"):
        shutil.copy(path, folder / path.name.replace(slug, as_slug or slug, 1))


def _kept(database: Database, slugs: list[str]) -> tuple[int, int, int]:
    with database.transaction(readonly=True) as session:
        articles = session.scalar(select(func.count()).select_from(ArchiveArticle)
                                  .where(ArchiveArticle.slug.in_(slugs)))
        links = session.scalar(select(func.count()).select_from(ArchiveLink)
                               .join(ArchiveArticle).where(ArchiveArticle.slug.in_(slugs)))
        units = session.scalar(select(func.count()).select_from(TMUnit)
                               .where(TMUnit.document.in_(slugs)))
    return articles or 0, links or 0, units or 0


def _without_week(text: str) -> str:
    """The page without its week line (the line holding the year)."""
    return "\n".join(line for line in text.splitlines()
                     if not any(year in line for year in ("2021", "2023", "2024")))


def test_old_encodings_are_read_and_broken_files_are_refused_one_by_one(
        tmgr: Tmgr, database: Database, tmp_path: Path) -> None:
    folder = tmp_path / "archive"
    _copy(GOOD, folder)
    (folder / "windows.en.txt").write_text(_text(GOOD, "en"), "utf-8")
    (folder / "windows.be.txt").write_text(_text(GOOD, "be"), "utf-8")
    (folder / "windows.ru.txt").write_bytes(_text(GOOD, "ru").encode("cp1251"))
    (folder / "utf16.en.txt").write_text(_text(GOOD, "en"), "utf-16")
    (folder / "utf16.be.txt").write_text(_text(GOOD, "be"), "utf-8")
    (folder / "binary.en.txt").write_text(_text(GOOD, "en"), "utf-8")
    (folder / "binary.be.txt").write_bytes(bytes(range(256)) * 40)
    (folder / "mixed.en.txt").write_text(_without_week(_text(GOOD, "en")), "utf-8")
    (folder / "mixed.ru.txt").write_text(_without_week(_text(OTHER, "ru")), "utf-8")
    long_slug = "x" * 201
    _copy(GOOD, folder, as_slug=long_slug)

    result = tmgr("archive", "import", str(folder), "--json", ok=False)
    assert result.exit_code == 1
    status = {a["slug"]: a for a in json.loads(result.output)["articles"]}
    assert status[GOOD]["status"] == "imported"
    assert status["windows"]["status"] == "imported"
    assert "cp1251" in " ".join(status["windows"]["warnings"])
    assert status["utf16"]["status"] == "imported"
    assert status["binary"]["status"] == "refused"
    assert "binary" in status["binary"]["message"]
    assert status["mixed"]["status"] == "refused"
    assert "mixed" in status["mixed"]["message"] and "ru" in status["mixed"]["message"]
    assert status["mixed"]["message"].count("check that") == 1  # what to do, said once
    assert status[long_slug]["status"] == "refused"
    assert "at most 200" in status[long_slug]["message"]
    assert _kept(database, ["binary", "mixed", long_slug]) == (0, 0, 0)
    with database.transaction(readonly=True) as session:
        russian = {slug: session.scalar(select(func.count()).select_from(TMUnit).where(
            TMUnit.document == slug, TMUnit.lang == "ru")) for slug in (GOOD, "windows")}
    assert russian["windows"] == russian[GOOD] > 0  # read as it was meant

    text = tmgr("archive", "import", str(folder), ok=False).output
    assert "Traceback" not in text
    refused = [line for line in text.splitlines() if line.startswith("error: ")]
    assert len(refused) == 3  # one line per refused article, nothing for the others


def test_a_large_folder_shows_progress_and_an_interrupted_import_resumes(
        tmgr: Tmgr, database: Database, tmp_path: Path) -> None:
    folder = tmp_path / "archive"
    _copy(GOOD, folder)
    first = tmgr("archive", "import", str(folder), "--json")  # stopped after one article
    assert [a["status"] for a in json.loads(first.output)["articles"]] == ["imported"]
    stored = _kept(database, [GOOD])

    _copy(OTHER, folder)
    for n in range(120):  # more articles than one batch: a progress bar
        (folder / f"stray-{n:03d}.en.txt").write_text("", "utf-8")
    resumed = tmgr("archive", "import", str(folder), ok=False)
    assert "aligning" in resumed.output
    assert "imported 1 articles (1 unchanged, 120 refused" in resumed.output
    assert _kept(database, [GOOD]) == stored
    assert _kept(database, [OTHER])[0] == 1

    again = tmgr("archive", "import", str(folder), "--json", ok=False)
    statuses = {a["slug"]: a["status"] for a in json.loads(again.output)["articles"]}
    assert statuses[GOOD] == statuses[OTHER] == "unchanged"
    assert _kept(database, [GOOD, OTHER]) == tuple(
        a + b for a, b in zip(stored, _kept(database, [OTHER]), strict=True))


def test_an_archived_article_is_read_only_everywhere_with_a_clear_refusal(
        tmgr: Tmgr, database: Database, tmp_path: Path) -> None:
    folder = tmp_path / "archive"
    _copy(GOOD, folder)
    tmgr("archive", "import", str(folder))
    stored = _kept(database, [GOOD])
    draft = ("draft", GOOD, "--lang", "be", "--engine", "apertium", "--pivot", "ru")
    for command in (draft, ("export", GOOD), ("show", GOOD)):
        result = tmgr(*command, ok=False)
        assert result.exit_code != 0
        assert f"'{GOOD}' is a published article from the archive: it is read-only" \
            in result.output
        assert "Traceback" not in result.output
    assert _kept(database, [GOOD]) == stored
    status = tmgr("status").output
    assert GOOD not in status  # the editors' figures leave the archive out
