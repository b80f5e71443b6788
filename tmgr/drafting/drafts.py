"""Machine-translation drafts: translation memory first, then the MT cache, then the engine.

Only translations without human work are drafted (``untranslated``, and ``draft``
ones that failed or whose pivot text changed); ``needs_editing``, ``translated``
and ``approved`` text is never touched. Every draft goes through
:func:`change_translation` (state ``draft``; origin ``tm``, ``mt:<engine>`` or
``mt:<engine> via ru``), so it has a revision.

Pivot: with ``pivot="ru"`` a Belarusian draft is made from the segment's
*approved* Russian text; ``Translation.pivot_hash`` records which Russian text
(``ru:<hash>``). When that approved text changes, a draft made from the old one
is re-drafted by the next run, and human work made from it gets the flag
``pivot-source-changed`` (once per change: the hash moves on with the flag).

Transactions: the caller passes ``transaction``, a factory of transactions.
Planning (plus memory and cache drafts) is one transaction; engine results are
stored in batches of their own, so no transaction waits on the network and an
interrupted run keeps what it finished.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from contextlib import AbstractContextManager
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from tmgr.documents.ingest import get_document, list_documents
from tmgr.drafting import lease as draftlease
from tmgr.drafting.cache import CacheKey, cached, remember, text_hash
from tmgr.drafting.context import context_for
from tmgr.drafting.report import DraftReport, Failure
from tmgr.errors import ConfigError, MTError
from tmgr.events import DraftStored, record
from tmgr.localedata import SOURCE_LANGUAGE
from tmgr.mt import Context, Draft, Engine
from tmgr.mt.protect import missing_spans
from tmgr.quality.glossary import qa_terms
from tmgr.review.translations import change_translation, ensure_translations
from tmgr.store.models import Document, Segment, State, Translation
from tmgr.tm.memory import exact_matches

ORIGIN_TM = "tm"
FLAG_PLACEHOLDERS = "placeholders"
FLAG_PIVOT_CHANGED = "pivot-source-changed"
FLAG_UNKNOWN = "unknown-words"
BATCH_SIZE = 50
BATCH_SECONDS = 1.0

Transaction = Callable[[], AbstractContextManager[Session]]
Progress = Callable[[int, int], None]
Outcome = str | MTError


def pivot_digest(lang: str, text: str) -> str:
    """What ``Translation.pivot_hash`` holds: ``ru:`` and the hash of the Russian text."""
    return f"{lang}:{text_hash(text)[:60]}"


def _pivot_language(digest: str) -> str:
    return digest.split(":", 1)[0]


@dataclass
class Job:
    """One translation to draft, and the text its draft is made from."""

    translation_id: int
    version: int
    document: str
    segment_id: int
    lang: str
    english: str
    pivot: str | None = None  # the language drafted from, when not English
    text: str | None = None  # what the engine translates; None: the pivot is missing
    no_external_mt: bool = False
    context: Context | None = None

    @property
    def source_lang(self) -> str:
        return self.pivot or SOURCE_LANGUAGE

    @property
    def pivot_hash(self) -> str | None:
        return pivot_digest(self.pivot, self.text) if self.pivot and self.text else None

    def origin(self, engine: str) -> str:
        return f"mt:{engine} via {self.pivot}" if self.pivot else f"mt:{engine}"

    def cache_key(self, engine: str) -> CacheKey:
        return CacheKey(engine, self.source_lang, self.lang, self.text or "")


@dataclass
class Request:
    """One text for the engine, wanted by one or more jobs."""

    key: CacheKey
    jobs: list[Job] = field(default_factory=list)


def set_external_mt(session: Session, slug: str, allowed: bool) -> Document:
    """Allow or forbid sending a document's text to external MT services."""
    document = get_document(session, slug)
    document.no_external_mt = not allowed
    return document


def required_pairs(languages: Sequence[str], pivot: str | None) -> list[tuple[str, str]]:
    """The language pairs a run asks the engine for."""
    return [(pivot if pivot and pivot != lang else SOURCE_LANGUAGE, lang) for lang in languages]


