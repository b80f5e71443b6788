"""The TM change journal: which units changed since a stored index was built.

Database triggers (migration ``i25g_1``) write a :class:`~tmgr.store.models.TMChange`
row for every changed approved translation and stored TM unit, in commit order. A
worker that starts from a snapshot built at journal position ``p`` reads the rows
after ``p`` (an index range scan) instead of comparing the fingerprints of every
unit: at a million units, milliseconds instead of seconds.

Read the position *before* the units: a change committed in between is then
applied twice (harmless: a patch reloads a unit's current state), never missed.
"""

from __future__ import annotations

from sqlalchemy import delete, func, select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session
from sqlalchemy.sql.selectable import ScalarSelect

from tmgr.store.models import TMChange, TMIndexSnapshot

Key = tuple[str, int]


def newest() -> ScalarSelect[int]:
    """The newest journal row's id (None for an empty journal), to read beside the label."""
    return select(func.max(TMChange.id)).scalar_subquery()


def complete_after(session: Session, since: int) -> bool:
    """Whether every change after ``since`` is still in the journal (none pruned).

    Pruning deletes a prefix: if row ``since`` is there, nothing after it went. Else
    the oldest row must follow ``since`` at once (a gap left by a rolled-back
    PostgreSQL sequence value reads as "pruned": the caller rebuilds, safely).
    """
    if since and session.scalar(select(TMChange.id).where(TMChange.id == since)) is not None:
        return True
    oldest = session.scalar(select(func.min(TMChange.id)))
    return oldest is None or int(oldest) <= since + 1


def changed(session: Session, lang: str, since: int, upto: int) -> list[Key]:
    """The (kind, id) of ``lang``'s units changed after ``since`` up to ``upto``, once each."""
    rows = session.execute(select(TMChange.kind, TMChange.unit_id).where(
        TMChange.id > since, TMChange.id <= upto, TMChange.lang == lang)).all()
    return list(dict.fromkeys((str(kind), int(unit_id)) for kind, unit_id in rows))


def prune(connection: Connection) -> None:
    """Drop the rows every stored snapshot already holds (inside the caller's transaction).

    The row at the oldest snapshot's position stays, so :func:`complete_after` can tell.
    A snapshot without a position (an older layout) keeps the whole journal.
    """
    positions = [row[0] for row in connection.execute(select(TMIndexSnapshot.journal))]
    known = [int(p) for p in positions if p is not None]
    if known and len(known) == len(positions):
        connection.execute(delete(TMChange).where(TMChange.id < min(known)))
