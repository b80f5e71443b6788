"""What the desk shows: a user's own queue ("My work") and the editors' dashboard figures.

Progress and the weekly work come from the summary tables the database keeps
(``progress_counts``, ``daily_activity``: see :mod:`tmgr.store.summaries`), so the
dashboard of 500 documents reads a few rows per document, however long the
documents and their history (``bench/bench_dashboard.py``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Date, and_, cast, exists, func, or_, select
from sqlalchemy.orm import Session

from tmgr.desk import assignments as desk
from tmgr.desk.assignments import PACE_DAYS, DeskRow, desk_rows
from tmgr.desk.desktable import DeskLine, DocumentRef, desk_lines
from tmgr.documents.ingest import list_documents
from tmgr.store.models import (
    Assignment,
    DailyActivity,
    Document,
    ProgressCount,
    QAOverride,
    Revision,
    Segment,
    StageWords,
    State,
    Translation,
    User,
)

WEEKS = 8  # the weekly charts look back this far


@dataclass
class WorkItem:
    """Something waiting for one user: translate, review, or fix what came back."""

    document: DocumentRef
    lang: str
    task: str  # translate | review | fix | publish
    segments: int
    words: int
    due: date | None
    overdue: bool

    @property
    def state_filter(self) -> str:
        return {"translate": "unfinished", "review": "translated",
                "fix": "needs_editing", "publish": "approved"}[self.task]


def _rejected_back(session: Session, user_id: int, languages: Sequence[str]
                   ) -> dict[tuple[int, str], tuple[int, int]]:
    """(document, lang) → (segments, words) needing editing that this user had translated."""
    mine = (select(Revision.translation_id)
            .where(Revision.user_id == user_id, Revision.new_state == State.TRANSLATED)
            .distinct().scalar_subquery())
    query = (select(Segment.document_id, Translation.lang, func.count(),
                    func.coalesce(func.sum(Segment.words), 0))
             .join(Segment, Segment.id == Translation.segment_id)
             .where(Translation.state == State.NEEDS_EDITING, Translation.lang.in_(languages),
                    Translation.id.in_(mine))
             .group_by(Segment.document_id, Translation.lang))
    return {(doc, lang): (count, int(words)) for doc, lang, count, words
            in session.execute(query)}


def _queued(session: Session, user: Any, rejected: set[int]) -> set[int]:
    """The documents a user's queue reads: assigned to them, sent back to them, or (a
    publisher) approved in some language."""
    assigned = (Assignment.translator_id == user.id) | (Assignment.reviewer_id == user.id)
    if getattr(user, "role", None) == "publisher":
        assigned = assigned | Assignment.approved_at.is_not(None)
    return set(session.scalars(select(Assignment.document_id).where(assigned))) | rejected


def my_work(session: Session, user: Any, languages: Sequence[str],
            today: date | None = None) -> list[WorkItem]:
    """The user's queue in due-date order (undated last): assigned work and rejections."""
    today = today or date.today()
    rejected = _rejected_back(session, user.id, languages)
    publishing = getattr(user, "role", None) == "publisher"
    items: list[WorkItem] = []
    ids = _queued(session, user, {doc for doc, _lang in rejected})
    if not ids:
        return []
    for line in desk_lines(session, languages, today, where=[Document.id.in_(sorted(ids))]):
        items.extend(_items_of(line, user.id, rejected.get((line.document.id, line.lang))))
        if publishing and line.stage == "publication":
            items.append(WorkItem(line.document, line.lang, "publish", line.segments,
                                  line.words, line.due, line.overdue))
    items.sort(key=lambda i: (i.due is None, i.due or date.max, i.document.title, i.lang))
    return items


def _items_of(line: DeskLine, user_id: int, rejected: tuple[int, int] | None
              ) -> list[WorkItem]:
    items = []
    if rejected:
        items.append(WorkItem(line.document, line.lang, "fix", *rejected, line.due,
                              line.overdue))
    if line.translator_id == user_id and line.stage == "translation":
        segments = line.before_segments - (line.editing_segments if rejected else 0)
        if segments:
            words = line.before_words - (line.editing_words if rejected else 0)
            items.append(WorkItem(line.document, line.lang, "translate", segments, words,
                                  line.due, line.overdue))
    if line.reviewer_id == user_id and line.translated_segments:
        due = line.review_due or line.publication_due
        items.append(WorkItem(line.document, line.lang, "review", line.translated_segments,
                              line.translated_words, due, bool(due and due < date.today())))
    return items