def check_engine_drafts(engine: Engine) -> None:
    """Refuse an engine whose output is not a translation (the offline stand-in)."""
    if not engine.drafts:
        raise ConfigError(f"{engine.name} only transliterates: its output never goes into "
                          "translations", hint="for a draft on this machine use --engine "
                          "apertium (ru→be: tmgr draft --lang be --pivot ru --engine apertium)")


def draft_documents(transaction: Transaction, engine: Engine, *, slugs: Sequence[str] = (),
                    languages: Sequence[str], pivot: str | None = None,
                    progress: Progress | None = None,
                    started_by: str | None = None, run_id: str | None = None) -> DraftReport:
    """Draft every segment × language without human work; return what happened.

    The run holds a lease on each document (:mod:`tmgr.drafting.lease`):
    documents another run is drafting are left alone and listed in ``busy``.
    ``run_id`` continues a lease taken beforehand (the web UI registers its run as
    queued before the thread starts, so the page never asks about a run not yet there).
    """
    check_engine_drafts(engine)
    for source, target in required_pairs(languages, pivot):
        engine.check_pair(source, target)
    report = DraftReport(engine=engine.name)
    with transaction() as session:
        lease, busy = draftlease.acquire(
            session, list_documents(session, slugs), run_id=run_id or draftlease.new_run_id(),
            engine=engine.name, languages=languages, started_by=started_by)
        report.busy = sorted(document.slug for document in busy)
    try:
        with transaction() as session:
            documents = [d for d in list_documents(session, slugs) if d.id in lease.document_ids]
            jobs = _plan(session, documents, languages, pivot, report)
            jobs = _from_memory(session, jobs, report)
            jobs = _drop(jobs, report, "waiting for an approved pivot text",
                         lambda job: job.text is None)
            jobs = _from_cache(session, engine.name, jobs, report)
            if engine.external:
                jobs = _drop(jobs, report, "document marked no external MT",
                             lambda job: job.no_external_mt)
        _translate(transaction, engine, _group(engine.name, jobs), report, progress, lease)
    except BaseException as exc:
        with transaction() as session:
            draftlease.release(session, lease, f"stopped: {type(exc).__name__}")
        raise
    report.failures.sort(key=lambda f: (f.document, f.lang, f.segment_id))
    with transaction() as session:
        draftlease.release(session, lease, report.as_dict())
    return report


# -- planning --------------------------------------------------------------------


def _plan(session: Session, documents: Sequence[Document], languages: Sequence[str],
          pivot: str | None, report: DraftReport) -> list[Job]:
    jobs: list[Job] = []
    glossary = qa_terms(session)
    for document in documents:
        segments = session.scalars(
            select(Segment).where(Segment.document_id == document.id, Segment.removed.is_(False))
            .options(selectinload(Segment.translations)).order_by(Segment.ordinal)).all()
        if ensure_translations(session, document, languages):
            session.flush()
        for index, segment in enumerate(segments):
            for lang in languages:
                translation = segment.translation(lang)
                if translation is not None:
                    job = _job_for(document, segment, translation, pivot, report)
                    if job is not None and job.text is not None:
                        job.context = context_for(document, segments, index, job.source_lang,
                                                  lang, job.text, glossary)
                    jobs.extend([job] if job else [])
    return jobs


def _approved_text(segment: Segment, lang: str | None) -> str | None:
    translation = segment.translation(lang) if lang else None
    if translation is None or translation.state != State.APPROVED:
        return None
    return translation.text if translation.text.strip() else None


def _stale_pivot(segment: Segment, translation: Translation) -> str | None:
    """The pivot language whose approved text changed since this text was drafted."""
    if not translation.pivot_hash:
        return None
    lang = _pivot_language(translation.pivot_hash)
    current = _approved_text(segment, lang)
    if current is None or pivot_digest(lang, current) == translation.pivot_hash:
        return None
    return lang


