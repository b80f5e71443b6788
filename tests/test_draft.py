"""`tmgr draft`, `tmgr engines` and `tmgr doc set` as a user runs them, on both databases.

The engine is the real deep-translator Google client talking to tests/mtserver.py.
"""

from __future__ import annotations

import json
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.conftest import SAMPLE, Tmgr
from tests.mtserver import MTServer, fake_translation, running
from tmgr.documents.ingest import get_document
from tmgr.review.translations import change_translation
from tmgr.store.db import Database
from tmgr.store.models import MTCacheEntry, Revision, Segment, State, Translation

CONFIG = """
[mt]
attempts = 2
backoff = 0.01
backoff_max = 0.02
timeout = 0.5
breaker_threshold = 5

[mt.google]
rate = 1000
"""
SMALL = """November 11 – 17, 2024
Economy

Minsk Signs a Trade Deal

The situation has not changed

The deal was published at https://example.org/deal.html yesterday. Questions go to \
press@example.by, the ministry said. Minsk signed the deal.

Minsk signed the deal. Exports grew by 5% in October.
"""


@pytest.fixture
def server(env: dict[str, str], tmp_path: Path,
           monkeypatch: pytest.MonkeyPatch) -> Iterator[MTServer]:
    config = tmp_path / "tmgr.toml"
    config.write_text(CONFIG, encoding="utf-8")
    monkeypatch.setenv("TMGR_CONFIG", str(config))
    with running() as srv:
        monkeypatch.setenv("TMGR_GOOGLE_URL", srv.url("google"))
        yield srv


@pytest.fixture
def small_doc(tmgr: Tmgr, tmp_path: Path) -> str:
    path = tmp_path / "2024-11-11-small.txt"
    path.write_text(SMALL, encoding="utf-8")
    tmgr("ingest", str(path))
    return path.stem


def _show(tmgr: Tmgr, slug: str) -> list[dict]:
    doc = json.loads(tmgr("show", slug, "--json").stdout)
    return [segment for block in doc["blocks"] for segment in block["segments"]]


def _translations(tmgr: Tmgr, slug: str, lang: str) -> list[dict]:
    return [segment["translations"][lang] for segment in _show(tmgr, slug)]


def _draft(tmgr: Tmgr, *args: str, ok: bool = True) -> dict:
    return json.loads(tmgr("draft", *args, "--json", ok=ok).stdout)


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_draft_fills_every_segment_with_a_revision(tmgr: Tmgr, server: MTServer,
                                                   sample_doc: str, database: Database) -> None:
    result = tmgr("draft", "--lang", "ru")
    segments = _show(tmgr, sample_doc)
    assert f"drafted {len(segments)}:" in result.stdout
    for segment in segments:
        ru, be = segment["translations"]["ru"], segment["translations"]["be"]
        assert ru["state"] == "draft" and ru["origin"] == "mt:google"
        assert ru["text"] == fake_translation(segment["source"], "ru")
        assert be["state"] == "untranslated"
    assert sorted(server.texts()) == sorted({s["source"] for s in segments})
    with database.transaction() as session:
        assert session.scalar(select(func.count()).select_from(Revision)) == len(segments)


def test_nothing_is_sent_twice_across_runs_and_documents(
        tmgr: Tmgr, server: MTServer, sample_doc: str, tmp_path: Path) -> None:
    # counted requests: on a loaded machine a 0.5 s timeout would retry (and re-send)
    config = tmp_path / "tmgr.toml"
    config.write_text(CONFIG.replace("timeout = 0.5", "timeout = 5"), encoding="utf-8")
    first = _draft(tmgr)
    distinct = len({s["source"] for s in _show(tmgr, sample_doc)})
    assert first["from_engine"] == 2 * len(_show(tmgr, sample_doc))
    assert server.requests == 2 * distinct
    server.reset_counts()
    again = _draft(tmgr)
    assert again["drafted"] == 0 and again["asked"] == 0 and server.requests == 0
    copy = tmp_path / "2024-11-04-copy.txt"
    shutil.copy(SAMPLE, copy)
    tmgr("ingest", str(copy))
    other = _draft(tmgr, copy.stem)
    assert other["from_cache"] == first["from_engine"] and other["from_engine"] == 0
    assert server.requests == 0
    assert [t["text"] for t in _translations(tmgr, copy.stem, "be")] == \
        [t["text"] for t in _translations(tmgr, sample_doc, "be")]


