"""Every check against good and bad translations of real commentary sentences."""

from __future__ import annotations

from pathlib import Path

import pytest

from tmgr.glossary_io import read_csv
from tmgr.qa import ERROR, Term, check_translation, registry
from tmgr.qa.calendar import month_forms

STARTER = Path(__file__).resolve().parents[1] / "tmgr" / "data" / "glossary.csv"
GLOSSARY = tuple(Term(r.term, {k: tuple(v) for k, v in r.translations.items()},
                      {k: tuple(v) for k, v in r.forbidden.items()}, r.do_not_translate)
                 for r in read_csv(STARTER.read_text(encoding="utf-8"), ("be", "ru")))

# (source, Belarusian, Russian): full, correct translations in the publication's style.
GOOD = [
    ("The Lukashenka’s regime is once again signaling its willingness to participate in "
     "peace talks with Ukraine.",
     "Рэжым Лукашэнкі зноў сігналізуе пра гатоўнасць удзельнічаць у мірных перамовах "
     "з Украінай.",
     "Режим Лукашенко вновь сигнализирует о готовности участвовать в мирных переговорах "
     "с Украиной."),
    ("Minsk calls for the process to start as soon as possible to avoid further escalation.",
     "Мінск заклікае як мага хутчэй пачаць працэс, каб пазбегнуць далейшай эскалацыі.",
     "Минск призывает как можно скорее начать процесс, чтобы избежать дальнейшей "
     "эскалации."),
    ("According to the National Statistical Committee, exports to China in "
     "January–September were 14% lower than a year earlier.",
     "Паводле даных Нацыянальнага статыстычнага камітэта, экспарт у Кітай у "
     "студзені–верасні быў на 14 % меншы, чым годам раней.",
     "По данным Национального статистического комитета, экспорт в Китай в "
     "январе–сентябре был на 14 % ниже, чем годом ранее."),
    ("Chinese importers demand discounts of up to 30% for goods under Western sanctions;",
     "кітайскія імпарцёры патрабуюць зніжак да 30 % на тавары пад заходнімі санкцыямі;",
     "китайские импортёры требуют скидок до 30 % на товары под западными санкциями;"),
    ("Prime Minister Raman Halouchanka repeated this promise at a meeting with Chinese "
     "investors, although similar targets set in 2021 and 2023 were not met.",
     "Прэм’ер-міністр Раман Галоўчанка паўтарыў гэтае абяцанне на сустрэчы з кітайскімі "
     "інвестарамі, хоць падобныя мэты, пастаўленыя ў 2021 і 2023 гадах, не былі дасягнутыя.",
     "Премьер-министр Роман Головченко повторил это обещание на встрече с китайскими "
     "инвесторами, хотя аналогичные цели, поставленные в 2021 и 2023 годах, не были "
     "достигнуты."),
    ("The agreement covers road and rail freight and enters into force on January 1.",
     "Пагадненне ахоплівае аўтамабільныя і чыгуначныя грузавыя перавозкі і ўступае ў сілу "
     "1 студзеня.",
     "Соглашение охватывает автомобильные и железнодорожные грузовые перевозки и вступает "
     "в силу 1 января."),
    ("He mentioned that Russia’s “successes” on the front lines supposedly make compromise "
     "difficult.",
     "Ён адзначыў, што «поспехі» Расіі на фронце нібыта ўскладняюць кампраміс.",
     "Он отметил, что «успехи» России на фронте якобы затрудняют компромисс."),
    ("At the Second Conference on Eurasian Security in Minsk, Lukashenka expressed a desire "
     "to participate in peace talks to ensure the country’s security.",
     "На Другой канферэнцыі па еўразійскай бяспецы ў Мінску Лукашэнка выказаў жаданне "
     "ўдзельнічаць у мірных перамовах, каб забяспечыць бяспеку краіны.",
     "На Второй конференции по евразийской безопасности в Минске Лукашенко выразил желание "
     "участвовать в мирных переговорах, чтобы обеспечить безопасность страны."),
    ("Belarus’s position continues to reflect Kremlin interests.",
     "Пазіцыя Беларусі па-ранейшаму адлюстроўвае інтарэсы Крамля.",
     "Позиция Беларуси по-прежнему отражает интересы Кремля."),
    ("Oct. 14 – Oct. 20, 2024",
     "14–20 кастрычніка 2024",
     "14–20 октября 2024"),
    ("Exports fell by 1,300 tonnes (5.8%) on Feb. 5.",
     "5 лютага экспарт скараціўся на 1 300 тон (5,8 %).",
     "5 февраля экспорт сократился на 1300 тонн (5,8%)."),
    ("Transport through Russia adds two to three weeks to delivery times.",
     "Транспарт праз Расію дадае 2–3 тыдні да тэрмінаў дастаўкі.",
     "Транспорт через Россию добавляет две-три недели к срокам доставки."),
]


