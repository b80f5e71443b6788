"""Quality checks over documents, reviewer overrides, and what blocks publishing."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from tmgr.drafting.llmreview import Reviewer, reviewer
from tmgr.errors import QABlocked, TmgrError
from tmgr.people import permissions as perm
from tmgr.qa import ERROR, Finding, Term, check_document, check_translation, registry
from tmgr.qa.messages import N_, Listing
from tmgr.qa.morphology import warm_up
from tmgr.qa.resources import unavailable
from tmgr.qa.spelling import with_suggestions
from tmgr.quality.glossary import qa_terms
from tmgr.quality.words import house_words, learned_names
from tmgr.store.models import Document, QAOverride, Segment, State, Translation, User


@dataclass(frozen=True)
class QAFinding:
    """A finding of one check on one segment's translation, with its override if any."""

    segment: int
    source: str
    lang: str
    check: str
    severity: str
    message: str
    translation_id: int
    override_reason: str | None = None
    key: str = ""
    suggestions: tuple[str, ...] = ()

    @property
    def resolved(self) -> bool:
        return self.override_reason is not None

    def as_dict(self) -> dict[str, object]:
        """What ``tmgr qa --json`` prints for one finding."""
        return {"segment": self.segment, "source": self.source, "lang": self.lang,
                "check": self.check, "key": self.key, "severity": self.severity,
                "message": self.message, "suggestions": list(self.suggestions)}


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class QAData:
    """What the checks take from the database: glossary, house words, learned names."""

    glossary: tuple[Term, ...]
    house_words: Mapping[str, frozenset[str]]
    names: Mapping[str, Mapping[str, tuple[str, ...]]]
    reviewer: Reviewer | None = None  # the LLM reviewer (TMGR_LLM_REVIEW=1)

    def check(self, source: str, text: str, lang: str,
              others: Mapping[str, str] | None = None) -> list[Finding]:
        found = check_translation(source, text, lang, glossary=self.glossary,
                                  other_translations=others, house_words=self.house_words,
                                  names=self.names)
        return found + self._reviewed(source, text, lang)

    def _reviewed(self, source: str, text: str, lang: str) -> list[Finding]:
        if self.reviewer is None or not text.strip():
            return []
        return self.reviewer.findings(source, text, lang)

    def check_many(self, items: Iterable[tuple[str, str, str, Mapping[str, str]]]
                   ) -> list[list[Finding]]:
        """Findings of many ``(source, text, lang, others)`` (a document): the words
        of all go to the analysers in one batch a language."""
        items = list(items)
        found = check_document(items, glossary=self.glossary, house_words=self.house_words,
                               names=self.names)
        return [each + self._reviewed(source, text, lang)
                for each, (source, text, lang, _) in zip(found, items, strict=True)]


def qa_data(session: Session, glossary: Iterable[Term] | None = None) -> QAData:
    terms = qa_terms(session) if glossary is None else tuple(glossary)
    return QAData(terms, house_words(session, terms), learned_names(session), reviewer())


def confirmed_texts(translations: Iterable[Translation], lang: str) -> dict[str, str]:
    """The other languages' texts a person confirmed (translated or approved): the
    cross-language check compares with these only, never with MT or TM drafts."""
    return {t.lang: t.text for t in translations
            if t.lang != lang and t.state >= State.TRANSLATED and t.text.strip()}


def check_segment(session: Session, translation: Translation, text: str | None = None, *,
                  glossary: Iterable[Term] | None = None,
                  data: QAData | None = None) -> list[Finding]:
    """Findings for a translation (or ``text`` about to be saved), glossary, house
    words and the confirmed other languages of the segment included: what the editor
    shows on save."""
    segment = translation.segment
    data = data or qa_data(session, glossary)
    return data.check(segment.source, translation.text if text is None else text,
                      translation.lang, confirmed_texts(segment.translations, translation.lang))


def _overrides(session: Session, translation_ids: list[int]) -> dict[tuple[int, str, str], str]:
    if not translation_ids:
        return {}
    rows = session.execute(select(QAOverride.translation_id, QAOverride.check,
                                  QAOverride.text_hash, QAOverride.reason)
                           .where(QAOverride.translation_id.in_(translation_ids)))
    return {(tid, check, digest): reason for tid, check, digest, reason in rows}


@dataclass(frozen=True)
class OverrideInfo:
    """Who overrode one check's error on a translation's current text, and why."""

    check: str
    reason: str
    user: str | None
    created_at: object = None

    def as_dict(self) -> dict[str, object]:
        return {"check": self.check, "reason": self.reason, "user": self.user}


def current_overrides(session: Session, translations: Iterable[Translation]
                      ) -> dict[int, dict[str, OverrideInfo]]:
    """Per translation id, the overrides that still apply (made on its current text)."""
    by_id = {t.id: text_hash(t.text) for t in translations}
    if not by_id:
        return {}
    found: dict[int, dict[str, OverrideInfo]] = {}
    ids = list(by_id)
    for start in range(0, len(ids), 500):
        rows = session.execute(
            select(QAOverride.translation_id, QAOverride.check, QAOverride.text_hash,
                   QAOverride.reason, User.name, QAOverride.created_at)
            .outerjoin(User, User.id == QAOverride.user_id)
            .where(QAOverride.translation_id.in_(ids[start:start + 500]))
            .order_by(QAOverride.id))
        for tid, check, digest, reason, name, when in rows:
            if digest == by_id[tid]:
                found.setdefault(tid, {})[check] = OverrideInfo(check, reason, name, when)
    return found


