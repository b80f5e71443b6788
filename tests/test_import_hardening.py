"""`tmgr import` with the editor's rights and limits (issue 14), and a fixed file
imported again (issue 11): through the CLI on both databases."""

from __future__ import annotations

import json
import re
from pathlib import Path

from sqlalchemy import func, select

from tests.conftest import Tmgr
from tests.exchange import SLUG, add_user
from tests.test_import import _export, _segment, _set_msgstr, _snapshot
from tmgr.documents.ingest import get_document
from tmgr.review.translations import change_translation
from tmgr.store.db import Database
from tmgr.store.models import State, TMUnit

LEAD = "The Lukashenka’s regime"
SECOND = "At the same time"


def _po(tmgr: Tmgr, tmp_path: Path, lang: str = "be") -> Path:
    _export(tmgr, tmp_path, "po", "--lang", lang)
    return tmp_path / lang / f"{SLUG}.po"


def test_a_publisher_or_an_editor_cannot_import_text(tmgr: Tmgr, sample_doc: str,
                                                      database: Database,
                                                      tmp_path: Path) -> None:
    add_user(database, "pat", role="publisher", languages="")
    add_user(database, "ed", role="editor", languages="")
    po = _po(tmgr, tmp_path)
    _set_msgstr(po, LEAD, "Тэкст выдаўца.")
    before = _snapshot(database)
    for name, role in (("pat", "publisher"), ("ed", "editor")):
        result = tmgr("import", str(po), "--as", name, ok=False)
        assert result.exit_code == 1
        assert f"{name} ({role}) may not edit 'be'" in result.stderr
    assert _snapshot(database) == before


def test_a_reviewer_cannot_approve_their_own_text_by_import(tmgr: Tmgr, sample_doc: str,
                                                           database: Database,
                                                           tmp_path: Path) -> None:
    add_user(database, "rita", role="reviewer", languages="be")
    _export(tmgr, tmp_path, "xliff", "--lang", "be")
    xlf = tmp_path / "be" / f"{SLUG}.xlf"
    units = xlf.read_text(encoding="utf-8").split("</trans-unit>")
    units[1] = re.sub(r"(<source>.*?</source>)", r'\1<target state="final">Мой тэкст.</target>',
                      units[1], count=1, flags=re.S)
    xlf.write_text("</trans-unit>".join(units), encoding="utf-8")
    result = tmgr("import", str(xlf), "--as", "rita", "--json")
    report = json.loads(result.stdout)[0]
    assert report["updated"] == 1 and report["downgraded"] == 1
    segment = _segment(database, 1, "be")
    assert segment["text"] == "Мой тэкст." and segment["state"] == "translated"


def test_fixing_a_file_and_importing_it_again_is_not_a_conflict(tmgr: Tmgr, sample_doc: str,
                                                               database: Database,
                                                               tmp_path: Path) -> None:
    add_user(database, "anna", languages="be")
    po = _po(tmgr, tmp_path)
    _set_msgstr(po, LEAD, "Рэжым з памылкай.")
    _set_msgstr(po, SECOND, "Другі сказ.")
    assert "2 updated" in tmgr("import", str(po), "--as", "anna").stdout
    _set_msgstr(po, LEAD, "Рэжым без памылкі.")  # the same file, fixed
    result = tmgr("import", str(po), "--as", "anna")
    assert "1 updated" in result.stdout and "0 conflicts" in result.stdout
    assert _segment(database, 1, "be")["text"] == "Рэжым без памылкі."
    # someone else's import of the same export is still a conflict
    add_user(database, "bob", languages="be")
    _set_msgstr(po, LEAD, "Версія Боба.")
    result = tmgr("import", str(po), "--as", "bob", ok=False)
    assert result.exit_code == 1 and "1 conflicts" in result.stdout
    assert "--resolve" in result.stderr
    assert _segment(database, 1, "be")["text"] == "Рэжым без памылкі."


