"""Benchmark: export 1,000 documents × 2 languages × every format, against a naive baseline.

    python bench/bench_export.py [--documents 1000]

Builds a throwaway SQLite database holding N copies of the sample commentary
(30 segments, every translation approved), then, in the same run:

* **tmgr**: ``iter_export`` (a few set-based queries per 200 documents, the
  direct PO writer) producing txt, md, html, po, xliff and tmx for be and ru;
* **baseline "naive"**: the obvious loop: ORM lazy loading, one query per
  segment and language for its translation, one for its comments, and the PO
  written with plain polib; the same publication checks (approval, metadata,
  QA) and the same writers for the other formats.

Both produce every file in memory (bytes are counted, not written, so disk
speed does not blur the comparison); each runs in its own interpreter. Prints
wall time and peak memory (maximum resident set size) for each, and the ratios.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import polib  # noqa: E402  (the baseline's PO writer)
from sqlalchemy import delete, insert, select  # noqa: E402

from tests.exchange import golden_translations, ru_text  # noqa: E402
from tmgr.documents.articles import Gaps, build_article  # noqa: E402
from tmgr.documents.ingest import ingest_file  # noqa: E402
from tmgr.documents.snapshot import BlockView, DocumentView, SegmentView, TranslationView  # noqa: E402
from tmgr.exchange.export import (  # noqa: E402
    BLOCKER_CHECKS,
    ExportContext,
    approved_pairs,
    build_catalog,
    iter_export,
)
from tmgr.formats import FORMATS, CatalogFormat, MemoryFormat, PublishFormat  # noqa: E402
from tmgr.formats.model import Memory  # noqa: E402
from tmgr.listeners import wire  # noqa: E402
from tmgr.store.db import Database  # noqa: E402
from tmgr.store.models import (  # noqa: E402
    Block,
    Comment,
    Document,
    Segment,
    State,
    Translation,
    User,
)

wire()  # what the use cases' events reach, as in the web app and the CLI (tmgr.events)

SAMPLE = ROOT / "sources" / "2024-10-28-lukashenka-negotiations.txt"
LANGUAGES = ("be", "ru")
FORMAT_NAMES = ("txt", "md", "html", "po", "xliff", "xliff2", "tmx")


def build_database(path: Path, count: int) -> Database:
    """A database with ``count`` copies of the sample, every segment approved in be and ru."""
    database = Database(f"sqlite:///{path}")
    database.upgrade()
    with database.transaction() as session:
        ingest_file(session, SAMPLE, LANGUAGES)
    be = golden_translations()
    with database.transaction() as session:
        user = User(name="reviewer", role="reviewer")
        session.add(user)
        session.flush()
        original = session.scalars(select(Document)).one()
        blocks = list(original.blocks)
        docs, block_rows, segment_rows, translation_rows = [], [], [], []
        next_block, next_segment = 10_000, 10_000
        for copy in range(count):
            doc_id = 10_000 + copy
            docs.append({"id": doc_id, "slug": f"{original.slug}-{copy:04d}",
                         "title": original.title, "section": original.section,
                         "status_line": original.status_line, "week_text": original.week_text,
                         "week_start": original.week_start, "week_end": original.week_end,
                         "source_path": "bench", "checksum": str(copy)})
            for block in blocks:
                next_block += 1
                block_rows.append({"id": next_block, "document_id": doc_id,
                                   "position": block.position, "kind": block.kind,
                                   "text": block.text})
                for segment in block.segments:
                    next_segment += 1
                    segment_rows.append({
                        "id": next_segment, "document_id": doc_id, "block_id": next_block,
                        "position": segment.position, "ordinal": segment.ordinal,
                        "key": segment.key, "source": segment.source,
                        "start_offset": segment.start_offset, "end_offset": segment.end_offset,
                        "words": segment.words})
                    translation_rows += [
                        {"segment_id": next_segment, "lang": lang, "state": State.APPROVED,
                         "origin": "human", "updated_by_id": user.id, "version": 2,
                         "text": be[segment.ordinal] if lang == "be"
                         else ru_text(segment.ordinal, be[segment.ordinal])}
                        for lang in LANGUAGES]
        for table, rows in ((Document, docs), (Block, block_rows), (Segment, segment_rows),
                            (Translation, translation_rows)):
            session.execute(insert(table), rows)
        original_id = original.id
        session.expunge_all()
        session.execute(delete(Document).where(Document.id == original_id))  # cascades
    return database


def tmgr_export(database: Database, slugs: list[str]) -> Iterator[bytes]:
    formats = [FORMATS[name] for name in FORMAT_NAMES]
    with database.transaction() as session:
        context = ExportContext(LANGUAGES)
        for item in iter_export(session, slugs, formats, context):
            yield item.data


def _naive_view(session, document: Document) -> DocumentView:  # type: ignore[no-untyped-def]
    view = DocumentView(document.id, document.slug, document.title, document.section,
                        document.status_line, document.author, document.week_text,
                        document.week_start, document.week_end, document.updated_at)
    for block in document.blocks:
        block_view = BlockView(block.id, block.position, block.kind, block.text)
        view.blocks.append(block_view)
        for segment in block.segments:
            segment_view = SegmentView(segment.id, segment.key, segment.source,
                                       segment.start_offset, segment.end_offset,
                                       segment.previous_source)
            for lang in LANGUAGES:
                translation = session.scalars(select(Translation).where(
                    Translation.segment_id == segment.id, Translation.lang == lang)).one()
                segment_view.translations[lang] = TranslationView(
                    translation.text, translation.state, translation.origin,
                    translation.version, translation.updated_at,
                    translation.updated_by.name if translation.updated_by else None)
                comments = session.scalars(select(Comment).where(
                    Comment.segment_id == segment.id, Comment.lang == lang)).all()
                segment_view.comments[lang] = [c.text for c in comments]
            block_view.segments.append(segment_view)
    return view


def _polib_po(view: DocumentView, lang: str) -> bytes:
    catalog = build_catalog(view, lang)
    po = polib.POFile(wrapwidth=78)
    po.metadata = {"Language": lang, "Content-Type": "text/plain; charset=UTF-8",
                   "Content-Transfer-Encoding": "8bit", "X-Tmgr-Document": view.slug}
    for unit in catalog.units:
        fuzzy = unit.state in (State.DRAFT, State.NEEDS_EDITING)
        po.append(polib.POEntry(msgctxt=unit.key, msgid=unit.source, msgstr=unit.target,
                                flags=["fuzzy"] if fuzzy else [],
                                comment=f"tmgr: version={unit.version}"))
    return str(po).encode("utf-8")


def naive_export(database: Database, slugs: list[str]) -> Iterator[bytes]:
    context = ExportContext(LANGUAGES)
    with database.transaction() as session:
        for slug in slugs:
            document = session.scalars(select(Document).where(Document.slug == slug)).one()
            view = _naive_view(session, document)
            for lang in LANGUAGES:
                blockers = [b for check in BLOCKER_CHECKS
                            for b in check(session, view, lang, context)]
                assert not blockers, blockers[:3]
                article, _ = build_article(view, lang, context.table(lang),
                                           context.typography(lang), Gaps())
                for name in FORMAT_NAMES:
                    fmt = FORMATS[name]
                    if isinstance(fmt, PublishFormat):
                        yield fmt.render(article)
                    elif name == "po":
                        yield _polib_po(view, lang)
                    elif isinstance(fmt, CatalogFormat):
                        yield fmt.dump([build_catalog(view, lang)])
            tmx = FORMATS["tmx"]
            assert isinstance(tmx, MemoryFormat)
            yield tmx.dump(Memory(pairs=approved_pairs(view, LANGUAGES)))
            session.expunge_all()


def _peak_rss_mib() -> float:
    """This process's peak resident memory. VmHWM, not ru_maxrss: Linux carries ru_maxrss
    over from the parent across exec, which would report the database build's peak."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_variant(name: str, path: Path) -> None:
    """One variant in this process: print seconds, files, bytes and peak RSS as one line."""
    database = Database(f"sqlite:///{path}")
    with database.transaction() as session:
        slugs = list(session.scalars(select(Document.slug).order_by(Document.slug)))
    run = tmgr_export if name == "tmgr" else naive_export
    start = time.perf_counter()
    files = size = 0
    for data in run(database, slugs):
        files += 1
        size += len(data)
    seconds = time.perf_counter() - start
    peak = _peak_rss_mib()
    print(json.dumps({"seconds": seconds, "files": files, "bytes": size, "peak_mib": peak}))


