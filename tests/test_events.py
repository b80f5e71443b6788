"""Domain events: a use case announces its change, the listeners react in its transaction.

What a user would notice: a rejected text tells its author, mails them and calls the
publishing system's webhook exactly when the rejection is saved; a change that is
rolled back (an error, a listener that fails) leaves no notification, no e-mail in
the outbox and no webhook delivery behind, and no half-done change either.
"""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.conftest import DOMAIN_PACKAGES, Tmgr
from tests.test_desk import team, translate_all  # noqa: F401
from tmgr import events, listeners
from tmgr.documents.ingest import load_document
from tmgr.people import notifications, webhooks
from tmgr.people.users import get_user
from tmgr.review import actions as review
from tmgr.store.db import Database
from tmgr.store.models import MailMessage, Notification, State, Translation, WebhookDelivery

ROOT = Path(__file__).resolve().parents[1]


def _reactions(session: Session) -> tuple[int, int, int]:
    """Notifications, queued e-mails and webhook deliveries, as the tables hold them."""
    return (session.scalar(select(func.count()).select_from(Notification)) or 0,
            session.scalar(select(func.count()).select_from(MailMessage)) or 0,
            session.scalar(select(func.count()).select_from(WebhookDelivery)) or 0)


def _reject_first(session: Session, slug: str) -> int:
    segment_id = load_document(session, slug).segments[0].id
    review.reject(session, get_user(session, "rita"), segment_id, "be",
                  expected_version=None, comment="The name is wrong, @ed please look.")
    return segment_id


def _state(session: Session, segment_id: int) -> State:
    return session.scalars(select(Translation.state).where(
        Translation.segment_id == segment_id, Translation.lang == "be")).one()


@pytest.fixture
def rejectable(tmgr: Tmgr, team: str, db_url: str) -> str:  # noqa: F811
    """A translated document whose rejections the publishing system wants to hear of."""
    translate_all(db_url, team, "be", "ann", upto=1)
    tmgr("webhook", "add", "http://127.0.0.1:9/hook", "--event", "segment.rejected")
    return team


def test_a_rejection_reacts_in_its_own_transaction(rejectable: str, db_url: str) -> None:
    database = Database(db_url)
    seen: list[tuple[str, str]] = []

    def spy(session: Session, event: events.TranslationRejected) -> None:
        seen.append((event.by.name, event.comment))

    events.subscribe(events.TranslationRejected, spy)
    try:
        with database.sessionmaker() as session:
            before = _reactions(session)
            segment_id = _reject_first(session, rejectable)
            # inside the transaction: the author's note and mail, ed's mention, the webhook
            assert _reactions(session) == (before[0] + 2, before[1] + 2, before[2] + 1)
            session.rollback()
        with database.transaction() as session:
            assert _reactions(session) == before  # nothing outlives the rollback
            assert _state(session, segment_id) is State.TRANSLATED
        assert seen == [("rita", "The name is wrong, @ed please look.")]

        with database.transaction() as session:
            _reject_first(session, rejectable)
        with database.transaction() as session:  # committed: every reaction is there
            assert _reactions(session) == (before[0] + 2, before[1] + 2, before[2] + 1)
            assert _state(session, segment_id) is State.NEEDS_EDITING
    finally:
        events.unsubscribe(events.TranslationRejected, spy)
        database.dispose()


def test_a_failing_listener_rolls_the_change_back(rejectable: str, db_url: str) -> None:
    """A reaction that fails fails the use case: no rejection without its notifications."""
    database = Database(db_url)

    def broken(session: Session, event: events.TranslationRejected) -> None:
        raise RuntimeError("the reaction broke")

    events.subscribe(events.TranslationRejected, broken)
    try:
        with database.transaction() as session:
            before = _reactions(session)
            segment_id = load_document(session, rejectable).segments[0].id
        with pytest.raises(RuntimeError, match="the reaction broke"):
            with database.transaction() as session:
                _reject_first(session, rejectable)
        with database.transaction() as session:
            assert _reactions(session) == before
            assert _state(session, segment_id) is State.TRANSLATED
    finally:
        events.unsubscribe(events.TranslationRejected, broken)
        database.dispose()


@dataclass(frozen=True)
class Pinged:
    word: str


def test_listeners_run_in_the_order_they_were_subscribed() -> None:
    heard: list[str] = []
    first = lambda session, event: heard.append("first " + event.word)  # noqa: E731
    second = lambda session, event: heard.append("second " + event.word)  # noqa: E731
    events.subscribe(Pinged, second)
    events.subscribe(Pinged, first)
    try:
        events.record(None, Pinged("one"))  # type: ignore[arg-type]  # no database needed
        events.unsubscribe(Pinged, second)
        events.record(None, Pinged("two"))  # type: ignore[arg-type]
    finally:
        events.unsubscribe(Pinged, first)
    assert heard == ["second one", "first one", "first two"]
    events.record(None, Pinged("three"))  # type: ignore[arg-type]  # nobody listens now
    assert len(heard) == 3