# --- the dashboard --------------------------------------------------------------------

@dataclass
class Activity:
    """Who did what per day over the weekly charts' span, from one scan of the history."""

    starts: list[date]
    #: (user id, new state) → words per day
    words: dict[tuple[int, State], dict[date, int]]
    rejections: dict[date, int]

    def pace(self, today: date, days: int = PACE_DAYS) -> dict[tuple[int, State], float]:
        since = today - timedelta(days=days)
        return {key: sum(n for day, n in per_day.items() if day >= since) / days
                for key, per_day in self.words.items()}


def activity(session: Session, today: date | None = None, weeks: int = WEEKS) -> Activity:
    """The weekly charts' span of work, from the day-by-day table the database keeps."""
    today = today or date.today()
    starts = weeks_back(today, weeks)
    since = min(starts[0], today - timedelta(days=PACE_DAYS))
    query = (select(DailyActivity.user_id, DailyActivity.old_state, DailyActivity.new_state,
                    DailyActivity.day, DailyActivity.revisions, DailyActivity.words)
             .where(DailyActivity.day >= since, DailyActivity.revisions != 0,
                    DailyActivity.new_state.in_([State.TRANSLATED, State.APPROVED,
                                                 State.NEEDS_EDITING])))
    words: dict[tuple[int, State], dict[date, int]] = {}
    rejections: dict[date, int] = defaultdict(int)
    for user_id, old, new, on, count, total in session.execute(query):
        if new is State.NEEDS_EDITING:
            if old in (State.TRANSLATED, State.APPROVED):
                rejections[on] += count
            continue
        per_day = words.setdefault((user_id, new), defaultdict(int))
        per_day[on] += total
    return Activity(starts, words, dict(rejections))


PERIODS = (4, 8, 13, 26, 52)  # the dashboard's choice of weeks


def _on_the_desk(languages: Sequence[str], today: date, weeks: int) -> Any:
    """The condition :func:`on_the_desk` keeps documents by."""
    since = week_start(today) - timedelta(weeks=weeks - 1)
    unfinished = exists().where(
        ProgressCount.document_id == Document.id, ProgressCount.segments > 0,
        ProgressCount.lang.in_(list(languages)), ProgressCount.state != State.APPROVED)
    return or_(Document.week_start >= since, unfinished)


def on_the_desk(session: Session, languages: Sequence[str], today: date,
                weeks: int) -> list[Document]:
    """The documents of the period: of its ``weeks`` (or later), or not finished.

    The rest of a ten-year archive (approved long ago) stays out of the figures, so
    the dashboard reads the summaries of the weeks at hand however large the archive.
    """
    return list(session.scalars(
        select(Document).where(_on_the_desk(languages, today, weeks))
        .order_by(Document.week_start.desc().nulls_last(), Document.slug)))


def dashboard_rows(session: Session, languages: Sequence[str], today: date | None = None,
                   done: Activity | None = None, weeks: int | None = None) -> list[DeskRow]:
    """The desk's rows: every document, or with ``weeks`` those :func:`on_the_desk`."""
    today = today or date.today()
    pace = done.pace(today) if done is not None else None
    documents = (list_documents(session) if weeks is None
                 else on_the_desk(session, languages, today, weeks))
    return desk_rows(session, documents, languages, today, pace=pace)


def dashboard_lines(session: Session, languages: Sequence[str], today: date | None = None,
                    done: Activity | None = None, weeks: int | None = None
                    ) -> list[DeskLine]:
    """:func:`dashboard_rows` as the database computes them (:mod:`desktable`): the same
    figures in the same order, without building a document or progress object."""
    today = today or date.today()
    pace = done.pace(today) if done is not None else None
    where = [] if weeks is None else [_on_the_desk(languages, today, weeks)]
    return desk_lines(session, languages, today, pace, where)


