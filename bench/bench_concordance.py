"""Concordance look-up time at 200,000 units (issue 23's goal: under 50 ms).

The units are made here from a few hundred sentence patterns with varied names,
numbers and inflected forms, so that common words have long postings (the hard
case) and the analysers see many distinct forms. Builds the index once, then times
look-ups of a common English word, an English phrase, a Belarusian and a Russian
word in an inflected form (first look-up of each, then the median of 20).

    python bench/bench_concordance.py [units]
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tmgr.concordance import ConcordanceIndex, Entry  # noqa: E402

PLACES = [("Minsk", "Мінск", "Мінску", "Минск", "Минске"),
          ("Vilnius", "Вільня", "Вільні", "Вильнюс", "Вильнюсе"),
          ("Kyiv", "Кіеў", "Кіеве", "Киев", "Киеве"),
          ("Moscow", "Масква", "Маскве", "Москва", "Москве"),
          ("Warsaw", "Варшава", "Варшаве", "Варшава", "Варшаве")]
TEMPLATES = [
    ("The talks in {en} resumed on day {n}.", "Перамовы ў {be_loc} аднавіліся ў дзень {n}.",
     "Переговоры в {ru_loc} возобновились в день {n}."),
    ("{en} calls for negotiations with the opposition ({n}).",
     "{be} заклікае да перамоў з апазіцыяй ({n}).",
     "{ru} призывает к переговорам с оппозицией ({n})."),
    ("The regime detained {n} activists near {en}.",
     "Рэжым затрымаў {n} актывістаў каля {be}.", "Режим задержал {n} активистов около {ru}."),
    ("Negotiations between {en} and the West stalled in week {n}.",
     "Перамовы паміж {be} і Захадам спыніліся на тыдні {n}.",
     "Переговоры между {ru} и Западом остановились на неделе {n}."),
]
QUERIES = [("talks", "en"), ("negotiation with the opposition", "en"),
           ("перамовы", "be"), ("переговорам", "ru")]


def units(count: int) -> list[Entry]:
    rng = random.Random(23)
    made = []
    for number in range(count):
        en, be, be_loc, ru, ru_loc = rng.choice(PLACES)
        template = rng.choice(TEMPLATES)
        lang = "be" if number % 2 else "ru"
        values = {"en": en, "be": be, "be_loc": be_loc, "ru": ru, "ru_loc": ru_loc,
                  "n": rng.randrange(1, 100_000)}
        made.append(Entry(template[0].format(**values),
                          template[1 if lang == "be" else 2].format(**values), lang,
                          f"tm:bench-{number // 1000}"))
    return made


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200_000
    entries = units(count)
    started = time.perf_counter()
    index = ConcordanceIndex(entries)
    print(f"{count:,} units: index built in {time.perf_counter() - started:.1f} s")
    for query, lang in QUERIES:
        started = time.perf_counter()
        hits = index.search(query, [lang])
        first = (time.perf_counter() - started) * 1000
        times = []
        for _ in range(20):
            started = time.perf_counter()
            index.search(query, [lang])
            times.append((time.perf_counter() - started) * 1000)
        print(f"  {query!r:36} ({lang}): {len(hits):2} shown; first {first:7.1f} ms, "
              f"median {statistics.median(times):6.1f} ms")


if __name__ == "__main__":
    main()
