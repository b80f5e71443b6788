"""The TM change journal's triggers (migration ``i25g_1``), off while every row is loaded.

A restore or a copy writes the journal's own rows as they were; its triggers would
add a row for every approved translation and TM unit loaded beside them (and the
row counts would no longer agree). The stored index snapshots come along with the
journal positions they were built at, so the restored journal stays their truth.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection

from tmgr.store.summaries import triggers_suspended

PREFIX = "tm_journal_"


@contextmanager
def suspended(connection: Connection) -> Iterator[None]:
    """The journal's triggers off for the block, in the caller's transaction (a rollback
    brings them back as well)."""
    with triggers_suspended(connection, PREFIX):
        yield
