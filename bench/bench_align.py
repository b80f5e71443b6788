"""Archive alignment: precision and recall of sentence links, throughput, a 1,000-article import.

1. Precision and recall of the aligner's sentence links against the labelled set in
   ``tests/data/archive/labelled`` (EN/BE/RU articles written for tmgr, with splits,
   merges, a dropped sentence, a reordered paragraph, captions that differ) and
   against ``--articles`` articles recombined from it (gold links known by
   construction). Also the share of links confident enough to enter the memory
   unreviewed, and their precision. Goal: precision ≥ 98 %, recall ≥ 95 %.
2. Throughput: articles read, checked and aligned per second (Apertium witness
   included). Goal: ≥ 20 articles/s.
3. ``--import`` (default 1,000) articles imported with ``tmgr archive import`` in a
   subprocess that is stopped part-way, then run again (it resumes), then a third
   time (it must change nothing); the TM is exported with ``tmgr tm export``.

    python bench/bench_align.py [--articles 200] [--import 1000]
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import create_engine, func, select  # noqa: E402

from tests.archive_corpus import render, varied  # noqa: E402
from tmgr.archive.files import find_articles, read_article  # noqa: E402
from tmgr.archive.witness import Witness, align_article  # noqa: E402
from tmgr.store.models import ArchiveArticle, ArchiveLink, TMUnit  # noqa: E402

LABELLED = ROOT / "tests/data/archive/labelled"
Gold = dict[str, dict[str, list[list[list[int]]]]]


def score(folder: Path, gold: Gold) -> dict[str, float]:
    """Precision and recall of all links and of the confident ones, and articles/s."""
    witness = Witness()
    files = find_articles([folder], [])
    start_up = _cpu()
    Witness().prepare(["Гэта праверка."])  # what starting Apertium's pipeline costs, once
    start_up = _cpu() - start_up
    started, cpu_started = time.perf_counter(), _cpu()
    articles = [read_article(f) for f in files]
    witness.prepare([s for a in articles if "ru" in a.versions for s in a.versions["ru"].sentences])
    aligned = {a.slug: align_article(a, witness) for a in articles}
    seconds, cpu = time.perf_counter() - started, _cpu() - cpu_started
    found = correct = confident = confident_correct = wanted = 0
    for slug, links in aligned.items():
        for lang, truth in gold[slug].items():
            right = {(tuple(a), tuple(b)) for a, b in truth}
            pairs = {(link.en, link.target) for link in links[lang] if link.en and link.target}
            sure = {(link.en, link.target) for link in links[lang] if link.confident}
            found, correct = found + len(pairs), correct + len(pairs & right)
            confident += len(sure)
            confident_correct += len(sure & right)
            wanted += len(right)
    return {"articles": len(articles), "links": wanted,
            "precision": correct / max(found, 1), "recall": correct / max(wanted, 1),
            "confident_share": confident / max(found, 1),
            "confident_precision": confident_correct / max(confident, 1),
            "articles_per_second": len(articles) / seconds,
            "articles_per_cpu_second": len(articles) / max(cpu, 1e-9),
            "articles_per_cpu_second_started": len(articles) / max(cpu - start_up, 1e-9),
            "start_up_cpu": start_up, "witness": witness.label}


def _cpu() -> float:
    """CPU seconds of this process and its finished children (Apertium's processes)."""
    now = os.times()
    return now.user + now.system + now.children_user + now.children_system


def _print_score(name: str, result: dict[str, float]) -> None:
    print(f"{name}: {result['articles']} articles, {result['links']} gold links "
          f"(witness: {result['witness']})")
    print(f"  precision {result['precision']:.1%} (goal ≥ 98%), recall {result['recall']:.1%} "
          f"(goal ≥ 95%)")
    print(f"  confident (into the memory unreviewed): {result['confident_share']:.1%} of links, "
          f"precision {result['confident_precision']:.1%}")
    print(f"  throughput {result['articles_per_second']:.1f} articles/s wall, "
          f"{result['articles_per_cpu_second']:.1f} per CPU second (goal ≥ 20; load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores); "
          f"{result['articles_per_cpu_second_started']:.1f} per CPU second once Apertium's "
          f"pipeline has started (its start, {result['start_up_cpu']:.2f} s CPU, is paid once "
          f"per batch of articles)")


def _tmgr(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tmgr", *args], env=env, text=True,
                          capture_output=True, check=False)


def _counts(url: str) -> tuple[int, int, int]:
    engine = create_engine(url)
    with engine.connect() as connection:
        counts = tuple(connection.execute(select(func.count()).select_from(table)).scalar_one()
                       for table in (ArchiveArticle.__table__, ArchiveLink.__table__,
                                     TMUnit.__table__))
    engine.dispose()
    return counts  # type: ignore[return-value]


def bulk_import(count: int, work: Path) -> None:
    """Import ``count`` articles, interrupted once, resumed, then imported again."""
    folder = work / "archive"
    render(varied(count, seed=7), folder)
    url = f"sqlite:///{work / 'bench.sqlite3'}"
    env = dict(os.environ, TMGR_DATABASE_URL=url)
    _tmgr(env, "init")
    process = subprocess.Popen([sys.executable, "-m", "tmgr", "archive", "import", str(folder)],
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    while process.poll() is None and _counts(url)[0] < count // 3:
        time.sleep(0.2)  # a benchmark, not a test: stop it once a third is in
    process.send_signal(signal.SIGINT)
    process.wait()
    interrupted = _counts(url)
    started, cpu_before = time.perf_counter(), os.times()
    resumed = _tmgr(env, "archive", "import", str(folder))
    seconds = time.perf_counter() - started
    cpu_after = os.times()
    cpu = (cpu_after.children_user + cpu_after.children_system
           - cpu_before.children_user - cpu_before.children_system)
    after = _counts(url)
    again = _tmgr(env, "archive", "import", str(folder), "--json")
    unchanged = sum(a["status"] == "unchanged" for a in json.loads(again.stdout)["articles"])
    export = work / "memory.tmx"
    _tmgr(env, "tm", "export", str(export))
    print(f"import of {count} articles: interrupted at {interrupted[0]} articles; resumed in "
          f"{seconds:.1f} s ({(count - interrupted[0]) / seconds:.1f} articles/s; CPU "
          f"{cpu:.1f} s, {(count - interrupted[0]) / max(cpu, 1e-9):.1f} articles per CPU "
          f"second, Apertium included; load average {os.getloadavg()[0]:.1f}): "
          f"{resumed.stdout.strip()}")
    print(f"  stored: {after[0]} articles, {after[1]} links, {after[2]} memory units")
    print(f"  imported again: {unchanged} unchanged; counts then {_counts(url)} "
          f"({'nothing changed' if _counts(url) == after else 'CHANGED'})")
    print(f"  tmgr tm export: {export.stat().st_size:,} bytes, "
          f"{export.read_text('utf-8').count('<tu')} units")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--skip-scores", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--import", dest="bulk", type=int, default=1000)
    args = parser.parse_args()
    gold = json.loads((LABELLED.parent / "labelled.json").read_text("utf-8"))
    if not args.skip_scores:
        _print_score("labelled set", score(LABELLED, gold))
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if not args.skip_scores:
            _print_score("recombined set", score(work / "varied", render(
                varied(args.articles), work / "varied")))
        if args.bulk:
            bulk_import(args.bulk, work)


if __name__ == "__main__":
    main()
