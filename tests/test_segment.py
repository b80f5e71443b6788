"""Sentence segmentation: the Golden Rules, political commentary, spans, rules as data."""

from __future__ import annotations

import json
from itertools import pairwise
from pathlib import Path

import pytest

from tmgr.errors import ConfigError
from tmgr.segment import (
    Segmenter,
    default_rules_text,
    parse_rules,
    sentence_spans,
    split_sentences,
)

GOLDEN_RULES = Path(__file__).resolve().parent / "data" / "golden_rules_en.json"


def test_golden_rules_pass_at_least_47_of_48() -> None:
    rules = json.loads(GOLDEN_RULES.read_text(encoding="utf-8"))
    failed = [rule["id"] for rule in rules if split_sentences(rule["text"]) != rule["expected"]]
    assert len(rules) == 48
    assert len(rules) - len(failed) >= 47, f"failed golden rules: {failed}"


# (category, text, expected sentences): the register of the weekly commentaries.
COMMENTARY = [
    ("abbr U.S. ends", "Minsk hopes to lift sanctions from the U.S. The EU, however, is not ready.",
     ["Minsk hopes to lift sanctions from the U.S.", "The EU, however, is not ready."]),
    ("abbr U.S. ends before In", "He cited the U.S. In 2023 trade with Belarus fell.",
     ["He cited the U.S.", "In 2023 trade with Belarus fell."]),
    ("abbr U.S. mid", "Tsikhanouskaya met the U.S. Secretary of State in Vilnius.",
     ["Tsikhanouskaya met the U.S. Secretary of State in Vilnius."]),
    ("abbr U.S. before digit", "He moved to the U.S. in 1999. He returned in 2005.",
     ["He moved to the U.S. in 1999.", "He returned in 2005."]),
    ("abbr U.K. E.U. U.N.", "The U.K. and the E.U. imposed new sanctions. The U.N. was silent.",
     ["The U.K. and the E.U. imposed new sanctions.", "The U.N. was silent."]),
    ("abbr E.U. ends text", "Belarus borders the E.U.", ["Belarus borders the E.U."]),
    ("abbr U.S. Army", "He studied in St. Petersburg and at the U.S. Army War College.",
     ["He studied in St. Petersburg and at the U.S. Army War College."]),
    ("abbr e.g. etc.",
     "Moscow supplies Minsk with e.g. cheap gas, loans, etc. The West has few levers.",
     ["Moscow supplies Minsk with e.g. cheap gas, loans, etc.", "The West has few levers."]),
    ("abbr i.e. approx.", "Exports rose, i.e. by 12%. Imports fell by approx. 3% in Q2.",
     ["Exports rose, i.e. by 12%.", "Imports fell by approx. 3% in Q2."]),
    ("abbr etc. then a capital", "The list includes Belshina, Naftan, etc. All are sanctioned.",
     ["The list includes Belshina, Naftan, etc.", "All are sanctioned."]),
    ("abbr Approx. opens", "Many were charged. Approx. 1,200 remain in prison.",
     ["Many were charged.", "Approx. 1,200 remain in prison."]),
    ("abbr b. before a year", "Ex-banker V. Babaryka (b. 1963) was sentenced. His son too.",
     ["Ex-banker V. Babaryka (b. 1963) was sentenced.", "His son too."]),
    ("abbr No. Aug. Sept.", "Decree No. 5 was signed on Aug. 9. It took effect on Sept. 1.",
     ["Decree No. 5 was signed on Aug. 9.", "It took effect on Sept. 1."]),
    ("abbr No. ends", "Resolution No. 12. The vote was unanimous.",
     ["Resolution No. 12.", "The vote was unanimous."]),
    ("abbr No. as an answer", "Will Minsk join the war? No. The army is not ready.",
     ["Will Minsk join the war?", "No.", "The army is not ready."]),
    ("abbr Art. Gen. Lt. Col.",
     "Art. 23 of the Constitution was amended. Gen. Khrenin and Lt. Col. Volfovich attended.",
     ["Art. 23 of the Constitution was amended.",
      "Gen. Khrenin and Lt. Col. Volfovich attended."]),
    ("abbr Mr. Mrs. Ms. Dr. Prof.",
     "Mr. Lukashenka met Mrs. Kowalska and Ms. Brown. Dr. Smith and Prof. Nowak were absent.",
     ["Mr. Lukashenka met Mrs. Kowalska and Ms. Brown.",
      "Dr. Smith and Prof. Nowak were absent."]),
    ("abbr St. Jan. Feb.", "He flew to St. Petersburg on Jan. 29. He left on Feb. 2.",
     ["He flew to St. Petersburg on Jan. 29.", "He left on Feb. 2."]),
    ("abbr Oct. Nov. Dec.", "Talks were held in Oct. and Nov. The next round is in Dec.",
     ["Talks were held in Oct. and Nov.", "The next round is in Dec."]),
    ("abbr vs.", "It was Minsk vs. Kyiv again. Nobody won.",
     ["It was Minsk vs. Kyiv again.", "Nobody won."]),
    ("abbr Inc. Ltd. Co. Corp.",
     "Belaruskali Ltd. and Grodno Azot Co. were listed. Acme Corp. CEO John Roe objected.",
     ["Belaruskali Ltd. and Grodno Azot Co. were listed.", "Acme Corp. CEO John Roe objected."]),
    ("abbr Inc. ends", "Sanctions hit Belaruskali Inc. The company exports potash.",
     ["Sanctions hit Belaruskali Inc.", "The company exports potash."]),
    ("abbr Jr. Sr.", "Robert Kennedy Jr. spoke after John Smith Sr. Both were brief.",
     ["Robert Kennedy Jr. spoke after John Smith Sr.", "Both were brief."]),
    ("initials", "A. G. Lukashenka said so. J.R.R. Tolkien did not.",
     ["A. G. Lukashenka said so.", "J.R.R. Tolkien did not."]),
    ("initial ends", "The regime has no plan B. The West has none either.",
     ["The regime has no plan B.", "The West has none either."]),
    ("decimals percent", "GDP grew by 5.8% in 2023. Inflation reached 6.1%.",
     ["GDP grew by 5.8% in 2023.", "Inflation reached 6.1%."]),
    ("money", "Russia lent $1.5 bn. The loan was spent on debt. $2.3 bn more was promised.",
     ["Russia lent $1.5 bn.", "The loan was spent on debt.", "$2.3 bn more was promised."]),
    ("unit then a capital", "The deficit was BYN 1.2 bn. Reserves rose to $8.3 bn.",
     ["The deficit was BYN 1.2 bn.", "Reserves rose to $8.3 bn."]),
    ("double quote closes", 'He said: "No." Then he left the hall.',
     ['He said: "No."', "Then he left the hall."]),
    ("curly quote closes", "She wrote: “We will not give up.” The regime ignored her.",
     ["She wrote: “We will not give up.”", "The regime ignored her."]),
    ("single curly quote closes", "He said: ‘Never.’ The talks collapsed.",
     ["He said: ‘Never.’", "The talks collapsed."]),
    ("guillemets close", "He said: «Never.» The talks collapsed.",
     ["He said: «Never.»", "The talks collapsed."]),
    ("quote mid-sentence", "“We will win,” she said. “Soon.”",
     ["“We will win,” she said.", "“Soon.”"]),
    ("quoted question, then who asked", "“Why now?” Lukashenka asked. Nobody knew.",
     ["“Why now?” Lukashenka asked.", "Nobody knew."]),
    ("quoted exclamation, then a new sentence", "He shouted: “Enough!” The police charged.",
     ["He shouted: “Enough!”", "The police charged."]),
    ("bracket closes", "(See below.) Next, the opposition responded.",
     ["(See below.)", "Next, the opposition responded."]),
    ("bracket inside", "The CEC (it reports to the regime.) announced the results.",
     ["The CEC (it reports to the regime.) announced the results."]),
    ("starts with quote", 'The crackdown continued. "We are not afraid," protesters said.',
     ["The crackdown continued.", '"We are not afraid," protesters said.']),
    ("starts with curly quote", "Minsk denied it. “There were no troops,” it said.",
     ["Minsk denied it.", "“There were no troops,” it said."]),
    ("starts with digit", "The vote was held in 2020. 2021 brought mass repression.",
     ["The vote was held in 2020.", "2021 brought mass repression."]),
    ("ellipsis ends", "Lukashenka hesitated... Then he agreed.",
     ["Lukashenka hesitated...", "Then he agreed."]),
    ("unicode ellipsis ends", "The West waited… Minsk did not.",
     ["The West waited…", "Minsk did not."]),
    ("ellipsis mid-sentence", "The regime … has changed its tone, and the opposition ... noticed.",
     ["The regime … has changed its tone, and the opposition ... noticed."]),
    ("ellipsis ends text", "It is waiting for Moscow…", ["It is waiting for Moscow…"]),
    ("question exclamation", "Will the talks resume? Nobody knows! Really?! Yes.",
     ["Will the talks resume?", "Nobody knows!", "Really?!", "Yes."]),
    ("url", "Read the report at https://example.com/a.b?x=1. It is long.",
     ["Read the report at https://example.com/a.b?x=1.", "It is long."]),
    ("url mid-sentence", "The text at https://example.com/a.b?x=1 was removed.",
     ["The text at https://example.com/a.b?x=1 was removed."]),
    ("email", "Write to press@example.org. We reply within a day.",
     ["Write to press@example.org.", "We reply within a day."]),
    ("numbered list inline", "Three scenarios. 1. The regime survives. 2. The elite splits.",
     ["Three scenarios.", "1. The regime survives.", "2. The elite splits."]),
    ("numbered list lines", "1. Release political prisoners.\n2. Hold new elections.",
     ["1. Release political prisoners.", "2. Hold new elections."]),
    ("numbered list parens", "The demands: 1) Free elections 2) An end to violence",
     ["The demands:", "1) Free elections", "2) An end to violence"]),
    ("numbers are not a list", "Group A got 1. Group B got 2. Group C got 3.",
     ["Group A got 1.", "Group B got 2.", "Group C got 3."]),
    ("bullets", "• Sanctions were extended. • Talks stalled.",
     ["• Sanctions were extended.", "• Talks stalled."]),
    ("time of day",
     "At 7 a.m. Mr. Lukashenka flew to Sochi. He came back at 9 p.m. Mr. Putin stayed.",
     ["At 7 a.m. Mr. Lukashenka flew to Sochi.", "He came back at 9 p.m.",
      "Mr. Putin stayed."]),
    ("headline lines", "Belarus-West relations\nThe situation has not changed",
     ["Belarus-West relations", "The situation has not changed"]),
    ("cyrillic be", "Лукашэнка заявіў, што гатовы да перамоваў. Аднак Кіеў адмовіўся! Чаму?",
     ["Лукашэнка заявіў, што гатовы да перамоваў.", "Аднак Кіеў адмовіўся!", "Чаму?"]),
    ("cyrillic ru guillemets", "Он сказал: «Нет.» Потом он ушёл.",
     ["Он сказал: «Нет.»", "Потом он ушёл."]),
    ("cyrillic ru initials", "А. Г. Лукашенко выступил в г. Минске. Он говорил два часа.",
     ["А. Г. Лукашенко выступил в г. Минске.", "Он говорил два часа."]),
    ("cyrillic ru year",
     "Лукашенко встретился с Путиным 5 дек. 2023 г. В Минске прошли переговоры.",
     ["Лукашенко встретился с Путиным 5 дек. 2023 г.", "В Минске прошли переговоры."]),
    ("cyrillic be quote and dash", "«Хопіць!» — крычалі пратэстоўцы. Міліцыя атакавала.",
     ["«Хопіць!» — крычалі пратэстоўцы.", "Міліцыя атакавала."]),
    ("cyrillic be ellipsis", "Ён замоўк… Потым усё ж адказаў.",
     ["Ён замоўк…", "Потым усё ж адказаў."]),
    ("quoted name with !", "Deputies backed the ‘Speak Up Now!’ Independent group's plan. "
     "It failed.", ["Deputies backed the ‘Speak Up Now!’ Independent group's plan.",
                    "It failed."]),
    ("quoted name with ?", "The “Where Is Justice?” Minsk campaign grew. It spread.",
     ["The “Where Is Justice?” Minsk campaign grew.", "It spread."]),
    ("quoted cry then a new sentence", "The crowd chanted ‘Go away!’ The riot police "
     "withdrew.", ["The crowd chanted ‘Go away!’", "The riot police withdrew."]),
    ("quoted question after a speech verb", "Voters asked “Who Cares?” Officials "
     "stayed silent.", ["Voters asked “Who Cares?”", "Officials stayed silent."]),
]