def _job_for(document: Document, segment: Segment, translation: Translation,
             pivot: str | None, report: DraftReport) -> Job | None:
    stale = _stale_pivot(segment, translation)
    if translation.state.is_human_work:
        report.skipped["human work"] += 1
        if stale:
            translation.set_flag(FLAG_PIVOT_CHANGED)
            translation.pivot_hash = pivot_digest(stale, _approved_text(segment, stale) or "")
            report.flagged[FLAG_PIVOT_CHANGED] += 1
        return None
    wanted = pivot if pivot and pivot != translation.lang else None
    if translation.state == State.DRAFT:
        if stale:
            wanted = stale
        elif not translation.mt_error and not (
                wanted and translation.origin != ORIGIN_TM and not translation.pivot_hash
                and _approved_text(segment, wanted)):
            return None  # drafted already (a direct MT draft may move up to the pivot)
    text = _approved_text(segment, wanted) if wanted else segment.source
    return Job(translation_id=translation.id, version=translation.version,
               document=document.slug, segment_id=segment.id, lang=translation.lang,
               english=segment.source, pivot=wanted, text=text,
               no_external_mt=document.no_external_mt)


def _drop(jobs: list[Job], report: DraftReport, why: str,
          condition: Callable[[Job], bool]) -> list[Job]:
    kept = [job for job in jobs if not condition(job)]
    if len(kept) < len(jobs):
        report.skipped[why] += len(jobs) - len(kept)
    return kept


# -- drafts from memory and cache --------------------------------------------------


def _store_draft(session: Session, translation: Translation, job: Job, text: str,
                 origin: str) -> None:
    """Make ``text`` the translation's draft, with its revision and flags."""
    note = f"from the approved {job.pivot} text: {job.text}" if job.pivot else None
    change_translation(session, translation, text=text, state=State.DRAFT, origin=origin,
                       note=note)
    translation.mt_error = None
    translation.pivot_hash = job.pivot_hash if origin != ORIGIN_TM else None
    mangled = origin != ORIGIN_TM and bool(missing_spans(job.text or job.english, text))
    translation.set_flag(FLAG_PLACEHOLDERS, mangled)
    unknown = text.unknown if isinstance(text, Draft) else ()
    translation.unknown_words = " ".join(unknown) or None
    translation.set_flag(FLAG_UNKNOWN, bool(unknown))
    record(session, DraftStored(translation, str(text), origin))


def _from_memory(session: Session, jobs: list[Job], report: DraftReport) -> list[Job]:
    remaining: list[Job] = []
    for lang in sorted({job.lang for job in jobs}):
        wanted = [job for job in jobs if job.lang == lang]
        matches = exact_matches(session, {job.english for job in wanted}, lang)
        for job in wanted:
            if job.english in matches:
                translation = session.get_one(Translation, job.translation_id)
                _store_draft(session, translation, job, matches[job.english], ORIGIN_TM)
                report.from_tm += 1
            else:
                remaining.append(job)
    return remaining


def _from_cache(session: Session, engine: str, jobs: list[Job],
                report: DraftReport) -> list[Job]:
    hits = cached(session, {job.cache_key(engine) for job in jobs})
    remaining: list[Job] = []
    for job in jobs:
        text = hits.get(job.cache_key(engine))
        if text is None:
            remaining.append(job)
            continue
        translation = session.get_one(Translation, job.translation_id)
        _store_draft(session, translation, job, text, job.origin(engine))
        report.from_cache += 1
        _count_flags(translation, report)
    return remaining


# -- drafts from the engine ----------------------------------------------------------


def _group(engine: str, jobs: list[Job]) -> list[Request]:
    """One request per distinct text and language pair: duplicates go once."""
    requests: dict[tuple[str, str, str], Request] = {}
    for job in jobs:
        key = job.cache_key(engine)
        requests.setdefault((key.source_lang, key.target_lang, key.digest),
                            Request(key)).jobs.append(job)
    return list(requests.values())


def _call(engine: Engine, batch: list[Request]) -> list[Outcome]:
    """Translate one batch (one text, or several for engines that batch)."""
    key = batch[0].key
    texts = [request.key.text for request in batch]
    contexts = [request.jobs[0].context for request in batch]
    if len(batch) == 1:
        try:
            return [engine.translate(texts[0], key.source_lang, key.target_lang, contexts[0])]
        except MTError as exc:
            return [exc]
    return engine.translate_many(texts, key.source_lang, key.target_lang, contexts)


