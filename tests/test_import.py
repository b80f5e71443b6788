"""Import of PO, XLIFF and TMX files, and sync of locales/, through the CLI on both databases."""

from __future__ import annotations

import json
import re
from pathlib import Path

from sqlalchemy import func, select

from tests.conftest import Tmgr
from tests.exchange import BILLION_LAUGHS, SLUG, XXE, add_user, approve_sample
from tmgr.documents.ingest import document_dict, get_document, load_document
from tmgr.review.translations import change_translation
from tmgr.store.db import Database
from tmgr.store.models import Revision, State, TMUnit, Translation
from tmgr.tm.memory import exact_matches


def _snapshot(database: Database) -> dict:
    with database.transaction() as session:
        data = document_dict(load_document(session, SLUG), ["be", "ru"])
        revisions = session.scalar(select(func.count()).select_from(Revision))
    return {"document": data, "revisions": revisions}


def _segment(database: Database, index: int, lang: str) -> dict:
    return _snapshot(database)["document"]["blocks"][0 if index == 0 else 1]["segments"][
        0 if index == 0 else index - 1]["translations"][lang]


def _export(tmgr: Tmgr, out: Path, fmt: str, *extra: str) -> None:
    tmgr("export", SLUG, "--format", fmt, "--out", str(out), *extra)


def _entry(text: str, source_start: str) -> re.Match[str]:
    match = re.search(r'(#, fuzzy\n)?(?:#\|.*\n)*msgctxt "[^"]+"\nmsgid "'
                      + re.escape(source_start) + r'[^\n]*\nmsgstr "([^"]*)"', text)
    assert match, source_start
    return match


def _set_msgstr(path: Path, source_start: str, new: str, fuzzy: bool = False) -> None:
    text = path.read_text(encoding="utf-8")
    match = _entry(text, source_start)
    entry = match.group(0).replace("#, fuzzy\n", "")
    entry = entry[:entry.rindex('msgstr "')] + f'msgstr "{new}"'
    path.write_text(text.replace(match.group(0), ("#, fuzzy\n" if fuzzy else "") + entry),
                    encoding="utf-8")


def test_unchanged_po_and_xliff_round_trip_leaves_the_data_identical(
        tmgr: Tmgr, sample_doc: str, database: Database, tmp_path: Path) -> None:
    add_user(database, "anna")
    approve_sample(database, langs=("be",))
    with database.transaction() as session:  # a mix of states, comments, a changed source
        segments = get_document(session, SLUG).segments
        change_translation(session, segments[1].translation("ru"), text="Черновик.",
                           state=State.DRAFT, origin="mt:google")
        change_translation(session, segments[2].translation("ru"), text="Почти.",
                           state=State.NEEDS_EDITING, origin="human")
        segments[3].previous_source = "An older English sentence."
    before = _snapshot(database)
    _export(tmgr, tmp_path, "po,xliff,xliff2")
    files = [str(p) for ext in ("po", "xlf", "xliff") for p in sorted(tmp_path.rglob(f"*.{ext}"))]
    result = tmgr("import", *files, "--as", "anna")
    assert len(files) == 6 and result.stdout.count("0 updated, 30 unchanged, 0 conflicts") == 6
    assert _snapshot(database) == before


def test_po_edits_come_back_as_translated_or_needs_editing(tmgr: Tmgr, sample_doc: str,
                                                           database: Database,
                                                           tmp_path: Path) -> None:
    add_user(database, "anna", languages="be")
    _export(tmgr, tmp_path, "po", "--lang", "be")
    po = tmp_path / "be" / f"{SLUG}.po"
    _set_msgstr(po, "The Lukashenka’s regime", "Рэжым Лукашэнкі зноў сігналізуе.")
    _set_msgstr(po, "At the same time", "Адначасова дыктатар.", fuzzy=True)
    result = tmgr("import", str(po), "--as", "anna")
    assert "2 updated" in result.stdout
    lead = _snapshot(database)["document"]["blocks"][1]["segments"]
    assert lead[0]["translations"]["be"]["text"] == "Рэжым Лукашэнкі зноў сігналізуе."
    assert lead[0]["translations"]["be"]["state"] == "translated"
    assert lead[0]["translations"]["be"]["updated_by"] == "anna"
    assert lead[1]["translations"]["be"]["state"] == "needs_editing"
    with database.transaction() as session:
        revision = session.scalars(select(Revision).order_by(Revision.id.desc())).first()
        assert revision.user.name == "anna" and "imported from" in revision.note
    # the same file again changes nothing: it is now what tmgr has
    assert "0 updated" in tmgr("import", str(po), "--as", "anna").stdout


