"""Site strings: an unknown wording becomes a string to translate, never a file to edit."""

from __future__ import annotations

import json
from pathlib import Path

import polib
import pytest

from tests.conftest import Tmgr
from tests.exchange import add_user, msgfmt_check, xmllint_xliff
from tmgr.documents.ingest import get_document
from tmgr.review import sitestrings as site
from tmgr.review.translations import change_translation
from tmgr.store.db import Database
from tmgr.store.models import State

PAGE = ("by Ala Marchuk\nFebruary 3 – February 9, 2025\nEnergy\n\nGas Deal Signed in Minsk\n\n"
        "The situation is stabilising\nGas Deal Signed in Minsk\n\n"
        "The deal was signed on Monday. Prices will not change.\n")


@pytest.fixture
def energy(tmgr: Tmgr, database: Database, tmp_path: Path) -> str:
    """A commentary with a new section and a new status wording, its text approved in be."""
    source = tmp_path / "2025-02-03-energy.txt"
    source.write_text(PAGE, encoding="utf-8")
    tmgr("ingest", str(source))
    add_user(database, "tania", "translator", "be")
    add_user(database, "rita", "reviewer", "be")
    add_user(database, "oleg", "reviewer", "be")
    with database.transaction() as session:
        for segment in get_document(session, source.stem).segments:
            change_translation(session, segment.translation("be"), text="Пагадненне.",
                               state=State.APPROVED, origin="human")
    return source.stem


def listed(tmgr: Tmgr, *args: str) -> dict[tuple[str, str], dict[str, dict[str, str]]]:
    rows = json.loads(tmgr("strings", "list", "--json", *args).stdout)
    return {(row["kind"], row["key"]): row["translations"] for row in rows}


def test_a_new_wording_is_a_string_to_translate_and_export_waits_for_its_approval(
        tmgr: Tmgr, energy: str, tmp_path: Path) -> None:
    pending = listed(tmgr, "--pending", "--lang", "be")
    assert pending[("section", "Energy")]["be"]["state"] == "untranslated"
    assert ("status_line", "The situation is stabilising") in pending
    out = str(tmp_path / "out")
    refused = tmgr("export", energy, "--lang", "be", "--out", out, ok=False)
    assert "no approved Belarusian for the section 'Energy'" in refused.stderr
    assert "tmgr strings set section 'Energy' --lang be" in refused.stderr
    tmgr("strings", "set", "section", "Energy", "Энергетыка", "--lang", "be", "--as", "tania")
    tmgr("strings", "set", "status_line", "The situation is stabilising",
         "Сітуацыя стабілізуецца", "--lang", "be", "--as", "tania")
    own = tmgr("strings", "set", "section", "Energy", "--lang", "be", "--as", "tania",
               "--approve", ok=False)
    assert "may not approve" in own.output
    tmgr("strings", "set", "section", "Energy", "--lang", "be", "--as", "rita", "--approve")
    tmgr("strings", "set", "status_line", "The situation is stabilising", "--lang", "be",
         "--as", "rita", "--approve")
    tmgr("strings", "set", "author", "Ala Marchuk", "--lang", "be", "--as", "rita",
         "--approve")  # seeded and approved already: nothing changes
    tmgr("export", energy, "--lang", "be", "--format", "txt", "--out", out)
    text = (tmp_path / "out" / "be" / f"{energy}.txt").read_text(encoding="utf-8")
    assert "Энергетыка" in text and "Сітуацыя стабілізуецца" in text
    assert not list(Path(__file__).parents[1].glob("tmgr/data/*.orig"))


def test_a_reviewer_cannot_approve_their_own_words(tmgr: Tmgr, energy: str) -> None:
    tmgr("strings", "set", "section", "Energy", "Энергетыка", "--lang", "be", "--as", "rita")
    refused = tmgr("strings", "set", "section", "Energy", "--lang", "be", "--as", "rita",
                   "--approve", ok=False)
    assert "four-eyes" in refused.output
    tmgr("strings", "set", "section", "Energy", "--lang", "be", "--as", "oleg", "--approve")
    assert listed(tmgr)[("section", "Energy")]["be"]["state"] == "approved"


