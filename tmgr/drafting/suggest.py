"""MT on request in the editor: suggestions per segment, and background drafting.

A suggestion is an engine's translation of a segment, kept in the MT cache and
shown in the side panel with its engine; it reaches the text box only when the
translator takes it. Engines offered are those configured, allowed for the
document (external ones never for "no external MT" documents) and able to do
the language pair: English → the language, or the approved Russian → it (pivot).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tmgr.config import Settings
from tmgr.documents.ingest import get_document, normalize_source
from tmgr.drafting import lease as draftlease
from tmgr.drafting.cache import CacheKey, cached, remember, text_hash
from tmgr.drafting.context import context_for
from tmgr.drafting.drafts import Transaction, draft_documents
from tmgr.errors import MTError, TmgrError
from tmgr.localedata import SOURCE_LANGUAGE
from tmgr.mt import ENGINES, PIVOT_LANGUAGE, Engine, create_engine
from tmgr.mt.resilience import CircuitBreaker, RetryPolicy
from tmgr.people import permissions as perm
from tmgr.qa.messages import N_
from tmgr.quality.glossary import qa_terms
from tmgr.review.translations import get_translation, segment_by_id
from tmgr.store.models import Document, MTCacheEntry, Segment, State, User

#: one breaker per engine for the whole process: an engine found down on one request
#: is not asked again (and so does not make the next translator wait) until it cools down
_BREAKERS: dict[str, CircuitBreaker] = {}
_BREAKERS_LOCK = threading.Lock()
#: tries per on-request suggestion: a person is waiting, so no long back-off
INTERACTIVE_ATTEMPTS = 2


def interactive_engine(settings: Settings, name: str) -> Engine:
    """``name`` set up for a person waiting: few tries, and the process-wide breaker."""
    engine = create_engine(name, settings)
    config = engine.config
    engine.retry = RetryPolicy(min(config.attempts, INTERACTIVE_ATTEMPTS), config.backoff,
                               config.backoff_max)
    with _BREAKERS_LOCK:
        engine.breaker = _BREAKERS.setdefault(
            _breaker_key(engine), CircuitBreaker(1, config.breaker_cooldown))
    return engine


def _breaker_key(engine: Engine) -> str:
    return f"{engine.name} {engine.url or ''}"


def engine_down(engine: Engine) -> str | None:
    """Why ``engine`` is not asked right now (its breaker is open), or None."""
    with _BREAKERS_LOCK:
        breaker = _BREAKERS.get(_breaker_key(engine))
    if breaker is None or breaker.state != "open":
        return None
    return breaker.last_failure or "unreachable"


@dataclass(frozen=True)
class Choice:
    """An engine the user may ask, from English or from the approved pivot text."""

    engine: str
    source_lang: str
    label: str
    #: the last failure while the engine's breaker is open (it is not asked meanwhile)
    down: str | None = None

    @property
    def value(self) -> str:
        return self.engine if self.source_lang == SOURCE_LANGUAGE \
            else f"{self.engine}:{self.source_lang}"

    @property
    def origin(self) -> str:
        return f"mt:{self.engine}" + (f" via {self.source_lang}"
                                      if self.source_lang != SOURCE_LANGUAGE else "")


@dataclass(frozen=True)
class Suggestion:
    """One engine's translation of a segment."""

    engine: str
    source_lang: str
    text: str
    unknown: tuple[str, ...] = field(default_factory=tuple)

    @property
    def origin(self) -> str:
        return Choice(self.engine, self.source_lang, "").origin

    def as_dict(self) -> dict[str, Any]:
        return {"engine": self.engine, "source_lang": self.source_lang, "origin": self.origin,
                "text": self.text, "unknown_words": list(self.unknown)}


def engine_choices(settings: Settings, document: Document, lang: str, *,
                   pivot: bool = True) -> list[Choice]:
    """The engines a user may ask for ``lang`` on ``document``, default first.

    The default is the engine the config file names, else one that runs on this
    machine: an online engine is never the default just because it needs no key.
    ``pivot``: offer "from the approved Russian" (only when there is some). Engines
    that are down come last, saying so.
    """
    choices: list[Choice] = []
    sources = [SOURCE_LANGUAGE] + ([PIVOT_LANGUAGE] if pivot and lang != PIVOT_LANGUAGE
                                   and PIVOT_LANGUAGE in settings.languages else [])
    for name in ENGINES:
        engine = create_engine(name, settings)
        if not engine.drafts or not engine.configured or \
                engine.external and document.no_external_mt:
            continue
        for source in sources:
            if engine.supports(source, lang) is not False:
                label = engine.name if source == SOURCE_LANGUAGE \
                    else f"{engine.name} ({source}→{lang})"
                choices.append(Choice(engine.name, source, label, engine_down(engine)))
    chosen = settings.get("mt.engine", None)
    local = {name for name, cls in ENGINES.items() if not cls.external}
    return sorted(choices, key=lambda c: (c.down is not None, c.engine != chosen,
                                          c.engine not in local))


def has_pivot_text(document: Document, segment: Segment | None = None) -> bool:
    """True when the segment (or any segment of the document) has approved Russian."""
    for each in [segment] if segment is not None else document.segments:
        if _source_text(each, PIVOT_LANGUAGE) is not None:
            return True
    return False


def parse_choice(settings: Settings, document: Document, lang: str, value: str) -> Choice:
    """The choice ``value`` names (``google``, ``apertium:ru``), if it is allowed here."""
    for choice in engine_choices(settings, document, lang):
        if value in (choice.value, choice.engine) and (value == choice.value or
                                                       choice.source_lang == SOURCE_LANGUAGE):
            return choice
    raise TmgrError(N_("engine %(engine)s cannot be asked for %(lang)s on this document",
                       engine=repr(value), lang=lang),
                    hint=N_("choose one of the engines offered (`tmgr engines` shows why)"))


