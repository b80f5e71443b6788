"""The publication gate on unedited machine translation: shares, thresholds, the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.conftest import Tmgr
from tests.exchange import SLUG, approve_sample
from tmgr.documents.ingest import get_document
from tmgr.errors import ConfigError, TmgrError, UneditedMT
from tmgr.exchange.gate import (
    Share,
    check_gate,
    confirm,
    confirmations,
    gate_export,
    parse_thresholds,
    unedited_shares,
)
from tmgr.people.users import create_user, get_user
from tmgr.store.db import Database
from tmgr.store.models import PostEdit


def publish_half_unedited(database: Database, lang: str = "be") -> float:
    """Every segment approved; the first half exactly as MT drafted them, the rest a
    draft the reviewer changed. Returns the unedited share in %."""
    approve_sample(database)
    with database.transaction() as session:
        segments = get_document(session, SLUG).segments
        half = len(segments) // 2
        for index, segment in enumerate(segments):
            translation = segment.translation(lang)
            draft = translation.text if index < half else translation.text + " (чарнавік)"
            session.add(PostEdit(translation_id=translation.id, draft_text=draft,
                                 draft_origin="mt:google", touched=True))
        unedited = sum(s.words for s in segments[:half])
        return round(100.0 * unedited / sum(s.words for s in segments), 1)


def test_thresholds_are_one_number_or_per_language() -> None:
    assert parse_thresholds("50", "W") == {"*": 50.0}
    assert parse_thresholds("be=40, ru=50", "W") == {"be": 40.0, "ru": 50.0}
    assert parse_thresholds(None, "W") == {}
    with pytest.raises(ConfigError, match="'lots' is not a percentage"):
        parse_thresholds("be=lots", "TMGR_UNEDITED_MT_WARN")


def test_shares_count_approved_words_published_as_drafted(sample_doc: str,
                                                          database: Database) -> None:
    percent = publish_half_unedited(database)
    with database.transaction() as session:
        shares = {s.lang: s for s in unedited_shares(session, [SLUG], ["be", "ru"])}
    assert shares["be"].percent == percent and 0 < percent < 100
    assert shares["ru"].percent == 0.0 and shares["ru"].words == shares["be"].words


def test_gate_warns_asks_and_blocks() -> None:
    share = Share(SLUG, "be", 100, 60)
    assert check_gate([share], confirmed=False, limits=({"ru": 10}, {})) == []
    with pytest.raises(UneditedMT, match="60% of 100 words, over 50%") as asked:
        check_gate([share], confirmed=False, limits=({"be": 50}, {}))
    assert not asked.value.blocked
    assert check_gate([share], confirmed=True, limits=({"be": 50}, {})) == [share]
    with pytest.raises(UneditedMT) as blocked:
        check_gate([share], confirmed=True, limits=({"*": 50}, {"*": 55}))
    assert blocked.value.blocked


def test_cli_export_asks_for_confirmation_then_records_it(
        tmgr: Tmgr, sample_doc: str, database: Database, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    percent = publish_half_unedited(database)
    monkeypatch.setenv("TMGR_UNEDITED_MT_WARN", f"be={percent - 1:g},ru=90")
    out = tmp_path / "out"
    refused = tmgr("export", SLUG, "--out", str(out), "--format", "html", ok=False)
    assert refused.exit_code == 1
    assert f"{percent:g}% of" in refused.output and "--confirm-unedited" in refused.output
    assert not out.exists()
    add_people(database)
    done = tmgr("export", SLUG, "--out", str(out), "--format", "html", "--confirm-unedited",
                "--as", "ed")
    assert "published as confirmed by ed" in done.output
    assert (out / "be" / f"{SLUG}.html").exists()
    tmgr("export", SLUG, "--out", str(tmp_path / "po"), "--format", "po")  # catalogs: no gate


def add_people(database: Database) -> None:
    """An editor ``ed`` and a publisher ``pub``."""
    with database.transaction() as session:
        for name, role in (("ed", "editor"), ("pub", "publisher")):
            create_user(session, name, role=role, languages=[], password=f"pw-{name}-long-1",
                        configured=("be", "ru"))


def test_cli_confirmation_needs_an_editor_and_goes_into_the_history(
        tmgr: Tmgr, sample_doc: str, database: Database, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    percent = publish_half_unedited(database)
    add_people(database)
    monkeypatch.setenv("TMGR_UNEDITED_MT_WARN", f"be={percent - 1:g}")
    monkeypatch.setenv("TMGR_UNEDITED_MT_BLOCK", "95")
    out = tmp_path / "out"
    export = ("export", SLUG, "--out", str(out), "--format", "html", "--lang", "be")
    nobody = tmgr(*export, "--confirm-unedited", ok=False)
    assert nobody.exit_code == 1 and "say who confirms" in nobody.output
    assert "--as USER" in nobody.output
    publisher = tmgr(*export, "--confirm-unedited", "--as", "pub", ok=False)
    assert "publishers may not confirm unedited machine translation alone" in publisher.output
    assert not out.exists()
    with database.transaction() as session:  # refused: nothing recorded
        assert confirmations(session, get_document(session, SLUG)) == []
    tmgr(*export, "--confirm-unedited", "--as", "ed")
    again = tmgr(*export)  # the editor's confirmation stands while the share does not grow
    assert "published as confirmed by ed" in again.output
    history = tmgr("show", SLUG, "--history").output
    assert (f"be: unedited machine translation confirmed by ed at {percent:g}% of "
            in history) and f"(warning {percent - 1:g}%, block 95%; cli)" in history
    data = json.loads(tmgr("show", SLUG, "--history", "--json").output)
    (row,) = data["unedited_confirmations"]
    assert (row["confirmed_by"], row["lang"], row["percent"], row["warn_percent"],
            row["block_percent"]) == ("ed", "be", percent, percent - 1, 95.0)
    assert row["confirmed_at"]


def test_a_confirmation_stops_holding_when_more_goes_out_unedited(
        sample_doc: str, database: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    percent = publish_half_unedited(database)
    add_people(database)
    monkeypatch.setenv("TMGR_UNEDITED_MT_WARN", f"{percent - 1:g}")
    with database.transaction() as session:
        editor = get_user(session, "ed")
        confirm(session, editor, SLUG, "be")
        assert gate_export(session, [SLUG], ["be"], confirm_now=False, by=None, via="cli")
        record = session.scalars(select(PostEdit).where(PostEdit.draft_origin == "mt:google")
                                 .order_by(PostEdit.id.desc())).first()
        assert record is not None
        record.draft_text = record.translation.text  # one more segment went out as drafted
    with database.transaction() as session, pytest.raises(UneditedMT, match="unedited"):
        gate_export(session, [SLUG], ["be"], confirm_now=False, by=None, via="cli")
    with database.transaction() as session, pytest.raises(TmgrError, match="nothing to"):
        confirm(session, get_user(session, "ed"), SLUG, "ru")  # 0 %: nothing to confirm


def test_cli_export_refuses_above_the_block(tmgr: Tmgr, sample_doc: str, database: Database,
                                            tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    percent = publish_half_unedited(database)
    monkeypatch.setenv("TMGR_UNEDITED_MT_BLOCK", f"{percent - 1:g}")
    refused = tmgr("export", SLUG, "--out", str(tmp_path), "--format", "txt",
                   "--confirm-unedited", ok=False)
    assert refused.exit_code == 1 and "too much unedited machine translation" in refused.output
    assert not (tmp_path / "be").exists()
