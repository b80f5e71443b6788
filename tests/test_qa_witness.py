"""Issue 24: other-language words, negation and omission with the other translation
as a witness, names in their Belarusian and Russian forms, quoted names."""

from __future__ import annotations

import pytest

from tmgr.qa import check_translation
from tmgr.qa.bilingual import available
from tmgr.qa.spelling import with_suggestions


def _checks(source: str, target: str, lang: str, others: dict[str, str] | None = None
            ) -> dict[str, list]:
    found: dict[str, list] = {}
    for finding in check_translation(source, target, lang, other_translations=others):
        found.setdefault(finding.check, []).append(finding)
    return found


def test_russian_words_of_shared_letters_are_errors_in_belarusian() -> None:
    found = _checks("The regime claims that the sanctions allegedly do not work.",
                    "Рэжым, утверждая, што санкцыі якобы не працуюць, хлусіць.", "be")
    assert {f.key for f in found["other-language"]} == {"утверждая", "якобы"}
    assert all(f.severity == "error" for f in found["other-language"])
    assert "Russian word in Belarusian" in found["other-language"][0].message


@pytest.mark.skipif(not available("ru", "be"), reason="apertium-bel-rus is not installed")
def test_the_suggestion_is_apertiums_rendering() -> None:
    found = with_suggestions(check_translation(
        "Now Minsk is looking for new markets.", "Сейчас Мінск шукае новыя рынкі.", "be"), "be")
    assert [f.suggestions for f in found if f.check == "other-language"] == [("цяпер",)]
    back = with_suggestions(check_translation(
        "Now Minsk is looking for new markets.", "Цяпер Минск ищет новые рынки.", "ru"), "ru")
    (other,) = [f for f in back if f.check == "other-language"]
    assert other.key == "цяпер" and "сейчас" in other.suggestions


def test_a_quoted_name_of_the_other_language_is_no_error() -> None:
    assert _checks("The Kremlin's Channel One showed it.",
                   "Крамлёўскі «Первый канал» паказаў гэта.", "be",
                   {"ru": "Кремлёвский «Первый канал» показал это."}) == {}
    assert "foreign-letters" not in _checks("The newspaper Nasha Niva was banned.",
                                            "Газету «Наша Ніва» запретили.", "ru")


def test_a_dropped_negation_is_reported_on_the_side_that_lacks_it() -> None:
    source = "The authorities did not allow the observers into the polling stations."
    be = "Улады дапусцілі назіральнікаў на ўчасткі."
    ru = "Власти не допустили наблюдателей на участки."
    assert "negation" in _checks(source, be, "be", {"ru": ru})
    assert "negation" not in _checks(source, ru, "ru", {"be": be})
    good = "Улады не дапусцілі назіральнікаў на ўчасткі."
    assert "negation" not in _checks(source, good, "be", {"ru": ru})


def test_a_clause_the_witness_has_is_reported_with_its_words() -> None:
    source = ("The authorities closed the last independent bookshop in Grodno, citing fire "
              "safety rules.")
    be = "Улады зачынілі апошнюю незалежную кнігарню ў Гродне."
    ru = ("Власти закрыли последний независимый книжный магазин в Гродно, сославшись на "
          "правила пожарной безопасности.")
    found = _checks(source, be, "be", {"ru": ru})
    message = found["omission"][0].message
    assert "«пожарной»" in message and "«безопасности»" in message
    assert found["omission"][0].severity == "warning"
    assert "omission" not in _checks(source, ru, "ru", {"be": be})  # the longer side is fine


@pytest.mark.parametrize("source,be,ru", [
    ("Yevgeny Prigozhin's mercenaries moved to Belarus.",
     "Найміты Яўгена Прыгожына перабраліся ў Беларусь.",
     "Наёмники Евгения Пригожина перебрались в Беларусь."),
    ("Siarhei Tsikhanouski was released in June.", "Сяргея Ціханоўскага вызвалілі ў чэрвені.",
     "Сергея Тихановского освободили в июне."),
    ("The Russo-Belarusian union state exists mostly on paper.",
     "Расійска-беларуская саюзная дзяржава існуе пераважна на паперы.",
     "Российско-белорусское союзное государство существует в основном на бумаге."),
    ("The delegation flew to Beijing.", "Дэлегацыя паляцела ў Пекін.",
     "Делегация улетела в Пекин."),
])
def test_names_in_their_belarusian_and_russian_forms_are_accounted_for(
        source: str, be: str, ru: str) -> None:
    assert _checks(source, be, "be", {"ru": ru}) == {}
    assert _checks(source, ru, "ru", {"be": be}) == {}


