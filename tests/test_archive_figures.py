"""Archived articles in the editors' figures: left out by default, counted as published
with ``--include-archive`` (``tmgr status``, ``tmgr report mt``), on SQLite and PostgreSQL."""

from __future__ import annotations

import json

from sqlalchemy import select

from tests.conftest import DATA, Tmgr
from tmgr.exchange.archivereview import parallel_rows
from tmgr.store.db import Database
from tmgr.store.models import ArchiveArticle, ArchiveLink

LABELLED = DATA / "archive" / "labelled"
NEGOTIATIONS = "2024-10-28-negotiations"


def _stored(database: Database) -> dict[str, tuple[int, int, str]]:
    with database.transaction(readonly=True) as session:
        return {slug: (segments, words, langs) for slug, segments, words, langs in
                session.execute(select(ArchiveArticle.slug, ArchiveArticle.segments,
                                       ArchiveArticle.words, ArchiveArticle.languages))}


def test_status_counts_the_archive_as_published_only_when_asked(
        tmgr: Tmgr, sample_doc: str, database: Database) -> None:
    tmgr("archive", "import", str(LABELLED))
    stored = _stored(database)
    plain = json.loads(tmgr("status", "--json").output)
    assert {row["document"] for row in plain} == {sample_doc}
    assert "archive" not in plain[0]

    rows = json.loads(tmgr("status", "--include-archive", "--json").output)
    work = [row for row in rows if not row["archive"]]
    archived = [row for row in rows if row["archive"]]
    assert {row["document"] for row in work} == {sample_doc}
    assert {(row["document"], row["lang"]) for row in archived} == {
        (slug, lang) for slug, (_s, _w, langs) in stored.items() for lang in langs.split(",")}
    for row in archived:
        segments, words, _langs = stored[row["document"]]
        assert (row["total_segments"], row["total_words"]) == (segments, words)
        assert row["words"]["approved"] == words and row["percent_approved"] == 100
        assert row["stage"] == "published" and not row["overdue"]
        assert row["translator"] is None and row["due"] is None

    table = tmgr("status", "--include-archive", "--lang", "be").output
    line = next(line for line in table.splitlines() if line.startswith(NEGOTIATIONS))
    assert "100%" in line and line.rstrip().endswith("archive")
    assert sample_doc in table

    one = json.loads(tmgr("status", NEGOTIATIONS, "--include-archive", "--json").output)
    assert {(row["document"], row["archive"]) for row in one} == {(NEGOTIATIONS, True)}
    refused = tmgr("status", NEGOTIATIONS, ok=False)
    assert refused.exit_code != 0 and "it is read-only" in refused.output


def test_the_mt_report_adds_the_archive_as_published_translations_when_asked(
        tmgr: Tmgr, sample_doc: str, database: Database) -> None:
    tmgr("archive", "import", str(LABELLED))
    stored = _stored(database)
    assert json.loads(tmgr("report", "mt", "--json").output) == []
    rows = json.loads(tmgr("report", "mt", "--include-archive", "--json").output)
    by_lang = {row["lang"]: row for row in rows if row["engine"] == "archive"}
    for lang in ("be", "ru"):
        mine = [(s, w) for s, w, langs in stored.values() if lang in langs.split(",")]
        assert (by_lang[lang]["segments"], by_lang[lang]["words"]) == (
            sum(s for s, _w in mine), sum(w for _s, w in mine))
        assert by_lang[lang]["edit_distance"] is None
    table = tmgr("report", "mt", "--include-archive", "--by", "document").output
    assert table.splitlines()[0].split()[:3] == ["engine", "lang", "document"]
    assert any(line.startswith("archive") for line in table.splitlines())


def test_importing_again_leaves_the_figures_as_they_were(
        tmgr: Tmgr, sample_doc: str, database: Database) -> None:
    tmgr("archive", "import", str(LABELLED))
    first = tmgr("status", "--include-archive", "--json").output
    stored = _stored(database)
    assert "3 unchanged" in tmgr("archive", "import", str(LABELLED)).output
    assert _stored(database) == stored
    assert tmgr("status", "--include-archive", "--json").output == first


def test_the_side_by_side_view_keeps_merges_splits_and_unpaired_sentences_in_place() -> None:
    english = ["One.", "Two.", "Three.", "Four."]

    def link(en: tuple[int, int], target: tuple[int, int], text: str,
             status: str = "auto") -> ArchiveLink:
        return ArchiveLink(lang="be", en_start=en[0], en_end=en[1], target_start=target[0],
                           target_end=target[1], source="", target=text, confidence=1.0,
                           status=status)

    rows = parallel_rows(english, {"be": [
        link((0, 2), (0, 1), "Адзін і два."),  # two English sentences, one Belarusian
        link((2, 3), (1, 3), "Тры. Яшчэ тры."),  # one English sentence, two Belarusian
        link((3, 3), (3, 4), "Дадатак.", "unpaired"),  # nothing opposite: stays after it
        link((3, 4), (4, 5), "Чатыры — не.", "dropped"),  # an editor said no
    ]})
    assert [(row.english, row.targets["be"]) for row in rows] == [
        ("One.", "Адзін і два."), ("Two.", ""), ("Three.", "Тры. Яшчэ тры. Дадатак."),
        ("Four.", "")]
