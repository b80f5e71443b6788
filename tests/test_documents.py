"""Ingest, show and status, through the CLI as a user types them, on both databases."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from sqlalchemy import func, select

from tests.conftest import SAMPLE, Tmgr
from tmgr.documents.ingest import get_document
from tmgr.review.translations import change_translation
from tmgr.store.db import Database
from tmgr.store.models import Document, Revision, Segment, State, Translation


def _show(tmgr: Tmgr, slug: str, *extra: str) -> dict:
    return json.loads(tmgr("show", slug, "--json", *extra).stdout)


def test_ingest_sample_keeps_structure_and_metadata(tmgr: Tmgr, sample_doc: str) -> None:
    doc = _show(tmgr, sample_doc)
    assert doc["slug"] == "2024-10-28-lukashenka-negotiations"
    assert doc["title"].startswith("Lukashenka Advocates for Negotiations with Ukraine")
    assert doc["section"] == "Belarus-West relations"
    assert doc["status_line"] == "The situation has not changed"
    assert doc["week"] == {"text": "October 28 – November 3, 2024",
                           "start": "2024-10-28", "end": "2024-11-03"}
    kinds = [block["kind"] for block in doc["blocks"]]
    assert kinds[0] == "title" and kinds[1] == "lead"
    assert kinds.count("title") == 1, "the headline is repeated on the page but kept once"
    sources = [s["source"] for b in doc["blocks"] for s in b["segments"]]
    assert sources[1] == "The Lukashenka’s regime is once again signaling its willingness " \
                         "to participate in peace talks with Ukraine."
    assert not any("Subscribe" in s or "elements.envato" in s for s in sources)
    first = doc["blocks"][1]["segments"][0]
    assert set(first["translations"]) == {"be", "ru"}
    assert first["translations"]["be"]["state"] == "untranslated"
    assert first["translations"]["be"]["version"] == 1


def test_segment_offsets_rebuild_block_text(database: Database, tmgr: Tmgr,
                                            sample_doc: str) -> None:
    with database.transaction() as session:
        document = get_document(session, sample_doc)
        for block in document.blocks:
            rebuilt, cursor = [], 0
            for segment in block.segments:
                rebuilt.append(block.text[cursor:segment.start_offset])
                rebuilt.append(segment.source)
                cursor = segment.end_offset
            rebuilt.append(block.text[cursor:])
            assert "".join(rebuilt) == block.text
            assert all(block.text[s.start_offset:s.end_offset] == s.source
                       for s in block.segments)


def test_ingest_same_file_twice_changes_nothing(tmgr: Tmgr, sample_doc: str,
                                                database: Database) -> None:
    before = _show(tmgr, sample_doc)
    result = tmgr("ingest", str(SAMPLE))
    assert "unchanged" in result.stdout
    assert _show(tmgr, sample_doc) == before
    with database.transaction() as session:
        assert session.scalar(select(func.count()).select_from(Document)) == 1


def test_changed_file_is_reported_and_left_alone_unless_replace(
        tmgr: Tmgr, tmp_path: Path, database: Database) -> None:
    path = tmp_path / "2024-11-04-week.txt"
    shutil.copy(SAMPLE, path)
    tmgr("ingest", str(path))
    slug = path.stem
    with database.transaction() as session:
        doc = get_document(session, slug)
        lead = doc.segments[1]
        kept = doc.segments[2]
        change_translation(session, lead.translation("ru"), text="Режим Лукашенко снова.",
                           state=State.APPROVED, origin="human")
        change_translation(session, kept.translation("ru"), text="Одновременно диктатор.",
                           state=State.APPROVED, origin="human")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("once again signaling its willingness",
                                 "again signaling its readiness"), encoding="utf-8")

    result = tmgr("ingest", str(path))
    assert "changed" in result.stdout and "--replace" in result.stdout
    doc = _show(tmgr, slug)
    assert "once again signaling" in doc["blocks"][1]["segments"][0]["source"]

    tmgr("ingest", "--replace", str(path))
    doc = _show(tmgr, slug)
    lead, kept = doc["blocks"][1]["segments"][:2]
    assert "again signaling its readiness" in lead["source"]
    assert "once again signaling" in lead["previous_source"]
    assert lead["translations"]["ru"]["text"] == "Режим Лукашенко снова."
    assert lead["translations"]["ru"]["state"] == "needs_editing"
    assert kept["translations"]["ru"]["state"] == "approved"
    assert kept["translations"]["ru"]["text"] == "Одновременно диктатор."
    assert lead["translations"]["ru"]["flags"] == ["source-changed"]

    from tmgr.store.models import User
    with database.transaction() as session:
        translation = get_document(session, slug).segments[1].translation("ru")
        person = User(name="olga", role="translator", languages="ru")
        session.add(person)
        change_translation(session, translation, text="Режим Лукашенко снова готов.",
                           state=State.TRANSLATED, origin="human", user=person)
    lead = _show(tmgr, slug)["blocks"][1]["segments"][0]
    assert lead["translations"]["ru"]["flags"] == [], "a person's save answers the flag"


def test_bad_file_in_a_batch_does_not_stop_the_others(tmgr: Tmgr, tmp_path: Path,
                                                      database: Database) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SAMPLE, folder / "a-good.txt")
    (folder / "b-empty.txt").write_text("   \n", encoding="utf-8")
    (folder / "c-binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 100)
    result = tmgr("ingest", str(folder), ok=False)
    assert result.exit_code == 1
    assert "b-empty.txt" in result.stderr and "c-binary.txt" in result.stderr
    assert "Traceback" not in result.output
    with database.transaction() as session:
        slugs = session.scalars(select(Document.slug)).all()
    assert slugs == ["a-good"]


def test_status_counts_segments_and_words_per_state(tmgr: Tmgr, sample_doc: str,
                                                    database: Database) -> None:
    rows = json.loads(tmgr("status", "--json").stdout)
    assert [(r["document"], r["lang"]) for r in rows] == [(sample_doc, "be"),
                                                           (sample_doc, "ru")]
    with database.transaction() as session:
        doc = get_document(session, sample_doc)
        total = len(doc.segments)
        words = sum(len(s.source.split()) for s in doc.segments)
        first = doc.segments[0]
        change_translation(session, first.translation("be"), text="Лукашэнка", origin="human",
                           state=State.APPROVED)
    rows = json.loads(tmgr("status", "--json", "--lang", "be").stdout)
    assert len(rows) == 1
    be = rows[0]
    assert be["total_segments"] == total and be["total_words"] == words
    assert be["segments"]["approved"] == 1
    assert be["segments"]["untranslated"] == total - 1
    assert be["percent_approved"] == round(100 * len(first.source.split()) / words, 1)
    table = tmgr("status").stdout
    assert sample_doc in table and "approved" in table


def test_errors_are_one_line_without_traceback(tmgr: Tmgr, sample_doc: str) -> None:
    result = tmgr("show", "no-such-doc", ok=False)
    assert result.exit_code == 1
    assert result.stderr.startswith("error: no document 'no-such-doc'")
    assert "Traceback" not in result.output
    result = tmgr("status", "--lang", "xx-nonsense", ok=False)
    assert result.exit_code == 1 and "unknown language code" in result.stderr
    result = tmgr("show", ok=False)
    assert result.exit_code == 2  # usage error


def test_stale_save_is_refused_and_records_nothing(database: Database, tmgr: Tmgr,
                                                   sample_doc: str) -> None:
    import pytest

    from tmgr.errors import StaleEdit

    with database.transaction() as session:
        translation = get_document(session, sample_doc).segments[0].translation("ru")
        change_translation(session, translation, text="Первый", state=State.TRANSLATED,
                           origin="human", expected_version=1)
        assert translation.version == 2
    with pytest.raises(StaleEdit) as info, database.transaction() as session:
        translation = get_document(session, sample_doc).segments[0].translation("ru")
        change_translation(session, translation, text="Второй", state=State.TRANSLATED,
                           origin="human", expected_version=1)
    assert info.value.current_text == "Первый" and info.value.current_version == 2
    with database.transaction() as session:
        translation = get_document(session, sample_doc).segments[0].translation("ru")
        assert translation.text == "Первый"
        assert session.scalar(select(func.count()).select_from(Revision)) == 1


def test_concurrent_writers_cannot_both_win(database: Database, tmgr: Tmgr,
                                            sample_doc: str, backend: str) -> None:
    """Two sessions read version 1; only the first save lands (UPDATE ... WHERE version)."""
    import pytest

    from tmgr.errors import StaleEdit

    if backend == "sqlite":
        pytest.skip("SQLite serialises writers (BEGIN IMMEDIATE): this interleaving "
                    "cannot happen there")

    with database.transaction() as session:
        tid = get_document(session, sample_doc).segments[0].translation("be").id
    first = database.sessionmaker()
    second = database.sessionmaker()
    try:
        a = first.get(Translation, tid)
        b = second.get(Translation, tid)
        assert a is not None and b is not None
        change_translation(first, a, text="A", state=State.TRANSLATED, origin="human",
                           expected_version=1)
        first.commit()
        with pytest.raises(StaleEdit):
            change_translation(second, b, text="B", state=State.TRANSLATED, origin="human",
                               expected_version=1)
        second.rollback()
    finally:
        first.close()
        second.close()
    with database.transaction() as session:
        assert session.get(Translation, tid).text == "A"  # type: ignore[union-attr]


def test_states_are_ordered() -> None:
    assert State.UNTRANSLATED < State.DRAFT < State.NEEDS_EDITING < State.TRANSLATED \
        < State.APPROVED
    assert State.NEEDS_EDITING.is_human_work and not State.DRAFT.is_human_work
    assert max(State) is State.APPROVED


def test_segment_command_reads_stdin(tmgr: Tmgr) -> None:
    result = tmgr("segment", "-", input="Mr. Smith went to Minsk. He left on Feb. 5.\n\n"
                                        "Approx. 5.8% agreed.")
    assert result.stdout.splitlines() == ["Mr. Smith went to Minsk.", "He left on Feb. 5.",
                                          "Approx. 5.8% agreed."]
    data = json.loads(tmgr("segment", "--json", input="One. Two.").stdout)
    assert data == ["One.", "Two."]


def test_segments_have_unique_stable_keys(database: Database, tmgr: Tmgr,
                                          sample_doc: str) -> None:
    with database.transaction() as session:
        keys = session.scalars(select(Segment.key)).all()
    assert len(keys) == len(set(keys))
    doc_before = _show(tmgr, sample_doc)
    tmgr("ingest", "--replace", str(SAMPLE))
    assert [s["key"] for b in _show(tmgr, sample_doc)["blocks"] for s in b["segments"]] == \
        [s["key"] for b in doc_before["blocks"] for s in b["segments"]]
