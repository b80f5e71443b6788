"""Accounts: create and change users, check passwords, limit sign-in attempts.

Passwords are hashed with werkzeug; attempts and signed-in sessions are stored in
the database, so the limits and sign-outs hold across every worker process.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import math
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from tmgr.config import password_hash_method
from tmgr.errors import AccountError, NotFound, TooManyAttempts
from tmgr.formats.model import as_utc
from tmgr.localedata import require_configured
from tmgr.store.db import affected
from tmgr.store.models import ROLES, LoginAttempt, User, WebSession, utcnow

MIN_PASSWORD_LENGTH = 8
NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$")
ATTEMPT_WINDOW = timedelta(minutes=15)
MAX_FAILURES_PER_NAME = 5
MAX_FAILURES_PER_ADDRESS = 30


def hash_password(password: str) -> str:
    return generate_password_hash(password, method=password_hash_method())


@functools.cache
def _dummy_hash(method: str) -> str:
    """Compared against when the name is unknown, so both cases take the same time."""
    return generate_password_hash("not a password", method=method)


def validate_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"the password is too short (at least {MIN_PASSWORD_LENGTH} "
                           "characters)")


def _languages(codes: Sequence[str], configured: Sequence[str]) -> str:
    return ",".join(require_configured(codes, configured, error=AccountError))


def _role(role: str) -> str:
    if role not in ROLES:
        raise AccountError(f"unknown role {role!r}", hint=f"roles: {', '.join(ROLES)}")
    return role


def create_user(session: Session, name: str, *, role: str, languages: Sequence[str],
                password: str, configured: Sequence[str]) -> User:
    """Add an account; the name must be new and the password long enough."""
    if not NAME_PATTERN.match(name):
        raise AccountError(f"invalid user name {name!r}",
                           hint="use letters, digits, '.', '_' or '-' (at most 80)")
    if session.scalars(select(User).where(User.name == name)).first() is not None:
        raise AccountError(f"user {name!r} already exists")
    validate_password(password)
    user = User(name=name, role=_role(role), languages=_languages(languages, configured),
                password_hash=hash_password(password), active=True)
    session.add(user)
    session.flush()
    return user


def update_user(session: Session, user: User, *, configured: Sequence[str],
                role: str | None = None, languages: Sequence[str] | None = None,
                active: bool | None = None, password: str | None = None) -> User:
    """Change an account's role, languages, password or whether it may sign in."""
    if role is not None:
        user.role = _role(role)
    if languages is not None:
        user.languages = _languages(languages, configured)
    if active is not None:
        if user.active and not active:
            end_sessions(session, user)
        user.active = active
    if password:
        validate_password(password)
        user.password_hash = hash_password(password)
        end_sessions(session, user)  # a stolen cookie dies with the old password
    session.flush()
    return user


def list_users(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.name)))


def get_user(session: Session, name: str) -> User:
    """The account called ``name``, or :class:`NotFound`."""
    user = session.scalars(select(User).where(User.name == name)).first()
    if user is None:
        raise NotFound(f"no user {name!r}", hint="`tmgr user list` shows the accounts")
    return user


def get_user_by_id(session: Session, user_id: int) -> User:
    """The account with ``user_id`` (a signed-in user's), or :class:`NotFound`."""
    user = session.get(User, user_id)
    if user is None:
        raise NotFound("your account no longer exists")
    return user


# --- sign-in throttling --------------------------------------------------------------
#
# Failures slow sign-in down, they never lock anyone out for good: after the free
# failures each further one doubles the wait, up to a cap. A name's wait is short and
# does not apply at all from an address the account signed in from lately, so
# guessing at the admin's password from elsewhere never keeps the admin out; an
# address's wait is longer (it is the attacker's own). `tmgr user unlock` clears both.


