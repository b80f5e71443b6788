"""Check messages that the UI can translate, without tmgr.qa knowing about Flask.

A check writes ``N_("«%(word)s» mixes scripts", word=word)``: the result is an
English ``str`` (what ``tmgr qa`` and the JSON print) that also keeps its
template and parameters, so the web layer renders it in the UI language with
``message.translate(gettext)``. ``N_`` is one of the keywords ``pybabel extract``
looks for, so the templates land in ``web/translations``.
"""

from __future__ import annotations

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
