"""The after-commit flag: a session that queued e-mail or webhooks says so.

Notifications and webhooks write their rows with the change; the entry point that
commits (the CLI, the web dispatcher) sees the flag and delivers afterwards.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

OUTBOX_PENDING = "tmgr.outbox"  # session.info flag: something to deliver after commit


def mark_pending(session: Session) -> None:
    session.info[OUTBOX_PENDING] = True