@dataclass(frozen=True)
class Throttle:
    free: int  # failures within the window that cost nothing
    first_wait: timedelta
    max_wait: timedelta

    def wait(self, failures: int) -> timedelta:
        """How long after the last failure the next attempt must wait."""
        if failures < self.free:
            return timedelta(0)
        return min(self.first_wait * 2 ** (failures - self.free), self.max_wait)


NAME_THROTTLE = Throttle(free=MAX_FAILURES_PER_NAME, first_wait=timedelta(seconds=1),
                         max_wait=timedelta(seconds=60))
ADDRESS_THROTTLE = Throttle(free=MAX_FAILURES_PER_ADDRESS, first_wait=timedelta(seconds=1),
                            max_wait=ATTEMPT_WINDOW)
KNOWN_ADDRESS_WINDOW = timedelta(days=30)


def _failures(session: Session, *conditions: Any) -> tuple[int, datetime | None]:
    since = utcnow() - ATTEMPT_WINDOW
    count, last = session.execute(
        select(func.count(), func.max(LoginAttempt.created_at)).where(
            *conditions, LoginAttempt.success.is_(False), LoginAttempt.cleared.is_(False),
            LoginAttempt.created_at >= since)).one()
    return count or 0, last


def _known_address(session: Session, name: str, remote_addr: str) -> bool:
    since = utcnow() - KNOWN_ADDRESS_WINDOW
    return session.scalar(select(LoginAttempt.id).where(
        LoginAttempt.name == name, LoginAttempt.remote_addr == remote_addr,
        LoginAttempt.success.is_(True), LoginAttempt.created_at >= since).limit(1)) is not None


def _remaining(throttle: Throttle, failures: int, last: datetime | None) -> float:
    if last is None:
        return 0.0
    ready = as_utc(last) + throttle.wait(failures)
    return (ready - utcnow()).total_seconds()


def check_throttle(session: Session, name: str, remote_addr: str,
                   known_device: bool = False) -> None:
    """Raise :class:`TooManyAttempts` while this name or address must wait.

    Behind a shared address (NAT, a proxy) others' failures must not keep out a
    user who signed in from it before: for such a name only its own failures from
    the address count. A remembered device (:func:`device_token`) is not throttled.
    """
    if known_device:
        return
    waits = []
    known = bool(remote_addr) and _known_address(session, name, remote_addr)
    if remote_addr:
        mine = [LoginAttempt.name == name] if known else []
        waits.append(_remaining(ADDRESS_THROTTLE, *_failures(
            session, LoginAttempt.remote_addr == remote_addr, *mine)))
    if not known:
        waits.append(_remaining(NAME_THROTTLE, *_failures(session, LoginAttempt.name == name)))
    wait = max(waits, default=0.0)
    if wait > 0:
        seconds = max(1, math.ceil(wait))
        raise TooManyAttempts(f"too many wrong passwords: try again in {seconds} s",
                              retry_after=seconds,
                              hint="wait and try again, or ask an admin to run "
                                   "`tmgr user unlock NAME`")


def unlock(session: Session, name: str, remote_addr: str | None = None) -> int:
    """Forgive the recent failures of ``name`` (and of ``remote_addr``); return how many."""
    conditions = [LoginAttempt.name == name]
    if remote_addr:
        conditions = [or_(LoginAttempt.name == name, LoginAttempt.remote_addr == remote_addr)]
    result = session.execute(update(LoginAttempt).where(
        *conditions, LoginAttempt.success.is_(False), LoginAttempt.cleared.is_(False))
        .values(cleared=True))
    return affected(result)


def _device_mac(user: User, expires: int, secret: bytes) -> str:
    content = f"tmgr-device.{user.id}.{expires}.{user.password_hash}".encode()
    return hmac.new(secret, content, hashlib.sha256).hexdigest()


def device_token(user: User, secret: bytes) -> str:
    """Proof that this browser signed in as ``user`` lately (void once the password changes)."""
    expires = int((utcnow() + KNOWN_ADDRESS_WINDOW).timestamp())
    return f"{user.id}.{expires}.{_device_mac(user, expires, secret)}"


