"""What a notification says, in the recipient's UI language (en, be, ru).

A notification is kept as its kind and parameters; the words are rendered here,
with the recipient's catalog (web/translations), at the moment it is shown or
delivered: never in the language of the person whose action caused it. Plural
forms come from the catalogs' CLDR rules (Babel).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from functools import cache
from gettext import NullTranslations
from typing import Any

from tmgr.assets import web_root
from tmgr.localedata.cldr import catalog
from tmgr.text import one_line

LANGUAGES = ("en", "be", "ru")
URGENT = frozenset({"mentioned", "rejected"})  # never held for a digest


def N_(text: str) -> str:  # noqa: N802 - the gettext convention: marks text for extraction
    return text


SUBJECTS = {
    "assigned": N_("assigned to you"),
    "due_soon": N_("due tomorrow"),
    "rejected": N_("sent back to you"),
    "mentioned": N_("you were mentioned"),
    "ready_to_publish": N_("ready to publish"),
}
MESSAGES = {
    "assigned": N_("You are the %(role)s of “%(title)s” (%(lang)s)."),
    "assigned_by": N_("You are the %(role)s of “%(title)s” (%(lang)s), assigned by %(by)s."),
    "due_soon": N_("The %(stage)s of “%(title)s” (%(lang)s) is due tomorrow, %(date)s."),
    "rejected": N_("%(by)s sent segment %(segment)s of “%(title)s” (%(lang)s) back to you: "
                   "%(comment)s"),
    "mentioned": N_("%(by)s mentioned you on segment %(segment)s of %(slug)s (%(lang)s): "
                    "%(text)s"),
    "ready_to_publish": N_("“%(title)s” (%(lang)s) is fully approved and ready to publish."),
}
WORDS = {  # roles and stages named inside the messages
    "translator": N_("translator"), "reviewer": N_("reviewer"),
    "translation": N_("translation"), "review": N_("review"),
    "publication": N_("publication"), "someone": N_("someone"),
}
FOOTER = N_("Choose what you receive on your account page: %(link)s")


@cache
def translations(lang: str | None) -> NullTranslations:
    """The UI catalog of ``lang`` (English, the source language, for anything else)."""
    if lang not in LANGUAGES or lang == "en":
        return NullTranslations()
    return catalog(str(web_root() / "translations"), lang)


def message(kind: str, params: Mapping[str, Any], lang: str | None) -> str:
    """The one-paragraph text of a notification of ``kind`` in ``lang``."""
    t = translations(lang)
    values = {key: (t.gettext(WORDS[value]) if (key in ("role", "stage") and value in WORDS
                                                or key == "by" and value == "someone")
                    else value) for key, value in params.items()}
    template = MESSAGES["assigned_by" if kind == "assigned" and params.get("by") else kind]
    return t.gettext(template) % values


def subject(kind: str, params: Mapping[str, Any], lang: str | None) -> str:
    t = translations(lang)
    text = one_line(message(kind, params, lang))[:200]  # a header is one short line
    return f"[tmgr] {t.gettext(SUBJECTS.get(kind, kind))}: {text}"


def footer(lang: str | None) -> str:
    return "-- \n" + translations(lang).gettext(FOOTER) % {
        "link": "{base}/account/notifications"}


def body(kind: str, params: Mapping[str, Any], link: str | None, lang: str | None) -> str:
    text = message(kind, params, lang) + (f"\n\n{{base}}{link}\n" if link else "\n")
    return text + "\n" + footer(lang) + "\n"


def digest(items: Sequence[tuple[str, Mapping[str, Any], str | None]], title: str,
           lang: str | None) -> tuple[str, str]:
    """(subject, body) of one e-mail listing several events about one document."""
    t = translations(lang)
    count = len(items)
    head = t.ngettext("%(num)d update on “%(title)s”", "%(num)d updates on “%(title)s”",
                      count) % {"num": count, "title": title}
    lines = [f"- {message(kind, params, lang)}" + (f"\n  {{base}}{link}" if link else "")
             for kind, params, link in items]
    return f"[tmgr] {head}", head + "\n\n" + "\n".join(lines) + "\n\n" + footer(lang) + "\n"


def dump(params: Mapping[str, Any]) -> str:
    return json.dumps(dict(params), ensure_ascii=False, sort_keys=True)


def load(text: str | None) -> dict[str, Any]:
    return dict(json.loads(text)) if text else {}
