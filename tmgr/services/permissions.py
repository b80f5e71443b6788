"""Who may do what, in which language: the one place the rules live.

Translators edit in their languages; reviewers also approve and reject in theirs;
editors see everything, comment, set deadlines and fix metadata; publishers export; admins
manage users and may do everything else. The four-eyes rule (nobody approves
their own translation) is applied by :mod:`tmgr.services.review`.
"""

from __future__ import annotations

from typing import Protocol

from tmgr.errors import PermissionDenied

EDIT = "edit"
APPROVE = "approve"
REJECT = "reject"
COMMENT = "comment"
SET_DEADLINE = "set_deadline"
EDIT_METADATA = "edit_metadata"  # fix a document's title, section, week, status line
EXPORT = "export"
MANAGE_USERS = "manage_users"
ACTIONS = (EDIT, APPROVE, REJECT, COMMENT, SET_DEADLINE, EDIT_METADATA, EXPORT, MANAGE_USERS)

#: actions that are granted per language for translators and reviewers
LANGUAGE_ACTIONS = frozenset({EDIT, APPROVE, REJECT, COMMENT})

ROLE_ACTIONS: dict[str, frozenset[str]] = {
    "translator": frozenset({EDIT, COMMENT}),
    "reviewer": frozenset({EDIT, APPROVE, REJECT, COMMENT}),
    "editor": frozenset({COMMENT, SET_DEADLINE, EDIT_METADATA}),
    "publisher": frozenset({EXPORT}),
    "admin": frozenset(ACTIONS),
}
#: roles whose language actions are limited to their own languages
LANGUAGE_BOUND_ROLES = frozenset({"translator", "reviewer"})


class Actor(Protocol):
    """Anything with a name, a role and a list of languages (a User or a web user)."""

    name: str
    role: str

    @property
    def language_list(self) -> list[str]: ...


def allowed(actor: Actor, action: str, lang: str | None = None) -> bool:
    """True when ``actor`` may do ``action`` (in ``lang`` for language actions)."""
    if action not in ROLE_ACTIONS.get(actor.role, frozenset()):
        return False
    if action in LANGUAGE_ACTIONS and actor.role in LANGUAGE_BOUND_ROLES:
        return lang is not None and lang in actor.language_list
    return True


def require(actor: Actor, action: str, lang: str | None = None) -> None:
    """Raise :class:`PermissionDenied` unless ``actor`` may do ``action``."""
    if allowed(actor, action, lang):
        return
    where = f" in {lang}" if lang and action in LANGUAGE_ACTIONS else ""
    raise PermissionDenied(
        f"{actor.name} ({actor.role}) may not {action.replace('_', ' ')}{where}",
        hint="ask an admin to change your role or languages")


def languages_for(actor: Actor, action: str, configured: list[str] | tuple[str, ...]
                  ) -> list[str]:
    """The configured languages in which ``actor`` may do ``action``."""
    return [lang for lang in configured if allowed(actor, action, lang)]