def test_duplicates_within_a_run_go_once(tmgr: Tmgr, server: MTServer, small_doc: str,
                                         tmp_path: Path) -> None:
    copy = tmp_path / "2024-11-18-small-again.txt"
    copy.write_text(SMALL, encoding="utf-8")
    tmgr("ingest", str(copy))
    report = _draft(tmgr, "--lang", "ru")
    assert report["from_engine"] == 12  # 6 segments in each document
    assert sorted(server.texts()) == sorted(set(server.texts()))
    assert len(server.texts()) == 5  # "Minsk signed the deal." is there twice per document


def test_translation_memory_comes_first(tmgr: Tmgr, server: MTServer, small_doc: str,
                                       database: Database, tmp_path: Path) -> None:
    with database.transaction() as session:
        segment = get_document(session, small_doc).segments[3]
        assert segment.source == "Minsk signed the deal."
        change_translation(session, segment.translation("ru"), text="Минск подписал сделку.",
                           state=State.APPROVED, origin="human")
    copy = tmp_path / "2024-11-18-small-again.txt"
    copy.write_text(SMALL, encoding="utf-8")
    tmgr("ingest", str(copy))
    report = _draft(tmgr, copy.stem, "--lang", "ru")
    assert report["from_tm"] == 2
    assert "Minsk signed the deal." not in server.texts()
    ru = [(s["source"], s["translations"]["ru"]) for s in _show(tmgr, copy.stem)]
    tm = [t for source, t in ru if source == "Minsk signed the deal."]
    assert [(t["text"], t["origin"], t["state"]) for t in tm] == \
        [("Минск подписал сделку.", "tm", "draft")] * 2


def test_human_work_is_never_touched(tmgr: Tmgr, server: MTServer, sample_doc: str,
                                     database: Database) -> None:
    states = [State.NEEDS_EDITING, State.TRANSLATED, State.APPROVED]
    with database.transaction() as session:
        segments = get_document(session, sample_doc).segments
        for segment, state in zip(segments, states, strict=False):
            change_translation(session, segment.translation("be"), text=f"чалавек {state.value}",
                               state=state, origin="human")
    before = _translations(tmgr, sample_doc, "be")[:3]
    report = _draft(tmgr, "--lang", "be")
    assert _translations(tmgr, sample_doc, "be")[:3] == before
    assert report["skipped"] == {"human work": 3}
    assert report["from_engine"] == len(_show(tmgr, sample_doc)) - 3


def test_failures_are_stored_per_segment_and_a_rerun_fills_them(
        tmgr: Tmgr, server: MTServer, small_doc: str) -> None:
    server.script.extend(["garbage"])  # the first text gets an unusable answer
    result = tmgr("draft", "--lang", "ru", ok=False)
    assert result.exit_code == 1
    failed = [t for t in _translations(tmgr, small_doc, "ru") if t["mt_error"]]
    assert len(failed) >= 1
    assert failed[0]["mt_error"] == \
        "bad-answer: google gave an answer tmgr cannot read (TranslationNotFound)"
    assert failed[0]["state"] == "untranslated"
    status = json.loads(tmgr("status", "--json", "--lang", "ru").stdout)[0]
    assert status["mt_failed"] == len(failed)
    assert "MT failed: bad-answer" in tmgr("show", small_doc).stdout
    assert result.stderr.strip().splitlines()[-1].startswith("error: google gave an answer")

    server.reset_counts()
    rerun = _draft(tmgr, "--lang", "ru")
    assert rerun["from_engine"] == len(failed) and rerun["failed"] == {}
    assert server.requests == 1
    assert all(t["state"] == "draft" and t["mt_error"] is None
               for t in _translations(tmgr, small_doc, "ru"))
    assert json.loads(tmgr("status", "--json", "--lang", "ru").stdout)[0]["mt_failed"] == 0