def test_a_segment_changed_in_tmgr_since_the_export_is_not_overwritten(
        tmgr: Tmgr, sample_doc: str, database: Database, tmp_path: Path) -> None:
    add_user(database, "anna")
    _export(tmgr, tmp_path, "po", "--lang", "ru")
    po = tmp_path / "ru" / f"{SLUG}.po"
    with database.transaction() as session:
        segment = get_document(session, SLUG).segments[1]
        change_translation(session, segment.translation("ru"), text="Версия редактора.",
                           state=State.APPROVED, origin="human")
    _set_msgstr(po, "The Lukashenka’s regime", "Версия переводчика.")
    _set_msgstr(po, "At the same time", "Без конфликта.")
    result = tmgr("import", str(po), "--as", "anna", ok=False)
    assert result.exit_code == 1
    assert "1 updated" in result.stdout and "1 conflicts" in result.stdout
    assert "changed in tmgr since the export" in result.stderr
    assert "in tmgr: Версия редактора." in result.stderr
    assert "in file: Версия переводчика." in result.stderr
    lead = _snapshot(database)["document"]["blocks"][1]["segments"]
    assert lead[0]["translations"]["ru"]["text"] == "Версия редактора."
    assert lead[0]["translations"]["ru"]["state"] == "approved"
    assert lead[1]["translations"]["ru"]["text"] == "Без конфликта."


def test_without_version_notes_the_export_time_still_guards(tmgr: Tmgr, sample_doc: str,
                                                            database: Database,
                                                            tmp_path: Path) -> None:
    add_user(database, "anna")
    with database.transaction() as session:  # something in the catalog has a date
        segment = get_document(session, SLUG).segments[5]
        change_translation(session, segment.translation("ru"), text="Старое.",
                           state=State.TRANSLATED, origin="human")
    _export(tmgr, tmp_path, "po", "--lang", "ru")
    po = tmp_path / "ru" / f"{SLUG}.po"
    po.write_text(re.sub(r"#\. tmgr: .*\n", "", po.read_text(encoding="utf-8")),
                  encoding="utf-8")  # a tool that drops extracted comments
    with database.transaction() as session:
        segment = get_document(session, SLUG).segments[1]
        change_translation(session, segment.translation("ru"), text="Новое в tmgr.",
                           state=State.TRANSLATED, origin="human")
    _set_msgstr(po, "The Lukashenka’s regime", "Из файла.")
    result = tmgr("import", str(po), "--as", "anna", ok=False)
    assert "changed in tmgr since the file was exported" in result.stderr
    assert _segment(database, 1, "ru")["text"] == "Новое в tmgr."


def test_malformed_po_is_refused_whole_with_file_and_line(tmgr: Tmgr, sample_doc: str,
                                                          database: Database,
                                                          tmp_path: Path) -> None:
    add_user(database, "anna")
    _export(tmgr, tmp_path, "po", "--lang", "be")
    po = tmp_path / "be" / f"{SLUG}.po"
    _set_msgstr(po, "The Lukashenka’s regime", "Добры пераклад.")
    text = po.read_text(encoding="utf-8")
    match = _entry(text, "At the same time")
    broken = text.replace(match.group(0), match.group(0)[:-1].replace('msgstr "', 'msgstr "x'))
    po.write_text(broken, encoding="utf-8")  # an unterminated string: polib would accept it
    line = broken[:broken.index('msgstr "x')].count("\n") + 1
    before = _snapshot(database)
    result = tmgr("import", str(po), "--as", "anna", ok=False)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"{po}:{line}:" in result.stderr and "not a valid PO file" in result.stderr
    assert _snapshot(database) == before, "nothing from a malformed file is imported"


