"""The house word list and the names table: what the spelling and names checks add.

House words are words the Hunspell/Apertium lexicons lack that the publication
writes; editors add them from the editor (or ``tmgr words add``) and the glossary's
renderings count as house words. Approving a translation makes its words the
dictionaries do not know *candidates* (where they were seen, who approved the
text): they count only once an editor or reviewer accepts them (``tmgr words
accept``, the house words page). A word the other language's lexicons know
(«утверждая» in Belarusian) never becomes a candidate, and an editor adds one only
with an explicit confirmation. Approving also teaches the names table how a name
of the English was rendered when nothing else accounted for it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tmgr.errors import PermissionDenied, TmgrError
from tmgr.localedata import require_configured
from tmgr.qa import QAContext, Term
from tmgr.qa.messages import N_
from tmgr.qa.morphology import is_known
from tmgr.qa.names import CYRILLIC, accounted_for, english_names
from tmgr.qa.otherlang import OTHER, theirs
from tmgr.qa.spelling import CYRILLIC_WORD
from tmgr.qa.terms import WORD
from tmgr.store.models import (
    HouseWord,
    HouseWordChange,
    LearnedName,
    Segment,
    State,
    Translation,
    User,
    utcnow,
)

WORD_ROLES = ("translator", "reviewer", "editor", "admin")
DECIDING_ROLES = ("reviewer", "editor", "admin")
ORIGINS = ("editor", "approved")
ACCEPTED, CANDIDATE, REJECTED = "accepted", "candidate", "rejected"
MAX_SEEN = 500  # characters of "where seen" kept per candidate
MAX_WORD = 200


@dataclass(frozen=True)
class Learned:
    """What learning from approved translations added."""

    words: int
    names: int


def house_words(session: Session, glossary: Iterable[Term] = ()) -> dict[str, frozenset[str]]:
    """Language -> the house list's words (lower case), the glossary's renderings included."""
    words: dict[str, set[str]] = {}
    for lang, word in session.execute(select(HouseWord.lang, HouseWord.word)
                                      .where(HouseWord.removed_at.is_(None),
                                             HouseWord.status == ACCEPTED)):
        words.setdefault(lang, set()).add(word)
    for term in glossary:
        for lang, forms in term.translations.items():
            for form in forms:
                words.setdefault(lang, set()).update(w.lower() for w in WORD.findall(form))
    return {lang: frozenset(found) for lang, found in words.items()}


def learned_names(session: Session) -> dict[str, dict[str, tuple[str, ...]]]:
    """English name -> language -> renderings learned from approved translations."""
    names: dict[str, dict[str, list[str]]] = {}
    rows = session.execute(select(LearnedName.name, LearnedName.lang, LearnedName.rendering)
                           .order_by(LearnedName.seen.desc(), LearnedName.id))
    for name, lang, rendering in rows:
        names.setdefault(name, {}).setdefault(lang, []).append(rendering)
    return {name: {lang: tuple(r) for lang, r in by_lang.items()}
            for name, by_lang in names.items()}


def list_words(session: Session, lang: str | None = None, *,
               removed: bool = False, status: str | None = None) -> list[HouseWord]:
    """The house words (of ``lang``; of ``status`` when given: accepted, candidate,
    rejected); ``removed``: the removed ones instead."""
    query = (select(HouseWord).where(HouseWord.removed_at.isnot(None) if removed
                                     else HouseWord.removed_at.is_(None))
             .order_by(HouseWord.lang, HouseWord.word))
    if status:
        query = query.where(HouseWord.status == status)
    if lang:
        query = query.where(HouseWord.lang == lang)
    return list(session.scalars(query))


def word_history(session: Session, lang: str | None = None) -> list[HouseWordChange]:
    """Every removal and restoration (of ``lang``'s words), newest first."""
    query = (select(HouseWordChange).join(HouseWord)
             .order_by(HouseWordChange.created_at.desc(), HouseWordChange.id.desc()))
    if lang:
        query = query.where(HouseWord.lang == lang)
    return list(session.scalars(query))


def _clean(word: str) -> str:
    cleaned = word.strip().lower()
    if not cleaned or len(cleaned) > MAX_WORD or not WORD.fullmatch(cleaned):
        raise TmgrError(N_("not a word: %(word)s", word=repr(word)),
                        hint=N_("add one word at a time, letters only"))
    return cleaned


def _require_word_rights(user: User | None, lang: str, doing: str) -> None:
    if user is not None and (not user.active or user.role not in WORD_ROLES or (
            user.role in ("translator", "reviewer") and lang not in user.language_list)):
        raise PermissionDenied(f"{user.name} ({user.role}) may not {doing} words in {lang}",
                               hint="ask an editor")


def _entry(session: Session, lang: str, word: str) -> HouseWord | None:
    return session.scalars(select(HouseWord).where(
        HouseWord.lang == lang, HouseWord.word == word.strip().lower())).one_or_none()


def add_word(session: Session, lang: str, word: str, *, languages: Iterable[str],
             user: User | None = None, origin: str = "editor",
             confirm_other_language: bool = False) -> HouseWord:
    """Add ``word`` to the house list of ``lang`` (again: nothing changes; a removed
    word is restored, a candidate or rejected one accepted, and the history says so).
    A word the other language's lexicons know needs ``confirm_other_language``."""
    require_configured([lang], tuple(languages))
    _require_word_rights(user, lang, "add")
    cleaned = _clean(word)
    _require_confirmation(cleaned, lang, confirm_other_language)
    existing = _entry(session, lang, cleaned)
    if existing is not None:
        if existing.removed_at is not None:
            _change(session, existing, "restored", user, "added again")
        if existing.status != ACCEPTED:
            existing.status = ACCEPTED
            _change(session, existing, "accepted", user, "added by hand")
        return existing
    entry = HouseWord(lang=lang, word=cleaned, origin=origin, user=user, status=ACCEPTED)
    session.add(entry)
    session.flush()
    return entry


def _require_confirmation(word: str, lang: str, confirmed: bool) -> None:
    other = OTHER.get(lang)
    if other and not confirmed and not is_known(word, lang) and theirs(word, other):
        language = {"be": "Belarusian", "ru": "Russian"}[other]
        raise TmgrError(f"{word!r} is a {language} word: it would make the spelling check "
                        f"accept it in {lang} text",
                        hint="confirm it explicitly (--confirm-other-language, or the "
                             "checkbox on the house words page) if the publication writes it")


def _change(session: Session, entry: HouseWord, action: str, user: User | None,
            reason: str) -> HouseWordChange:
    if action in ("removed", "restored"):
        entry.removed_at = utcnow() if action == "removed" else None
    change = HouseWordChange(word_entry=entry, action=action, user=user, reason=reason)
    session.add(change)
    session.flush()
    return change


def remove_word(session: Session, lang: str, word: str, *, user: User | None,
                reason: str) -> HouseWordChange:
    """Take ``word`` out of the house list: it is kept, with who removed it, when and
    why, and can be restored (learning from approved texts does not bring it back)."""
    _require_word_rights(user, lang, "remove")
    reason = reason.strip()
    if not reason:
        raise TmgrError(N_("say why the word goes: a reason is required"),
                        hint=N_("e.g. “a misspelling added by mistake” (`--reason` on the "
                                "command line)"))
    entry = _entry(session, lang, word)
    if entry is None or entry.removed_at is not None:
        raise TmgrError(N_("%(word)s is not in the %(lang)s house list", word=repr(word),
                           lang=lang), hint=N_("see `tmgr words list` (and `--removed`)"))
    return _change(session, entry, "removed", user, reason)


def restore_word(session: Session, lang: str, word: str, *, user: User | None,
                 reason: str = "") -> HouseWordChange:
    """Put a removed word back into the house list (the history keeps both steps)."""
    _require_word_rights(user, lang, "restore")
    entry = _entry(session, lang, word)
    if entry is None or entry.removed_at is None:
        raise TmgrError(N_("%(word)s is not a removed %(lang)s house word", word=repr(word),
                           lang=lang), hint=N_("see `tmgr words list --removed`"))
    return _change(session, entry, "restored", user, reason.strip())


def decide_word(session: Session, lang: str, word: str, *, accept: bool,
                user: User | None, reason: str = "",
                confirm_other_language: bool = False) -> HouseWordChange:
    """Accept a candidate into the house list, or reject it (kept, with who and why;
    learning does not propose it again). A rejected word can still be accepted."""
    if user is not None and (not user.active or user.role not in DECIDING_ROLES or (
            user.role == "reviewer" and lang not in user.language_list)):
        raise PermissionDenied(N_("%(name)s (%(role)s) may not accept or reject words in "
                                  "%(lang)s", name=user.name, role=user.role, lang=lang),
                               hint=N_("ask an editor or a reviewer"))
    entry = _entry(session, lang, word)
    if entry is None or entry.status == ACCEPTED or entry.removed_at is not None:
        raise TmgrError(N_("%(word)s is not a %(lang)s candidate word", word=repr(word),
                           lang=lang), hint=N_("see `tmgr words candidates`"))
    if accept:
        _require_confirmation(entry.word, lang, confirm_other_language)
    entry.status = ACCEPTED if accept else REJECTED
    return _change(session, entry, "accepted" if accept else "rejected", user, reason.strip())


def learn_from(session: Session, translation: Translation,
               glossary: Iterable[Term] = ()) -> Learned:
    """Propose the unknown words of one approved translation as candidates, and teach
    the names table from it."""
    lang, text = translation.lang, translation.text
    if translation.state != State.APPROVED or lang not in ("be", "ru") or not text.strip():
        return Learned(0, 0)
    entries = {w.word: w for w in session.scalars(select(HouseWord).where(
        HouseWord.lang == lang))}
    segment = translation.segment
    where = f"{segment.document.slug} #{segment.ordinal + 1}"
    approver = translation.updated_by.name if translation.updated_by else None
    words = 0
    for match in CYRILLIC_WORD.finditer(text):
        word = match.group(0).lower()
        entry = entries.get(word)
        if entry is not None:
            if entry.status == CANDIDATE and where not in (entry.seen_in or ""):
                entry.seen_in = _seen(entry.seen_in, where)
            continue
        if is_known(match.group(0), lang) or len(word) > MAX_WORD \
                or theirs(word, OTHER[lang]) or (word in glossary_words(glossary, lang)):
            continue
        entries[word] = HouseWord(lang=lang, word=word, origin="approved", status=CANDIDATE,
                                  seen_in=where, approved_by=approver)
        session.add(entries[word])
        words += 1
    names = _learn_names(session, translation.segment.source, text, lang, tuple(glossary))
    session.flush()
    return Learned(words, names)


def _learn_names(session: Session, source: str, text: str, lang: str,
                 glossary: tuple[Term, ...]) -> int:
    """A name nothing accounted for, and exactly one capitalised word of the text that
    nothing else explains: that word renders the name."""
    context = QAContext(glossary=glossary, names=learned_names(session))
    missing = [n for n in english_names(source) if not accounted_for(n, source, text, lang,
                                                                     context)]
    if len(missing) != 1:
        return 0
    capitalised = [w for i, w in enumerate(CYRILLIC.findall(text))
                   if w[:1].isupper() and i > 0 and not w.isupper()
                   and not any(accounted_for(n, source, w, lang, context)
                               for n in english_names(source))]
    if len(capitalised) != 1:
        return 0
    name, rendering = missing[0], capitalised[0]
    row = session.scalars(select(LearnedName).where(
        LearnedName.lang == lang, LearnedName.name == name,
        LearnedName.rendering == rendering)).one_or_none()
    if row is None:
        session.add(LearnedName(lang=lang, name=name, rendering=rendering))
        return 1
    row.seen += 1
    return 0


def _seen(before: str | None, where: str) -> str:
    joined = f"{before}; {where}" if before else where
    return joined if len(joined) <= MAX_SEEN else joined[:MAX_SEEN - 1] + "…"


def glossary_words(glossary: Iterable[Term], lang: str) -> frozenset[str]:
    return frozenset(w.lower() for term in glossary for form in term.translations.get(lang, ())
                     for w in WORD.findall(form))


def learn_all(session: Session, glossary: Iterable[Term] = ()) -> Learned:
    """Learn from every approved translation (for a database from before the list)."""
    glossary = tuple(glossary)
    total_words = total_names = 0
    query = (select(Translation).join(Segment, Segment.id == Translation.segment_id)
             .where(Translation.state == State.APPROVED).order_by(Translation.id))
    for translation in session.scalars(query):
        learned = learn_from(session, translation, glossary)
        total_words += learned.words
        total_names += learned.names
    return Learned(total_words, total_names)


def word_counts(session: Session) -> Mapping[str, int]:
    rows = session.execute(select(HouseWord.lang, func.count())
                           .where(HouseWord.removed_at.is_(None)).group_by(HouseWord.lang))
    return {lang: count for lang, count in rows}