def test_resolve_mine_takes_the_file_and_theirs_keeps_tmgr(tmgr: Tmgr, sample_doc: str,
                                                          database: Database,
                                                          tmp_path: Path) -> None:
    add_user(database, "anna", languages="ru")
    po = _po(tmgr, tmp_path, "ru")
    with database.transaction() as session:
        segments = get_document(session, SLUG).segments
        for index in (1, 2):
            change_translation(session, segments[index].translation("ru"),
                               text=f"Версия редактора {index}.", state=State.TRANSLATED,
                               origin="human")
    _set_msgstr(po, LEAD, "Версия переводчика.")
    theirs = tmgr("import", str(po), "--as", "anna", "--resolve", "theirs")
    assert "1 conflicts resolved" in theirs.stdout
    assert _segment(database, 1, "ru")["text"] == "Версия редактора 1."
    mine = tmgr("import", str(po), "--as", "anna", "--resolve", "mine")
    assert "1 updated" in mine.stdout
    assert _segment(database, 1, "ru")["text"] == "Версия переводчика."
    assert _segment(database, 1, "ru")["updated_by"] == "anna"
    assert _segment(database, 2, "ru")["text"] == "Версия редактора 2."  # not in the file
    bad = tmgr("import", str(po), "--as", "anna", "--resolve", "both", ok=False)
    assert bad.exit_code == 2


def test_control_characters_huge_texts_and_the_wrong_language_refuse_the_file(
        tmgr: Tmgr, sample_doc: str, database: Database, tmp_path: Path) -> None:
    add_user(database, "anna", languages="be,ru")
    before = _snapshot(database)
    po = _po(tmgr, tmp_path)
    original = po.read_text(encoding="utf-8")
    _set_msgstr(po, LEAD, "Нуль\a тут")  # a raw BEL, as a broken tool writes it
    result = tmgr("import", str(po), "--as", "anna", ok=False)
    assert "U+0007 (a control character)" in result.stderr and f"{po}:" in result.stderr
    po.write_text(original, encoding="utf-8")
    _set_msgstr(po, LEAD, "ы" * 5_000_000)
    result = tmgr("import", str(po), "--as", "anna", ok=False)
    assert "5,000,000 characters long" in result.stderr
    ru = _po(tmgr, tmp_path / "ru-export", "ru")  # a ru catalog filled with Belarusian
    header, _, body = ru.read_text(encoding="utf-8").partition("\n\n")
    body = re.sub(r'msgstr "[^\n]*"', 'msgstr "Гэта напісана па-беларуску і ўсё."', body)
    ru.write_text(header + "\n\n" + body, encoding="utf-8")
    result = tmgr("import", str(ru), "--as", "anna", ok=False)
    assert "says its language is 'ru'" in result.stderr and "і, ў" in result.stderr
    assert _snapshot(database) == before


def test_tmx_with_control_characters_is_refused_and_big_ones_go_in_batches(
        tmgr: Tmgr, sample_doc: str, database: Database, tmp_path: Path) -> None:
    add_user(database, "anna", languages="be")
    units = "".join(
        f'<tu><tuv xml:lang="en"><seg>Sentence number {n}.</seg></tuv>'
        f'<tuv xml:lang="be"><seg>Сказ нумар {n}.</seg></tuv></tu>' for n in range(4500))
    tmx = tmp_path / "big.tmx"
    tmx.write_text('<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header '
                   'creationtool="t" creationtoolversion="1" segtype="sentence" '
                   'o-tmf="t" adminlang="en" srclang="en" datatype="plaintext"/>'
                   f"<body>{units}</body></tmx>", encoding="utf-8")
    result = tmgr("import", str(tmx), "--as", "anna", "--json")
    assert json.loads(result.stdout)[0]["added"] == 4500
    again = tmgr("import", str(tmx), "--as", "anna", "--json")  # idempotent, as a re-run is
    assert json.loads(again.stdout)[0]["added"] == 0
    with database.transaction() as session:
        assert session.scalar(select(func.count()).select_from(TMUnit)) == 4500
    bad = tmp_path / "bad.tmx"
    bad.write_text(tmx.read_text(encoding="utf-8").replace("Сказ нумар 7.", "Сказ&#x1;"),
                   encoding="utf-8")
    result = tmgr("import", str(bad), "--as", "anna", ok=False)
    assert result.exit_code == 1
