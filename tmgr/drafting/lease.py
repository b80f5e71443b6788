"""Drafting leases: two drafting runs never draft the same document at once.

A run takes a lease on each document it drafts (a :class:`~tmgr.store.models.DraftRun`
row per document, unique by document). A lease is live while the run has not
finished and its heartbeat is younger than :data:`LEASE_SECONDS`; a run that
died (killed, power cut) lets go by itself. The CLI and the web UI use the same
leases, whatever process or machine they run on.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from tmgr.store.db import affected
from tmgr.store.models import Document, DraftRun, utcnow

LEASE_SECONDS = 120.0


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def is_live(run: DraftRun | None, now: datetime | None = None) -> bool:
    """True while ``run`` holds its document."""
    if run is None or run.finished_at is not None:
        return False
    now = now or utcnow()
    return now - _aware(run.heartbeat_at) < timedelta(seconds=LEASE_SECONDS)


@dataclass(frozen=True)
class Lease:
    """The documents one run holds."""

    run_id: str
    document_ids: tuple[int, ...]


def new_run_id() -> str:
    return uuid.uuid4().hex


def acquire(session: Session, documents: Sequence[Document], *, run_id: str, engine: str,
            languages: Sequence[str], started_by: str | None) -> tuple[Lease, list[Document]]:
    """Take every document no live run holds; return the lease and the busy documents.

    Taking a lease is one conditional UPDATE (or an INSERT guarded by the unique
    document id), so two runs starting at the same moment cannot both win.
    """
    held: list[int] = []
    busy: list[Document] = []
    now = utcnow()
    cutoff = now - timedelta(seconds=LEASE_SECONDS)
    values = {"run_id": run_id, "engine": engine, "languages": ",".join(languages),
              "started_by": started_by, "started_at": now, "heartbeat_at": now,
              "finished_at": None, "total": 0, "done": 0, "summary": None}
    for document in documents:
        taken = affected(session.execute(update(DraftRun).where(
            DraftRun.document_id == document.id,
            or_(DraftRun.finished_at.is_not(None), DraftRun.heartbeat_at < cutoff,
                DraftRun.run_id == run_id)).values(**values)
            .execution_options(synchronize_session=False)))
        if not taken:
            if session.scalar(select(DraftRun.id).where(DraftRun.document_id == document.id)):
                busy.append(document)
                continue
            try:
                with session.begin_nested():
                    session.add(DraftRun(document_id=document.id, **values))
            except IntegrityError:  # another run inserted its lease at the same moment
                busy.append(document)
                continue
        held.append(document.id)
    return Lease(run_id, tuple(held)), busy


def heartbeat(session: Session, lease: Lease, *, done: int, total: int) -> None:
    """Keep the lease alive and publish the run's progress."""
    if lease.document_ids:
        session.execute(update(DraftRun).where(DraftRun.run_id == lease.run_id).values(
            heartbeat_at=utcnow(), done=done, total=total))


def release(session: Session, lease: Lease, summary: dict[str, Any] | str) -> None:
    """Let go of the documents, keeping the run's outcome for whoever asks."""
    text = summary if isinstance(summary, str) else json.dumps(summary, ensure_ascii=False)
    session.execute(update(DraftRun).where(DraftRun.run_id == lease.run_id).values(
        finished_at=utcnow(), summary=text[:20000]))


def run_of(session: Session, document: Document) -> DraftRun | None:
    """The latest drafting run of ``document`` (live or finished), if any."""
    return session.scalars(select(DraftRun).where(
        DraftRun.document_id == document.id)).one_or_none()