@pytest.mark.parametrize(("text", "expected"), [case[1:] for case in COMMENTARY],
                         ids=[case[0] for case in COMMENTARY])
def test_commentary_is_split_into_its_sentences(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


SPAN_TEXTS = [
    "One.  Two.\tThree.",
    "  Leading and trailing.   Whitespace here.  \n",
    "Windows lines.\r\nSecond line.\r\n\r\nNew paragraph.",
    "No boundary at all",
    "Mr. Smith went to the U.S. The EU did not. 1. First. 2. Second.\n\n• Bullet",
]


@pytest.mark.parametrize("text", SPAN_TEXTS)
def test_spans_cover_the_sentences_and_only_whitespace_lies_between(text: str) -> None:
    spans = sentence_spans(text)
    assert [text[start:end] for start, end in spans] == split_sentences(text)
    edges = [0, *(offset for span in spans for offset in span), len(text)]
    for gap_start, gap_end in zip(edges[::2], edges[1::2], strict=True):
        assert text[gap_start:gap_end].strip() == ""
    for start, end in spans:
        assert start < end and text[start:end] == text[start:end].strip()


def test_gaps_keep_the_original_whitespace() -> None:
    text = "First one.   Second one.\t\tThird.\r\nFourth."
    spans = sentence_spans(text)
    gaps = [text[end:start] for (_, end), (start, _) in pairwise(spans)]
    assert gaps == ["   ", "\t\t", "\r\n"]


@pytest.mark.parametrize("text", ["", " ", "\n\t \r\n"])
def test_blank_text_has_no_sentences(text: str) -> None:
    assert sentence_spans(text) == []
    assert split_sentences(text) == []


def test_long_pathological_inputs_are_split_in_one_pass() -> None:
    # Each of these would take quadratic time in a segmenter that rescans.
    assert len(split_sentences("a. " * 700_000)) == 1  # 2.1 MB, nothing ends
    numbered = " ".join(f"{n}." for n in range(1, 50_001))  # 1. 2. 3. ... 50000.
    assert len(split_sentences(numbered)) >= 49_000
    assert len(split_sentences("Yes. " * 50_000)) == 50_000
    assert len(split_sentences("." * 1_000_000 + " " * 1_000_000 + "End.")) == 2


def _rules_with(tmp_path: Path, old: str, new: str) -> Path:
    text = default_rules_text()
    assert old in text
    path = tmp_path / "segmentation.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_an_abbreviation_added_to_the_rules_file_is_honoured(tmp_path: Path) -> None:
    text = "The Dep. Minister of Defence spoke."
    assert split_sentences(text) == ["The Dep.", "Minister of Defence spoke."]
    path = _rules_with(tmp_path, "never_final = [", 'never_final = [\n    "Dep.",')
    assert Segmenter.from_file(path).split(text) == [text]


def test_a_rule_added_to_the_rules_file_is_honoured(tmp_path: Path) -> None:
    text = "Minsk, Nov. 3 (BelTA). Lukashenka spoke."
    assert split_sentences(text) == ["Minsk, Nov. 3 (BelTA).", "Lukashenka spoke."]
    rule = ("[[rule]]\nname = 'a news-agency dateline is not a sentence'\nbreak = false\n"
            "before = '\\((?:BelTA|Reuters)\\)\\.'\n\n")
    path = _rules_with(tmp_path, "\n[[rule]]\n", "\n" + rule + "[[rule]]\n")
    assert Segmenter.from_file(path).split(text) == [text]


@pytest.mark.parametrize(("old", "new", "message"), [
    ("\n[[rule]]\n", "\n[[rule]\n", "not valid TOML"),
    ("before = '{never_final}'", "before = '{no_such_list}'", "unknown placeholder"),
    ("before = '{never_final}'", "before = '(unclosed'", "bad regex"),
    ("\nbreak = false", "\nbreak = 'no'", "break = true or false"),
    ("candidates = ", "candidatez = ", "lack the setting 'candidates'"),
])
def test_a_broken_rules_file_is_reported(old: str, new: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        parse_rules(default_rules_text().replace(old, new, 1), source="broken.toml")


def test_a_missing_rules_file_is_reported(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        Segmenter.from_file(tmp_path / "missing.toml")