def test_a_five_thousand_word_segment_and_a_third_language_do_not_break_the_checks() -> None:
    long = " ".join(["Улады зачынілі апошнюю незалежную кнігарню ў Гродне."] * 700)
    assert "other-language" not in _checks("The authorities closed it. " * 700, long, "be")
    polish = "Władze zamknęły ostatnią niezależną księgarnię w Grodnie."
    assert "other-language" not in _checks("The authorities closed it.", polish, "be")


def test_abbreviations_stay_whole_and_outer_quotes_must_be_guillemets() -> None:
    found = _checks("That is, the so-called mediators left.",
                    "Т. е. так званыя пасрэднікі сышлі, г. зн. з’ехалі.", "be")
    assert "spelling" not in found
    low = _checks("He reads Nasha Niva.", "Ён чытае „Нашу Ніву“.", "be")
    assert "„ “ as the outer quotes" in low["quote-style"][0].message
    assert "quote-style" not in _checks("He said it.", "Ён сказаў «так, „так“».", "be")


def test_an_english_sentence_inside_guillemets_is_untranslated() -> None:
    source = 'She said: "we will never give up on our country".'
    found = _checks(source, "Яна сказала: «we will never give up on our country».", "be")
    assert "untranslated-clause" in found
    assert "untranslated-clause" not in _checks("He reads The Economist.",
                                                "Ён чытае «The Economist».", "be")


@pytest.mark.parametrize("source,be,ru", [
    ("Clinton and Johnson criticised the verdict.", "Клінтан і Джонсан раскрытыкавалі прысуд.",
     "Клинтон и Джонсон раскритиковали приговор."),
    ("Secretary Baker met Tsikhanouskaya in Vilnius.",
     "Дзяржсакратар Бейкер сустрэўся з Ціханоўскай у Вільні.",
     "Госсекретарь Бейкер встретился с Тихановской в Вильнюсе."),
])
def test_transliteration_with_hard_c_j_and_a_surname_that_is_a_word(source: str, be: str,
                                                                     ru: str) -> None:
    assert "names" not in _checks(source, be, "be", {"ru": ru})
    assert "names" not in _checks(source, ru, "ru", {"be": be})


def test_a_dictionary_word_after_a_title_is_a_name_that_must_be_rendered() -> None:
    found = _checks("Secretary Baker met Tsikhanouskaya in Vilnius.",
                    "Дзяржсакратар сустрэўся з Ціханоўскай у Вільні.", "be")
    assert [f.key for f in found["names"]] == ["Baker"]
    assert "names" not in _checks("However, the baker came early.", "Аднак пекар прыйшоў рана.",
                                  "be")


def test_a_witness_left_in_english_blames_nobody() -> None:
    source = "Lukashenka said exports grew by 14% in January."
    be = "Лукашэнка сказаў, што ў студзені экспарт вырас на 14 %."
    assert _checks(source, be, "be", {"ru": source}) == {}


@pytest.mark.parametrize("target,lang", [
    ("Завод за паўтара года падвоіў вытворчасць.", "be"),
    ("Завод за полтора года удвоил производство.", "ru"),
    ("Завод за 1,5 года падвоіў вытворчасць.", "be"),
])
def test_months_rendered_as_years_are_the_same_number(target: str, lang: str) -> None:
    assert "numbers" not in _checks("The plant doubled its output in 18 months.", target, lang)


def test_years_that_are_not_the_months_are_still_an_error() -> None:
    found = _checks("The plant doubled its output in 18 months.",
                    "Завод за два гады падвоіў вытворчасць.", "be")
    assert "18" in found["numbers"][0].message


@pytest.mark.parametrize("source,target,lang", [
    ("Debt grew 1.5 times.", "Доўг вырас у паўтара раза.", "be"),
    ("Debt grew 1.5 times.", "Долг вырос в полтора раза.", "ru"),
    ("Debt grew by one and a half times.", "Доўг вырас у 1,5 раза.", "be"),
])
def test_one_and_a_half_in_words_or_digits(source: str, target: str, lang: str) -> None:
    assert _checks(source, target, lang) == {}
    assert "numbers" in _checks(source.replace("1.5", "2.5").replace("one and a half", "two"),
                                target, lang)
