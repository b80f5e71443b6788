"""Precision and recall of the QA checks on a labelled set, beside pofilter and the
checks of the previous release, and the time of checking a 300-segment document.

The set (``bench/qa_set.py``): correct BE/RU translations of commentary-like
sentences (months in every case, multipliers, ordinals, inflected glossary terms,
names, quoted brand names, names of the other language, fractions) and faulty
ones, one fault each of 14 kinds (``WITNESSED`` faults come with the other
language's correct translation, as a person confirmed it). For each
kind: recall (faulty texts caught by a check meant for that kind). For each
check: how often it fires on correct text (any finding there is a false alarm).
Translate Toolkit's ``pofilter`` checks (StandardChecker, target language set, so
its spellcheck uses enchant's Hunspell dictionaries) run on the same pairs in the
same run; the previous release's checks (``--baseline``, a git revision) run in a
subprocess from that revision's tree. Timing: the checks of one 300-segment
document in a fresh process ("cold": the first check, with dictionaries,
analysers, CLDR data and caches all to load) and checked again in that process
("warm": the editor's re-render), best of three processes, beside the same
figures of two named baselines run in the same way in the same run: the checks
of the previous release (``--baseline``) and before the cold-start work
(``--speed-baseline``). The load average is printed with the times, then the
word-form cache's size (``--cache-build``: and how long building it takes).

    python bench/bench_qa.py [--baseline 28dd99a] [--speed-baseline 90864a8]
                             [--no-baseline] [--json] [--cache-build]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tarfile
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BASELINE_TREE = os.environ.get("TMGR_BENCH_TREE")  # set for the baseline subprocess
sys.path.insert(0, BASELINE_TREE or str(ROOT))
sys.path.insert(1, str(ROOT / "bench"))

from qa_set import CORRECT, FAULTY, KINDS  # noqa: E402

try:  # the labelled faults with a witness (issue 24); older sets have none
    from qa_set import WITNESSED  # noqa: E402
except ImportError:  # pragma: no cover
    WITNESSED = []

from tmgr.qa import Term, check_translation  # noqa: E402

GLOSSARY_CSV = ROOT / "tmgr" / "data" / "glossary.csv"
# Which checks catch which kind of fault (ours, and pofilter's tests).
OURS = {
    "numbers": {"numbers"}, "dates": {"dates"}, "look-alike": {"mixed-script"},
    "other-letters": {"foreign-letters"},
    "untranslated": {"same-as-source", "untranslated-clause"},
    "end-punctuation": {"end-punctuation"}, "quotes": {"quote-style", "brackets"},
    "glossary": {"glossary", "forbidden-term", "do-not-translate"},
    "spacing": {"double-space", "whitespace"}, "spelling": {"spelling"},
    "names": {"names", "glossary"}, "omission": {"length-ratio", "omission"},
    "other-language": {"other-language", "spelling"}, "negation": {"negation"},
}
POFILTER = {
    "numbers": {"numbers"}, "dates": set(), "look-alike": set(),
    "other-letters": {"validchars"}, "untranslated": {"unchanged", "untranslated"},
    "end-punctuation": {"endpunc"}, "quotes": {"doublequoting", "brackets"},
    "glossary": set(), "spacing": {"doublespacing", "startwhitespace", "endwhitespace",
                                   "puncspacing"},
    "spelling": {"spellcheck"}, "names": set(), "omission": {"short", "long"},
    "other-language": {"spellcheck"}, "negation": set(),
}
MECHANICAL = ("numbers", "dates", "look-alike", "other-letters", "untranslated",
              "end-punctuation", "quotes", "glossary", "spacing")


def glossary() -> tuple[Term, ...]:
    """The starter glossary, read here (the baselines' trees load it in other ways)."""
    def split(value: str) -> tuple[str, ...]:
        return tuple(p.strip() for p in value.split("|") if p.strip())

    with GLOSSARY_CSV.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return tuple(Term(row["term"], {lang: split(row[lang]) for lang in ("be", "ru")
                                    if split(row[lang])},
                      {lang: split(row[f"{lang}_forbidden"]) for lang in ("be", "ru")
                       if split(row[f"{lang}_forbidden"])},
                      row.get("do_not_translate", "").strip().lower() in ("1", "yes", "true"))
                 for row in rows)


GOALS = {"other-language": 90, "spelling": 80, "names": 80, "omission": 80, "negation": 80}
OTHER = {"be": "ru", "ru": "be"}


def faults() -> list[tuple[str, str, str, str, dict[str, str]]]:
    """(kind, English, language, faulty text, the other translation if a witness)."""
    return ([(kind, s, lang, t, {}) for kind, s, lang, t in FAULTY]
            + [(kind, s, lang, t, {OTHER[lang]: w}) for kind, s, lang, t, w in WITNESSED])


def correct_pairs() -> list[tuple[str, str, str, dict[str, str]]]:
    pairs = []
    for source, be, ru in CORRECT:
        pairs.append((source, "be", be, {"ru": ru}))
        pairs.append((source, "ru", ru, {"be": be}))
    return pairs


def tmgr_findings(source: str, lang: str, target: str, others: dict[str, str],
                  terms: tuple[Term, ...]) -> list[tuple[str, str]]:
    found = check_translation(source, target, lang, glossary=terms, other_translations=others)
    return [(f.check, f.severity) for f in found]


def evaluate_tmgr() -> dict[str, Any]:
    """Per kind: caught; per check: false alarms on correct text (errors, warnings)."""
    terms = glossary()
    caught = Counter()
    for kind, source, lang, target, others in faults():
        checks = {c for c, _ in tmgr_findings(source, lang, target, others, terms)}
        caught[kind] += bool(checks & OURS.get(kind, set()))
    false_errors, false_warnings = Counter(), Counter()
    texts_with_error = texts_with_warning = 0
    for source, lang, target, others in correct_pairs():
        found = tmgr_findings(source, lang, target, others, terms)
        for check, severity in set(found):
            (false_errors if severity == "error" else false_warnings)[check] += 1
        texts_with_error += any(s == "error" for _, s in found)
        texts_with_warning += any(s == "warning" for _, s in found)
    return {"caught": dict(caught), "false_errors": dict(false_errors),
            "false_warnings": dict(false_warnings), "texts_with_error": texts_with_error,
            "texts_with_warning": texts_with_warning}


def document(terms: tuple[Term, ...]) -> list[tuple[str, str, str, dict[str, str]]]:
    """300 segments: the correct pairs, then the faulty ones, repeated with the
    sentence number appended to source and target (distinct texts, like a real
    document)."""
    pool = correct_pairs() + [(s, lang, t, others) for _, s, lang, t, others in faults()]
    segments = []
    for index in range(300):
        source, lang, target, others = pool[index % len(pool)]
        round_ = index // len(pool)
        if round_:
            source, target = f"{source} ({round_})", f"{target} ({round_})"
        segments.append((source, lang, target, others))
    return segments


def _check_all(segments: list[tuple[str, str, str, dict[str, str]]],
               terms: tuple[Term, ...]) -> None:
    """Check a document the way tmgr's services do (one batch per document where the
    checks offer it; the checks of older revisions go segment by segment)."""
    try:
        from tmgr.qa import check_document
    except ImportError:
        for source, lang, target, others in segments:
            check_translation(source, target, lang, glossary=terms, other_translations=others)
        return
    check_document([(source, target, lang, others) for source, lang, target, others in segments],
                   glossary=terms)


def time_in_this_process() -> dict[str, float]:
    """In a fresh process: the first check of the document (cold: dictionaries,
    analysers, CLDR data and every cache start empty), then the same again (warm:
    the editor re-rendering)."""
    start = time.perf_counter()
    from tmgr.qa import registry

    registry()  # import every check module (a server or command has done so already)
    imported = time.perf_counter() - start
    terms = glossary()
    segments = document(terms)
    start, cpu = time.perf_counter(), time.process_time()
    _check_all(segments, terms)
    cold, cold_cpu = time.perf_counter() - start, time.process_time() - cpu
    start = time.perf_counter()
    _check_all(segments, terms)
    return {"cold": cold, "warm": time.perf_counter() - start, "import": imported,
            "cold_cpu": cold_cpu}


def time_document(runs: int = 3, tree: str | None = None) -> dict[str, float]:
    """Best of ``runs`` fresh processes (the checks of ``tree``, default this one);
    ``import``: how long importing the checks took there."""
    best: dict[str, float] = {}
    env = {**os.environ, "TMGR_BENCH_TREE": tree} if tree else dict(os.environ)
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run([sys.executable, __file__, "--time-only"], env=env,
                              capture_output=True, text=True, check=False)
        if done.returncode:
            raise RuntimeError(done.stderr.strip().splitlines()[-1:])
        found = json.loads(done.stdout)
        found["process"] = time.perf_counter() - start
        for key, value in found.items():
            best[key] = min(value, best.get(key, value))
    return best


def evaluate_pofilter() -> dict[str, Any]:
    from translate.filters import checks
    from translate.storage import pypo

    checkers = {lang: checks.StandardChecker(
        checkerconfig=checks.CheckerConfig(targetlanguage=lang)) for lang in ("be", "ru")}

    def failures(source: str, lang: str, target: str) -> set[str]:
        unit = pypo.pounit(source)
        unit.target = target
        return set(checkers[lang].run_filters(unit))

    caught = Counter()
    for kind, source, lang, target, _others in faults():
        caught[kind] += bool(failures(source, lang, target) & POFILTER.get(kind, set()))
    false_alarms, texts_flagged = Counter(), 0
    start = time.perf_counter()
    for source, lang, target, _others in correct_pairs():
        found = failures(source, lang, target)
        false_alarms.update(found)
        texts_flagged += bool(found)
    segments = document(())
    start = time.perf_counter()
    for source, lang, target, _ in segments:
        failures(source, lang, target)
    return {"caught": dict(caught), "false_alarms": dict(false_alarms),
            "texts_flagged": texts_flagged, "seconds": time.perf_counter() - start}


RUNS = 3


def _extract(revision: str, tree: str) -> str | None:
    """Put ``revision``'s tmgr package into ``tree``; an error message, or None."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", revision, "tmgr"],
                             capture_output=True, check=False)
    if archive.returncode:
        return f"no baseline {revision}: {archive.stderr.decode().strip()}"
    with tempfile.TemporaryFile() as fh:
        fh.write(archive.stdout)
        fh.seek(0)
        with tarfile.open(fileobj=fh) as tar:
            tar.extractall(tree, filter="data")
    return None


def _tree_timing(revision: str) -> dict[str, float] | str:
    with tempfile.TemporaryDirectory() as tree:
        problem = _extract(revision, tree)
        if problem:
            return problem
        try:
            return time_document(RUNS, tree)
        except RuntimeError as exc:
            return f"timing failed: {exc}"


def evaluate_baseline(revision: str) -> dict[str, Any] | str:
    """Run this script's tmgr evaluation on the checks of ``revision`` (a subprocess)."""
    with tempfile.TemporaryDirectory() as tree:
        problem = _extract(revision, tree)
        if problem:
            return problem
        env = {**os.environ, "TMGR_BENCH_TREE": tree}
        done = subprocess.run([sys.executable, __file__, "--tmgr-only"], env=env,
                              capture_output=True, text=True, check=False)
        if done.returncode:
            return f"baseline failed: {done.stderr.strip().splitlines()[-1:]}"
        found = json.loads(done.stdout)
        try:
            found["seconds"] = time_document(RUNS, tree)
        except RuntimeError as exc:
            return f"baseline timing failed: {exc}"
        return found


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}%" if whole else "   -  "