def test_import_needs_a_known_user(tmgr: Tmgr, sample_doc: str, tmp_path: Path) -> None:
    _export(tmgr, tmp_path, "po", "--lang", "be")
    result = tmgr("import", str(tmp_path / "be" / f"{SLUG}.po"), "--as", "ghost", ok=False)
    assert result.exit_code == 1 and "no tmgr user 'ghost'" in result.stderr
    assert "tmgr user add" in result.stderr
    assert tmgr("import", str(tmp_path / "x.po"), ok=False).exit_code == 2


def test_xliff_states_map_both_ways_and_approval_needs_a_reviewer(
        tmgr: Tmgr, sample_doc: str, database: Database, tmp_path: Path) -> None:
    add_user(database, "anna", role="translator")
    add_user(database, "boris", role="reviewer", languages="be")
    _export(tmgr, tmp_path, "xliff", "--lang", "be")
    xlf = tmp_path / "be" / f"{SLUG}.xlf"
    original = xlf.read_text(encoding="utf-8")

    def finalise(text: str, index: int, translation: str) -> str:
        units = text.split("</trans-unit>")
        units[index] = re.sub(r"(<source>.*?</source>)",
                              rf'\1<target state="final">{translation}</target>',
                              units[index], count=1, flags=re.S)
        return "</trans-unit>".join(units)

    xlf.write_text(finalise(original, 1, "Зацверджана."), encoding="utf-8")
    result = tmgr("import", str(xlf), "--as", "anna")
    assert "1 updated" in result.stdout and "imported as translated" in result.stderr
    assert _segment(database, 1, "be")["state"] == "translated"
    xlf.write_text(finalise(original, 2, "Зацверджана рэцэнзентам."), encoding="utf-8")
    result = tmgr("import", str(xlf), "--as", "boris")  # his own words: four-eyes
    assert "imported as translated" in result.stderr
    lead = _snapshot(database)["document"]["blocks"][1]["segments"]
    assert lead[1]["translations"]["be"]["state"] == "translated"
    add_user(database, "carl", role="reviewer", languages="be")
    _export(tmgr, tmp_path, "xliff", "--lang", "be")  # carl marks boris's text final
    units = xlf.read_text(encoding="utf-8").split("</trans-unit>")
    units[2] = re.sub(r'<target state="[^"]+"', '<target state="final"', units[2], count=1)
    xlf.write_text("</trans-unit>".join(units), encoding="utf-8")
    tmgr("import", str(xlf), "--as", "carl")
    lead = _snapshot(database)["document"]["blocks"][1]["segments"]
    assert lead[1]["translations"]["be"]["state"] == "approved"
    assert lead[1]["translations"]["be"]["text"] == "Зацверджана рэцэнзентам."
    assert lead[1]["translations"]["be"]["updated_by"] == "carl"


def test_user_languages_are_respected(tmgr: Tmgr, sample_doc: str, database: Database,
                                      tmp_path: Path) -> None:
    add_user(database, "anna", languages="be")
    _export(tmgr, tmp_path, "po", "--lang", "ru")
    result = tmgr("import", str(tmp_path / "ru" / f"{SLUG}.po"), "--as", "anna", ok=False)
    assert "anna (translator) may not edit 'ru'" in result.stderr


def test_dry_run_changes_nothing(tmgr: Tmgr, sample_doc: str, database: Database,
                                tmp_path: Path) -> None:
    add_user(database, "anna")
    _export(tmgr, tmp_path, "po", "--lang", "be")
    po = tmp_path / "be" / f"{SLUG}.po"
    _set_msgstr(po, "The Lukashenka’s regime", "Праверка.")
    before = _snapshot(database)
    result = tmgr("import", str(po), "--as", "anna", "--dry-run")
    assert "1 updated" in result.stdout and "dry run: nothing changed" in result.stdout
    assert _snapshot(database) == before


def test_xml_attacks_are_refused_and_nothing_changes(tmgr: Tmgr, sample_doc: str,
                                                     database: Database,
                                                     tmp_path: Path) -> None:
    add_user(database, "anna")
    (tmp_path / "evil.xlf").write_bytes(XXE)
    (tmp_path / "bomb.tmx").write_bytes(BILLION_LAUGHS)
    before = _snapshot(database)
    result = tmgr("import", str(tmp_path / "evil.xlf"), str(tmp_path / "bomb.tmx"),
                  "--as", "anna", "--json", ok=False)
    reports = json.loads(result.stdout)
    assert all("declares XML entities" in r["error"] for r in reports)
    assert "root:" not in result.output
    assert _snapshot(database) == before