@pytest.mark.parametrize("outage", ["refused", "silent"])
def test_without_network_draft_ends_cleanly_and_loses_nothing(
        tmgr: Tmgr, server: MTServer, small_doc: str, database: Database,
        monkeypatch: pytest.MonkeyPatch, outage: str) -> None:
    tmgr("draft", "--lang", "ru")  # online: ru drafted
    with database.transaction() as session:
        segment = get_document(session, small_doc).segments[1]
        change_translation(session, segment.translation("be"), text="Апублікавана.",
                           state=State.TRANSLATED, origin="human")
    before = _show(tmgr, small_doc)
    silent = socket.socket()  # listens, never answers
    silent.bind(("127.0.0.1", 0))
    silent.listen(16)
    port = _closed_port() if outage == "refused" else silent.getsockname()[1]
    monkeypatch.setenv("TMGR_GOOGLE_URL", f"http://127.0.0.1:{port}/m")
    try:
        result = tmgr("draft", ok=False)
    finally:
        silent.close()
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    detail = "connection refused" if outage == "refused" else "no answer within 0.5 s"
    assert result.stderr.strip().splitlines() == [
        f"error: google unreachable ({detail}) — 5 segments not drafted; "
        "run `tmgr draft` again when online"]
    assert "failed: 5 (unavailable 5)" in result.stdout
    after = _show(tmgr, small_doc)
    for old, new in zip(before, after, strict=True):
        assert new["translations"]["ru"] == old["translations"]["ru"]
        be = new["translations"]["be"]
        if old["translations"]["be"]["state"] == "translated":
            assert be == old["translations"]["be"]
        else:
            assert be["state"] == "untranslated"
            assert be["mt_error"] == f"unavailable: google unreachable ({detail})"


def test_protected_pieces_survive_and_mangling_is_flagged(tmgr: Tmgr, server: MTServer,
                                                          small_doc: str) -> None:
    tmgr("draft", "--lang", "ru")
    ru = {s["source"]: s["translations"]["ru"] for s in _show(tmgr, small_doc)}
    published = ru["The deal was published at https://example.org/deal.html yesterday."]
    assert "https://example.org/deal.html" in published["text"]
    assert published["flags"] == []
    assert not any("example" in text for text in server.texts())

    server.mode = "mangle"
    report = _draft(tmgr, "--lang", "be")
    assert report["flagged"] == {"placeholders": 2}
    be = {s["source"]: s["translations"]["be"] for s in _show(tmgr, small_doc)}
    mangled = be["Questions go to press@example.by, the ministry said."]
    assert mangled["state"] == "draft" and "placeholders" in mangled["flags"]
    assert be["Minsk signed the deal."]["flags"] == []


def test_long_segments_are_split_and_joined(tmgr: Tmgr, server: MTServer,
                                            tmp_path: Path) -> None:
    sentence = ("Officials said that the programme, which had been delayed twice, would "
                "now cover the eastern regions; critics disagreed")
    long_paragraph = ", and ".join([sentence] * 60) + "."
    path = tmp_path / "2024-11-25-long.txt"
    path.write_text(SMALL.replace("Minsk signed the deal. Exports", long_paragraph +
                                  " Exports"), encoding="utf-8")
    tmgr("ingest", str(path))
    longest = max((s["source"] for s in _show(tmgr, path.stem)), key=len)
    assert len(longest) > 5000
    _draft(tmgr, path.stem, "--lang", "ru")
    pieces = [t for t in server.texts() if t in longest]
    assert len(pieces) >= 2 and all(len(p) < 5000 for p in pieces)
    ru = {s["source"]: s["translations"]["ru"] for s in _show(tmgr, path.stem)}
    assert ru[longest]["text"] == " ".join(fake_translation(p, "ru") for p in pieces)


def test_no_external_mt_keeps_the_text_on_this_machine(tmgr: Tmgr, server: MTServer,
                                                       small_doc: str) -> None:
    assert "external MT: not allowed" not in tmgr("show", small_doc).stdout
    tmgr("doc", "set", small_doc, "--no-external-mt")
    assert "external MT: not allowed" in tmgr("show", small_doc).stdout
    assert json.loads(tmgr("show", small_doc, "--json").stdout)["no_external_mt"] is True
    report = _draft(tmgr)
    assert report["drafted"] == 0 and report["skipped"] == {"document marked no external MT": 12}
    assert server.requests == 0
    refused = tmgr("draft", "--engine", "offline", "--lang", "be", ok=False)
    assert refused.exit_code == 1 and "only transliterates" in refused.stderr
    assert {t["state"] for t in _translations(tmgr, small_doc, "be")} == {"untranslated"}
    tmgr("doc", "set", small_doc, "--external-mt")
    assert _draft(tmgr)["from_engine"] == 12 and server.requests == 10
    result = tmgr("doc", "set", small_doc, ok=False)
    assert result.exit_code == 2 and "--no-external-mt" in result.output


