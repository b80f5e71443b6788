"""An LLM reviewer: MQM-style issues (category, severity, the words concerned, why)
for one translated sentence, over the ``llm`` engine's chat-completions server.

Asked only when ``TMGR_LLM_REVIEW=1`` and the ``llm`` engine is configured
(``TMGR_LLM_URL``, ``TMGR_LLM_MODEL``); the answer must be a JSON array of
``{"category", "severity", "words", "reason"}`` (a Markdown fence around it is
fine). An answer that is not such an array is no issue; a server that fails
raises :class:`~tmgr.errors.MTError` (the caller shows no review, never blocks).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from tmgr.localedata import language_name
from tmgr.mt.llm import LLM, _unfence

SEVERITIES = ("minor", "major", "critical")
MAX_ISSUES = 10
SYSTEM = (
    "You review translations from English into {language} for a publication about "
    "Belarus. Find errors in the MQM typology: accuracy (mistranslation, omission, "
    "addition, untranslated, negation reversed), fluency (grammar, spelling, words of "
    "another language such as Russian words in Belarusian text), terminology, style. "
    "Answer with a JSON array only, one object per error: {{\"category\": "
    "\"accuracy/omission\", \"severity\": \"minor|major|critical\", \"words\": \"the "
    "words concerned\", \"reason\": \"one short sentence\"}}. Answer [] when the "
    "translation has no error.")
USER = "English:\n{source}\n\nTranslation:\n{text}"


@dataclass(frozen=True)
class Issue:
    """One MQM-style finding of the reviewer."""

    category: str
    severity: str
    words: str
    reason: str


def review(engine: LLM, source: str, text: str, lang: str) -> list[Issue]:
    """The reviewer's issues in ``text`` (``lang``), the translation of ``source``."""
    language = language_name(lang).title()
    messages = [{"role": "system", "content": SYSTEM.format(language=language)},
                {"role": "user", "content": USER.format(source=source, text=text)}]
    return parse(engine.chat(messages))


def parse(content: Any) -> list[Issue]:
    """The issues of an answer; nothing for an answer that is not a JSON array."""
    try:
        items = json.loads(_unfence(content))
    except (ValueError, TypeError):
        return []
    if not isinstance(items, list):
        return []
    issues = []
    for item in items[:MAX_ISSUES]:
        if not isinstance(item, dict):
            continue
        fields = [str(item.get(k) or "").strip()[:300]
                  for k in ("category", "severity", "words", "reason")]
        if not fields[0]:
            continue
        fields[1] = fields[1].lower() if fields[1].lower() in SEVERITIES else "minor"
        issues.append(Issue(*fields))
    return issues
