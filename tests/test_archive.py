"""``tmgr archive import``: published EN/BE/RU articles aligned into the memory."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.archive_corpus import ARTICLES, render
from tests.conftest import DATA, Tmgr
from tmgr.archive.files import find_articles, read_article
from tmgr.archive.witness import Witness, align_article
from tmgr.readers.published import read_published
from tmgr.segment_slavic import split_sentences_for
from tmgr.store.db import Database
from tmgr.store.models import ArchiveArticle, ArchiveLink, TMUnit

LABELLED = DATA / "archive" / "labelled"


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("У 2020 г. А. Р. Лукашэнка заявіў пра гэта. Гэта, т. е. галоўнае, важна.", "be",
     ["У 2020 г. А. Р. Лукашэнка заявіў пра гэта.", "Гэта, т. е. галоўнае, важна."]),
    ("Зарплата составила 5 тыс. руб. в месяц. Потом всё изменилось.", "ru",
     ["Зарплата составила 5 тыс. руб. в месяц.", "Потом всё изменилось."]),
    ("Было 3 млн. человек. Это много.", "ru", ["Было 3 млн. человек.", "Это много."]),
    ("Ён сказаў: «Мы не пойдзем. Ніколі». Потым пайшоў.", "be",
     ["Ён сказаў: «Мы не пойдзем. Ніколі».", "Потым пайшоў."]),
    ("Он сказал: „Мы пойдём. Да“. Затем ушёл.", "ru",
     ["Он сказал: „Мы пойдём. Да“.", "Затем ушёл."]),
    ("Мітрапаліт св. Веніямін прыехаў. Гэта факт.", "be",
     ["Мітрапаліт св. Веніямін прыехаў.", "Гэта факт."]),
])
def test_belarusian_and_russian_sentences_end_where_a_reader_expects(
        text: str, lang: str, expected: list[str]) -> None:
    assert split_sentences_for(text, lang) == expected


def test_a_published_belarusian_page_has_its_header_taken_apart() -> None:
    text = (LABELLED / "2024-10-28-negotiations.be.txt").read_text("utf-8")
    page = read_published(text, "x.be.txt", "be")
    assert page.title == "Лукашэнка заклікае да перамоваў з Украінай"
    assert page.section == "Адносіны Беларусі і Захаду"
    assert page.status_line == "Сітуацыя не змянілася"
    assert page.week is not None and page.week.start is not None
    assert (page.week.start.isoformat(), page.week.end and page.week.end.isoformat()) == (
        "2024-10-28", "2024-11-03")
    assert page.captions == ["фота: elements.envato.com"]
    assert page.blocks[0].text.startswith("Рэжым у Мінску")


def test_a_russian_html_page_is_read_without_its_site_furniture() -> None:
    text = (LABELLED / "2023-03-06-prices.ru.html").read_text("utf-8")
    page = read_published(text, "x.ru.html", "ru")
    assert page.title == "Правительство снова замораживает цены"
    assert page.week is not None and page.week.text == "6—12 марта 2023 г."
    assert page.section == "Экономика" and page.status_line == "Ситуация ухудшилась"
    assert not any("Подписывайтесь" in block.text for block in page.blocks)


def test_the_labelled_set_aligns_with_the_precision_and_recall_asked_for() -> None:
    gold = json.loads((DATA / "archive" / "labelled.json").read_text("utf-8"))
    witness = Witness()
    found = correct = wanted = 0
    for files in find_articles([LABELLED], []):
        links = align_article(read_article(files), witness)
        for lang, truth in gold[files.slug].items():
            right = {(tuple(a), tuple(b)) for a, b in truth}
            pairs = {(link.en, link.target) for link in links[lang] if link.en and link.target}
            found, correct, wanted = found + len(pairs), correct + len(pairs & right), \
                wanted + len(right)
    assert correct / found >= 0.98 and correct / wanted >= 0.95


def test_the_labelled_set_on_disk_is_what_the_corpus_renders(tmp_path: Path) -> None:
    gold = render(ARTICLES, tmp_path)
    for path in tmp_path.iterdir():
        assert path.read_text("utf-8") == (LABELLED / path.name).read_text("utf-8")
    assert gold == json.loads((DATA / "archive" / "labelled.json").read_text("utf-8"))


def _counts(database: Database) -> tuple[int, int, int]:
    with database.transaction(readonly=True) as session:
        return (session.scalar(select(func.count()).select_from(ArchiveArticle)) or 0,
                session.scalar(select(func.count()).select_from(ArchiveLink)) or 0,
                session.scalar(select(func.count()).select_from(TMUnit)) or 0)


def test_import_fills_the_memory_with_origins_and_a_second_import_changes_nothing(
        tmgr: Tmgr, database: Database, tmp_path: Path) -> None:
    dry = tmgr("archive", "import", str(LABELLED), "--dry-run")
    assert "would import 3 articles" in dry.output and _counts(database) == (0, 0, 0)

    result = tmgr("archive", "import", str(LABELLED))
    assert "imported 3 articles" in result.output
    stored = _counts(database)
    assert stored[0] == 3 and stored[2] > 50
    with database.transaction(readonly=True) as session:
        unit = session.scalars(select(TMUnit).where(
            TMUnit.source == "Kyiv, for its part, sees Belarus as a co-aggressor.",
            TMUnit.lang == "be")).one()
    assert unit.target == "Кіеў, са свайго боку, лічыць Беларусь суагрэсарам."
    assert (unit.origin, unit.document) == ("archive:2024-10-28", "2024-10-28-negotiations")

    again = tmgr("archive", "import", str(LABELLED), "--json")
    report = json.loads(again.output)
    assert {a["status"] for a in report["articles"]} == {"unchanged"}
    assert _counts(database) == stored

    exported = tmp_path / "memory.tmx"
    tmgr("tm", "export", str(exported))
    assert "Кіеў, са свайго боку, лічыць Беларусь суагрэсарам." in exported.read_text("utf-8")


def _copy(slug: str, folder: Path, langs: tuple[str, ...] = ("en", "be", "ru")) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for path in LABELLED.glob(f"{slug}.*"):
        if path.name.split(".")[1] in langs:
            shutil.copy(path, folder / path.name)


def test_bad_files_get_one_line_each_and_never_stop_the_batch(
        tmgr: Tmgr, database: Database, tmp_path: Path) -> None:
    folder = tmp_path / "archive"
    _copy("2024-10-28-negotiations", folder)  # good
    _copy("2023-03-06-prices", folder, ("en", "ru"))  # two languages only: imported
    _copy("2021-08-16-repressions", folder, ("en", "ru"))
    shutil.copy(LABELLED / "2024-10-28-negotiations.be.txt",  # the BE of another week
                folder / "2021-08-16-repressions.be.txt")
    short = (LABELLED / "2024-10-28-negotiations.ru.txt").read_text("utf-8")
    (folder / "short.en.txt").write_text(
        (LABELLED / "2024-10-28-negotiations.en.txt").read_text("utf-8"), "utf-8")
    (folder / "short.ru.txt").write_text(short[:short.index("Одновременно")], "utf-8")
    (folder / "latin.en.txt").write_bytes(b"caf\xe9 " * 20)
    (folder / "latin.be.txt").write_bytes(b"caf\xe9 " * 20)
    (folder / "huge.en.html").write_bytes(b"<p>" + b"x" * (20 * 1024 * 1024) + b"</p>")
    (folder / "huge.be.html").write_text("<p>Тэкст.</p>", "utf-8")
    (folder / "notes.docx").write_bytes(b"PK\x03\x04")

    result = tmgr("archive", "import", str(folder), "--json", ok=False)
    assert result.exit_code == 1
    report = json.loads(result.output)
    status = {a["slug"]: a for a in report["articles"]}
    assert status["2024-10-28-negotiations"]["status"] == "imported"
    assert status["2023-03-06-prices"]["status"] == "imported"
    assert "no be file" in " ".join(status["2023-03-06-prices"]["warnings"])
    assert "week" in status["2021-08-16-repressions"]["message"]
    assert "much shorter" in status["short"]["message"]
    assert "UTF-8" in status["latin"]["message"]
    assert "too large" in status["huge"]["message"]
    assert [p["path"] for p in report["problems"]] == [str(folder / "notes.docx")]
    with database.transaction(readonly=True) as session:
        slugs = set(session.scalars(select(ArchiveArticle.slug)))
        kept = session.scalar(select(func.count()).select_from(TMUnit).where(
            TMUnit.document.in_(["2021-08-16-repressions", "short", "latin", "huge"])))
    assert slugs == {"2024-10-28-negotiations", "2023-03-06-prices"} and kept == 0

    text = tmgr("archive", "import", str(folder), ok=False)
    assert "error: short: the ru text is much shorter than the English" in text.output
    assert "Traceback" not in text.output


def test_a_folder_of_ten_thousand_files_is_read_file_by_file(
        tmgr: Tmgr, database: Database, tmp_path: Path) -> None:
    folder = tmp_path / "big"
    _copy("2024-10-28-negotiations", folder)
    for n in range(9_997):
        (folder / f"stray-{n:05d}.en.txt").write_text("", "utf-8")
    result = tmgr("archive", "import", str(folder), "--json", ok=False)
    report = json.loads(result.output)
    assert len(report["articles"]) == 9_998
    refused = [a for a in report["articles"] if a["status"] == "refused"]
    assert len(refused) == 9_997 and "needs the English and at least one of be/ru" in \
        refused[0]["message"]
    assert _counts(database)[0] == 1


def test_the_archive_teaches_names_and_suggests_words_and_terms_for_a_person(
        tmgr: Tmgr, database: Database, tmp_path: Path) -> None:
    from tests.archive_corpus import varied
    from tmgr.store.models import ArchiveCandidate, HouseWord, LearnedName

    folder = tmp_path / "archive"
    render(varied(12, seed=4), folder)
    tmgr("archive", "import", str(folder))
    with database.transaction(readonly=True) as session:
        forms = {(n.lang, n.rendering) for n in session.scalars(
            select(LearnedName).where(LearnedName.name == "Lukashenka"))}
        words = {c.term: c.id for c in session.scalars(select(ArchiveCandidate).where(
            ArchiveCandidate.kind == "house-word", ArchiveCandidate.lang == "be"))}
        house = set(session.scalars(select(HouseWord.word)))
    assert {("be", "Лукашэнка"), ("ru", "Лукашенко")} <= forms
    assert words and not house, "candidates wait for a person"

    listed = json.loads(tmgr("archive", "candidates", "--kind", "house-word", "--json").output)
    assert {row["term"] for row in listed} >= set(words)
    word = next(iter(words))
    tmgr("archive", "accept", str(words[word]))
    with database.transaction(readonly=True) as session:
        assert set(session.scalars(select(HouseWord.word))) == {word}
    again = tmgr("archive", "accept", str(words[word]), ok=False)
    assert "already accepted" in again.output

    glossary = json.loads(tmgr("archive", "candidates", "--kind", "glossary", "--json").output)
    if glossary:
        tmgr("archive", "reject", str(glossary[0]["id"]))
        rejected = json.loads(tmgr("archive", "candidates", "--status", "rejected",
                                   "--json").output)
        assert [row["id"] for row in rejected] == [glossary[0]["id"]]