def _approve(database: Database, slug: str, lang: str, texts: dict[int, str],
             state: State = State.APPROVED) -> None:
    with database.transaction() as session:
        segments = get_document(session, slug).segments
        for index, text in texts.items():
            change_translation(session, segments[index].translation(lang), text=text,
                               state=state, origin="human")


def test_pivot_drafts_from_approved_russian_and_follows_its_changes(
        tmgr: Tmgr, server: MTServer, small_doc: str, database: Database) -> None:
    _approve(database, small_doc, "ru", {0: "Минск подписал торговую сделку",
                                         1: "Сделка опубликована вчера."})
    report = _draft(tmgr, "--lang", "be", "--pivot", "ru", "--engine", "google")
    assert report["from_engine"] == 2
    assert report["skipped"] == {"waiting for an approved pivot text": 4}
    be = _translations(tmgr, small_doc, "be")
    assert be[0]["text"] == fake_translation("Минск подписал торговую сделку", "be")
    assert be[0]["origin"] == "mt:google via ru"
    assert [s["source"] for s in _show(tmgr, small_doc)][0] == "Minsk Signs a Trade Deal"
    assert sorted(server.texts()) == ["Минск подписал торговую сделку",
                                      "Сделка опубликована вчера."]

    # a translator takes over the second BE draft; then both RU texts change
    _approve(database, small_doc, "be", {1: "Пагадненне апублікавана ўчора."},
             state=State.TRANSLATED)
    _approve(database, small_doc, "ru", {0: "Минск подписал сделку о торговле",
                                         1: "Сделку опубликовали вчера."})
    server.reset_counts()
    report = _draft(tmgr, "--lang", "be")  # no --pivot needed to notice
    assert report["flagged"] == {"pivot-source-changed": 1}
    assert report["from_engine"] == 5  # the stale draft, and the rest from English
    be = _translations(tmgr, small_doc, "be")
    assert be[0]["text"] == fake_translation("Минск подписал сделку о торговле", "be")
    assert be[1]["text"] == "Пагадненне апублікавана ўчора."
    assert be[1]["state"] == "translated" and "pivot-source-changed" in be[1]["flags"]
    assert "Минск подписал сделку о торговле" in server.texts()
    assert "Сделку опубликовали вчера." not in server.texts()
    assert _draft(tmgr, "--lang", "be")["flagged"] == {}, "flagged once per change"


def test_apertium_drafts_belarusian_from_russian_on_a_document_kept_here(
        tmgr: Tmgr, server: MTServer, small_doc: str, database: Database) -> None:
    tmgr("doc", "set", small_doc, "--no-external-mt")
    tmgr("glossary", "import")
    _approve(database, small_doc, "ru", {0: "Минск подписал торговую сделку",
                                         1: "Сделку опубликовали вчера, сообщила Тихановская."})
    report = _draft(tmgr, "--lang", "be", "--pivot", "ru")  # apertium: the pivot's default
    assert report["engine"] == "apertium"
    assert report["from_engine"] == 2 and server.requests == 0
    assert report["flagged"] == {"unknown-words": 1}
    be = _translations(tmgr, small_doc, "be")
    assert be[0]["origin"] == "mt:apertium via ru" and be[0]["state"] == "draft"
    assert be[0]["text"].startswith("Мінск падпісаў") and be[0]["unknown_words"] == []
    assert "Ціханоўская" in be[1]["text"] and "ўчора" in be[1]["text"]
    assert not any(mark in t["text"] for t in be[:2] for mark in "*#@")
    assert be[1]["unknown_words"] == ["сообщила"] and "unknown-words" in be[1]["flags"]
    assert all(t["state"] == "untranslated" for t in be[2:])
    again = _draft(tmgr, "--lang", "be", "--pivot", "ru", "--engine", "apertium")
    assert again["from_engine"] == 0 and again["from_cache"] == 0