def _source_text(segment: Segment, source_lang: str) -> str | None:
    if source_lang == SOURCE_LANGUAGE:
        return segment.source
    pivot = segment.translation(source_lang)
    if pivot is None or pivot.state != State.APPROVED or not pivot.text.strip():
        return None
    return pivot.text


def suggestions(session: Session, segment: Segment, lang: str) -> list[Suggestion]:
    """Every cached translation of this segment into ``lang`` (from English or the pivot)."""
    found: list[Suggestion] = []
    for source_lang in (SOURCE_LANGUAGE, PIVOT_LANGUAGE):
        text = _source_text(segment, source_lang) if source_lang != lang else None
        if not text:
            continue
        engines = [name for name, cls in ENGINES.items() if cls.drafts]
        entries = session.scalars(select(MTCacheEntry).where(  # the cache's unique index
            MTCacheEntry.engine.in_(engines), MTCacheEntry.source_lang == source_lang,
            MTCacheEntry.target_lang == lang, MTCacheEntry.source_hash == text_hash(text))
            .order_by(MTCacheEntry.created_at.desc()))
        for entry in entries:
            if entry.source_text == normalize_source(text):
                found.append(Suggestion(entry.engine, source_lang, entry.target_text,
                                        tuple((entry.unknown_words or "").split())))
    return found


def request_suggestion(transaction: Transaction, settings: Settings, user_id: int,
                       segment_id: int, lang: str, value: str,
                       make_engine: Callable[[str], Engine] | None = None) -> Suggestion:
    """Ask one engine for one segment (the cache first); nothing goes into the text box."""
    with transaction() as session:
        user = session.get_one(User, user_id)
        perm.require(user, perm.EDIT, lang)
        segment = segment_by_id(session, segment_id)
        get_translation(session, segment_id, lang)
        document = segment.document
        choice = parse_choice(settings, document, lang, value)
        text = _source_text(segment, choice.source_lang)
        if text is None:
            raise TmgrError(N_("segment %(num)s has no approved %(lang)s text to translate "
                               "from", num=segment_id, lang=choice.source_lang),
                            hint=N_("choose an engine that translates the English, or "
                                    "approve the Russian first"))
        key = CacheKey(choice.engine, choice.source_lang, lang, text)
        hit = cached(session, [key]).get(key)
        if hit is not None:
            return Suggestion(choice.engine, choice.source_lang, str(hit),
                              getattr(hit, "unknown", ()))
        segments = list(document.segments)
        context = context_for(document, segments, segments.index(segment), choice.source_lang,
                              lang, text, qa_terms(session))
    engine = (make_engine or (lambda name: interactive_engine(settings, name)))(choice.engine)
    try:
        answer = engine.translate(text, choice.source_lang, lang, context)
    except MTError as exc:
        raise MTError(N_("%(engine)s: %(message)s", engine=choice.engine, message=exc.message),
                      reason=exc.reason,
                      hint=exc.hint) from exc
    finally:
        engine.close()
    with transaction() as session:
        remember(session, [(key, answer)])
    return Suggestion(choice.engine, choice.source_lang, str(answer),
                      tuple(getattr(answer, "unknown", ())))


# -- drafting a whole document in the background ---------------------------------------


def start_document_draft(transaction: Transaction, settings: Settings, user_id: int,
                         slug: str, lang: str, value: str) -> str:
    """Draft ``slug`` in ``lang`` in a background thread; refuse if a run holds it.

    The run is registered (queued) before this returns, so whoever asks for the
    status next sees this run, never the previous one; the run's id is returned.
    """
    run_id = draftlease.new_run_id()
    with transaction() as session:
        user = session.get_one(User, user_id)
        perm.require(user, perm.EDIT, lang)
        document = get_document(session, slug)
        choice = parse_choice(settings, document, lang, value)
        lease, busy = draftlease.acquire(session, [document], run_id=run_id,
                                         engine=choice.engine, languages=[lang],
                                         started_by=user.name)
        if busy:
            raise TmgrError(N_("%(doc)s is being drafted already", doc=slug),
                            hint=N_("wait until it finishes"))
        name = user.name
    engine = create_engine(choice.engine, settings)
    pivot = choice.source_lang if choice.source_lang != SOURCE_LANGUAGE else None

    def run() -> None:
        try:
            draft_documents(transaction, engine, slugs=[slug], languages=[lang], pivot=pivot,
                            started_by=name, run_id=run_id)
        except TmgrError as exc:  # the lease row holds the outcome, in words
            with transaction() as session:
                draftlease.release(session, lease, {"error": exc.message})
        finally:
            engine.close()

    threading.Thread(target=run, name=f"draft-{slug}-{lang}", daemon=True).start()
    return run_id


def draft_status(session: Session, document: Document) -> dict[str, Any]:
    """The document's latest drafting run: running or not, progress, outcome."""
    run = draftlease.run_of(session, document)
    if run is None:
        return {"running": False, "state": "none", "run_id": None, "done": 0, "total": 0,
                "engine": None, "summary": None}
    live = draftlease.is_live(run)
    state = ("queued" if not run.total else "running") if live else "finished"
    return {"running": live, "state": state, "run_id": run.run_id,
            "done": run.done, "total": run.total,
            "engine": run.engine, "languages": run.languages.split(","),
            "started_by": run.started_by,
            "finished_at": run.finished_at.isoformat() if run.finished_at else None,
            "summary": _summary(run.summary)}


def _summary(text: str | None) -> Any:
    if not text:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return {"advice": text}
