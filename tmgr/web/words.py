"""The house word list in the browser: see it, accept or reject the candidates learned
from approved translations, remove a word with a reason, restore one."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import login_required

from tmgr.quality.words import (
    ACCEPTED,
    CANDIDATE,
    decide_word,
    list_words,
    remove_word,
    restore_word,
    word_history,
)
from tmgr.web.core import acting_user, check_language, languages, transaction

bp = Blueprint("words", __name__, url_prefix="/words")
HISTORY_SHOWN = 50


@bp.route("")
@login_required
def index() -> ResponseReturnValue:
    """Every language's house words, the removed ones (who, when, why) and the history."""
    with transaction() as session:
        kept = {lang: [w.word for w in list_words(session, lang, status=ACCEPTED)]
                for lang in languages()}
        candidates = [(w.lang, w.word, w.seen_in or "", w.approved_by)
                      for w in list_words(session, status=CANDIDATE)]
        removed = []
        for entry in list_words(session, removed=True):
            change = entry.changes[-1] if entry.changes else None
            removed.append((entry.lang, entry.word,
                            change.user.name if change and change.user else None,
                            change.created_at if change else entry.removed_at,
                            change.reason if change else ""))
        history = [(c.word_entry.lang, c.word_entry.word, c.action,
                    c.user.name if c.user else None, c.created_at, c.reason)
                   for c in word_history(session)[:HISTORY_SHOWN]]
    return render_template("words/index.html", kept=kept, removed=removed, history=history,
                           candidates=candidates)


def _form() -> tuple[str, str, str]:
    form = request.form
    lang = form.get("lang", "")
    check_language(lang)
    return lang, form.get("word", ""), form.get("reason", "")


@bp.route("/remove", methods=["POST"])
@login_required
def remove() -> ResponseReturnValue:
    lang, word, reason = _form()
    with transaction() as session:
        remove_word(session, lang, word, user=acting_user(session), reason=reason)
    flash(_("«%(word)s» removed from the house list; it can be restored below.", word=word),
          "ok")
    return redirect(url_for("words.index"))


@bp.route("/restore", methods=["POST"])
@login_required
def restore() -> ResponseReturnValue:
    lang, word, reason = _form()
    with transaction() as session:
        restore_word(session, lang, word, user=acting_user(session), reason=reason)
    flash(_("«%(word)s» is back in the house list.", word=word), "ok")
    return redirect(url_for("words.index"))


@bp.route("/decide", methods=["POST"])
@login_required
def decide() -> ResponseReturnValue:
    """Accept a candidate into the house list or reject it."""
    lang, word, reason = _form()
    accept = request.form.get("decision") == "accept"
    with transaction() as session:
        decide_word(session, lang, word, accept=accept, user=acting_user(session),
                    reason=reason, confirm_other_language=bool(request.form.get("confirm")))
    flash(_("«%(word)s» accepted into the house list.", word=word) if accept else
          _("«%(word)s» rejected: it will not be proposed again.", word=word), "ok")
    return redirect(url_for("words.index"))