def test_direct_drafts_move_up_to_the_pivot_but_memory_drafts_stay(
        tmgr: Tmgr, server: MTServer, small_doc: str, database: Database) -> None:
    _approve(database, small_doc, "be", {3: "Мінск падпісаў пагадненне."})
    report = _draft(tmgr, "--lang", "be")
    assert report["from_tm"] == 1 and report["from_engine"] == 4
    _approve(database, small_doc, "ru", {0: "Минск подписал торговую сделку",
                                         4: "Минск подписал сделку."})
    report = _draft(tmgr, "--lang", "be", "--pivot", "ru", "--engine", "google")
    assert report["from_engine"] == 1
    be = _translations(tmgr, small_doc, "be")
    assert be[0]["origin"] == "mt:google via ru"
    assert be[0]["text"] == fake_translation("Минск подписал торговую сделку", "be")
    assert (be[4]["origin"], be[4]["text"]) == ("tm", "Мінск падпісаў пагадненне.")


def test_engine_choice_errors_are_one_clear_line(tmgr: Tmgr, server: MTServer,
                                                 small_doc: str,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    result = tmgr("draft", "--engine", "deepl", ok=False)
    assert result.exit_code == 1
    assert result.stderr == "error: deepl is not configured (set TMGR_DEEPL_API_KEY " \
                            "(see `tmgr engines`))\n"
    monkeypatch.setenv("TMGR_DEEPL_API_KEY", "dl-secret-key:fx")
    result = tmgr("draft", "--engine", "deepl", ok=False)
    assert result.stderr.startswith("error: deepl cannot translate en→be")
    result = tmgr("draft", "--engine", "nonsense", ok=False)
    assert "unknown engine 'nonsense'" in result.stderr
    result = tmgr("draft", "--lang", "be", "--pivot", "uk", ok=False)
    assert "--pivot uk: not a configured language" in result.stderr
    assert server.requests == 0
    assert all(t["state"] == "untranslated" for t in _translations(tmgr, small_doc, "ru"))


def test_engines_lists_configuration_and_support_without_keys(
        tmgr: Tmgr, monkeypatch: pytest.MonkeyPatch) -> None:
    secret = "yx-Very-Secret-Key-123"
    monkeypatch.setenv("TMGR_YANDEX_API_KEY", secret)
    monkeypatch.setenv("TMGR_LIBRE_URL", "http://user:pw@127.0.0.1:5000/?token=abc")
    rows = {row["name"]: row for row in json.loads(tmgr("engines", "--json").stdout)}
    assert list(rows) == ["google", "mymemory", "deepl", "libre", "yandex", "microsoft",
                          "apertium", "llm", "offline"]
    assert rows["apertium"]["configured"] and rows["apertium"]["external"] is False
    assert rows["apertium"]["supports"] == {"en→be": False, "en→ru": False, "ru→be": True,
                                            "be→ru": True}
    assert rows["llm"]["configured"] is False and rows["llm"]["missing"] == "TMGR_LLM_URL"
    assert rows["google"]["default"] and rows["google"]["configured"]
    assert rows["google"]["supports"] == {"en→be": True, "en→ru": True, "ru→be": True,
                                          "be→ru": True}
    assert rows["deepl"]["supports"] == {"en→be": False, "en→ru": True, "ru→be": False,
                                         "be→ru": False}
    assert rows["deepl"]["configured"] is False
    assert rows["deepl"]["missing"] == "TMGR_DEEPL_API_KEY"
    assert rows["yandex"]["configured"] and rows["yandex"]["api_key"] == "set"
    assert rows["libre"]["url"] == "http://127.0.0.1:5000/"
    assert rows["offline"]["external"] is False
    table = tmgr("engines").stdout
    assert "en→be" in table and "be→ru" in table and "set TMGR_DEEPL_API_KEY" in table
    for output in (table, json.dumps(rows)):
        assert secret not in output and "pw" not in output and "abc" not in output


def test_the_cache_keeps_one_row_per_text_and_language(tmgr: Tmgr, server: MTServer, small_doc: str,
                                 database: Database) -> None:
    tmgr("draft")
    with database.transaction() as session:
        rows = session.scalars(select(MTCacheEntry)).all()
        drafted = session.scalar(select(func.count()).select_from(Translation)
                                 .join(Segment).where(Translation.state == State.DRAFT))
    assert len(rows) == 10  # 5 distinct sentences × 2 languages
    assert {(r.engine, r.source_lang) for r in rows} == {("google", "en")}
    assert drafted == 12
