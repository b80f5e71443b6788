"""Glossary terms in the case of their sentence (tmgr.qa.inflection, Apertium's analyser
and generator from Debian's apertium-bel-rus)."""

from __future__ import annotations

import pytest

from tmgr.qa.inflection import available, case_forms, inflect
from tmgr.qa.terms import Term
from tmgr.review.termhints import term_hints

pytestmark = pytest.mark.skipif(not (available("be") and available("ru")),
                                reason="apertium-bel-rus (lt-proc and its data) is missing")
SENTENCE = "At the Second Conference on Eurasian Security in Minsk, Lukashenka spoke."


def test_every_case_of_a_term_and_of_an_adjective_with_its_noun() -> None:
    assert case_forms("Мінск", "be")["loc"] == "Мінску"
    assert case_forms("Кремль", "ru")["gen"] == "Кремля"
    assert case_forms("заходнія сталіцы", "be")["gen"] == "заходніх сталіц"
    assert case_forms("Еўрапейскі саюз", "be")["ins"] == "Еўрапейскім саюзам"
    assert case_forms("і", "be") == {}, "nothing to inflect"


def test_the_english_preposition_picks_the_case() -> None:
    be = inflect("Мінск", "be", english=SENTENCE, term="Minsk")
    ru = inflect("Минск", "ru", english=SENTENCE, term="Minsk")
    assert be is not None and (be.form, be.case) == ("Мінску", "loc")
    assert ru is not None and (ru.form, ru.case) == ("Минске", "prp")
    assert be.why == "after “in”" and "Мінск" in be.alternatives
    about = inflect("Мінск", "be", english="They spoke about the Minsk talks.", term="Minsk")
    assert about is not None and about.form == "Мінск", "about: accusative, as written"


def test_the_drafts_form_wins_and_without_a_clue_the_dictionary_form_stays() -> None:
    english = "The statements reflect the interests of the Kremlin."
    drafted = inflect("Крэмль", "be", english=english, term="Kremlin",
                      drafts=["Заявы адлюстроўваюць інтарэсы Крамля."])
    assert drafted is not None and (drafted.form, drafted.why) == ("Крамля",
                                                                   "as the draft has it")
    bare = inflect("Крэмль", "be", english="Kremlin", term="Kremlin")
    assert bare is not None and (bare.form, bare.why) == ("Крэмль", None)


def test_the_side_panels_hints_carry_the_inflected_form() -> None:
    terms = [Term(term="Minsk", translations={"be": ("Мінск",)}),
             Term(term="Lukashenka", translations={"be": ("Лукашэнка",)})]
    hints = {h.term: h for h in term_hints(SENTENCE, terms, "be")}
    assert hints["Minsk"].inflected == "Мінску" and "Мінскам" in hints["Minsk"].other_forms
    assert hints["Lukashenka"].inflected is None, "a name the analyser does not know"
