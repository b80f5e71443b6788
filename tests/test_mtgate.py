"""The publication gate on unedited machine translation: shares, thresholds, the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Tmgr
from tests.exchange import SLUG, approve_sample
from tmgr.errors import ConfigError, UneditedMT
from tmgr.services.documents import get_document
from tmgr.services.mtgate import Share, check_gate, parse_thresholds, unedited_shares
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
    done = tmgr("export", SLUG, "--out", str(out), "--format", "html", "--confirm-unedited")
    assert "published as confirmed" in done.output
    assert (out / "be" / f"{SLUG}.html").exists()
    tmgr("export", SLUG, "--out", str(tmp_path / "po"), "--format", "po")  # catalogs: no gate


def test_cli_export_refuses_above_the_block(tmgr: Tmgr, sample_doc: str, database: Database,
                                            tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    percent = publish_half_unedited(database)
    monkeypatch.setenv("TMGR_UNEDITED_MT_BLOCK", f"{percent - 1:g}")
    refused = tmgr("export", SLUG, "--out", str(tmp_path), "--format", "txt",
                   "--confirm-unedited", ok=False)
    assert refused.exit_code == 1 and "too much unedited machine translation" in refused.output
    assert not (tmp_path / "be").exists()
