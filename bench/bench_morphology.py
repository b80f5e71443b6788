"""Which binding and which analyser the checks use, measured on the same words.

Spelling: pyenchant (libenchant-2 with its Hunspell provider), pyhunspell in tmgr's
environment (the chosen one) and Debian's python3-hunspell (the same binding,
importable only by Debian's /usr/bin/python3, so run there in a subprocess): the
same Debian dictionaries, so the verdicts must agree; measured are check and
suggestion times and whether the binding can stem. Lemmas: inflected forms of
months, places, people and newsroom words with the lemma a grammar gives, looked
up by Hunspell's stemming, Apertium's analysers (``lt-proc`` with
apertium-bel-rus), pymorphy3 (Russian only) and the union of Hunspell's and
Apertium's lemmas (what ``tmgr.qa.morphology`` does).

    python bench/bench_morphology.py
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(1, str(ROOT / "bench"))

from qa_set import CORRECT, FAULTY  # noqa: E402

from tmgr.qa import morphology  # noqa: E402

# inflected form -> lemma, as a grammar book gives it
GOLD = {
    "be": {
        "траўні": "травень", "студзені": "студзень", "лютым": "люты", "сакавіку": "сакавік",
        "жніўні": "жнівень", "лістападзе": "лістапад", "снежні": "снежань",
        "кастрычніку": "кастрычнік", "Кіева": "Кіеў", "Кіеве": "Кіеў", "Мінску": "Мінск",
        "Беларусі": "Беларусь", "Лукашэнку": "Лукашэнка", "Лукашэнкам": "Лукашэнка",
        "Крамля": "Крэмль", "Празе": "Прага", "Варшаве": "Варшава", "Польшчай": "Польшча",
        "перамовах": "перамовы", "перамоваў": "перамовы", "санкцыямі": "санкцыя",
        "палітвязняў": "палітвязень", "рэжымам": "рэжым", "грамадзяне": "грамадзянін",
        "дзясятага": "дзясяты", "другім": "другі", "тысячы": "тысяча", "мільёна": "мільён",
        "мільярдаў": "мільярд", "выбарах": "выбары", "апазіцыі": "апазіцыя",
        "беларускіх": "беларускі", "дастаўкі": "дастаўка", "зніжак": "зніжка",
        "эканомікі": "эканоміка", "заробкаў": "заробак",
    },
    "ru": {
        "мае": "май", "январе": "январь", "декабрём": "декабрь", "марте": "март",
        "августе": "август", "Киева": "Киев", "Киеве": "Киев", "Минске": "Минск",
        "Беларуси": "Беларусь", "Кремля": "Кремль", "Праге": "Прага", "Варшаве": "Варшава",
        "Польшей": "Польша", "Тихановской": "Тихановская", "переговорах": "переговоры",
        "санкциями": "санкция", "политзаключённых": "политзаключённый",
        "режимом": "режим", "гражданам": "гражданин", "десятом": "десятый",
        "второго": "второй", "тысячи": "тысяча", "миллиона": "миллион",
        "миллиардов": "миллиард", "выборах": "выборы", "оппозиции": "оппозиция",
        "белорусских": "белорусский", "поставок": "поставка", "скидок": "скидка",
        "экономики": "экономика", "зарплат": "зарплата", "Лукашенко": "Лукашенко",
    },
}
DICS = {"be": "be_BY", "ru": "ru_RU"}
DEBIAN_PROBE = r"""
import json, sys, time, hunspell
lang, dic, words, wrong = json.loads(sys.stdin.read())
h = hunspell.HunSpell(f"/usr/share/hunspell/{dic}.dic", f"/usr/share/hunspell/{dic}.aff")
start = time.perf_counter(); verdicts = [bool(h.spell(w)) for w in words]
check = (time.perf_counter() - start) / len(words)
start = time.perf_counter(); [h.suggest(w) for w in wrong]
suggest = (time.perf_counter() - start) / max(1, len(wrong))
print(json.dumps({"verdicts": verdicts, "check": check, "suggest": suggest}))
"""


def words_of_the_set(lang: str) -> tuple[list[str], list[str]]:
    index = 1 if lang == "be" else 2
    words = sorted({w for row in CORRECT for w in morphology.WORDS.findall(row[index])
                    if any("\u0400" <= c <= "\u04ff" for c in w)})
    wrong = [t for kind, _s, lg, t in FAULTY if kind == "spelling" and lg == lang]
    wrong_words = sorted({w for t in wrong for w in morphology.WORDS.findall(t)
                          if not morphology.hunspell_knows(w, lang)})
    return words * 10, wrong_words


def measure_spelling(lang: str) -> None:
    import enchant
    import hunspell

    words, wrong = words_of_the_set(lang)
    rows = []
    pyhun = hunspell.HunSpell(f"/usr/share/hunspell/{DICS[lang]}.dic",
                              f"/usr/share/hunspell/{DICS[lang]}.aff")
    start = time.perf_counter()
    reference = [bool(pyhun.spell(w)) for w in words]
    check = (time.perf_counter() - start) / len(words)
    start = time.perf_counter()
    for w in wrong:
        pyhun.suggest(w)
    rows.append(("pyhunspell (tmgr's venv)", check, (time.perf_counter() - start)
                 / max(1, len(wrong)), 1.0, "yes"))
    speller = enchant.Dict(DICS[lang])
    start = time.perf_counter()
    verdicts = [bool(speller.check(w)) for w in words]
    check = (time.perf_counter() - start) / len(words)
    start = time.perf_counter()
    for w in wrong:
        speller.suggest(w)
    agree = sum(a == b for a, b in zip(verdicts, reference, strict=True)) / len(words)
    rows.append(("pyenchant", check, (time.perf_counter() - start) / max(1, len(wrong)),
                 agree, "no"))
    debian = subprocess.run(["/usr/bin/python3", "-c", DEBIAN_PROBE],
                            input=json.dumps([lang, DICS[lang], words, wrong]),
                            capture_output=True, text=True, check=False)
    if debian.returncode == 0:
        got = json.loads(debian.stdout)
        agree = sum(a == b for a, b in zip(got["verdicts"], reference, strict=True)) / len(words)
        rows.append(("Debian python3-hunspell", got["check"], got["suggest"], agree, "yes"))
    else:
        rows.append(("Debian python3-hunspell", float("nan"), float("nan"), 0.0,
                     "not importable: " + debian.stderr.strip().splitlines()[-1]))
    print(f"\nspelling, {lang}: {len(words)} checks, {len(wrong)} suggestions")
    print(f"  {'binding':<26}{'check µs':>9}{'suggest ms':>12}{'agrees':>8}  stems")
    base = rows[0][1]
    for name, check, suggest, agree, stems in rows:
        print(f"  {name:<26}{check * 1e6:>9.1f}{suggest * 1000:>12.1f}{agree:>8.1%}  {stems}"
              + (f"   ({check / base:.1f}x the chosen)" if name != rows[0][0] else ""))


def measure_lemmas(lang: str) -> None:
    gold = GOLD[lang]
    finders: dict[str, object] = {}
    speller = morphology.speller(lang)
    finders["Hunspell stem"] = lambda w: {s.lower() for s in speller.stems(w)} if speller \
        else set()
    analyser = morphology.apertium(lang)
    apertium = analyser.analyse(list(gold)) if analyser else {}
    finders["Apertium lt-proc"] = lambda w: set(apertium.get(w, ()))
    if lang == "ru":
        import pymorphy3
        pm = pymorphy3.MorphAnalyzer()
        finders["pymorphy3"] = lambda w: {p.normal_form for p in pm.parse(w)}
    morphology.prime(list(gold), lang)  # tmgr asks Apertium once per text, not per word
    finders["Hunspell + Apertium (tmgr)"] = lambda w: set(morphology.analyses(w, lang))
    print(f"\nlemmas, {lang}: {len(gold)} inflected forms")
    for name, find in finders.items():
        start = time.perf_counter()
        hits = [w for w, lemma in gold.items() if lemma.lower() in find(w)]  # type: ignore
        seconds = (time.perf_counter() - start) / len(gold)
        missed = [w for w in gold if w not in hits]
        print(f"  {name:<32}{len(hits) / len(gold):>7.1%}  {seconds * 1e6:>8.1f} µs/word"
              f"   missed: {', '.join(missed[:8])}{' …' if len(missed) > 8 else ''}")


def main() -> None:
    for lang in ("be", "ru"):
        measure_spelling(lang)
    for lang in ("be", "ru"):
        measure_lemmas(lang)


if __name__ == "__main__":
    main()