def test_tmx_round_trip_through_the_memory(tmgr: Tmgr, sample_doc: str, database: Database,
                                           tmp_path: Path) -> None:
    add_user(database, "anna")
    add_user(database, "boris", role="reviewer")
    approve_sample(database, user="boris")
    first = tmp_path / "memory.tmx"
    tmgr("tm", "export", str(first))
    text = first.read_text(encoding="utf-8")
    assert text.count("<tu>") == 30 and text.count('changeid="boris"') == 60
    result = tmgr("import", str(first), "--as", "anna")
    assert "0 pairs added to the memory, 60 known" in result.stdout
    with database.transaction() as session:  # the approvals go; the memory keeps the pairs
        for segment in get_document(session, SLUG).segments:
            for lang in ("be", "ru"):
                translation = segment.translation(lang)
                change_translation(session, translation, text=translation.text,
                                   state=State.NEEDS_EDITING, origin="human")
    empty = tmp_path / "empty.tmx"
    tmgr("tm", "export", str(empty))
    assert "<tu>" not in empty.read_text(encoding="utf-8")
    assert "60 pairs added" in tmgr("import", str(first), "--as", "anna").stdout
    second = tmp_path / "again.tmx"
    tmgr("tm", "export", str(second))
    # the same pairs, dates and approvers (changeid is kept for imported units)
    assert first.read_text(encoding="utf-8") == second.read_text(encoding="utf-8")
    with database.transaction() as session:
        assert session.scalar(select(func.count()).select_from(TMUnit)) == 60
        segment = get_document(session, SLUG).segments[1]
        found = exact_matches(session, [segment.source], "be")
        assert found == {segment.source: "Рэжым Лукашэнкі зноў сігналізуе пра гатоўнасць "
                                         "удзельнічаць у мірных перамовах з Украінай."}


def test_sync_writes_catalogs_and_imports_edits_made_there(tmgr: Tmgr, sample_doc: str,
                                                           database: Database,
                                                           tmp_path: Path) -> None:
    add_user(database, "anna")
    locales = tmp_path / "locales"
    result = tmgr("sync", "--locales", str(locales))
    assert "2 catalogs" in result.stdout and "2 written" in result.stdout
    po = locales / "be" / f"{SLUG}.po"
    assert tmgr("sync", "--locales", str(locales)).stdout.count("0 written") == 1
    _set_msgstr(po, "The Lukashenka’s regime", "З git.")
    result = tmgr("sync", "--locales", str(locales), ok=False)
    assert result.exit_code == 1 and "tmgr sync --as USER" in result.stderr
    assert _entry(po.read_text(encoding="utf-8"), "The Lukashenka’s regime").group(2) == "З git."
    result = tmgr("sync", "--locales", str(locales), "--as", "anna")
    assert "1 updated" in result.stdout and "1 written" in result.stdout
    assert _segment(database, 1, "be")["text"] == "З git."
    with database.transaction() as session:
        version = get_document(session, SLUG).segments[1].translation("be").version
    assert f"#. tmgr: version={version} " in po.read_text(encoding="utf-8")


def test_sync_leaves_a_broken_catalog_alone(tmgr: Tmgr, sample_doc: str, database: Database,
                                            tmp_path: Path) -> None:
    locales = tmp_path / "locales"
    tmgr("sync", "--locales", str(locales))
    po = locales / "ru" / f"{SLUG}.po"
    po.write_text(po.read_text(encoding="utf-8") + 'msgid "unterminated\n', encoding="utf-8")
    damaged = po.read_bytes()
    result = tmgr("sync", "--locales", str(locales), ok=False)
    assert f"{po} left untouched" in result.stderr and "not a valid PO file" in result.stderr
    assert po.read_bytes() == damaged
    with database.transaction() as session:
        assert session.scalar(select(func.count()).select_from(Translation)
                              .where(Translation.state != State.UNTRANSLATED)) == 0
