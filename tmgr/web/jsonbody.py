"""The JSON body of an API request, read once and checked: an object, not too deep,
no lone surrogates (shared by the JSON API's blueprints)."""

from __future__ import annotations

from typing import Any

from flask import request
from flask_babel import gettext as _

from tmgr.errors import BadRequest, UnreadableBody
from tmgr.text import bad_character, describe
from tmgr.web.messages import said

MAX_JSON_DEPTH = 32  # no route takes more than a few levels


def _check_strings(value: Any, where: str | None = None, depth: int = 0) -> None:
    """Refuse lone surrogates anywhere in the body: no database can store them."""
    if depth > MAX_JSON_DEPTH:
        raise _too_deep()
    if isinstance(value, str):
        found = bad_character(value)
        if found and "\ud800" <= found[1] <= "\udfff":
            raise BadRequest(_("%(what)s contains %(char)s", what=where or _("the request"),
                               char=said(describe(found[1]))),
                             hint=_("send UTF-8 text without lone surrogates"))
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_strings(key, where, depth + 1)
            _check_strings(item, f"field {key!r}" if isinstance(key, str) else where,
                           depth + 1)
    elif isinstance(value, list):
        for item in value:
            _check_strings(item, where, depth + 1)


def _too_deep() -> UnreadableBody:
    return UnreadableBody(_("the JSON body is nested more than %(depth)s levels deep",
                            depth=MAX_JSON_DEPTH),
                          hint=_("send the flat JSON object the route documents"))


def json_body() -> dict[str, Any]:
    try:
        data = request.get_json(silent=True)
    except RecursionError as exc:  # the parser's own limit, before any of ours
        raise _too_deep() from exc
    if not isinstance(data, dict):
        raise BadRequest(_("send a JSON object"), hint="Content-Type: application/json")
    _check_strings(data)
    return data