def report(ours: dict[str, Any], pofilter: dict[str, Any],
           baseline: dict[str, Any] | str | None) -> None:
    totals = Counter(kind for kind, *_ in faults())
    correct = len(correct_pairs())
    has_base = isinstance(baseline, dict)
    print(f"labelled set: {correct} correct translations, {len(faults())} faulty "
          f"({len(KINDS)} kinds; {len(WITNESSED)} of them with a witness)\n")
    print(f"{'fault kind':<17}{'n':>3}  {'tmgr':>7} {'pofilter':>9}"
          + (f" {'previous':>8}" if has_base else ""))
    for kind in KINDS:
        line = (f"{kind:<17}{totals[kind]:>3}  {_pct(ours['caught'].get(kind, 0), totals[kind]):>7}"
                f" {_pct(pofilter['caught'].get(kind, 0), totals[kind]):>9}")
        if has_base:
            line += f" {_pct(baseline['caught'].get(kind, 0), totals[kind]):>8}"
        print(line + ("   (mechanical: goal 100%)" if kind in MECHANICAL else
                      f"   (goal {GOALS[kind]}%)" if kind in GOALS else ""))
    all_ours = sum(ours["caught"].values())
    count = len(faults())
    print(f"{'all faults':<17}{count:>3}  {_pct(all_ours, count):>7} "
          f"{_pct(sum(pofilter['caught'].values()), count):>9}"
          + (f" {_pct(sum(baseline['caught'].values()), count):>8}" if has_base else ""))
    print(f"\ncorrect text ({correct}):")
    errors = ours["texts_with_error"]
    print(f"  tmgr: errors on {errors} ({_pct(errors, correct)}; "
          f"goal 0), warnings on {ours['texts_with_warning']} "
          f"({_pct(ours['texts_with_warning'], correct)}; goal <= 5%)")
    print(f"  pofilter: flags {pofilter['texts_flagged']} "
          f"({_pct(pofilter['texts_flagged'], correct)})")
    if has_base:
        print(f"  previous release: errors on {baseline['texts_with_error']} "
              f"({_pct(baseline['texts_with_error'], correct)}), warnings on "
              f"{baseline['texts_with_warning']} "
              f"({_pct(baseline['texts_with_warning'], correct)})")
    print("\nper check, false alarms on correct text (tmgr errors / warnings; pofilter):")
    for check in sorted(set(ours["false_errors"]) | set(ours["false_warnings"])):
        print(f"  {check:<20} {ours['false_errors'].get(check, 0):>3} errors "
              f"{ours['false_warnings'].get(check, 0):>3} warnings")
    for check, count in sorted(pofilter["false_alarms"].items()):
        print(f"  pofilter {check:<11} {count:>3}")
    print("\nprecision per fault kind's checks (correct findings / all findings of them):")
    for kind in KINDS:
        hits = ours["caught"].get(kind, 0)
        false = sum(ours["false_errors"].get(c, 0) + ours["false_warnings"].get(c, 0)
                    for c in OURS.get(kind, ()))
        print(f"  {kind:<17} {_pct(hits, hits + false)}")
    if isinstance(baseline, str):
        print(f"\n{baseline}")