@pytest.mark.parametrize("source,be,ru", GOOD, ids=[g[0][:30] for g in GOOD])
def test_good_translations_raise_no_error(source: str, be: str, ru: str) -> None:
    for lang, text, other in (("be", be, {"ru": ru}), ("ru", ru, {"be": be})):
        findings = check_translation(source, text, lang, glossary=GLOSSARY,
                                     other_translations=other)
        assert findings == [], (lang, findings)


S_NUM = "Exports to China in January–September were 14% lower than a year earlier."
S_LEAD = "Minsk calls for the process to start as soon as possible."
S_URL = "Read the report at https://example.org/report.pdf or write to info@example.org."
S_TAG = "The <b>situation</b> has not changed."

# check id -> [(source, target, lang, expected_to_fire)]
CASES: dict[str, list[tuple[str, str, str, bool]]] = {
    "numbers": [
        (S_NUM, "Экспарт у Кітай у студзені–верасні быў на 41 % меншы, чым годам раней.",
         "be", True),
        ("They detained 1,300 people.", "Затрымалі 1,300 чалавек.", "be", True),
        ("They detained 1,300 people.", "Затрымалі 1 300 чалавек.", "be", False),
        ("They detained 1,300 people.", "Задержали 1300 человек.", "ru", False),
        ("Inflation reached 5.8%.", "Инфляция достигла 5,8 %.", "ru", False),
        ("Inflation reached 5.8%.", "Инфляция достигла 8,5 %.", "ru", True),
        ("in the 20th century", "у XX стагоддзі", "be", False),
        ("two to three weeks", "на 3–4 тыдні", "be", True),
    ],
    "dates": [
        ("on Feb. 5", "5 лютага", "be", False),
        ("on Feb. 5", "5 сакавіка", "be", True),
        ("in May 2024", "в мае 2024 года", "ru", False),
        ("October 28 – November 3, 2024", "28 октября – 3 ноября 2024", "ru", False),
        ("October 28 – November 3, 2024", "28 октября – 3 декабря 2024", "ru", True),
        ("They may agree.", "Яны могуць пагадзіцца.", "be", False),
    ],
    "number-format": [
        ("Inflation reached 5.8%.", "Інфляцыя дасягнула 5.8 %.", "be", True),
        ("Inflation reached 5.8%.", "Інфляцыя дасягнула 5,8 %.", "be", False),
    ],
    "urls": [
        (S_URL, "Даклад: https://example.org/report.pdf, пошта info@example.org.", "be", False),
        (S_URL, "Даклад: https://example.org/raport.pdf, пошта info@example.org.", "be", True),
    ],
    "emails": [
        (S_URL, "Даклад: https://example.org/report.pdf, пошта info@example.org.", "be", False),
        (S_URL, "Даклад: https://example.org/report.pdf, пошта info@example.com.", "be", True),
    ],
    "markup": [
        (S_TAG, "<b>Сітуацыя</b> не змянілася.", "be", False),
        (S_TAG, "Сітуацыя не змянілася.", "be", True),
        ("The **regime** insists.", "**Рэжым** настойвае.", "be", False),
    ],
    "end-punctuation": [
        (S_LEAD, "Мінск заклікае пачаць працэс як мага хутчэй.", "be", False),
        (S_LEAD, "Мінск заклікае пачаць працэс як мага хутчэй", "be", True),
        ("Will Minsk mediate?", "Ці стане Мінск пасярэднікам.", "be", True),
        ("He called it a “victory plan.”", "Он назвал это «планом победы».", "ru", False),
    ],
    "brackets": [
        ("Exports (mostly potash) fell.", "Экспарт (пераважна калій) скараціўся.", "be", False),
        ("Exports (mostly potash) fell.", "Экспарт (пераважна калій скараціўся.", "be", True),
        ("the “victory plan”", "«план победы", "ru", True),
        ("the “victory plan”", "«план „победы“ Киева»", "ru", False),
    ],
    "quote-style": [
        ("the “victory plan”", "«план перамогі»", "be", False),
        ("the “victory plan”", "\"план перамогі\"", "be", True),
        ("the “victory plan”", "“план победы”", "ru", True),
    ],
    "double-space": [
        (S_LEAD, "Мінск заклікае  пачаць працэс як мага хутчэй.", "be", True),
        (S_LEAD, "Мінск заклікае пачаць працэс як мага хутчэй.", "be", False),
    ],
    "whitespace": [
        (S_LEAD, " Мінск заклікае пачаць працэс як мага хутчэй.", "be", True),
        (S_LEAD, "Мінск заклікае пачаць працэс як мага хутчэй. ", "be", True),
        (S_LEAD, "Мінск заклікае пачаць працэс як мага хутчэй .", "be", True),
        (S_LEAD, "Мінск заклікае пачаць працэс як мага хутчэй.", "be", False),
    ],
    "same-as-source": [
        (S_LEAD, S_LEAD, "be", True),
        ("2024", "2024", "be", False),
    ],
    "length-ratio": [
        (S_LEAD, "Мінск заклікае.", "be", True),
        (S_LEAD, "Мінск заклікае пачаць працэс як мага хутчэй.", "be", False),
    ],
    "mixed-script": [
        (S_LEAD, "Мiнск заклікае пачаць працэс як мага хутчэй.", "be", True),  # Latin i
        (S_LEAD, "Минск призывает нaчать процесс как можно скорее.", "ru", True),  # Latin a
        ("Minsk blocked Telegram.", "Мінск заблакаваў Telegram.", "be", False),
    ],
    "foreign-letters": [
        (S_LEAD, "Минск заклікае пачаць працэс як мага хутчэй.", "be", True),  # и
        (S_LEAD, "Мінск заклікае пачаць працэс як мага хутчэй.", "be", False),
        (S_LEAD, "Мінск призывает начать процесс как можно скорее.", "ru", True),  # і
        ("Lukashenka's regime", "режим Лукашенко", "ru", False),
        ("The dictator is ready.", "Диктатор готов ўдарить.", "ru", True),  # ў
    ],
}

