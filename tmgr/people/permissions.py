"""Who may do what, in which language: the one place the rules live.

Translators edit in their languages; reviewers also approve and reject in theirs;
editors see everything, comment, set deadlines and fix metadata; publishers export; admins
manage users and may do everything else. Nobody approves their own
translation (the four-eyes rule).

:func:`require_change` is the one check every path that changes a translation
calls (web form, JSON API, ``tmgr import``, ``tmgr approve``, ``tmgr sync``,
revert): it decides from what changes (the words, the state) which rights are
needed, so no channel can do more than the editor allows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from tmgr.errors import PermissionDenied
from tmgr.qa.messages import N_
from tmgr.states import State

if TYPE_CHECKING:
    from tmgr.store.models import Translation

EDIT = "edit"
APPROVE = "approve"
REJECT = "reject"
COMMENT = "comment"
SET_DEADLINE = "set_deadline"
EDIT_METADATA = "edit_metadata"  # fix a document's title, section, week, status line
EXPORT = "export"
MANAGE_USERS = "manage_users"
VIEW_DASHBOARD = "view_dashboard"  # the editors' desk: assignments, late work, charts
VIEW_MT_REPORT = "view_mt_report"
#: publish although more words than TMGR_UNEDITED_MT_WARN are unedited MT drafts
CONFIRM_UNEDITED = "confirm_unedited"
ACTIONS = (EDIT, APPROVE, REJECT, COMMENT, SET_DEADLINE, EDIT_METADATA, EXPORT, MANAGE_USERS,
           VIEW_DASHBOARD, VIEW_MT_REPORT, CONFIRM_UNEDITED)

#: actions that are granted per language for translators and reviewers
LANGUAGE_ACTIONS = frozenset({EDIT, APPROVE, REJECT, COMMENT})

ROLE_ACTIONS: dict[str, frozenset[str]] = {
    "translator": frozenset({EDIT, COMMENT}),
    "reviewer": frozenset({EDIT, APPROVE, REJECT, COMMENT}),
    "editor": frozenset({COMMENT, SET_DEADLINE, EDIT_METADATA, VIEW_DASHBOARD, VIEW_MT_REPORT,
                         CONFIRM_UNEDITED}),
    "publisher": frozenset({EXPORT}),
    "admin": frozenset(ACTIONS),
}
#: roles whose language actions are limited to their own languages
LANGUAGE_BOUND_ROLES = frozenset({"translator", "reviewer"})


class Actor(Protocol):
    """Anything with a name, a role and a list of languages (a User or a web user)."""

    @property
    def id(self) -> int: ...

    @property
    def name(self) -> str: ...

    @property
    def role(self) -> str: ...

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
    if not allowed(actor, action, lang):
        raise _denied(actor, action, lang)


def languages_for(actor: Actor, action: str, configured: list[str] | tuple[str, ...]
                  ) -> list[str]:
    """The configured languages in which ``actor`` may do ``action``."""
    return [lang for lang in configured if allowed(actor, action, lang)]


def text_author_id(translation: Translation) -> int | None:
    """Who wrote the current words (a revert or a one-click fix keeps their author)."""
    return translation.author_id


def change_denial(actor: Actor, translation: Translation, *, text: str, state: State,
                  four_eyes: bool = True, active: bool = True) -> PermissionDenied | None:
    """Why ``actor`` may not give ``translation`` this text and state, or None if they may.

    New words need ``edit``; the approved state needs ``approve`` and, with the
    four-eyes rule, a text someone else wrote (new words are the actor's own);
    sending unchanged words back to ``needs_editing`` needs ``reject``.
    """
    lang = translation.lang
    if not active:
        return PermissionDenied(f"the account {actor.name} is disabled")
    new_words = text != translation.text
    needed = []
    if new_words:
        needed.append(EDIT)
    if state == State.APPROVED and translation.state != State.APPROVED or \
            state == State.APPROVED and new_words:
        needed.append(APPROVE)
    elif state == State.NEEDS_EDITING and not new_words and translation.state > state:
        needed.append(REJECT)
    elif not new_words and state != translation.state:
        needed.append(EDIT)
    for action in needed:
        if not allowed(actor, action, lang):
            return _denied(actor, action, lang)
    if APPROVE in needed and four_eyes:
        author = actor.id if new_words else text_author_id(translation)
        if author == actor.id:
            return PermissionDenied(
                N_("you wrote this translation of segment %(num)s (%(lang)s), so someone "
                   "else must approve it (four-eyes rule)", num=translation.segment_id,
                   lang=lang),
                hint=N_("ask another reviewer, or set review.four_eyes = false"))
    return None


def require_change(actor: Actor, translation: Translation, *, text: str, state: State,
                   four_eyes: bool = True, active: bool = True) -> None:
    """Raise :class:`PermissionDenied` unless ``actor`` may make this change."""
    denial = change_denial(actor, translation, text=text, state=state, four_eyes=four_eyes,
                           active=active)
    if denial is not None:
        raise denial


#: what each action is called in a refusal (said in the reader's language on the web)
ACTION_NAMES = {EDIT: N_("edit"), APPROVE: N_("approve"), REJECT: N_("reject"),
                COMMENT: N_("comment"), SET_DEADLINE: N_("set deadlines"),
                EDIT_METADATA: N_("edit a document's details"), EXPORT: N_("export"),
                MANAGE_USERS: N_("manage users"), VIEW_DASHBOARD: N_("see the dashboard"),
                VIEW_MT_REPORT: N_("see the MT report")}


def _denied(actor: Actor, action: str, lang: str | None) -> PermissionDenied:
    what = ACTION_NAMES.get(action) or action.replace("_", " ")
    hint = N_("ask an admin to change your role or languages")
    if lang and action in LANGUAGE_ACTIONS:
        return PermissionDenied(N_("%(name)s (%(role)s) may not %(action)s in %(lang)s",
                                   name=actor.name, role=actor.role, action=what, lang=lang),
                                hint=hint)
    return PermissionDenied(N_("%(name)s (%(role)s) may not %(action)s", name=actor.name,
                               role=actor.role, action=what), hint=hint)
