"""Benchmark `tmgr draft` against a plain deep-translator loop on the same local server.

    python bench/bench_draft.py [--segments 500] [--latency 0.1]

A local server (tests/mtserver.py) speaks Google's web endpoint and answers
every request after ``--latency`` seconds. In one run:

1. baseline: deep-translator's own ``GoogleTranslator(...).translate_batch(texts)``
   (a sequential loop), in a separate Python process that imports nothing from
   tmgr, pointed at the server;
2. ``tmgr draft --lang be`` on a fresh SQLite database holding the same texts
   (the real command, in its own process, default settings) -> the ratio;
3. ``tmgr draft`` again (zero requests expected), and on a second document with
   the same sentences (all from the MT cache, zero requests expected);
4. a fresh database against the server failing 20% of requests with 429/500:
   every segment must be drafted in the end, none lost, none asked for again
   after a successful answer.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.mtserver import MTServer, running  # noqa: E402

SUBJECTS = ["The Ministry of Economy", "Lukashenka", "The National Bank",
            "The Belarusian opposition", "Independent analysts", "The Ministry of Defense",
            "State media", "The Central Election Commission", "Minsk city authorities",
            "The security services", "Belarusian exporters", "The Foreign Ministry",
            "Potash producers", "Regional officials", "The Supreme Court",
            "Sviatlana Tsikhanouskaya"]
VERBS = ["announced", "criticized", "welcomed", "questioned", "postponed", "expanded",
         "reviewed", "defended"]
OBJECTS = ["new restrictions on cross-border trade", "the plan to raise utility tariffs",
           "talks with Beijing on industrial cooperation", "the draft budget for next year",
           "joint exercises with Russian troops", "the release of several political prisoners",
           "the programme to support small businesses", "tighter control over independent media",
           "the reform of the pension system", "plans to build a new nuclear power unit"]
WHEN = ["on Monday", "last week", "in early October", "during a visit to Hrodna",
        "at a meeting in Minsk", "after months of delay"]
HEADER = "November 4 – 10, 2024\nEconomy\n\n{title}\n\nThe situation has not changed\n\n"
BASELINE = """
import json, sys, time
from deep_translator import GoogleTranslator
url, texts = sys.argv[1], json.load(sys.stdin)
translator = GoogleTranslator(source="en", target="be")
translator._base_url = url
started = time.perf_counter()
results = translator.translate_batch(texts)
print(json.dumps({"seconds": time.perf_counter() - started, "results": len(results)}))
"""


def segments(count: int) -> list[str]:
    """``count`` distinct, realistic segments (deterministic): a headline, then sentences."""
    combos = [f"{s} {v} {o} {w}." for s in SUBJECTS for v in VERBS for o in OBJECTS
              for w in WHEN]
    random.Random(2024).shuffle(combos)
    if count - 1 > len(combos):
        raise SystemExit(f"at most {len(combos) + 1} distinct segments")
    return ["A Week of Announcements in Minsk", *combos[:count - 1]]


def write_document(folder: Path, name: str, texts: list[str]) -> Path:
    """A commentary whose segments are exactly ``texts`` (the first is the headline)."""
    body = texts[1:]
    paragraphs = [" ".join(body[i:i + 5]) for i in range(0, len(body), 5)]
    path = folder / f"{name}.txt"
    path.write_text(HEADER.format(title=texts[0]) + "\n\n".join(paragraphs) + "\n",
                    encoding="utf-8")
    return path


class Instance:
    """A fresh tmgr instance (SQLite) driven through the real ``tmgr`` command."""

    def __init__(self, folder: Path, server: MTServer) -> None:
        self.folder = folder
        folder.mkdir(parents=True)  # the working folder of every command, `init` included
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("TMGR_")}
        self.env.update(TMGR_INSTANCE=str(folder / "instance"), TMGR_LANGUAGES="be,ru",
                        TMGR_GOOGLE_URL=server.url("google"))
        self.run("init")  # commands refuse a database without tmgr's schema

    def run(self, *args: str, check: bool = True) -> tuple[float, subprocess.CompletedProcess]:
        started = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "tmgr", *args], env=self.env,
                              capture_output=True, text=True, cwd=self.folder)
        seconds = time.perf_counter() - started
        if check and done.returncode != 0:
            raise SystemExit(f"tmgr {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
        return seconds, done

    def draft(self, *args: str, check: bool = True) -> tuple[float, dict]:
        seconds, done = self.run("draft", "--lang", "be", "--json", *args, check=check)
        return seconds, json.loads(done.stdout)

    def status(self) -> dict:
        rows = json.loads(self.run("status", "--json", "--lang", "be")[1].stdout)
        total: dict = {"segments": {}, "mt_failed": 0}
        for row in rows:
            for state, count in row["segments"].items():
                total["segments"][state] = total["segments"].get(state, 0) + count
            total["mt_failed"] += row["mt_failed"]
        return total


def baseline(server: MTServer, texts: list[str]) -> float:
    done = subprocess.run([sys.executable, "-c", BASELINE, server.url("google")],
                          input=json.dumps(texts), capture_output=True, text=True, check=True)
    result = json.loads(done.stdout)
    assert result["results"] == len(texts)
    return float(result["seconds"])


def speed(texts: list[str], latency: float, work: Path) -> None:
    with running(latency=latency) as server:
        base = baseline(server, texts)
        base_requests = server.requests
        server.reset_counts()
        instance = Instance(work / "speed", server)
        instance.run("ingest", str(write_document(instance.folder, "2024-11-04-week", texts)))
        seconds, report = instance.draft()
        first_requests = server.requests
        print(f"baseline  deep-translator translate_batch loop: {base:7.2f} s  "
              f"({base_requests} requests)")
        print(f"tmgr      tmgr draft --lang be (whole command):  {seconds:7.2f} s  "
              f"({first_requests} requests, {report['from_engine']} drafted)")
        startup, _ = instance.run("--version")
        print(f"          (of which {startup:.2f} s is starting Python and importing tmgr)")
        print(f"ratio     baseline / tmgr draft = {base / seconds:.1f}x (goal: >= 8x)")

        server.reset_counts()
        _, again = instance.draft()
        copy = write_document(instance.folder, "2024-11-11-same-sentences", texts)
        instance.run("ingest", str(copy))
        _, other = instance.draft(copy.stem)
        print(f"second run: {again['drafted']} drafted, {again['asked']} asked; "
              f"new document with the same sentences: {other['from_cache']} from the MT "
              f"cache, {other['from_engine']} from the engine; "
              f"server requests: {server.requests} (expected 0)")


def faults(texts: list[str], latency: float, work: Path) -> None:
    with running(latency=latency) as server:
        server.fault_rate, server.fault_choices = 0.2, ("429", "500")
        instance = Instance(work / "faults", server)
        instance.run("ingest", str(write_document(instance.folder, "2024-11-04-week", texts)))
        runs, started = 0, time.perf_counter()
        while runs < 5:
            runs += 1
            _, report = instance.draft(check=False)
            if not report["failures"]:
                break
        seconds = time.perf_counter() - started
        status = instance.status()
        answers = server.successes.values()
        print(f"faults: 20% of {server.requests} requests answered 429/500 "
              f"({server.statuses[429]} x 429, {server.statuses[500]} x 500); "
              f"{runs} run(s), {seconds:.1f} s")
        print(f"  drafted {status['segments'].get('draft', 0)} of {len(texts)}, "
              f"untranslated {status['segments'].get('untranslated', 0)}, "
              f"mt failed {status['mt_failed']}; texts answered twice: "
              f"{sum(1 for n in answers if n > 1)} (expected 0)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--segments", type=int, default=500)
    parser.add_argument("--latency", type=float, default=0.1)
    args = parser.parse_args()
    texts = segments(args.segments)
    print(f"{len(texts)} distinct segments, local Google-protocol server answering after "
          f"{args.latency * 1000:.0f} ms; tmgr with its default settings")
    with tempfile.TemporaryDirectory(prefix="tmgr-bench-") as folder:
        speed(texts, args.latency, Path(folder))
        faults(texts, args.latency, Path(folder))


if __name__ == "__main__":
    main()
