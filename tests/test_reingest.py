"""``tmgr ingest --replace`` loses no work: removed sentences are kept and come back."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from sqlalchemy import select

from tests.conftest import SAMPLE, Tmgr
from tmgr.documents.ingest import get_document
from tmgr.review.translations import change_translation
from tmgr.store.db import Database
from tmgr.store.models import Comment, Revision, Segment, State

REMOVED = "Minsk calls for the process to start as soon as possible to avoid further escalation."
CHANGED = ("once again signaling its willingness", "again signaling its readiness")


def _show(tmgr: Tmgr, slug: str) -> dict[str, Any]:
    return json.loads(tmgr("show", slug, "--json").stdout)


def _sources(document: dict[str, Any]) -> list[str]:
    return [s["source"] for b in document["blocks"] for s in b["segments"]]


def _status(tmgr: Tmgr, slug: str) -> dict[str, dict[str, Any]]:
    return {row["lang"]: row for row in json.loads(tmgr("status", slug, "--json").stdout)}


def _prepare(tmgr: Tmgr, database: Database, tmp_path: Path) -> tuple[Path, int]:
    """The sample, with the sentence to remove approved and commented, the lead translated."""
    path = tmp_path / "2024-11-04-week.txt"
    shutil.copy(SAMPLE, path)
    tmgr("ingest", str(path))
    with database.transaction() as session:
        document = get_document(session, path.stem)
        gone = next(s for s in document.segments if s.source == REMOVED)
        change_translation(session, gone.translation("ru"), text="Минск призывает начать.",
                           state=State.APPROVED, origin="human")
        change_translation(session, gone.translation("be"), text="Мінск заклікае пачаць.",
                           state=State.TRANSLATED, origin="human")
        session.add(Comment(segment_id=gone.id, lang="ru", text="check the tense"))
        lead = document.segments[1]
        change_translation(session, lead.translation("ru"), text="Режим Лукашенко снова.",
                           state=State.TRANSLATED, origin="human")
        gone_id = gone.id
    return path, gone_id


def _edit(path: Path) -> str:
    original = path.read_text(encoding="utf-8")
    path.write_text(original.replace(" " + REMOVED, "").replace(*CHANGED), encoding="utf-8")
    return original


def test_dry_run_lists_what_would_change_and_changes_nothing(
        tmgr: Tmgr, database: Database, tmp_path: Path) -> None:
    path, gone_id = _prepare(tmgr, database, tmp_path)
    before = _show(tmgr, path.stem)
    _edit(path)
    out = tmgr("ingest", "--replace", "--dry-run", str(path)).stdout
    assert "would be replaced" in out
    assert f"removed       #{gone_id} {REMOVED}  [be translated, ru approved]" in out
    assert "needs editing" in out and "again signaling its readiness" in out
    [result] = json.loads(tmgr("ingest", "--replace", "--dry-run", "--json",
                               str(path)).stdout)
    assert result["dry_run"] and result["action"] == "replaced"
    assert [c["source"] for c in result["removed"]] == [REMOVED]
    assert result["removed"][0]["work"] == {"be": "translated", "ru": "approved"}
    [changed] = result["needs_editing"]
    assert CHANGED[0] in changed["previous_source"] and changed["work"] == {
        "ru": "needs_editing"}
    assert result["restored"] == []
    assert _show(tmgr, path.stem) == before, "a dry run changes nothing"


def test_a_removed_sentence_keeps_its_work_and_gets_it_back(
        tmgr: Tmgr, database: Database, tmp_path: Path) -> None:
    path, gone_id = _prepare(tmgr, database, tmp_path)
    segments_before = _status(tmgr, path.stem)["ru"]["total_segments"]
    original = _edit(path)

    out = tmgr("ingest", "--replace", str(path)).stdout
    assert "1 removed" in out and "1 needs editing" in out
    document = _show(tmgr, path.stem)
    assert REMOVED not in _sources(document)
    [kept] = document["removed_segments"]  # `tmgr show` still tells what was removed
    assert kept["id"] == gone_id and kept["translations"]["ru"]["state"] == "approved"
    assert "[removed from the source" in tmgr("show", path.stem).stdout
    ru = _status(tmgr, path.stem)["ru"]
    assert ru["total_segments"] == segments_before - 1
    assert ru["segments"]["approved"] == 0, "status ignores the removed segment"
    tmgr("export", path.stem, "--lang", "ru", "--format", "txt", "--allow-partial",
         "--out", str(tmp_path / "out"))
    exported = "".join(p.read_text(encoding="utf-8") for p in (tmp_path / "out").rglob("*")
                       if p.is_file())
    assert "Режим Лукашенко снова." in exported, "the export holds the live work"
    assert "Минск призывает начать." not in exported
    with database.transaction() as session:
        gone = session.get(Segment, gone_id)
        assert gone is not None and gone.removed
        assert gone.translation("ru").text == "Минск призывает начать."
        notes = session.scalars(select(Revision.note).where(
            Revision.translation_id == gone.translation("ru").id)).all()
        assert any("removed from the source" in (note or "") for note in notes)

    path.write_text(original, encoding="utf-8")
    [result] = json.loads(tmgr("ingest", "--replace", "--dry-run", "--json",
                               str(path)).stdout)
    assert [(c["segment"], c["work"]) for c in result["restored"]] == [
        (gone_id, {"be": "translated", "ru": "approved"})]
    out = tmgr("ingest", "--replace", str(path)).stdout
    assert "1 restored" in out
    document = _show(tmgr, path.stem)
    assert _sources(document).count(REMOVED) == 1 and document["removed_segments"] == []
    back = next(s for b in document["blocks"] for s in b["segments"] if s["id"] == gone_id)
    assert back["translations"]["ru"]["state"] == "approved"
    assert back["translations"]["ru"]["text"] == "Минск призывает начать."
    assert back["translations"]["be"]["state"] == "translated"
    assert _status(tmgr, path.stem)["ru"]["segments"]["approved"] == 1
    with database.transaction() as session:
        comments = session.scalars(select(Comment.text).where(
            Comment.segment_id == gone_id)).all()
        assert comments == ["check the tense"]


def test_a_changed_sentence_keeps_its_comments(tmgr: Tmgr, database: Database,
                                               tmp_path: Path) -> None:
    path, _ = _prepare(tmgr, database, tmp_path)
    with database.transaction() as session:
        lead = get_document(session, path.stem).segments[1]
        session.add(Comment(segment_id=lead.id, lang="ru", text="keep me"))
    _edit(path)
    tmgr("ingest", "--replace", str(path))
    with database.transaction() as session:
        lead = get_document(session, path.stem).segments[1]
        assert CHANGED[1] in lead.source
        comments = session.scalars(select(Comment.text).where(
            Comment.segment_id == lead.id)).all()
        assert comments == ["keep me"]