def report_speed(timings: dict[str, dict[str, float] | str], pofilter: float,
                 load: tuple[float, float]) -> None:
    """Cold and warm times of one 300-segment document, ours beside each baseline."""
    print(f"\none 300-segment document, best of {RUNS} fresh processes each "
          f"(load average {load[0]:.2f} before, {load[1]:.2f} after; goal: cold < 100 ms;\n"
          "cold CPU: this process's CPU time for the cold check, the analysers' own not "
          "counted; process: the whole subprocess, interpreter start included):")
    print(f"  {'checks of':<28}{'cold':>10}{'warm':>10}{'import':>10}{'process':>10}"
          f"{'cold CPU':>10}")
    for label, found in timings.items():
        if isinstance(found, str):
            print(f"  {label:<28}{found}")
            continue
        print(f"  {label:<28}{found['cold'] * 1000:>7.1f} ms{found['warm'] * 1000:>7.1f} ms"
              f"{found.get('import', 0) * 1000:>7.0f} ms{found['process'] * 1000:>7.0f} ms"
              f"{found.get('cold_cpu', 0) * 1000:>7.0f} ms")
    print(f"  {'pofilter (same process)':<28}{pofilter * 1000:>7.1f} ms")
    ours = timings.get("tmgr (this tree)")
    for label, found in timings.items():
        if isinstance(ours, dict) and isinstance(found, dict) and found is not ours:
            print(f"  this tree / {label}: cold {ours['cold'] / found['cold']:.2f}x, "
                  f"warm {ours['warm'] / found['warm']:.2f}x")


