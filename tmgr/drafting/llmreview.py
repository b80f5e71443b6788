"""The optional LLM reviewer's issues as QA warnings (``TMGR_LLM_REVIEW=1``).

Each translation checked gets the reviewer's MQM-style issues (category,
severity, the words concerned, why) as ``llm-review`` warnings: shown beside the
other findings, never blocking approval or export. Without the ``llm`` engine's
settings, or when its server fails, the other checks run and the reason is said
once (logged); answers are kept per text in the process.
"""

from __future__ import annotations

import logging
from functools import lru_cache

from tmgr.config import llm_review_requested, load_settings
from tmgr.errors import TmgrError
from tmgr.mt import create_engine
from tmgr.mt.llm import LLM
from tmgr.mt.review import review
from tmgr.qa import WARNING, Finding
from tmgr.qa.messages import N_

CHECK = "llm-review"
log = logging.getLogger(__name__)
_said: set[str] = set()


def _say_once(reason: str) -> None:
    if reason not in _said:
        _said.add(reason)
        log.warning("LLM review unavailable: %s", reason)


class Reviewer:
    """The configured LLM as a reviewer, its answers kept per (source, text, lang)."""

    def __init__(self, engine: LLM) -> None:
        self.engine = engine
        self._cache: dict[tuple[str, str, str], tuple[Finding, ...]] = {}

    def findings(self, source: str, text: str, lang: str) -> list[Finding]:
        key = (source, text, lang)
        if key not in self._cache:
            try:
                issues = review(self.engine, source, text, lang)
            except TmgrError as exc:
                _say_once(str(exc))
                return []
            self._cache[key] = tuple(Finding(
                CHECK, WARNING, N_("reviewer: %(category)s (%(severity)s), «%(words)s»: "
                                   "%(reason)s", category=i.category, severity=i.severity,
                                   words=i.words, reason=i.reason), key=i.words)
                for i in issues)
        return list(self._cache[key])


@lru_cache(maxsize=1)
def _reviewer(url: str, model: str) -> Reviewer | None:
    try:
        engine = create_engine("llm", load_settings())
    except TmgrError as exc:
        _say_once(str(exc))
        return None
    missing = engine.missing_setting()
    if missing or not isinstance(engine, LLM):
        _say_once(f"set {missing} for the llm engine")
        return None
    return Reviewer(engine)


def reviewer() -> Reviewer | None:
    """The reviewer when ``TMGR_LLM_REVIEW=1`` and the llm engine is configured."""
    wanted = llm_review_requested()
    return _reviewer(*wanted) if wanted else None
