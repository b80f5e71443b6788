"""The web app's outbox worker: sends queued e-mail and webhooks after each commit.

A commit that queued something wakes the worker thread; it also wakes every
``[notify] interval`` seconds (default 300) to retry failures and queue
due-soon reminders. A failure is logged and left queued; the request that
caused the work has long been answered.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from flask import Flask
from sqlalchemy import event
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from tmgr.people import notifications as notify
from tmgr.people import outbox
from tmgr.people.pending import OUTBOX_PENDING
from tmgr.store.db import Database

log = logging.getLogger("tmgr.outbox")
IDLE_SECONDS = 2.0  # without periodic rounds, a worker with nothing to do ends this soon


class Dispatcher:
    def __init__(self, database: Database, settings: Any, *, periodic: bool) -> None:
        self.database = database
        self.settings = settings
        self.interval = float(settings.get("notify.interval", 300))
        self.periodic = periodic
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._stopped = False
        self.last_failures: list[str] = []

    def stop(self) -> None:
        """Finish the current round and end the worker (the database is going away)."""
        self._stopped = True
        self._wake.set()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout=15)

    def kick(self) -> None:
        with self._lock:
            if self._stopped:
                return
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="tmgr-outbox",
                                                daemon=True)
                self._thread.start()
        self._wake.set()

    def _run(self) -> None:
        while not self._stopped:
            woken = self._wake.wait(timeout=self.interval if self.periodic else IDLE_SECONDS)
            self._wake.clear()
            if self._stopped:
                return
            if not woken and not self.periodic:
                with self._lock:  # idle: the next commit starts a new worker
                    if not self._wake.is_set():
                        self._thread = None
                        return
                continue
            self.run_once(reminders=not woken)

    def run_once(self, reminders: bool = False) -> None:
        try:
            if reminders:
                with self.database.transaction() as session:
                    notify.due_soon(session)
            report = outbox.deliver_pending(self.database, self.settings)
        except Exception:  # noqa: BLE001 - a worker must outlive any one failure
            log.exception("the outbox worker failed; queued items stay queued")
            return
        self.last_failures = report.failures
        for failure in report.failures:
            log.warning("%s", failure)


def init_app(app: Flask, database: Database, settings: Any) -> Dispatcher:
    # The worker has its own unpooled engine: a connection it holds is closed when its
    # transaction ends, never left in a pool that the app disposes of meanwhile.
    own = Database(database.url, poolclass=NullPool)
    dispatcher = Dispatcher(own, settings, periodic=not app.config.get("TESTING"))
    app.extensions["tmgr.dispatcher"] = dispatcher

    def after_commit(session: Session) -> None:
        if session.info.pop(OUTBOX_PENDING, False):
            dispatcher.kick()

    event.listen(database.sessionmaker, "after_commit", after_commit)
    event.listen(database.engine, "engine_disposed", lambda _engine: dispatcher.stop())
    if dispatcher.periodic:
        dispatcher.kick()
    return dispatcher