def report_cache(build: bool) -> None:
    """The word-form cache: its size per dictionary, and (``build``) how long building
    it takes; a process maps the SQLite file, it does not load it."""
    from tmgr.qa.lexicon import build as build_index
    from tmgr.qa.lexicon import cache_folder
    from tmgr.qa.morphology import DICTIONARIES, dictionary_files

    print(f"\nword-form cache ({cache_folder()}; memory-mapped SQLite, built by `make` or on "
          "first use):")
    for lang in DICTIONARIES:
        files = dictionary_files(lang)
        if files is None:
            print(f"  {lang}: no dictionary")
            continue
        path = cache_folder() / f"{files[0].stem}.sqlite3"
        size = f"{path.stat().st_size / 1e6:6.1f} MB" if path.is_file() else "not built"
        line = f"  {lang} {files[0].stem:<8} {size}"
        if build:
            with tempfile.TemporaryDirectory() as folder:
                start = time.perf_counter()
                build_index(*files, Path(folder) / "index.sqlite3")
                line += f"   built in {time.perf_counter() - start:5.1f} s"
        print(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", default="28dd99a",
                        help="git revision of the checks to compare with (default: the "
                             "previous release's, before issue 24)")
    parser.add_argument("--cache-build", action="store_true",
                        help="also time building the word-form cache of each dictionary")
    parser.add_argument("--speed-baseline", default="90864a8",
                        help="git revision whose checks' cold and warm times are shown too "
                             "(default: before the cold-start work of issue 11)")
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--tmgr-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--time-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.tmgr_only:
        print(json.dumps(evaluate_tmgr()))
        return
    if args.time_only:
        print(json.dumps(time_in_this_process()))
        return
    load_before = os.getloadavg()[0]
    ours, pofilter = evaluate_tmgr(), evaluate_pofilter()
    timings: dict[str, dict[str, float] | str] = {"tmgr (this tree)": time_document(RUNS)}
    baseline = None
    if not args.no_baseline:
        speed = _tree_timing(args.speed_baseline)
        timings[f"{args.speed_baseline} (speed baseline)"] = speed
        baseline = evaluate_baseline(args.baseline)
        timings[f"{args.baseline} (previous release)"] = (
            baseline["seconds"] if isinstance(baseline, dict) else baseline)
    load = (load_before, os.getloadavg()[0])
    if args.json:
        print(json.dumps({"tmgr": ours, "pofilter": pofilter, "before": baseline,
                          "timings": timings, "load": load}, indent=2))
        return
    report(ours, pofilter, baseline)
    report_speed(timings, pofilter["seconds"], load)
    report_cache(args.cache_build)


if __name__ == "__main__":
    main()
