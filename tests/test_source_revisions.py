"""Re-ingesting a corrected article: versions, diffs, split and merged sentences.

Through the CLI as an editor types it, on both databases.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import Tmgr
from tmgr.documents.ingest import load_document
from tmgr.review.editor import basis_diff
from tmgr.review.translations import change_translation
from tmgr.store.db import Database
from tmgr.store.models import State

HEADER = ("by\nNovember 4 – November 10, 2024\nEconomy\n\nMinsk Raises Fuel Prices Again\n\n"
          "The situation has worsened\nMinsk Raises Fuel Prices Again\n\n")
P1 = ("The government raised fuel prices for the third time this year. "
      "Drivers queued at petrol stations before the new prices took effect.")
P2 = "Officials blame the exchange rate and the cost of Russian oil."
P3 = "The move will add to inflation in the coming months."


def write(path: Path, *paragraphs: str) -> Path:
    path.write_text(HEADER + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return path


def show(tmgr: Tmgr, slug: str, *extra: str) -> dict:
    return json.loads(tmgr("show", slug, "--json", *extra).stdout)


def segments(doc: dict) -> dict[str, dict]:
    return {s["source"]: s for b in doc["blocks"] for s in b["segments"]}


def approve_all(database: Database, slug: str) -> None:
    with database.transaction() as session:
        for segment in load_document(session, slug).segments:
            change_translation(session, segment.translation("be"),
                               text=f"be: {segment.source}", state=State.APPROVED,
                               origin="human")


def test_a_corrected_article_keeps_unchanged_work_and_flags_the_changed_sentence(
        tmgr: Tmgr, tmp_path: Path, database: Database) -> None:
    path = write(tmp_path / "fuel.txt", P1, P2, P3)
    tmgr("ingest", str(path))
    approve_all(database, "fuel")
    corrected = P2.replace("the cost of Russian oil", "the price of Russian crude")
    write(path, P1, corrected, P3)
    out = tmgr("ingest", "--replace", str(path)).stdout
    assert "source revision 2" in out and "1 needs editing" in out
    doc = show(tmgr, "fuel")
    by_source = segments(doc)
    changed = by_source[corrected]
    assert changed["previous_source"] == P2 and changed["source_revision"] == 2
    assert changed["translations"]["be"]["state"] == "needs_editing"
    assert changed["translations"]["be"]["text"] == f"be: {P2}"
    kept = by_source[P3]
    assert kept["source_revision"] == 1 and kept["previous_source"] is None
    assert kept["translations"]["be"]["state"] == "approved"
    history = show(tmgr, "fuel", "--history")["revisions"]
    assert [r["number"] for r in history] == [1, 2]
    assert history[1]["changes"] == [{"op": "changed", "old": P2, "new": corrected}]
    assert history[1]["ingested_by"]


def test_changed_twice_the_editor_diffs_against_the_version_translated(
        tmgr: Tmgr, tmp_path: Path, database: Database) -> None:
    path = write(tmp_path / "fuel.txt", P1, P2, P3)
    tmgr("ingest", str(path))
    approve_all(database, "fuel")
    second = P2.replace("exchange rate", "weak exchange rate")
    third = second.replace("Russian oil", "imported Russian oil")
    write(path, P1, second, P3)
    tmgr("ingest", "--replace", str(path))
    write(path, P1, third, P3)
    tmgr("ingest", "--replace", str(path))
    seg = segments(show(tmgr, "fuel"))[third]
    assert seg["previous_source"] == second and seg["source_revision"] == 3
    assert seg["translations"]["be"]["source_basis"] == P2
    with database.transaction() as session:
        segment = next(s for s in load_document(session, "fuel").segments if s.source == third)
        pieces = basis_diff(segment, segment.translation("be"))
    assert pieces is not None
    inserted = [text.strip() for op, text in pieces if op == "insert"]
    assert inserted == ["weak", "imported"]  # both changes since the translated version
    text = tmgr("show", "fuel", "--history").stdout
    assert "revision 3" in text and f"- {second}" in text and f"+ {third}" in text


def test_a_split_sentence_is_offered_its_old_translation(
        tmgr: Tmgr, tmp_path: Path, database: Database) -> None:
    joined = ("The ministry announced drills near the border, and the army called up "
              "reservists for ten days.")
    path = write(tmp_path / "drills.txt", joined, P3)
    tmgr("ingest", str(path))
    approve_all(database, "drills")
    first, second = ("The ministry announced drills near the border.",
                     "The army called up reservists for ten days.")
    write(path, f"{first} {second}", P3)
    assert "1 split" in tmgr("ingest", "--replace", str(path)).stdout
    by_source = segments(show(tmgr, "drills"))
    assert by_source[first]["translations"]["be"]["text"] == f"be: {joined}"
    assert by_source[first]["translations"]["be"]["state"] == "needs_editing"
    assert by_source[second]["previous_source"] == joined
    change = show(tmgr, "drills", "--history")["revisions"][1]["changes"]
    assert change == [{"op": "split", "old": joined, "new": [first, second]}]


def test_merged_sentences_keep_both_translations(
        tmgr: Tmgr, tmp_path: Path, database: Database) -> None:
    a, b = "Prices rose sharply in October.", "Wages did not keep up with them."
    path = write(tmp_path / "prices.txt", f"{a} {b}", P3)
    tmgr("ingest", str(path))
    approve_all(database, "prices")
    merged = "Prices rose sharply in October, and wages did not keep up with them."
    write(path, merged, P3)
    assert "1 merged" in tmgr("ingest", "--replace", str(path)).stdout
    seg = segments(show(tmgr, "prices"))[merged]
    assert seg["translations"]["be"]["text"] == f"be: {a} be: {b}"
    assert seg["translations"]["be"]["state"] == "needs_editing"
    assert seg["previous_source"] == f"{a} {b}"


def test_explain_dry_run_reports_every_line_and_stores_nothing(
        tmgr: Tmgr, tmp_path: Path) -> None:
    path = write(tmp_path / "fuel.txt", P1, P2)
    text = tmgr("ingest", "--explain", "--dry-run", str(path)).stdout
    assert "status (known wording): The situation has worsened" in text
    assert "title-repeat" in text and "[lead] 2 segments" in text
    assert "would be added fuel" in text
    assert "no documents yet" in tmgr("status").stdout
    data = json.loads(tmgr("ingest", "--explain", "--dry-run", "--json", str(path)).stdout)
    explain = data[0]["explain"]
    roles = [line["role"] for line in explain["lines"]]
    assert roles[:4] == ["byline", "week", "section", "title"]
    assert explain["metadata"]["section"] == "Economy"
    assert explain["blocks"][1]["segments"] == P1.replace(". ", ".\n").split("\n")


def test_one_bad_file_does_not_stop_the_batch_and_is_explained(
        tmgr: Tmgr, tmp_path: Path) -> None:
    write(tmp_path / "good.txt", P1)
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "furniture.txt").write_text("Subscribe\nRead more\n", encoding="utf-8")
    result = tmgr("ingest", "--json", str(tmp_path), ok=False)
    assert result.exit_code == 1
    actions = {Path(r["path"]).name: r["action"] for r in json.loads(result.stdout)}
    assert actions == {"empty.txt": "failed", "furniture.txt": "failed", "good.txt": "added"}


def test_an_editors_fix_survives_re_ingest(tmgr: Tmgr, tmp_path: Path) -> None:
    path = tmp_path / "untitled.txt"
    path.write_text(f"{P1}\n\n{P2}\n", encoding="utf-8")
    tmgr("ingest", str(path))
    refused = tmgr("export", "untitled", "--out", str(tmp_path / "x"), ok=False)
    assert refused.exit_code == 1 and "has no headline" in refused.output
    doc = show(tmgr, "untitled")
    assert doc["title"] == "" and any(w.startswith("no headline found")
                                      for w in doc["ingest_warnings"])
    out = tmgr("doc", "set", "untitled", "--title", "Fuel Prices Up Again",
               "--week", "November 4 – November 10, 2024").stdout
    assert "title, week" in out
    path.write_text(f"{P1}\n\n{P2}\n\n{P3}\n", encoding="utf-8")
    tmgr("ingest", "--replace", str(path))
    doc = show(tmgr, "untitled")
    assert doc["title"] == "Fuel Prices Up Again" and doc["week"]["start"] == "2024-11-04"
    title = doc["blocks"][0]
    assert title["kind"] == "title" and title["segments"][0]["source"] == "Fuel Prices Up Again"
    assert set(title["segments"][0]["translations"]) == {"be", "ru"}  # translated like the rest
    assert doc["edited_fields"] == ["title", "week"]
    assert not any(w.startswith(("no headline", "no week")) for w in doc["ingest_warnings"])
    bad = tmgr("doc", "set", "untitled", "--week", "soon", ok=False)
    assert bad.exit_code == 1 and "not a week range" in bad.output
