"""Exchange with other tools: their glossaries, memories and catalogs read right, and
round trips through Translate Toolkit's converters and gettext's tools change a state
only where the file changed it.

Fixtures in tests/data/interop/ are written in the layouts of those tools (TBX 2008
and v3, DCA and DCT; OmegaT's TMX and tab-separated glossary; Weblate's header-less
CSV; XLIFF 1.0). Each test compares what tmgr stored with an independent reading of
the file (expected values written out here, or the file parsed with polib/lxml).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from lxml import etree

from tests.conftest import DATA, Tmgr
from tests.exchange import SLUG, add_user, approve_sample, msgfmt_check
from tmgr.documents.ingest import get_document
from tmgr.review import sitestrings as site
from tmgr.review.translations import change_translation
from tmgr.store.db import Database
from tmgr.store.models import State

INTEROP = DATA / "interop"
BIN = Path(sys.executable).parent
X12 = "urn:oasis:names:tc:xliff:document:1.2"
X20 = "urn:oasis:names:tc:xliff:document:2.0"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

States = dict[tuple[str, str], tuple[str, str]]


# --- glossaries ---------------------------------------------------------------------

def _glossary(tmgr: Tmgr) -> dict[str, dict[str, object]]:
    terms = json.loads(tmgr("glossary", "list", "--json").stdout)
    return {term.pop("term"): term for term in terms}


def test_tbx_2008_statuses_synonyms_and_left_out_entries(tmgr: Tmgr) -> None:
    result = tmgr("glossary", "import", str(INTEROP / "tbx2008-dca.tbx"))
    assert "4 added, 0 replaced" in result.stdout
    assert "2 entries without an English term skipped" in result.stdout
    assert "renderings in fr not kept" in result.stdout
    belarus = {"translations": {"be": ["Беларусь"], "ru": ["Беларусь"]},
               "forbidden": {"ru": ["Белоруссия", "Белорусь"]},
               "note": "The country the commentaries are about.", "do_not_translate": False}
    assert _glossary(tmgr) == {
        "Belarus": belarus, "Republic of Belarus": belarus,  # the admitted synonym too
        "Telegram": {"translations": {}, "forbidden": {}, "note": "",
                     "do_not_translate": True},  # translationNeeded: no
        "Viasna": {"translations": {"be": ["«Вясна»"], "ru": ["«Весна»"]},
                   "forbidden": {"be": ["Вясна"], "ru": ["Весна"]},
                   "note": "The human rights centre.", "do_not_translate": False},
    }  # the deprecated "Byelorussia" is no source; superseded/obsolete are forbidden


def test_tbx_v3_dca_and_dct(tmgr: Tmgr) -> None:
    first = tmgr("glossary", "import", str(INTEROP / "tbx3-dca.tbx")).stdout
    assert "3 added" in first and "renderings in uk not kept" in first
    assert "3 added" in tmgr("glossary", "import", str(INTEROP / "tbx3-dct.tbx")).stdout
    terms = _glossary(tmgr)
    assert terms["Lukashenka"]["translations"] == terms["Lukashenko"]["translations"] == {
        "be": ["Лукашэнка"], "ru": ["Лукашенко"]}
    assert terms["Lukashenko"]["forbidden"] == {"be": ["Лукашенко"]}
    assert terms["High-Tech Park"]["forbidden"] == {"ru": ["Хайтек-парк"]}
    assert terms["Minsk"]["translations"] == {"be": ["Мінск"]}
    assert terms["Minsk"]["forbidden"] == {"be": ["Менск"]}  # min:usageStatus obsolete
    assert terms["NEXTA"]["do_not_translate"] is True
    # <basic:administrativeStatus>deprecatedTerm-admn-sts: forbidden
    assert terms["Belarus"]["translations"] == {"ru": ["Беларусь"]}
    assert terms["Belarus"]["forbidden"] == {"ru": ["Белоруссия"]}


def test_twelve_line_tbx_does_not_accept_a_deprecated_rendering(tmgr: Tmgr,
                                                               tmp_path: Path) -> None:
    tbx = tmp_path / "belarus.tbx"
    tbx.write_text(
        '<?xml version="1.0"?>\n<tbx style="dct" type="TBX-Basic" xml:lang="en"\n'
        ' xmlns="urn:iso:std:iso:30042:ed-2" xmlns:basic="http://www.tbxinfo.net/ns/basic">\n'
        "<text><body><conceptEntry id=\"b\">\n"
        '<langSec xml:lang="en"><termSec><term>Belarus</term></termSec></langSec>\n'
        '<langSec xml:lang="ru"><termSec><term>Беларусь</term></termSec>\n'
        "<termSec><term>Белоруссия</term>\n"
        "<basic:administrativeStatus>supersededTerm-admn-sts</basic:administrativeStatus>\n"
        "</termSec></langSec>\n</conceptEntry></body></text>\n</tbx>\n", encoding="utf-8")
    tmgr("glossary", "import", str(tbx))
    assert _glossary(tmgr)["Belarus"]["translations"] == {"ru": ["Беларусь"]}
    assert _glossary(tmgr)["Belarus"]["forbidden"] == {"ru": ["Белоруссия"]}


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le"])
def test_omegat_tab_glossary_in_any_unicode_encoding(tmgr: Tmgr, tmp_path: Path,
                                                     encoding: str) -> None:
    path = tmp_path / "glossary.txt"
    path.write_bytes((INTEROP / "omegat-glossary.txt").read_text("utf-8").encode(encoding))
    refused = tmgr("glossary", "import", str(path), ok=False)
    assert refused.exit_code != 0 and "--columns" in refused.output
    assert "Traceback" not in refused.output
    tmgr("glossary", "import", str(path), "--columns", "term,be,note")
    # an independent reading: the lines that are not comments, split at the tabs
    lines = [line.split("\t") for line in (INTEROP / "omegat-glossary.txt")
             .read_text("utf-8").splitlines() if line and not line.startswith("#")]
    assert {term: (data["translations"], data["note"])
            for term, data in _glossary(tmgr).items()} == {
        cells[0]: ({"be": [cells[1]]}, cells[2] if len(cells) > 2 else "")
        for cells in lines}


def test_weblate_two_column_csv(tmgr: Tmgr, tmp_path: Path) -> None:
    path = tmp_path / "weblate.csv"
    path.write_bytes((INTEROP / "weblate-glossary.csv").read_text("utf-8").encode("utf-16"))
    tmgr("glossary", "import", str(path), "--format", "csv", "--columns", "term,ru")
    assert {term: data["translations"] for term, data in _glossary(tmgr).items()} == {
        "Minsk": {"ru": ["Минск"]}, "Brest": {"ru": ["Брест"]},
        "Vitebsk, city": {"ru": ["Витебск"]}}
    wrong = tmgr("glossary", "import", str(path), "--columns", "term,fr", ok=False)
    assert wrong.exit_code != 0 and "unknown column 'fr'" in wrong.output


# --- memories -----------------------------------------------------------------------

def test_omegat_memory_variants_inline_codes_dates_and_approvers(
        tmgr: Tmgr, database: Database, tmp_path: Path) -> None:
    add_user(database, "anna")
    result = tmgr("import", str(INTEROP / "omegat-memory.tmx"), "--as", "anna")
    assert "1 translation unit without an English text skipped" in result.output
    assert "pairs in de skipped" in result.output
    out = tmp_path / "memory.tmx"
    tmgr("tm", "export", str(out))
    root = etree.parse(str(out)).getroot()
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    found = set()
    for tu in root.iter("tu"):
        tuvs = {tuv.get(lang): tuv for tuv in tu.iter("tuv")}
        source = tuvs.pop("en").findtext("seg")
        for code, tuv in tuvs.items():
            found.add((source, code, tuv.findtext("seg"), tuv.get("changedate"),
                       tuv.get("changeid")))
    assert {row for row in found if row[3] != "now"} >= {
        ("The organization met in Minsk.", "ru", "Организация собралась в Минске.",
         "20250114T101500Z", "alesia"),  # header srclang EN-US
        ("The colours of the flag.", "be", "Колеры сцяга.", "20250115T093000Z",
         "pavel"),  # the tu's srclang en-GB; an ISO date
        ("Trade fell.", "ru", "Торговля упала.", "20250116T080000Z", "pavel"),  # "en"
        ("Read the report on Hrodna.", "be", "Чытайце справаздачу пра Гродна.",
         "20250117T120000Z", "alesia"),  # bpt/ept/ph dropped, hi kept as text
        ("Press Enter.", "be", "Націсніце Enter.", "20250118T000000Z", "pavel"),  # ut
    }
    assert {row[:3] for row in found} == {
        ("The organization met in Minsk.", "ru", "Организация собралась в Минске."),
        ("The colours of the flag.", "be", "Колеры сцяга."),
        ("Trade fell.", "ru", "Торговля упала."),
        ("The talks ended.", "ru", "Переговоры закончились."),  # no en variant: the first
        ("Read the report on Hrodna.", "be", "Чытайце справаздачу пра Гродна."),
        ("See the map below now.", "ru", "Смотрите карту ниже сейчас."),  # ph/sub/it
        ("Press Enter.", "be", "Націсніце Enter."),
    }
    assert "&lt;" not in out.read_text("utf-8") and "{\\b}" not in out.read_text("utf-8")


# --- catalogs and states ------------------------------------------------------------

@pytest.fixture
def mixed(tmgr: Tmgr, sample_doc: str, database: Database) -> Database:
    """The sample with Belarusian approved and Russian in every state."""
    add_user(database, "anna", role="reviewer")
    approve_sample(database, langs=("be",))
    with database.transaction() as session:
        segments = get_document(session, SLUG).segments
        for index, (text, state, origin) in enumerate([
                ("Одобренный перевод.", State.APPROVED, "human"),
                ("Машинный черновик.", State.DRAFT, "mt:google"),
                ("Черновик из памяти.", State.DRAFT, "tm:93"),
                ("Перевод человека.", State.TRANSLATED, "human"),
                ("Отклонённый перевод.", State.NEEDS_EDITING, "human"),
                ("Ещё одобренный.", State.APPROVED, "human")]):
            change_translation(session, segments[index].translation("ru"), text=text,
                               state=state, origin=origin)
    return database


def _states(database: Database) -> States:
    """Every sentence's and every site string's (of the document) text and state."""
    with database.transaction(readonly=True) as session:
        document = get_document(session, SLUG)
        found = {(segment.source, translation.lang): (translation.text, translation.state.value)
                 for segment in document.segments for translation in segment.translations}
        found.update({(string.source, row.lang): (row.text, row.state.value)
                      for string in site.document_strings(session, document)
                      for row in string.translations})
        return found


def _export(tmgr: Tmgr, out: Path, fmt: str, lang: str = "ru") -> Path:
    tmgr("export", SLUG, "--format", fmt, "--lang", lang, "--out", str(out))
    ext = {"po": "po", "xliff": "xlf", "xliff2": "xliff"}[fmt]
    return out / lang / f"{SLUG}.{ext}"


def _import(tmgr: Tmgr, path: Path) -> dict[str, object]:
    [report] = json.loads(tmgr("import", str(path), "--as", "anna", "--json").stdout)
    assert report["conflicts"] == [], report["conflicts"]
    return report


def _run(*command: str | Path) -> None:
    done = subprocess.run([str(part) for part in command], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stderr


def _po_texts(path: Path) -> dict[str, str]:
    """An independent reading: msgid -> msgstr of the translated entries."""
    return {entry.msgid: entry.msgstr for entry in polib.pofile(str(path))
            if entry.msgstr and not entry.obsolete}


def _agrees(database: Database, texts: dict[str, str], lang: str = "ru") -> None:
    stored = {source: text for (source, code), (text, _) in _states(database).items()
              if code == lang and text}
    assert stored == texts


def test_po_without_extracted_comments_keeps_every_state(mixed: Database, tmgr: Tmgr,
                                                         tmp_path: Path) -> None:
    po = _export(tmgr, tmp_path, "po")
    po.write_text("".join(line for line in po.read_text("utf-8").splitlines(keepends=True)
                          if not line.startswith("#.")), encoding="utf-8")
    before = _states(mixed)
    assert _import(tmgr, po)["updated"] == 0
    assert _states(mixed) == before
    # now the translator edits one entry and takes the fuzzy flag off a draft
    text = po.read_text("utf-8").replace('msgstr "Перевод человека."',
                                         'msgstr "Перевод, исправленный в Poedit."')
    text = text.replace('#, fuzzy\nmsgctxt', "msgctxt", 1)  # the first fuzzy: the MT draft
    po.write_text(text, encoding="utf-8")
    assert _import(tmgr, po)["updated"] == 2
    after = _states(mixed)
    changed = {key for key in before if before[key] != after[key]}
    sources = {source for source, _ in changed}
    assert len(changed) == 2 and {lang for _, lang in changed} == {"ru"}
    assert {after[key] for key in changed} == {("Перевод, исправленный в Poedit.", "translated"),
                                               ("Машинный черновик.", "translated")}
    assert all(before[(source, "ru")][1] in ("translated", "draft") for source in sources)
    _agrees(mixed, _po_texts(po))


def test_po_with_a_byte_order_mark_or_in_utf16_is_read(mixed: Database, tmgr: Tmgr,
                                          tmp_path: Path) -> None:
    po = _export(tmgr, tmp_path, "po")
    text = po.read_text("utf-8").replace('msgstr "Перевод человека."', 'msgstr "С меткой."')
    po.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert _import(tmgr, po)["updated"] == 1
    _agrees(mixed, _po_texts(po))
    utf16 = po.with_name("utf16.po")  # a Windows editor's UTF-16, named by its header
    utf16.write_bytes(text.replace("С меткой.", "В UTF-16.").encode("utf-16"))
    assert _import(tmgr, utf16)["updated"] == 1
    assert ("В UTF-16.", "translated") in _states(mixed).values()


@pytest.mark.parametrize("tool", [
    ["msgcat", "{src}", "-o", "{out}"],  # rewraps at 79 columns
    ["msgattrib", "--no-wrap", "{src}", "-o", "{out}"],
    ["msgmerge", "--no-wrap", "--quiet", "{src}", "{src}", "-o", "{out}"],
    ["msgcat", "--no-location", "--sort-output", "{src}", "-o", "{out}"],
], ids=["msgcat", "msgattrib", "msgmerge", "msgcat-sorted"])
def test_gettext_tools_round_trip(mixed: Database, tmgr: Tmgr, tmp_path: Path,
                                  tool: list[str]) -> None:
    po = _export(tmgr, tmp_path / "export", "po")
    out = tmp_path / "tool" / "ru" / f"{SLUG}.po"
    out.parent.mkdir(parents=True)
    _run(*[part.format(src=po, out=out) for part in tool])
    assert msgfmt_check(out).returncode == 0
    before = _states(mixed)
    assert _import(tmgr, out)["updated"] == 0
    assert _states(mixed) == before
    _agrees(mixed, _po_texts(out))


def test_translate_toolkit_xliff2po_keeps_states(mixed: Database, tmgr: Tmgr,
                                                 tmp_path: Path) -> None:
    xliff = _export(tmgr, tmp_path / "export", "xliff")
    po = tmp_path / "tt" / "ru" / f"{SLUG}.po"  # no msgctxt, no Language: named like tmgr's
    po.parent.mkdir(parents=True)
    _run(BIN / "xliff2po", "--progress=none", xliff, po)
    before = _states(mixed)
    assert _import(tmgr, po)["updated"] == 0  # fuzzy on "translated": the converter's
    assert _states(mixed) == before
    _agrees(mixed, _po_texts(po))
    po.write_text(po.read_text("utf-8").replace('msgstr "Ещё одобренный."',
                                                'msgstr "Исправлено после xliff2po."'),
                  encoding="utf-8")
    report = json.loads(tmgr("import", str(po), "--as", "anna", "--json", ok=False).stdout)[0]
    # the file names no version: an edit over approved human work is a conflict
    assert report["updated"] == 0 and len(report["conflicts"]) == 1
    assert _states(mixed) == before


def test_translate_toolkit_po2xliff_and_pot2po_keep_states(mixed: Database, tmgr: Tmgr,
                                                           tmp_path: Path) -> None:
    po = _export(tmgr, tmp_path / "export", "po")
    before = _states(mixed)
    xliff = tmp_path / "p2x.xlf"
    _run(BIN / "po2xliff", "--progress=none", po, xliff)
    assert 'version="1.1"' in xliff.read_text("utf-8")
    assert _import(tmgr, xliff)["updated"] == 0  # approved="yes" there means "not fuzzy"
    assert _states(mixed) == before
    text = xliff.read_text("utf-8").replace(">Перевод человека.</target>",
                                            ">Перевод через po2xliff.</target>")
    xliff.write_text(text, encoding="utf-8")
    assert _import(tmgr, xliff)["updated"] == 1
    changed = {k: v for k, v in _states(mixed).items() if before[k] != v}
    assert list(changed.values()) == [("Перевод через po2xliff.", "translated")]
    po = _export(tmgr, tmp_path / "again", "po")
    pot, merged = tmp_path / "doc.pot", tmp_path / "merged" / "ru" / f"{SLUG}.po"
    _run("msgfilter", "--keep-header", "-i", po, "-o", pot, "sed", "-e", "d")  # template
    merged.parent.mkdir(parents=True)
    _run(BIN / "pot2po", "--progress=none", "-t", po, pot, merged)
    before = _states(mixed)
    assert _import(tmgr, merged)["updated"] == 0
    assert _states(mixed) == before
    _agrees(mixed, _po_texts(merged))


def test_po2tmx_pairs_go_into_the_memory(mixed: Database, tmgr: Tmgr,
                                        tmp_path: Path) -> None:
    po = _export(tmgr, tmp_path / "export", "po")
    tmx = tmp_path / "tt.tmx"
    _run(BIN / "po2tmx", "--progress=none", "-l", "ru", po, tmx)
    report = _import(tmgr, tmx)
    expected = {msgid for msgid, _ in _po_texts(po).items()
                if "fuzzy" not in polib.pofile(str(po)).find(msgid).flags}
    assert report["total"] == len(expected)  # po2tmx keeps the entries that are not fuzzy


def _xliff_targets(path: Path) -> dict[str, str]:
    """An independent reading of an XLIFF 1.2 file: source -> target (XML's spacing)."""
    root = etree.parse(str(path)).getroot()
    found = {}
    for unit in root.iter(f"{{{X12}}}trans-unit"):
        target = unit.find(f"{{{X12}}}target")
        if target is not None and target.text:
            preserve = unit.get(XML_SPACE) == "preserve"
            found[unit.findtext(f"{{{X12}}}source")] = (
                target.text if preserve else " ".join(target.text.split()))
    return found


def test_xliff_without_extradata_and_the_exports_last_second(mixed: Database, tmgr: Tmgr,
                                                             tmp_path: Path) -> None:
    xliff = _export(tmgr, tmp_path, "xliff")
    text = re.sub(r' extradata="[^"]*"', "", xliff.read_text("utf-8"))
    assert 'date="' in text
    xliff.write_text(text, encoding="utf-8")
    before = _states(mixed)
    assert _import(tmgr, xliff)["updated"] == 0
    assert _states(mixed) == before
    # the newest change is in the export's last second; the date has whole seconds
    xliff.write_text(text.replace(">Ещё одобренный.<", ">Одобрено и исправлено.<"),
                     encoding="utf-8")
    assert _import(tmgr, xliff)["updated"] == 1  # no false conflict
    _agrees(mixed, _xliff_targets(xliff))


def test_pretty_printed_xliff_without_preserve_keeps_approvals(mixed: Database, tmgr: Tmgr,
                                                               tmp_path: Path) -> None:
    xliff = _export(tmgr, tmp_path, "xliff")
    root = etree.parse(str(xliff)).getroot()
    for unit in root.iter(f"{{{X12}}}trans-unit"):
        del unit.attrib[XML_SPACE]
        target = unit.find(f"{{{X12}}}target")
        if target is not None:  # a pretty-printer wraps the text on lines of its own
            target.text = "\n          " + target.text.replace(" ", "\n          ", 1) \
                + "\n        "
    xliff.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    before = _states(mixed)
    assert _import(tmgr, xliff)["updated"] == 0
    assert _states(mixed) == before
    _agrees(mixed, _xliff_targets(xliff))


def test_utf16_xliff_and_xliff_versions(mixed: Database, tmgr: Tmgr, tmp_path: Path) -> None:
    xliff = _export(tmgr, tmp_path, "xliff")
    text = xliff.read_text("utf-8").replace(">Перевод человека.<", ">В UTF-16.<")
    utf16 = tmp_path / "utf16.xlf"
    utf16.write_bytes(text.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16"))
    assert _import(tmgr, utf16)["updated"] == 1
    _agrees(mixed, _xliff_targets(utf16))
    older = tmp_path / "older.xlf"  # XLIFF 1.1, as po2xliff writes it, is read
    older.write_text(text.replace(X12, "urn:oasis:names:tc:xliff:document:1.1")
                     .replace('version="1.2"', 'version="1.1"')
                     .replace(">В UTF-16.<", ">В XLIFF 1.1.<"), encoding="utf-8")
    assert _import(tmgr, older)["updated"] == 1
    refused = tmgr("import", str(INTEROP / "xliff-1.0.xlf"), "--as", "anna", ok=False)
    assert refused.exit_code != 0 and "Traceback" not in refused.output
    assert "XLIFF 1.0, which tmgr does not read" in refused.output
    assert "XLIFF 1.2" in refused.output  # what to do


def test_xliff2_states_notes_and_spacing(mixed: Database, tmgr: Tmgr, tmp_path: Path) -> None:
    xliff = _export(tmgr, tmp_path, "xliff2")
    root = etree.parse(str(xliff)).getroot()
    for notes in root.iter(f"{{{X20}}}notes"):  # notes carry ids, unique where they are
        ids = [note.get("id") for note in notes]
        assert all(ids) and len(set(ids)) == len(ids)
    before = _states(mixed)
    units = list(root.iter(f"{{{X20}}}unit"))
    empty = next(u for u in units if u.find(f"{{{X20}}}segment/{{{X20}}}target") is None)
    segment = empty.find(f"{{{X20}}}segment")
    del segment.attrib["state"]  # a tool's target without a state: "initial"
    etree.SubElement(segment, f"{{{X20}}}target").text = "Без состояния."
    for target in root.iter(f"{{{X20}}}target"):  # pretty-printed, no xml:space
        target.attrib.pop(XML_SPACE, None)
        target.text = "\n      " + (target.text or "") + "\n    "
    xliff.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    assert _import(tmgr, xliff)["updated"] == 1
    after = _states(mixed)
    changed = {k: v for k, v in after.items() if before[k] != v}
    assert list(changed.values()) == [("Без состояния.", "needs_editing")]