GLOSSARY_CASES: dict[str, list[tuple[str, str, str, bool]]] = {
    "glossary": [
        ("Lukashenka stressed it.", "Лукашэнка падкрэсліў гэта.", "be", False),
        ("Lukashenka stressed it.", "Лукашенка падкрэсліў гэта.", "be", True),
        ("Tsikhanouskaya met the Chancellor.", "Ціханоўская сустрэлася з канцлерам.", "be",
         False),
        ("They met Tsikhanouskaya.", "Они встретились с Тихановской.", "ru", False),
        ("They met Tsikhanouskaya.", "Они встретились с Цихановской.", "ru", True),
    ],
    "forbidden-term": [
        ("Belarus will not bow.", "Белоруссия не склонится.", "ru", True),
        ("Belarus will not bow.", "Беларусь не склонится.", "ru", False),
        ("the Belarusian dictator", "белорусский диктатор", "ru", False),
        ("in Belarus", "в Белоруссии", "ru", True),
        ("NATO troops", "войскі НАТО", "be", True),
        ("NATO troops", "войскі НАТА", "be", False),
    ],
    "do-not-translate": [
        ("Read it on Telegram.", "Чытайце ў Telegram.", "be", False),
        ("Read it on Telegram.", "Чытайце ў Тэлеграме.", "be", True),
    ],
}
DNT = (Term("Telegram", do_not_translate=True),)