def qa_document(session: Session, document: Document, languages: Iterable[str], *,
                include_overridden: bool = False, suggest: bool = False) -> list[QAFinding]:
    """Findings for every translated segment of ``document`` in ``languages``, in
    reading order; errors a reviewer overrode are left out unless asked for;
    ``suggest`` adds spelling corrections (slow: Hunspell takes ~0.1 s a word)."""
    languages = list(languages)
    warm_up(languages)  # the analysers load while the database is read
    data = qa_data(session)
    segments = session.scalars(select(Segment).where(Segment.document_id == document.id,
                                                      Segment.removed.is_(False))
                               .options(selectinload(Segment.translations))
                               .order_by(Segment.ordinal)).all()
    wanted = [t for s in segments for t in s.translations if t.lang in languages]
    overrides = _overrides(session, [t.id for t in wanted])
    checked = [(segment, translation) for segment in segments
               for translation in sorted(segment.translations,
                                         key=lambda t: languages.index(t.lang)
                                         if t.lang in languages else len(languages))
               if translation.lang in languages]
    every = data.check_many(
        (segment.source, translation.text, translation.lang,
         confirmed_texts(segment.translations, translation.lang))
        for segment, translation in checked)
    findings = []
    for (segment, translation), found in zip(checked, every, strict=True):
        for finding in with_suggestions(found, translation.lang) if suggest else found:
            reason = overrides.get((translation.id, finding.check,
                                    text_hash(translation.text)))
            if reason is None or include_overridden:
                findings.append(QAFinding(segment.id, segment.source, translation.lang,
                                          finding.check, finding.severity,
                                          finding.message, translation.id, reason,
                                          finding.key, finding.suggestions))
    return findings


def unavailable_lexicons(languages: Iterable[str]) -> list[str]:
    """What the checks of ``languages`` lack (a dictionary, Apertium), one line each."""
    return unavailable(languages)


def blocking_errors(session: Session, document: Document, lang: str) -> list[QAFinding]:
    """Errors in ``lang`` no reviewer has overridden: publishable export refuses these."""
    return [f for f in qa_document(session, document, [lang]) if f.severity == ERROR]


def unresolved_errors(session: Session, translation: Translation,
                      text: str | None = None) -> list[Finding]:
    """Errors of a translation (or of ``text``) that no override covers."""
    text = translation.text if text is None else text
    overrides = _overrides(session, [translation.id])
    return [f for f in check_segment(session, translation, text)
            if f.severity == ERROR and (translation.id, f.check, text_hash(text))
            not in overrides]


def require_no_errors(session: Session, translation: Translation,
                      text: str | None = None) -> None:
    """Raise :class:`QABlocked` when approving ``text`` would ignore QA errors."""
    errors = unresolved_errors(session, translation, text)
    if errors:
        raise QABlocked(
            N_("segment %(num)s (%(lang)s) has QA errors: %(errors)s",
               num=translation.segment_id, lang=translation.lang, errors=named_errors(errors)),
            findings=errors,
            hint=N_("fix the translation, or have a reviewer override with a reason"))


def named_errors(findings: Iterable[Finding]) -> Listing:
    """Findings as "<the check's name> (<its id>): <its message>", the name and message
    said in the reader's language (the id is what ``tmgr override --check`` takes)."""
    checks = registry()
    return Listing((N_("%(check)s (%(id)s): %(message)s", message=f.message, id=f.check,
                       check=checks[f.check].name if f.check in checks else f.check)
                    for f in findings), "; ")


def override_finding(session: Session, translation: Translation, check: str, *,
                     reason: str, user: User | None = None) -> QAOverride:
    """Record that ``check``'s error does not apply to the translation's current text."""
    if check not in registry():
        raise TmgrError(N_("no QA check %(check)s", check=repr(check)),
                        hint=N_("checks: %(checks)s", checks=", ".join(sorted(registry()))))
    if not reason.strip():
        raise TmgrError(N_("an override needs a reason"), hint=N_("say why the finding is wrong"))
    if user is not None:  # the web's rule: who may approve in the language
        perm.require(user, perm.APPROVE, translation.lang)
    if not any(f.check == check for f in check_segment(session, translation)):
        raise TmgrError(N_("check %(check)s finds nothing in segment %(num)s (%(lang)s)",
                           check=repr(check), num=translation.segment_id,
                           lang=translation.lang))
    digest = text_hash(translation.text)
    existing = session.scalars(select(QAOverride).where(
        QAOverride.translation_id == translation.id, QAOverride.check == check,
        QAOverride.text_hash == digest)).one_or_none()
    override = existing or QAOverride(translation_id=translation.id, check=check,
                                      text_hash=digest)
    override.reason, override.user = reason.strip(), user
    override.translation_version = translation.version
    session.add(override)
    session.flush()
    return override
