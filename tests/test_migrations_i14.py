"""Migration i14_1 on a real tmgr 0.1.0 database: sessions table, forgivable sign-in
failures, and what that means for the 0.1.0 accounts and attempts."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select, update

from tests.test_migrations import legacy_url, revision_before  # noqa: F401  (fixture)
from tmgr.errors import TooManyAttempts
from tmgr.people.users import check_throttle, end_sessions, session_user, start_session, unlock
from tmgr.store import schema
from tmgr.store.db import Database
from tmgr.store.models import LoginAttempt, User, WebSession, utcnow


def test_i14_1_keeps_every_attempt_and_starts_with_no_sessions(
        legacy_url: str) -> None:  # noqa: F811
    database = Database(legacy_url)
    with database.engine.connect() as connection:  # 0.1.0 rows, read before the upgrade
        attempts_010 = connection.execute(select(func.count()).select_from(
            LoginAttempt.__table__)).scalar()
    database.upgrade()
    with database.transaction() as session:
        attempts = session.scalars(select(LoginAttempt)).all()
        assert attempts_010 and len(attempts) == attempts_010
        assert {a.cleared for a in attempts} == {False}  # backfilled: nothing forgiven
        assert session.scalar(select(func.count()).select_from(WebSession)) == 0
        user = session.scalars(select(User).where(User.active.is_(True))).first()
        assert user is not None
        token = start_session(session, user, "192.0.2.1")  # a 0.1.0 user signs in
        assert session_user(session, user.id, token) is not None
        end_sessions(session, user)
        assert session_user(session, user.id, token) is None
        name = attempts[0].name  # the 0.1.0 failures count once they are recent
        session.execute(update(LoginAttempt).where(LoginAttempt.name == name)
                        .values(created_at=utcnow() - timedelta(seconds=1), success=False))
        for _ in range(6):
            session.add(LoginAttempt(name=name, remote_addr="203.0.113.1", success=False))
        session.flush()
        try:
            check_throttle(session, name, "203.0.113.2")
        except TooManyAttempts:
            pass
        else:
            raise AssertionError("recent failures must slow sign-in down")
        assert unlock(session, name) >= 6
        check_throttle(session, name, "203.0.113.2")  # forgiven: no wait
    schema.downgrade(database.engine, revision_before("i14_1"))  # and back: the 0.1.0 rows stay
    with database.engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(
            LoginAttempt.__table__.c.id.table)).scalar() >= attempts_010
    database.upgrade()
    database.dispose()