def _case_params(table: dict[str, list[tuple[str, str, str, bool]]]) -> list:
    return [pytest.param(check, *case, id=f"{check}-{i}")
            for check, cases in table.items() for i, case in enumerate(cases)]


@pytest.mark.parametrize("check,source,target,lang,fires", _case_params(CASES))
def test_check_table(check: str, source: str, target: str, lang: str, fires: bool) -> None:
    message = registry()[check].check(source, target, lang)
    assert bool(message) == fires, message


@pytest.mark.parametrize("check,source,target,lang,fires", _case_params(GLOSSARY_CASES))
def test_glossary_table(check: str, source: str, target: str, lang: str, fires: bool) -> None:
    findings = check_translation(source, target, lang, glossary=GLOSSARY + DNT)
    assert (check in {f.check for f in findings}) == fires, findings


@pytest.mark.parametrize("be,ru,fires", [
    ("Экспарт вырас на 14 %.", "Экспорт вырос на 14 %.", False),
    ("Экспарт вырас на 14 %.", "Экспорт вырос на 41 %.", True),
    ("У студзені экспарт вырас.", "В феврале экспорт вырос.", True),
    ("Лукашэнка гэта сказаў.", "Он это сказал.", True),
])
def test_cross_language(be: str, ru: str, fires: bool) -> None:
    source = "Lukashenka said exports grew by 14% in January."
    findings = check_translation(source, be, "be", glossary=GLOSSARY,
                                 other_translations={"ru": ru})
    assert ("cross-language" in {f.check for f in findings}) == fires, findings


def test_every_check_has_cases_and_an_error_or_warning_severity() -> None:
    covered = set(CASES) | set(GLOSSARY_CASES) | {"cross-language"}
    assert covered == set(registry())
    assert {check.severity for check in registry().values()} == {"error", "warning"}


def test_wrong_number_in_a_good_sentence_is_an_error() -> None:
    source, be, _ = GOOD[2]
    findings = check_translation(source, be.replace("14", "15"), "be")
    assert [(f.check, f.severity) for f in findings] == [("numbers", ERROR)]
    assert "missing 14" in findings[0].message and "15" in findings[0].message


def test_month_forms_include_babel_genitives_and_other_cases() -> None:
    be, ru = month_forms("be"), month_forms("ru")
    assert be["лютага"] == be["люты"] == be["лютым"] == 2
    assert be["студзені"] == 1 and ru["январе"] == 1 and ru["мая"] == ru["май"] == 5


def test_check_translation_keeps_its_old_call() -> None:
    assert check_translation("Minsk.", "", "be") == []
    assert [f.check for f in check_translation("Minsk.", "Minsk.", "be")] == ["same-as-source"]


def test_the_registry_lists_every_check_class_once() -> None:
    """A check class marked ``@register`` but missing from ``CHECKS`` would never run."""
    import importlib
    import pkgutil

    import tmgr.qa
    from tmgr.qa.base import declared
    from tmgr.qa.checks import CHECKS

    for info in pkgutil.iter_modules(tmgr.qa.__path__, "tmgr.qa."):
        importlib.import_module(info.name)
    assert sorted(c.__name__ for c in CHECKS) == sorted({c.__name__ for c in declared})
    assert len({c.id for c in CHECKS}) == len(CHECKS)
