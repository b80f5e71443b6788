"""The apertium engine as a translator meets it: Debian's real apertium-bel-rus binaries."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tmgr.config import Settings
from tmgr.errors import MTError
from tmgr.mt import Context, Draft, create_engine
from tmgr.mt.apertium import DEFAULT_MODES, Apertium, fix_belarusian, mode_pipeline

RUSSIAN = ["Правительство объявило о новых ограничениях для независимых СМИ.",
           "Тихановская призвала Евросоюз усилить санкции.",
           "Встреча прошла 5 мая в Минске.",
           "Экономика выросла на 3,9 процента в 2024 году."]


def _engine(**options: object) -> Apertium:
    settings = Settings(Path("."), "sqlite://", extra={"mt": {"apertium": options}})
    engine = create_engine("apertium", settings)
    assert isinstance(engine, Apertium)
    return engine


def test_the_stock_mode_prints_nothing_which_is_why_tmgr_builds_its_own() -> None:
    stock = subprocess.run(["apertium", "rus-bel"], input=RUSSIAN[0], text=True,
                           capture_output=True, timeout=60)
    steps = mode_pipeline(DEFAULT_MODES / "rus-bel.mode")
    names = [Path(argv[0]).name for argv in steps]
    assert "apertium-tagger" not in names
    cg = steps[names.index("cg-proc")]
    assert cg[:5] == ["cg-proc", "-z", "-w", "-1", "-n"]
    assert all(argv[1] == "-z" for argv in steps)
    ours = _engine().translate(RUSSIAN[0], "ru", "be")
    assert ours.startswith("Урад") and ours.endswith("СМІ.")
    assert stock.stdout.strip() == "" or stock.stdout.strip() != ours  # documents the bug


def test_a_batch_is_one_process_and_gives_what_single_texts_give() -> None:
    engine = _engine()
    batch = engine.translate_many(RUSSIAN, "ru", "be")
    assert batch == [engine.translate(text, "ru", "be") for text in RUSSIAN]
    assert all(isinstance(result, str) and result for result in batch)


def test_unknown_words_lose_their_marks_and_are_reported() -> None:
    result = _engine().translate(RUSSIAN[0], "ru", "be")
    assert isinstance(result, Draft)
    assert "*" not in result and "#" not in result and "@" not in result
    assert result.unknown == ("объявило",) and "объявило" in result


def test_glossary_terms_replace_what_apertium_does_not_know_inflected_too() -> None:
    context = Context(glossary=(("Тихановская", "Ціханоўская"),))
    engine = _engine()
    nominative = engine.translate(RUSSIAN[1], "ru", "be", context)
    assert nominative.startswith("Ціханоўская ") and "Тихановская" not in nominative.unknown
    genitive = engine.translate("Сторонники Тихановской вышли на улицы.", "ru", "be", context)
    assert "Ціханоўскай" in genitive and "Тихановской" not in genitive


def test_numbers_markup_and_spelling_after_it() -> None:
    result = _engine().translate("Встреча прошла <i>5 мая</i> в 2024 году, 3,9 %.", "ru", "be")
    assert "<i>5 мая</i>" in result and "2024" in result and "3,9 %" in result
    plain = _engine().translate("Встреча прошла 5 мая в 2024 году.", "ru", "be")
    assert "мая ў 2024" in plain  # у after a vowel is ў, which Apertium misses
    assert fix_belarusian("з ўрадам і у Мінску") == "з урадам і ў Мінску"
    assert fix_belarusian("Ўрад сказаў") == "Урад сказаў"
    kept = fix_belarusian("гатовая участвовать", keep=["участвовать"])
    assert kept == "гатовая участвовать", "an unknown Russian word stays as it was"


def test_reverse_direction_and_pairs_it_lacks() -> None:
    engine = _engine()
    assert engine.translate("Лукашэнка сустрэўся з паслом.", "be", "ru").startswith("Лукашэнка")
    assert engine.supports("ru", "be") and engine.supports("be", "ru")
    assert engine.supports("en", "be") is False
    with pytest.raises(MTError) as info:
        engine.translate("Hello.", "en", "be")
    assert info.value.reason == "unsupported-language"


def test_a_broken_installation_is_one_clear_error_per_text(tmp_path: Path) -> None:
    (tmp_path / "rus-bel.mode").write_text("lt-proc -w '/nonexistent/rus-bel.automorf.bin'\n",
                                           encoding="utf-8")
    results = _engine(modes=str(tmp_path)).translate_many(RUSSIAN[:2], "ru", "be")
    assert all(isinstance(r, MTError) and r.reason == "bad-answer" for r in results)
    assert "apertium failed" in str(results[0])
    missing = _engine(modes=str(tmp_path / "none"))
    assert missing.configured is False
    with pytest.raises(MTError) as info:
        missing.translate(RUSSIAN[0], "ru", "be")
    assert info.value.reason == "not-configured" and "apertium-bel-rus" in str(info.value)