def test_the_wiring_is_the_one_in_listeners_py() -> None:
    listeners.wire()  # a second call subscribes nothing twice
    assert events.listeners(events.TranslationRejected) == [
        notifications.rejected, webhooks.segment_rejected,
        notifications.mentioned_in_rejection]
    assert events.listeners(events.DocumentApproved) == [
        notifications.ready_to_publish, webhooks.document_approved]
    unheard = [e.__name__ for e in events.EVENTS if not events.listeners(e)]
    assert not unheard, f"events nobody listens to: {unheard}"


def test_an_event_before_the_wiring_is_refused_and_wire_makes_it_heard() -> None:
    """A script that calls a use case without wiring is told so, not silently unheard;
    after ``wire()`` it gets the reactions the web app and the CLI get."""
    code = ("import json\nfrom tmgr import events, listeners\n"
            "from tmgr.errors import NotWired\n"
            "try:\n    events.record(None, events.CommentAdded(1, 'be', 'x', None, 't'))\n"
            "except NotWired as exc:\n    refused = str(exc)\n"
            "listeners.wire()\n"
            "print(json.dumps([refused, len(events.listeners(events.TranslationRejected))]))")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                         text=True, cwd=ROOT).stdout
    refused, heard = json.loads(out)
    assert "tmgr.listeners.wire()" in refused
    assert heard == 3


def test_the_web_app_and_the_cli_wire_the_listeners_themselves() -> None:
    code = ("import json, sys\nfrom click.testing import CliRunner\n"
            "from tmgr import events\nfrom tmgr.cli import cli\n"
            "before = events.is_wired()\n"
            "CliRunner().invoke(cli, ['status'])\n"
            "print(json.dumps([before, events.is_wired()]))")
    env = {**os.environ, "TMGR_DATABASE_URL": "sqlite:///" + str(ROOT / "no-such-dir/x.db")}
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                         text=True, cwd=ROOT, env=env).stdout
    assert json.loads(out) == [False, True]


# -- the domain side of the house: no reaction imported, no import hidden in a function ----

REACTIONS = ("tmgr.people.notifications", "tmgr.people.webhooks", "tmgr.people.outbox",
             "tmgr.listeners")


def _domain_modules() -> list[Path]:
    return sorted(path for package in DOMAIN_PACKAGES
                  for path in (ROOT / package.replace(".", "/")).rglob("*.py"))


def _imported(node: ast.Import | ast.ImportFrom) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    return [f"{node.module}.{alias.name}" for alias in node.names] + [node.module or ""]


def test_the_code_that_changes_things_imports_none_of_the_reactions() -> None:
    reacting = {"notifications.py", "webhooks.py", "outbox.py", "doctor.py"}
    found = [f"{path.relative_to(ROOT)} imports {name}"
             for path in _domain_modules() if path.name not in reacting
             for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
             if isinstance(node, ast.Import | ast.ImportFrom)
             for name in _imported(node) if name in REACTIONS]
    assert not found, found



def test_no_import_hides_inside_a_function_of_a_domain_package() -> None:
    hidden = [f"{path.relative_to(ROOT)}:{node.lineno}"
              for path in [*_domain_modules(), ROOT / "tmgr/events.py",
                           ROOT / "tmgr/listeners.py"]
              for function in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
              if isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef)
              for node in ast.walk(function) if isinstance(node, ast.Import | ast.ImportFrom)]
    assert not hidden, f"imports inside functions: {hidden}"


def _module_name(path: Path) -> str:
    name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
    return name.removesuffix(".__init__")


def test_no_circle_among_the_domain_modules() -> None:
    """Every import counted, those inside functions too: the domains form no circle."""
    paths = [*_domain_modules(), ROOT / "tmgr/events.py", ROOT / "tmgr/listeners.py"]
    modules = {_module_name(path): path for path in paths}
    needs: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import | ast.ImportFrom):
                for target in _imported(node):
                    while target and target not in modules:
                        target = target.rpartition(".")[0]
                    if target and target != name:
                        targets.add(target)
        needs[name] = targets

    def reaches(start: str) -> set[str]:
        seen: set[str] = set()
        todo = list(needs[start])
        while todo:
            current = todo.pop()
            if current not in seen:
                seen.add(current)
                todo += needs[current]
        return seen

    circles = sorted(name for name in modules if name in reaches(name))
    assert not circles, f"modules on an import circle: {circles}"
