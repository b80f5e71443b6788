"""Which tmgr release each schema revision belongs to (stdlib only).

:data:`RELEASES` is the one table of it: a release and the migrations it was the
first to ship. A revision this tmgr knows but no release lists yet belongs to the
version being made (:data:`tmgr.__version__`). A database tells which versions
upgraded it in its ``tmgr_releases`` table (migration i20_1), so a tmgr older than
the database can say which one wrote it.
"""

from __future__ import annotations

from tmgr import __version__

#: release -> the schema revisions it introduced, oldest release first
RELEASES: dict[str, tuple[str, ...]] = {
    "0.1.0": ("0001",),
    "0.2.0": ("0002", "i15_1", "i9_1", "i11a_1", "i13_1", "i12_1", "i11b_1", "i14_1",
              "i10_1", "q1_1", "p1_1", "d1_1", "i27a_1", "i25a_1", "i27b_1", "i21_1",
              "i24_1", "i23_1", "i20_1", "i25b_1", "i22b_1"),
}
#: the table where ``tmgr db upgrade`` records its version (migration i20_1)
STAMP_TABLE = "tmgr_releases"


def version_of(revision: str | None, known: set[str] | frozenset[str] = frozenset()) -> \
        str | None:
    """The tmgr version whose schema ``revision`` is; None when neither :data:`RELEASES`
    nor ``known`` (the revisions this tmgr ships) has it. No revision: 0.1.0."""
    if revision is None:
        return "0.1.0"
    for version, revisions in RELEASES.items():
        if revision in revisions:
            return version
    return __version__ if revision in known else None
