"""One-click fixes: only the certain cases change, everything else is left for a person."""

from __future__ import annotations

import pytest

from tmgr.quality.fixes import (
    available_fixes,
    fix_double_spaces,
    fix_foreign_letters,
    fix_lookalikes,
    fix_quotes,
    fix_scripts,
)


@pytest.mark.parametrize(("lang", "text", "fixed"), [
    ("be", "Мiнск", "Мінск"),  # Latin i in Belarusian is і
    ("be", "Лукашэнка i Пуцін", "Лукашэнка і Пуцін"),  # the lone Latin «i» conjunction
    ("ru", "Мoсква", "Москва"),  # Latin o
    ("ru", "Кpемль и НAТО", "Кремль и НАТО"),
    ("be", "«Bеlarus Business Harbor»", "«Belarus Business Harbor»"),  # the English name
])
def test_lookalikes_are_made_one_script(lang: str, text: str, fixed: str) -> None:
    source = "Belarus Business Harbor in Minsk, Moscow, the Kremlin and NATO"
    assert fix_lookalikes(source, text, lang) == fixed
    assert fix_scripts(source, text, lang) == (fixed, [])


@pytest.mark.parametrize(("lang", "text"), [
    ("ru", "Мiнск"),  # Russian has no і: и or ы? not certain
    ("be", "Мінsk"),  # s and k have no Cyrillic twin
    ("be", "Вeлaрусь Wоrld"),  # a Latin word not in the English
])
def test_uncertain_mixed_words_are_left_and_named(lang: str, text: str) -> None:
    fixed, left = fix_scripts("Minsk", text, lang)
    assert left, "a mixed word no fix is sure of is reported"
    one_click = fix_lookalikes("Minsk", text, lang)
    assert one_click is None or all(word in one_click for word in left), "left as it was"


def test_one_uncertain_word_does_not_hold_back_the_certain_ones() -> None:
    assert fix_lookalikes("Minsk", "Вeлaрусь Wоrld і Мiнск", "be") == "Веларусь Wоrld і Мінск"


def test_quotes_become_guillemets_with_nested_low_quotes() -> None:
    assert fix_quotes("", 'Ён назваў гэта "поспехам "на фронце"".', "be") == \
        "Ён назваў гэта «поспехам „на фронце“»."
    assert fix_quotes("", "Ён сказаў “так”.", "ru") == "Ён сказаў «так»."
    assert fix_quotes("", 'Адна " двукоссе.', "be") is None  # unpaired: not certain
    assert fix_quotes("", "«Ужо правільна».", "be") is None


def test_double_spaces_inside_text_only() -> None:
    assert fix_double_spaces("", "Мінск  заклікае   пачаць.", "be") == "Мінск заклікае пачаць."
    assert fix_double_spaces("", "Мінск заклікае.", "be") is None


@pytest.mark.parametrize(("lang", "text", "fixed"), [
    ("be", "Мы едзем у Минск", "Мы едзем у Мінск"),
    ("be", "дипломаты ў Минск", "дипломаты ў Мінск"),  # per word: «ди» is «дзі» or «ды»
    ("ru", "Мінск", "Минск"),
])
def test_other_language_letters_with_one_counterpart(lang: str, text: str, fixed: str) -> None:
    assert fix_foreign_letters("", text, lang) == fixed


def test_other_language_letters_that_are_ambiguous_stay() -> None:
    assert fix_foreign_letters("", "дипломаты", "be") is None  # ди → дзі, not і
    assert fix_foreign_letters("", "жизнь", "be") is None  # жи → жы
    assert fix_foreign_letters("", "воўк", "ru") is None  # ў: в, л or у
    assert fix_foreign_letters("Ukrainian Ї", "Ї", "be") is None


def test_a_fix_never_makes_a_word_the_lexicons_do_not_know() -> None:
    # и → і would give the hybrid «сігналізірует», щ → шч «ешчё», ъ → ’ «об’ём»
    assert fix_foreign_letters("", "гэта сигнализирует пра крызіс", "be") is None
    assert fix_foreign_letters("", "ещё", "be") is None
    assert fix_foreign_letters("", "объём", "be") is None
    assert fix_foreign_letters("", "сигнализирует і Минск", "be") == "сигнализирует і Мінск"


def test_available_fixes_only_for_the_checks_asked() -> None:
    text = "Мiнск  заклікае."
    assert available_fixes("Minsk calls.", text, "be", ["mixed-script"]) == {
        "mixed-script": "Мінск  заклікае."}
    assert set(available_fixes("Minsk calls.", text, "be",
                               ["mixed-script", "double-space", "numbers"])) == {
        "mixed-script", "double-space"}
