"""Full-text search on the documents page and in the API, in step with every change."""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy import text

from tests.conftest import DATA, SAMPLE, Tmgr
from tests.web.conftest import segment_ids
from tmgr.people.users import get_user
from tmgr.review import actions as review
from tmgr.store import search
from tmgr.store.db import Database

CROSSINGS = DATA / "sources" / "2024-10-14-crossings.txt"


def _found(web, query: str) -> list[str]:  # type: ignore[no-untyped-def]
    page = web.get(f"/api/documents?q={query}").get_json()
    return sorted(d["slug"] for d in page["documents"])


def _in_step(db: Database) -> None:
    with db.engine.connect() as connection:
        assert search.differences(connection) == []


def test_search_finds_titles_sources_and_translations_as_they_change(
        as_user, db: Database, tmgr: Tmgr, tmp_path: Path) -> None:
    tmgr("ingest", str(CROSSINGS))
    web = as_user("editor")
    sample, crossings = SAMPLE.stem, CROSSINGS.stem
    assert _found(web, "Istanbul") == [sample]  # a word of one English sentence
    assert _found(web, "istanb") == [sample]  # the start of a word, any case
    assert _found(web, "negotiations") == [sample]  # the title
    assert _found(web, "Istanbul+zebra") == []  # every word must appear
    first = segment_ids(db, sample)[0]
    with db.transaction() as session:
        review.save(session, get_user(session, "tr_be"), first, "be",
                    text="Перамовы ў Стамбуле.", expected_version=None)
    assert _found(web, "стамбуле") == [sample]
    assert _found(web, "Стамбуле") == [sample]
    with db.transaction() as session:
        review.save(session, get_user(session, "tr_be"), first, "be",
                    text="Перамовы ў Мінску.", expected_version=None)
    assert _found(web, "Стамбуле") == [] and _found(web, "Мінску") == [sample]
    html = web.get("/?q=Мінску").get_data(as_text=True)
    assert f'<tr data-slug="{sample}"' in html and f'<tr data-slug="{crossings}"' not in html
    assert 'type="search" name="q" value="Мінску"' in html
    _in_step(db)

    # a re-ingested source: the new sentence is found, the one it replaced is not
    changed = tmp_path / f"{sample}.txt"
    source = SAMPLE.read_text(encoding="utf-8")
    changed.write_text(source.replace("Istanbul", "Samarkand"), encoding="utf-8")
    tmgr("ingest", "--replace", str(changed))
    assert _found(web, "Samarkand") == [sample] and _found(web, "Istanbul") == []
    _in_step(db)

    # a backup restored over other work: the index follows the restored rows
    backup = tmp_path / "team.tmgr"
    tmgr("backup", str(backup))
    with db.transaction() as session:
        review.save(session, get_user(session, "tr_be"), first, "be",
                    text="Перамовы ў Гомелі.", expected_version=None)
    assert _found(web, "Гомелі") == [sample]
    tmgr("restore", str(backup), "--force")
    assert _found(web, "Гомелі") == [] and _found(web, "Мінску") == [sample]
    assert _found(web, "Samarkand") == [sample]
    _in_step(db)


def test_punctuation_is_no_syntax_error_and_slugs_still_match(as_user, tmgr: Tmgr,
                                                             tmp_path: Path) -> None:
    copy = tmp_path / "2023-05-01-copy.txt"
    shutil.copyfile(SAMPLE, copy)
    tmgr("ingest", str(copy))
    web = as_user("editor")
    for query in ("%22%2A%3A", "NEAR%28a+b%29", "a%22+OR+%22b", "%27%3B"):
        assert web.get(f"/api/documents?q={query}").status_code == 200, query
    assert _found(web, "2023-05-01") == ["2023-05-01-copy"]  # the slug still matches


def test_the_index_triggers_exist_at_the_head(db: Database) -> None:
    if db.engine.dialect.name != "sqlite":
        with db.engine.connect() as connection:
            names = {n for (n,) in connection.execute(text(
                "SELECT indexname FROM pg_indexes WHERE indexname LIKE 'ix_search_%'"))}
        assert names == {"ix_search_titles", "ix_search_sources", "ix_search_translations"}
        return
    with db.engine.connect() as connection:
        names = {n for (n,) in connection.execute(text(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'search%'"))}
    assert names == {f"search_{t}_{e}" for t in ("doc", "seg", "tr")
                     for e in ("insert", "update", "delete")}
