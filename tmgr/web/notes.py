"""History notes in the UI language.

Services write notes in English (they are also what ``tmgr show`` prints); the
known kinds are recognised here and said again in the reader's language. A
note of no known kind (a reviewer's comment) is shown as written.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from flask_babel import gettext as _

from tmgr.qa.checks import registry
from tmgr.qa.messages import translate


def check_name(check: str) -> str:
    """A QA check's name in the UI language (its id when there is no such check)."""
    found = registry().get(check)
    return translate(found.name, _) if found is not None else check


_NOTES: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (re.compile(r"QA override \(([\w-]+)\): (.*)", re.S),
     lambda m: _("QA override (%(check)s): %(reason)s", check=check_name(m[1]), reason=m[2])),
    (re.compile(r"QA override: (.*)", re.S),
     lambda m: _("QA override: %(reason)s", reason=m[1])),
    (re.compile(r"QA fix \(([\w-]+)\)"),
     lambda m: _("QA fix (%(check)s)", check=check_name(m[1]))),
    (re.compile(r"from the approved ru text: (.*)", re.S),
     lambda m: _("from the approved Russian: %(text)s", text=m[1])),
    (re.compile(r"from the approved be text: (.*)", re.S),
     lambda m: _("from the approved Belarusian: %(text)s", text=m[1])),
    (re.compile(r"reverted to revision (\d+)"),
     lambda m: _("reverted to revision %(num)s", num=m[1])),
    (re.compile(r"source changed; it was: (.*)", re.S),
     lambda m: _("the English changed; it was: %(text)s", text=m[1])),
    (re.compile(r"imported from (.*) \(export (.*)\)", re.S),
     lambda m: _("imported from %(file)s (export %(export)s)", file=m[1], export=m[2])),
    (re.compile(r"imported from (.*)", re.S),
     lambda m: _("imported from %(file)s", file=m[1])),
    (re.compile(r"replace (\d+): («.*» → «.*»)", re.S),
     lambda m: _("search and replace %(num)s: %(change)s", num=m[1], change=m[2])),
    (re.compile(r"undo of replace (\d+)"),
     lambda m: _("undo of search and replace %(num)s", num=m[1])),
    (re.compile(r"source split into (\d+) sentences; it was: (.*)", re.S),
     lambda m: _("the English was split into %(count)s sentences; it was: %(text)s",
                 count=m[1], text=m[2])),
    (re.compile(r"(\d+) sentences merged into one; they were: (.*)", re.S),
     lambda m: _("%(count)s English sentences were merged into one; they were: %(text)s",
                 count=m[1], text=m[2])),
    (re.compile(r"approved"), lambda m: _("approved")),
]


def history_note(note: str | None) -> str:
    """One stored note (or several joined by "; " for overrides) in the UI language."""
    if not note:
        return ""
    parts = note.split("; QA override (")
    if len(parts) > 1:
        return "; ".join(history_note(part if i == 0 else "QA override (" + part)
                         for i, part in enumerate(parts))
    for pattern, say in _NOTES:
        match = pattern.fullmatch(note)
        if match:
            return say(match)
    return note
