"""Check messages that the UI can translate, without tmgr.qa knowing about Flask.

A check writes ``N_("«%(word)s» mixes scripts", word=word)``: the result is an
English ``str`` (what ``tmgr qa`` and the JSON print) that also keeps its
template and parameters, so the web layer renders it in the UI language with
``message.translate(gettext)``. ``N_`` is one of the keywords ``pybabel extract``
looks for, so the templates land in ``web/translations``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any


class Message(str):
    """An English message that remembers its template and parameters."""

    template: str
    params: dict[str, Any]

    def __new__(cls, template: str, **params: Any) -> Message:
        text = template % {k: str(v) for k, v in params.items()} if params else template
        made = super().__new__(cls, text)
        made.template, made.params = template, params
        return made

    def translate(self, gettext: Callable[[str], str]) -> str:  # type: ignore[override]  # a message, not str.translate
        """This message in the language ``gettext`` translates into."""
        params = {k: _translated(v, gettext) for k, v in self.params.items()}
        try:
            return gettext(self.template) % params if params else gettext(self.template)
        except (KeyError, TypeError, ValueError):  # a broken translation: keep English
            return str(self)


class Listing(str):
    """Several parts joined by a separator, each translated on its own."""

    parts: tuple[Any, ...]
    separator: str

    def __new__(cls, parts: Iterable[Any], separator: str = ", ") -> Listing:
        parts = tuple(parts)
        made = super().__new__(cls, separator.join(str(p) for p in parts))
        made.parts, made.separator = parts, separator
        return made

    def translate(self, gettext: Callable[[str], str]) -> str:  # type: ignore[override]  # a message, not str.translate
        return self.separator.join(_translated(p, gettext) for p in self.parts)


def _translated(value: Any, gettext: Callable[[str], str]) -> str:
    return value.translate(gettext) if isinstance(value, Message | Listing) else str(value)


def N_(template: str, **params: Any) -> Message:  # noqa: N802 - the gettext convention
    """A translatable check message (English now, the UI's language on the web)."""
    return Message(template, **params)


def translate(text: str, gettext: Callable[[str], str]) -> str:
    """``text`` in the UI language when it is a :class:`Message`, else as it is."""
    return _translated(text, gettext)


_PLACEHOLDER = re.compile(r"%\((\w+)\)s")
#: parameters that name or quote something (a person, a document, a word): kept as they are
VERBATIM = frozenset({"name", "user", "doc", "slug", "file", "text", "word", "words", "key",
                      "term", "engine", "title", "path", "value", "comment", "model", "setting",
                      "package", "source", "target", "lang", "id", "check"})


class Templates:
    """Recognises stored English (an engine's failure kept in the database, a message a
    layer built as plain text) as one of the catalog's templates, so it can be said
    again in the reader's language: ``"google unreachable (no answer within 10 s)"``
    becomes ``N_("%(engine)s unreachable (%(detail)s)", ...)`` with its parameters
    recognised in turn."""

    def __init__(self, msgids: Iterable[str]) -> None:
        self.plain: set[str] = set()
        self._unknown: set[str] = set()
        self.patterns: list[tuple[re.Pattern[str], str]] = []
        for msgid in msgids:
            if not isinstance(msgid, str) or not msgid:
                continue
            if "%(" not in msgid:
                self.plain.add(msgid)
                continue
            pieces = _PLACEHOLDER.split(msgid)
            if "%" in "".join(pieces[::2]).replace("%%", ""):
                continue  # another conversion (%(n)d...): not said back from text
            names = pieces[1::2]
            if len(set(names)) != len(names) or sum(ch.isalpha() for ch in pieces[::2]
                                                    for ch in ch) < 4:
                continue  # too little of its own words to be told from any other text
            regex = "".join(re.escape(p.replace("%%", "%")) if i % 2 == 0
                            else f"(?P<{p}>.+?)" for i, p in enumerate(pieces))
            self.patterns.append((re.compile(regex, re.S), msgid))
        # the most literal templates first: "%(engine)s: %(message)s" is the last resort
        self.patterns.sort(key=lambda item: -len(_PLACEHOLDER.sub("", item[1])))

    def recognise(self, text: str, depth: int = 0) -> Message | str:
        """``text`` as a :class:`Message` when it is one of the templates, else as it is."""
        if isinstance(text, Message) and depth <= 3:  # its parameters may be stored English
            return Message(text.template, **self._params(text.params, depth))
        if isinstance(text, Message | Listing) or depth > 3:
            return text
        if text in self.plain:
            return Message(text)
        if text in self._unknown:  # most texts asked about are no template: remember them
            return text
        for pattern, template in self.patterns:
            match = pattern.fullmatch(text)
            if match:
                return Message(template, **self._params(match.groupdict(), depth))
        if len(self._unknown) < 10_000:
            self._unknown.add(text)
        return text

    def _params(self, params: dict[str, Any], depth: int) -> dict[str, Any]:
        return {k: v if k in VERBATIM or not isinstance(v, str) else self.recognise(v, depth + 1)
                for k, v in params.items()}