def test_the_documents_po_carries_its_site_strings_and_import_takes_them_back(
        tmgr: Tmgr, energy: str, tmp_path: Path, database: Database) -> None:
    tmgr("export", energy, "--lang", "be", "--format", "po,xliff", "--out", str(tmp_path))
    po_path = tmp_path / "be" / f"{energy}.po"
    assert msgfmt_check(po_path).returncode == 0
    assert xmllint_xliff(tmp_path / "be" / f"{energy}.xlf").returncode == 0
    catalog = polib.pofile(str(po_path))
    site_entries = {entry.msgid: entry for entry in catalog if entry.msgctxt == "site"}
    assert {"Energy", "The situation is stabilising", "Ala Marchuk"} <= set(site_entries)
    site_entries["Energy"].msgstr = "Энергетыка"
    catalog.save(str(po_path))
    result = tmgr("import", str(po_path), "--as", "tania")
    assert result.exit_code == 0
    assert listed(tmgr)[("section", "Energy")]["be"] == {"text": "Энергетыка",
                                                          "state": "translated"}
    approved = tmgr("approve", energy, "--lang", "be", "--as", "rita", "--all")
    assert "approved 1 site string(s): Energy" in approved.stdout
    with database.transaction() as session:
        history = [(c.action, c.lang) for c in site.get_string(session, "section",
                                                                "Energy").changes]
    assert history == [("added", None), ("translated", "be"), ("approved", "be")]


def test_strings_export_and_import_round_trip(tmgr: Tmgr, energy: str, tmp_path: Path) -> None:
    path = tmp_path / "site-be.po"
    tmgr("strings", "export", "--lang", "be", "-o", str(path))
    catalog = polib.pofile(str(path))
    entry = next(e for e in catalog if e.msgid == "The situation is stabilising")
    entry.msgstr = "Сітуацыя стабілізуецца"
    catalog.save(str(path))
    result = tmgr("strings", "import", str(path), "--as", "tania")
    assert "1 updated" in result.stdout
    row = listed(tmgr)[("status_line", "The situation is stabilising")]["be"]
    assert row == {"text": "Сітуацыя стабілізуецца", "state": "translated"}


def test_a_string_in_use_cannot_be_removed_and_a_removed_one_stays_in_history(
        tmgr: Tmgr, energy: str) -> None:
    refused = tmgr("strings", "set", "section", "Energy", "--lang", "be", "--as", "rita",
                   "--remove", ok=False)
    assert "is used by 1 document(s): " + energy in refused.output
    assert ("section", "Energy") in listed(tmgr)
    tmgr("strings", "set", "section", "Economy", "--lang", "be", "--as", "rita", "--remove")
    assert ("section", "Economy") not in listed(tmgr)
    assert listed(tmgr, "--removed")[("section", "Economy")]["be"]["state"] == "approved"


def test_the_documents_xliff_carries_its_site_strings_and_import_takes_them_back(
        tmgr: Tmgr, energy: str, tmp_path: Path) -> None:
    tmgr("export", energy, "--lang", "be", "--format", "xliff", "--out", str(tmp_path))
    path = tmp_path / "be" / f"{energy}.xlf"
    xml = path.read_text(encoding="utf-8")
    start = xml.index('<trans-unit id="site-section-')
    unit = xml[start:xml.index("</trans-unit>", start)]
    assert "<source>Energy</source>" in unit
    assert "<target" not in unit  # untranslated: no target yet; a CAT tool adds one
    filled = unit.replace("</source>",
                          '</source>\n<target state="translated">Энергетыка</target>')
    path.write_text(xml.replace(unit, filled), encoding="utf-8")
    tmgr("import", str(path), "--as", "tania")
    assert listed(tmgr)[("section", "Energy")]["be"] == {"text": "Энергетыка",
                                                          "state": "translated"}


def test_qa_errors_block_the_approval_of_a_site_string(tmgr: Tmgr, energy: str) -> None:
    tmgr("strings", "set", "section", "Energy", "Энeргетыка", "--lang", "be", "--as", "tania")
    refused = tmgr("strings", "set", "section", "Energy", "--lang", "be", "--as", "rita",
                   "--approve", ok=False)
    assert "QA errors" in refused.output and "mixed-script" in refused.output
    assert listed(tmgr)[("section", "Energy")]["be"]["state"] == "translated"


def test_every_kind_of_string_in_use_is_refused_with_one_line_and_stays(
        tmgr: Tmgr, energy: str, database: Database) -> None:
    """Issue 22: a site string deleted while in use is refused, whatever its kind; its
    translations, state and history are untouched by the refusal."""
    before = listed(tmgr)
    for kind, english in (("author", "Ala Marchuk"),
                          ("status_line", "The situation is stabilising")):
        refused = tmgr("strings", "set", kind, english, "--lang", "be", "--as", "rita",
                       "--remove", ok=False)
        assert refused.exit_code == 1 and "Traceback" not in refused.output
        assert f"is used by 1 document(s): {energy}; it was not removed" in refused.output
        assert "change those documents' metadata first" in refused.output
    label = tmgr("strings", "set", "label", "byline", "--lang", "be", "--as", "rita",
                 "--remove", ok=False)
    assert "is part of every published text" in label.output
    assert listed(tmgr) == before
    with database.transaction() as session:
        for string in site.all_strings(session):
            assert all(change.action != "removed" for change in string.changes)
