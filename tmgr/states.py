"""The workflow states of a translation, ordered so "is it done?" is a comparison::

    translation.state >= State.TRANSLATED

A module of its own (stdlib only) so that the ORM, the file formats and the web
use one definition without the formats having to load SQLAlchemy.
"""

from __future__ import annotations

import enum
import functools


@functools.total_ordering
class State(enum.Enum):
    """Where a translation stands; members compare in workflow order."""

    UNTRANSLATED = "untranslated"
    DRAFT = "draft"  # machine or TM output that no human has touched
    NEEDS_EDITING = "needs_editing"  # rejected, or its source changed
    TRANSLATED = "translated"  # human work awaiting review
    APPROVED = "approved"

    @property
    def rank(self) -> int:
        return _RANK[self]

    @property
    def is_human_work(self) -> bool:
        """True for states that machine drafts must never overwrite."""
        return self >= State.NEEDS_EDITING

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, State):
            return NotImplemented
        return self.rank < other.rank


_RANK = {state: rank for rank, state in enumerate(State)}  # a look-up, not a list search

__all__ = ["State"]
