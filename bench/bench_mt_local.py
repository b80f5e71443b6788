"""Benchmark the local Apertium engine and the post-editing report.

    python bench/bench_mt_local.py [--sentences 300] [--approved 10000]

In one run:

1. **start-up and throughput**: the same Russian sentences through Apertium's
   ru→be pipeline as one process chain per batch (what ``tmgr draft`` does)
   and as one process chain per sentence (the baseline); prints both rates and
   the ratio, and the start-up time of a one-sentence batch.
2. **quality**: chrF (sacrebleu) of Apertium's Belarusian drafts (with the
   starter glossary) against a Belarusian reference written for this bench
   (``bench/data/mt_reference_ru_be.tsv``), beside the baseline of copying
   the Russian unchanged.
3. **the report**: ``tmgr report mt`` over ``--approved`` approved segments on
   SQLite (aggregated in SQL) beside the baseline of loading every record and
   aggregating in Python.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sacrebleu.metrics import CHRF  # noqa: E402
from sqlalchemy import insert, select  # noqa: E402
from sqlalchemy.orm import joinedload  # noqa: E402

from tmgr.config import Settings  # noqa: E402
from tmgr.drafting.analytics import mt_report  # noqa: E402
from tmgr.drafting.context import glossary_pairs  # noqa: E402
from tmgr.formats import GLOSSARY_FORMATS  # noqa: E402
from tmgr.listeners import wire  # noqa: E402
from tmgr.mt import Context, Engine, create_engine  # noqa: E402
from tmgr.qa.terms import Term  # noqa: E402
from tmgr.quality.glossary import STARTER_GLOSSARY  # noqa: E402
from tmgr.store.db import Database  # noqa: E402
from tmgr.store.models import (  # noqa: E402
    Block,
    Document,
    PostEdit,
    Segment,
    State,
    Translation,
    User,
)

wire()  # what the use cases' events reach, as in the web app and the CLI (tmgr.events)

REFERENCE = ROOT / "bench" / "data" / "mt_reference_ru_be.tsv"


def reference() -> list[tuple[str, str]]:
    rows = []
    for line in REFERENCE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            source, target = line.split("\t")
            rows.append((source.strip(), target.strip()))
    return rows


def starter_terms() -> list[Term]:
    records = GLOSSARY_FORMATS["csv"].load(STARTER_GLOSSARY.read_bytes(), STARTER_GLOSSARY.name,
                                           ("be", "ru"))
    return [Term(term=r.term, translations={k: tuple(v) for k, v in r.translations.items()},
                 do_not_translate=r.do_not_translate) for r in records]


def bench_throughput(engine: Engine, sentences: list[str], baseline_count: int) -> None:
    started = time.perf_counter()
    engine.translate_many(sentences[:1], "ru", "be")
    startup = time.perf_counter() - started
    started = time.perf_counter()
    batch = engine.translate_many(sentences, "ru", "be")
    batched = time.perf_counter() - started
    few = sentences[:baseline_count]
    started = time.perf_counter()
    single = [engine.translate_many([s], "ru", "be")[0] for s in few]
    per_sentence = time.perf_counter() - started
    assert batch[:len(few)] == single, "a batch must give what single sentences give"
    n, rate_batch, rate_single = len(sentences), len(sentences) / batched, len(few) / per_sentence
    print(f"apertium start-up (one-sentence batch): {startup * 1000:.0f} ms")
    print(f"apertium batch, one process chain:      {rate_batch:8.1f} sentences/s "
          f"({n} in {batched:.2f} s, start-up included)")
    print(f"  without start-up:                     {n / max(batched - startup, 1e-6):8.1f} "
          "sentences/s")
    print(f"baseline, one process chain a sentence: {rate_single:8.1f} sentences/s "
          f"({len(few)} in {per_sentence:.2f} s)")
    print(f"ratio: batch is {rate_batch / rate_single:.1f}x faster")


def bench_quality(engine: Engine) -> None:
    pairs = reference()
    terms = starter_terms()
    sources = [s for s, _ in pairs]
    contexts = [Context(glossary=glossary_pairs(terms, s, "ru", "be")) for s in sources]
    drafts = [str(d) for d in engine.translate_many(sources, "ru", "be", contexts)]
    refs = [[t for _, t in pairs]]
    chrf = CHRF()
    ours = chrf.corpus_score(drafts, refs).score
    copy = chrf.corpus_score(sources, refs).score
    unknown = sum(len(getattr(d, "unknown", ())) for d in
                  engine.translate_many(sources, "ru", "be", contexts))
    print(f"chrF on {len(pairs)} held-out commentary sentences (own BE reference):")
    print(f"  apertium ru→be drafts: {ours:.1f}   (words left unknown: {unknown})")
    print(f"  baseline, Russian copied: {copy:.1f}")
    scores = [chrf.sentence_score(d, [r]).score for d, r in zip(drafts, refs[0], strict=True)]
    print(f"  sentence-level chrF median: {statistics.median(scores):.1f}")


def _fill(database: Database, approved: int) -> None:
    now = datetime.now(UTC)
    engines = ["mt:google", "mt:apertium via ru", "tm", "mt:llm", "mt:microsoft"]
    with database.transaction() as session:
        users = [User(name=f"t{n}", role="translator", languages="be,ru") for n in range(8)]
        session.add_all(users)
        docs = [Document(slug=f"doc-{n}", title=f"Doc {n}", source_path="x", checksum="x")
                for n in range(approved // 100 + 1)]
        session.add_all(docs)
        session.flush()
        blocks = [Block(document_id=d.id, position=0, kind="paragraph", text="x") for d in docs]
        session.add_all(blocks)
        session.flush()
        seg_rows = [{"document_id": docs[i // 100].id, "block_id": blocks[i // 100].id,
                     "position": i % 100, "ordinal": i % 100, "key": f"k{i}",
                     "source": f"Sentence {i}.", "start_offset": 0, "end_offset": 1,
                     "words": 10 + i % 17} for i in range(approved)]
        session.execute(insert(Segment), seg_rows)
        segment_ids = session.scalars(select(Segment.id).order_by(Segment.id)).all()
        tr_rows = [{"segment_id": sid, "lang": "be" if i % 2 else "ru", "text": "x",
                    "state": State.APPROVED, "version": 1, "flags": "", "updated_at": now}
                   for i, sid in enumerate(segment_ids)]
        session.execute(insert(Translation), tr_rows)
        translation_ids = session.scalars(select(Translation.id).order_by(Translation.id)).all()
        session.execute(insert(PostEdit), [{
            "translation_id": tid, "draft_text": "x", "draft_origin": engines[i % 5],
            "drafted_at": now, "touched": True, "seconds": 30.0 + i % 90 if i % 4 else None,
            "final_text": "y", "approved_at": now, "translator_id": users[i % 8].id,
            "words": 10 + i % 17, "edit_distance": float(i % 60), "chrf": 40.0 + i % 55,
            "unchanged": i % 7 == 0} for i, tid in enumerate(translation_ids)])


def _python_report(database: Database) -> int:
    """Baseline: every record loaded through the ORM, figures computed in Python."""
    groups: dict[tuple[str, str], list[PostEdit]] = {}
    with database.transaction() as session:
        query = select(PostEdit).where(PostEdit.approved_at.is_not(None)).options(
            joinedload(PostEdit.translation))
        for record in session.scalars(query):
            groups.setdefault((record.draft_origin, record.translation.lang), []).append(record)
        for records in groups.values():
            statistics.fmean(r.edit_distance or 0 for r in records)
    return len(groups)


def bench_report(approved: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        database = Database(f"sqlite:///{Path(tmp) / 'bench.sqlite3'}")
        database.upgrade()
        _fill(database, approved)
        timings = []
        for by in ("engine", "translator", "document"):
            started = time.perf_counter()
            with database.transaction() as session:
                rows = mt_report(session, by=by)
            timings.append((by, time.perf_counter() - started, len(rows)))
        started = time.perf_counter()
        _python_report(database)
        baseline = time.perf_counter() - started
        database.dispose()
    for by, seconds, count in timings:
        print(f"tmgr report mt --by {by:<10} over {approved} approved segments: "
              f"{seconds * 1000:6.0f} ms ({count} rows)")
    print(f"baseline, records loaded and aggregated in Python: {baseline * 1000:6.0f} ms")
    print(f"ratio: {baseline / timings[0][1]:.1f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=300)
    parser.add_argument("--baseline", type=int, default=20,
                        help="sentences run one process chain each (slow: ~1 s apiece)")
    parser.add_argument("--approved", type=int, default=10_000)
    args = parser.parse_args()
    engine = create_engine("apertium", Settings(ROOT, "sqlite://"))
    if not engine.configured:
        sys.exit("apertium-bel-rus is not installed: run scripts/system-deps.sh")
    texts = [s for s, _ in reference()]
    sentences = [texts[i % len(texts)] + ("" if i < len(texts) else f" ({i})")
                 for i in range(args.sentences)]
    bench_throughput(engine, sentences, args.baseline)
    bench_quality(engine)
    bench_report(args.approved)


if __name__ == "__main__":
    main()
