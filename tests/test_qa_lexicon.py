"""The precomputed lexicon answers exactly as Hunspell does, and the CLDR tables
the checks keep are Babel's."""

from __future__ import annotations

from pathlib import Path

import pytest

from tmgr.qa import cldr, lexicon, morphology
from tmgr.qa.spelling import typo_variants

# Commentary-like sentences (written for these tests): every word, and every typo
# one letter away from it, must get Hunspell's verdict and stems.
SENTENCES = {
    "be": "Улады Беларусі заявілі, што перамовы з Літвой пра мяжу аднавяцца ў траўні; "
          "эканамісты чакаюць, што цэны на бензін вырастуць, а Мінск зноў папросіць крэдыт.",
    "ru": "Власти Беларуси заявили, что переговоры с Литвой о границе возобновятся в мае; "
          "экономисты ожидают, что цены на бензин вырастут, а Минск снова попросит кредит.",
    "en": "the government said that talks with neighbours would resume and prices would rise",
}


def _words(lang: str) -> list[str]:
    words = morphology.WORDS.findall(SENTENCES[lang])
    variants = [v for w in words for v in typo_variants(w, lang) if v][::3]
    return list(dict.fromkeys([*words, *(w.upper() for w in words[:5]), *variants]))


@pytest.mark.parametrize("lang", ["be", "ru", "en"])
def test_the_lexicon_accepts_and_stems_words_as_hunspell_does(lang: str) -> None:
    hunspell = morphology.speller(lang)
    if hunspell is None or morphology.lexicon(lang) is None:
        pytest.skip(f"no Hunspell dictionary for {lang}")
    words = _words(lang)
    assert len(words) > 60
    for word in words:
        expected = hunspell.spell(word)
        stems = morphology.dictionary_stems(word, lang)
        assert (stems is not None) == expected, word
        if expected:
            assert {s.lower() for s in stems} == {s.lower() for s in hunspell.stems(word)}, word


AFF = """SET UTF-8
PFX N Y 1
PFX N 0 не .
SFX A Y 3
SFX A а ы а
SFX A а у а
SFX A 0 ы [^а]
SFX B N 1
SFX B ць ю ць
"""
DIC = """4
хата/AN
стол/A
рабіць/B
горад
"""


def _dictionary(folder: Path) -> tuple[Path, Path]:
    dic, aff = folder / "xx_XX.dic", folder / "xx_XX.aff"
    dic.write_text(DIC, encoding="utf-8")
    aff.write_text(AFF, encoding="utf-8")
    return dic, aff


def test_affixes_and_their_cross_product_agree_with_hunspell(tmp_path: Path) -> None:
    dic, aff = _dictionary(tmp_path)
    lexicon.build(dic, aff, tmp_path / "index.sqlite3")
    index = lexicon.Lexicon(tmp_path / "index.sqlite3")
    candidates = ["хата", "хаты", "хату", "нехата", "нехаты", "нехату", "стол", "столы",
                  "нестол", "рабіць", "рабю", "нерабю", "горад", "горада", "хатаы", "стала"]
    found = index.lookup(candidates)
    hunspell = pytest.importorskip("hunspell").HunSpell(str(dic), str(aff))
    assert set(found) == {w for w in candidates if hunspell.spell(w)}
    assert found["нехату"] == ("хата",)


def test_a_changed_dictionary_is_indexed_again(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TMGR_LEXICON_CACHE", str(tmp_path / "cache"))
    dic, aff = _dictionary(tmp_path)
    first = lexicon.open_lexicon(dic, aff)
    assert first is not None and "сталы" not in first.lookup(["сталы"])
    dic.write_text(DIC.replace("4\n", "5\n") + "сталы\n", encoding="utf-8")
    second = lexicon.open_lexicon(dic, aff)
    assert second is not None and "сталы" in second.lookup(["сталы"])


def test_no_writable_cache_means_hunspell_answers(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("TMGR_LEXICON_CACHE", str(blocker / "cache"))
    dic, aff = _dictionary(tmp_path)
    assert lexicon.open_lexicon(dic, aff) is None


def test_the_kept_cldr_names_are_babels() -> None:
    kept = cldr._tables()
    assert kept == cldr.from_babel(), "run `python -m tmgr.qa.cldr` after upgrading Babel"
    assert "5" in kept["be"]["months"] and kept["ru"]["territories"]["ES"] == "Испания"