def measure(name: str, path: Path) -> dict[str, float]:
    """Run a variant in a fresh interpreter, so its peak memory is its own."""
    output = subprocess.run([sys.executable, __file__, "--variant", name, "--database",
                             str(path)], check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--variant", choices=("tmgr", "naive"), help=argparse.SUPPRESS)
    parser.add_argument("--database", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.variant:
        run_variant(args.variant, args.database)
        return
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.sqlite3"
        started = time.perf_counter()
        build_database(path, args.documents).dispose()
        print(f"database: {args.documents} documents x 30 segments x {len(LANGUAGES)} "
              f"languages (all approved), built in {time.perf_counter() - started:.1f} s; "
              f"formats: {', '.join(FORMAT_NAMES)}")
        rows = {name: measure(name, path) for name in ("tmgr", "naive")}
    for name, label in (("tmgr", "tmgr"), ("naive", "naive baseline")):
        row = rows[name]
        print(f"{label:<15} {row['seconds']:7.2f} s  {row['files']:6.0f} files  "
              f"{row['bytes'] / 1e6:6.1f} MB  peak RSS {row['peak_mib']:6.1f} MiB  "
              f"({row['files'] / row['seconds']:,.0f} files/s)")
    fast, slow = rows["tmgr"], rows["naive"]
    print(f"ratio: tmgr is {slow['seconds'] / fast['seconds']:.1f}x faster than the naive "
          f"baseline; peak RSS tmgr/baseline = {fast['peak_mib'] / slow['peak_mib']:.2f}")


if __name__ == "__main__":
    main()