def all_lines(session: Session, languages: Sequence[str], today: date | None = None
              ) -> list[DeskLine]:
    """Every document × language with the risk projected (the dashboard's CSV)."""
    today = today or date.today()
    return desk_lines(session, languages, today, desk.recent_pace(session, today))


def _day(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def weeks_back(today: date, weeks: int = WEEKS) -> list[date]:
    first = week_start(today) - timedelta(weeks=weeks - 1)
    return [first + timedelta(weeks=i) for i in range(weeks)]


BULK_NOTES = ("replace r", "undo of replace r")  # mechanical bulk edits, not a person's words


def _first_reached(since: date) -> Any:
    """Per person, stage and translation: when the person first took it there since
    ``since`` (a subquery); re-saves, reverts and bulk replaces add nothing."""
    by_a_person = or_(Revision.note.is_(None),
                      and_(*[~Revision.note.startswith(note) for note in BULK_NOTES]))
    return (select(Revision.user_id, Revision.new_state, Revision.translation_id,
                   func.min(Revision.created_at).label("at"))
            .where(Revision.created_at >= datetime.combine(since, time.min, tzinfo=UTC),
                   Revision.user_id.is_not(None),
                   Revision.new_state.in_([State.TRANSLATED, State.APPROVED]),
                   by_a_person)
            .group_by(Revision.user_id, Revision.new_state, Revision.translation_id)
            .subquery())


def first_stage_reached(session: Session, since: date) -> list[tuple[int, State, date, int]]:
    """(user, stage, day, words): each segment's words once per person and stage, on the
    day the person first took it to that stage since ``since``; re-saves, reverts and
    bulk replaces add nothing."""
    first = _first_reached(since)
    rows = session.execute(
        select(first.c.user_id, first.c.new_state, first.c.at, Segment.words)
        .join(Translation, Translation.id == first.c.translation_id)
        .join(Segment, Segment.id == Translation.segment_id))
    return [(user_id, State(state), _day(at), int(words or 0))
            for user_id, state, at, words in rows]


def first_stage_words(session: Session, since: date) -> list[tuple[int, State, date, int]]:
    """:func:`first_stage_reached` summed per person, stage and day by the database."""
    first = _first_reached(since)
    day: Any = (cast(first.c.at, Date) if session.get_bind().dialect.name == "postgresql"
                else func.coalesce(func.date(first.c.at), func.substr(first.c.at, 1, 10)))
    rows = session.execute(
        select(first.c.user_id, first.c.new_state, day, func.sum(Segment.words))
        .join(Translation, Translation.id == first.c.translation_id)
        .join(Segment, Segment.id == Translation.segment_id)
        .group_by(first.c.user_id, first.c.new_state, day))
    return [(user_id, State(state), _day(on), int(words or 0))
            for user_id, state, on, words in rows]


def summed_stage_words(session: Session, since: date) -> list[tuple[int, State, date, int]]:
    """:func:`first_stage_words` read from the ``stage_words`` summary: the days since
    ``since`` on which a person took a translation to a stage not done before since then."""
    rows = session.execute(
        select(StageWords.user_id, StageWords.new_state, StageWords.day,
               func.sum(StageWords.words))
        .where(StageWords.day >= since, StageWords.prev_day < since)
        .group_by(StageWords.user_id, StageWords.new_state, StageWords.day))
    return [(user_id, State(state), _day(on), int(words or 0))
            for user_id, state, on, words in rows if words]


def words_per_person(session: Session, done: Activity
                     ) -> tuple[list[date], dict[str, dict[str, list[int]]]]:
    """Weeks, and per user name: words ``translated`` and ``reviewed`` in each week, each
    segment counted once per person and stage (a re-save adds nothing)."""
    weeks = len(done.starts)
    index = {start: i for i, start in enumerate(done.starts)}
    names = dict(session.execute(select(User.id, User.name)).all())
    table: dict[str, dict[str, list[int]]] = {}
    for user_id, state, on, words in summed_stage_words(session, done.starts[0]):
        key = "translated" if state is State.TRANSLATED else "reviewed"
        slot = index.get(week_start(on))
        if slot is None:
            continue
        person = table.setdefault(names.get(user_id, "?"),
                                  {"translated": [0] * weeks, "reviewed": [0] * weeks})
        person[key][slot] += words
    return done.starts, dict(sorted(table.items()))


def review_backlog(rows: Sequence[DeskLine]) -> dict[str, dict[str, int]]:
    """Words awaiting review per language, and per assigned reviewer."""
    by_lang: dict[str, int] = defaultdict(int)
    by_reviewer: dict[str, int] = defaultdict(int)
    for row in rows:
        waiting = row.translated_words
        if waiting:
            by_lang[row.lang] += waiting
            by_reviewer[row.reviewer or ""] += waiting
    return {"lang": dict(by_lang), "reviewer": dict(sorted(by_reviewer.items()))}


def overrides_and_rejections(session: Session, done: Activity
                             ) -> tuple[list[date], list[int], list[int]]:
    """Weeks, QA overrides per week, rejections per week."""
    starts = done.starts
    since = datetime.combine(starts[0], datetime.min.time())
    index = {start: i for i, start in enumerate(starts)}
    overrides, rejections = [0] * len(starts), [0] * len(starts)
    o_day = func.date(QAOverride.created_at)
    for when, count in session.execute(select(o_day, func.count())
                                       .where(QAOverride.created_at >= since)
                                       .group_by(o_day)):
        if (slot := index.get(week_start(_day(when)))) is not None:
            overrides[slot] += count
    for on, count in done.rejections.items():
        if (slot := index.get(week_start(on))) is not None:
            rejections[slot] += count
    return starts, overrides, rejections


class _Remaining:
    """Words not yet translated and not yet approved, kept as translations change state
    (one pass over the events, however many points the chart has)."""

    def __init__(self, words: dict[int, int], state: dict[int, State]) -> None:
        self.words, self.state = words, state
        self.todo = sum(words[t] for t, s in state.items() if s < State.TRANSLATED)
        self.unapproved = sum(words[t] for t, s in state.items() if s < State.APPROVED)

    def change(self, translation: int, new: State) -> None:
        old, size = self.state[translation], self.words[translation]
        self.todo += size * ((new < State.TRANSLATED) - (old < State.TRANSLATED))
        self.unapproved += size * ((new < State.APPROVED) - (old < State.APPROVED))
        self.state[translation] = new


def _hourly(words: dict[int, int], events: Sequence[Any], state: dict[int, State]
            ) -> list[tuple[date, int, int]]:
    """The burn-down by the hour, from the hour before the first change to the last."""
    def hour(value: datetime) -> datetime:
        return value.replace(minute=0, second=0, microsecond=0, tzinfo=None)

    first, last = hour(events[0][1]) - timedelta(hours=1), hour(events[-1][1])
    points: list[tuple[date, int, int]] = []
    cursor, moment, left = 0, first, _Remaining(words, state)
    while moment <= last:
        while cursor < len(events) and hour(events[cursor][1]) <= moment:
            left.change(events[cursor][0], events[cursor][2])
            cursor += 1
        points.append((moment, left.todo, left.unapproved))
        moment += timedelta(hours=1)
    return points


def burndown(session: Session, document: Document, lang: str, today: date | None = None,
             days: int = 60) -> list[tuple[date, int, int]]:
    """Per day (per hour when the work spans a day or two): words not yet translated and
    words not yet approved (one document)."""
    today = today or date.today()
    words = dict(session.execute(
        select(Translation.id, Segment.words).join(Segment)
        .where(Segment.document_id == document.id, Translation.lang == lang)).all())
    events = session.execute(
        select(Revision.translation_id, Revision.created_at, Revision.new_state)
        .where(Revision.translation_id.in_(list(words)))
        .order_by(Revision.created_at, Revision.id)).all()
    start = max(_day(document.created_at) if document.created_at else today,
                today - timedelta(days=days - 1))
    state = dict.fromkeys(words, State.UNTRANSLATED)
    if (today - start).days < 2 and events:  # the work of a day or two: by the hour
        return _hourly(words, events, state)
    points, cursor, left = [], 0, _Remaining(words, state)
    for offset in range((today - start).days + 1):
        day = start + timedelta(days=offset)
        while cursor < len(events) and _day(events[cursor][1]) <= day:
            left.change(events[cursor][0], events[cursor][2])
            cursor += 1
        points.append((day, left.todo, left.unapproved))
    return points