def is_remembered_device(session: Session, name: str, token: str, secret: bytes) -> bool:
    """Whether ``token`` (from :func:`device_token`) is a live proof for the account ``name``."""
    user_id, _, rest = token.partition(".")
    expires, _, mac = rest.partition(".")
    if not (user_id.isdigit() and expires.isdigit() and len(user_id) < 12
            and len(expires) < 12 and int(expires) > utcnow().timestamp()):
        return False
    user = session.scalars(select(User).where(User.name == name)).first()
    return bool(user is not None and user.id == int(user_id) and user.active
                and hmac.compare_digest(mac, _device_mac(user, int(expires), secret)))


def authenticate(session: Session, name: str, password: str,
                 remote_addr: str = "", known_device: bool = False) -> User | None:
    """Check a name and password and record the attempt.

    Returns the user, or None when the name or password is wrong or the account
    is disabled. Raises :class:`TooManyAttempts` while the name or address must
    wait (the password is not even checked then); the caller must commit so
    that the attempt counts.
    """
    check_throttle(session, name[:80], remote_addr[:64], known_device)
    user = session.scalars(select(User).where(User.name == name)).first()
    valid = check_password_hash(user.password_hash if user else _dummy_hash(password_hash_method()),
                                password)
    ok = bool(user and valid and user.active)
    session.add(LoginAttempt(name=name[:80], remote_addr=remote_addr[:64], success=ok))
    session.flush()
    return user if ok else None


# --- server-side sessions ----------------------------------------------------------

SESSION_LIFETIME = timedelta(hours=12)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(session: Session, user: User, remote_addr: str = "",
                  lifetime: timedelta = SESSION_LIFETIME) -> str:
    """Record a new signed-in browser for ``user``; return the token for its cookie."""
    token = secrets.token_urlsafe(32)
    now = utcnow()
    session.add(WebSession(token_hash=_token_hash(token), user_id=user.id, created_at=now,
                           expires_at=now + lifetime, remote_addr=remote_addr[:64]))
    session.flush()
    return token


def session_user(session: Session, user_id: int, token: str) -> User | None:
    """The active user a live (not revoked, not expired) session token belongs to."""
    row = session.scalars(select(WebSession).where(
        WebSession.token_hash == _token_hash(token))).one_or_none()
    if row is None or row.user_id != user_id or row.revoked_at is not None \
            or as_utc(row.expires_at) <= utcnow():
        return None
    user = session.get(User, user_id)
    return user if user is not None and user.active else None


def end_session(session: Session, token: str) -> None:
    """Sign one browser out on the server: its cookie no longer works."""
    session.execute(update(WebSession).where(
        WebSession.token_hash == _token_hash(token), WebSession.revoked_at.is_(None))
        .values(revoked_at=utcnow()))


def end_sessions(session: Session, user: User) -> int:
    """Sign every browser of ``user`` out (password change, deactivation); return how many."""
    result = session.execute(update(WebSession).where(
        WebSession.user_id == user.id, WebSession.revoked_at.is_(None))
        .values(revoked_at=utcnow()))
    return affected(result)


DEMO_ACCOUNTS = (("admin", "admin"), ("translator", "translator"),
                 ("reviewer", "reviewer"), ("editor", "editor"), ("publisher", "publisher"))


def ensure_demo_accounts(session: Session,
                         configured: Sequence[str]) -> list[tuple[str, str, str]]:
    """Create the demo accounts that do not exist yet; return (name, role, password)."""
    created = []
    for name, role in DEMO_ACCOUNTS:
        if session.scalars(select(User).where(User.name == name)).first() is not None:
            continue
        password = secrets.token_urlsafe(12)
        create_user(session, name, role=role, languages=configured, password=password,
                    configured=configured)
        created.append((name, role, password))
    return created
