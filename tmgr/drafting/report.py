"""What a draft run did: drafted from where, failed why, left alone why, flagged what."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

#: what to do about the most common failure, after "N segments not drafted; "
_ADVICE = {
    "unavailable": "run `tmgr draft` again when online",
    "rate-limited": "run `tmgr draft` again later (or lower [mt.{engine}] rate)",
    "bad-answer": "run `tmgr draft` again, or choose another engine with --engine",
    "unsupported-language": "choose another engine with --engine (see `tmgr engines`)",
    "too-long": "split the segment or translate it by hand",
    "not-configured": "check TMGR_{ENGINE}_API_KEY (see `tmgr engines`)",
    "blocked": "the document is marked no external MT",
}


@dataclass(frozen=True)
class Failure:
    """One segment × language the engine could not draft, and why."""

    document: str
    segment_id: int
    lang: str
    error: str  # "<reason>: <message>", as stored in Translation.mt_error

    @property
    def reason(self) -> str:
        return self.error.split(":", 1)[0]

    @property
    def message(self) -> str:
        return self.error.split(": ", 1)[-1]


@dataclass
class DraftReport:
    """Counts of one ``tmgr draft`` run; ``advice()`` is its one-line verdict."""

    engine: str
    from_tm: int = 0
    from_cache: int = 0
    from_engine: int = 0
    asked: int = 0  # distinct texts the engine was asked for
    failed: Counter[str] = field(default_factory=Counter)
    skipped: Counter[str] = field(default_factory=Counter)
    flagged: Counter[str] = field(default_factory=Counter)
    failures: list[Failure] = field(default_factory=list)
    #: documents another run was drafting: left alone
    busy: list[str] = field(default_factory=list)

    @property
    def drafted(self) -> int:
        return self.from_tm + self.from_cache + self.from_engine

    @property
    def ok(self) -> bool:
        return not self.failures

    def advice(self) -> str | None:
        """One line saying what failed and what to do, or None when nothing failed."""
        if not self.failures:
            if self.busy:
                return (f"{', '.join(self.busy)}: another run is drafting "
                        f"{'it' if len(self.busy) == 1 else 'them'}; run `tmgr draft` "
                        "again when it has finished")
            return None
        reason = self.failed.most_common(1)[0][0]
        example = next(f for f in self.failures if f.reason == reason)
        count = len(self.failures)
        what = f"{count} segment{'s' if count != 1 else ''} not drafted"
        todo = _ADVICE.get(reason, "see `tmgr show DOC`").format(
            engine=self.engine, ENGINE=self.engine.upper())
        if reason == "unavailable" and "HTTP" in example.message:
            todo = "run `tmgr draft` again later"
        return f"{example.message} — {what}; {todo}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "engine": self.engine,
            "drafted": self.drafted,
            "from_tm": self.from_tm,
            "from_cache": self.from_cache,
            "from_engine": self.from_engine,
            "asked": self.asked,
            "failed": dict(self.failed),
            "skipped": dict(self.skipped),
            "flagged": dict(self.flagged),
            "failures": [{"document": f.document, "segment": f.segment_id, "lang": f.lang,
                          "error": f.error} for f in self.failures],
            "busy": list(self.busy),
            "advice": self.advice(),
        }