def _batches(engine: Engine, requests: list[Request]) -> list[list[Request]]:
    """Requests in batches of the engine's size, each for one language pair."""
    size = max(1, engine.batch_size)
    by_pair: dict[tuple[str, str], list[Request]] = {}
    for request in requests:
        by_pair.setdefault((request.key.source_lang, request.key.target_lang),
                           []).append(request)
    return [group[start:start + size] for group in by_pair.values()
            for start in range(0, len(group), size)]


def _translate(transaction: Transaction, engine: Engine, requests: list[Request],
               report: DraftReport, progress: Progress | None,
               lease: draftlease.Lease | None = None) -> None:
    """Ask the engine from a bounded pool of threads; store results in batches."""
    if not requests:
        return
    if lease is not None:  # the run moves from "queued" to "running 0 of M"
        with transaction() as session:
            draftlease.heartbeat(session, lease, done=0, total=len(requests))
    batches = _batches(engine, requests)
    workers = max(1, min(engine.config.workers, len(batches)))
    pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix=f"mt-{engine.name}")
    futures: dict[Future[list[Outcome]], list[Request]] = {
        pool.submit(_call, engine, batch): batch for batch in batches}
    done: list[tuple[Request, Outcome]] = []
    started = time.monotonic()
    total = len(requests)

    def store() -> None:
        _store_results(transaction, engine.name, done, report, lease, total)

    consumed: set[Future[list[Outcome]]] = set()

    def take(future: Future[list[Outcome]]) -> None:
        consumed.add(future)
        for request, outcome in zip(futures[future], future.result(), strict=True):
            done.append((request, outcome))
            report.asked += 1
            if progress is not None:
                progress(report.asked, total)

    try:
        for future in as_completed(futures):
            take(future)
            if len(done) >= BATCH_SIZE or time.monotonic() - started >= BATCH_SECONDS:
                store()
                done, started = [], time.monotonic()
    except KeyboardInterrupt:
        pool.shutdown(wait=False, cancel_futures=True)  # first: send nothing more
        for future in futures:  # answers that arrived but were not taken yet
            if future not in consumed and future.done() and not future.cancelled() \
                    and future.exception() is None:
                take(future)
        store()  # keep what finished
        raise
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
    store()


def _store_results(transaction: Transaction, engine: str,
                   results: list[tuple[Request, Outcome]], report: DraftReport,
                   lease: draftlease.Lease | None = None, total: int = 0) -> None:
    """One short transaction: cache the answers, then draft (or mark failed) each job."""
    if not results:
        return
    with transaction() as session:
        if lease is not None:
            draftlease.heartbeat(session, lease, done=report.asked, total=total)
        ids = [job.translation_id for request, _ in results for job in request.jobs]
        rows = {t.id: t for t in session.scalars(
            select(Translation).where(Translation.id.in_(ids))
            .options(selectinload(Translation.revisions)).with_for_update())}
        remember(session, [(request.key, outcome) for request, outcome in results
                           if isinstance(outcome, str)])
        for request, outcome in results:
            for job in request.jobs:
                _apply(session, rows.get(job.translation_id), job, outcome, engine, report)


def _apply(session: Session, translation: Translation | None, job: Job, outcome: Outcome,
           engine: str, report: DraftReport) -> None:
    if translation is None or translation.version != job.version \
            or translation.state.is_human_work:
        report.skipped["changed meanwhile"] += 1
        return
    if isinstance(outcome, MTError):
        translation.mt_error = f"{outcome.reason}: {outcome.message}"[:300]
        report.failed[outcome.reason] += 1
        report.failures.append(Failure(job.document, job.segment_id, job.lang,
                                       translation.mt_error))
        return
    _store_draft(session, translation, job, outcome, job.origin(engine))
    report.from_engine += 1
    _count_flags(translation, report)


def _count_flags(translation: Translation, report: DraftReport) -> None:
    for flag in (FLAG_PLACEHOLDERS, FLAG_UNKNOWN):
        if flag in translation.flag_set:
            report.flagged[flag] += 1
