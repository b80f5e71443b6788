"""Accounts: create and change users, check passwords, limit sign-in attempts.

Passwords are hashed with werkzeug; attempts are stored in the database, so the
limit holds across every worker process of a server.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import secrets
from collections.abc import Sequence
from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import InstrumentedAttribute, Session
from werkzeug.security import check_password_hash, generate_password_hash

from tmgr.errors import NotFound, TmgrError
from tmgr.models import ROLES, LoginAttempt, User, utcnow

MIN_PASSWORD_LENGTH = 8
NAME_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$")
ATTEMPT_WINDOW = timedelta(minutes=15)
MAX_FAILURES_PER_NAME = 5
MAX_FAILURES_PER_ADDRESS = 30
DEFAULT_HASH_METHOD = "scrypt"


def hash_method() -> str:
    """werkzeug's hashing method: TMGR_PASSWORD_HASH (tests use a cheap one), else scrypt."""
    return os.environ.get("TMGR_PASSWORD_HASH") or DEFAULT_HASH_METHOD


def hash_password(password: str) -> str:
    return generate_password_hash(password, method=hash_method())


@functools.cache
def _dummy_hash(method: str) -> str:
    """Compared against when the name is unknown, so both cases take the same time."""
    return generate_password_hash("not a password", method=method)


class AccountError(TmgrError):
    """A user name, role, language list or password is not acceptable."""

    http_status = 422


class TooManyAttempts(TmgrError):
    """Sign-in is refused for a while after repeated wrong passwords."""

    http_status = 429


def validate_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"the password is too short (at least {MIN_PASSWORD_LENGTH} "
                           "characters)")


def _languages(codes: Sequence[str], configured: Sequence[str]) -> str:
    chosen = [c.strip() for c in codes if c.strip()]
    unknown = [c for c in chosen if c not in configured]
    if unknown:
        raise AccountError(f"language {', '.join(unknown)} is not configured",
                           hint=f"configured: {', '.join(configured)}")
    return ",".join(dict.fromkeys(chosen))


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
        user.active = active
    if password:
        validate_password(password)
        user.password_hash = hash_password(password)
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


def session_token(user: User) -> str:
    """Changes whenever the password does, which signs out every other session."""
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:16]


def _recent_failures(session: Session, column: InstrumentedAttribute[str], value: str) -> int:
    since = utcnow() - ATTEMPT_WINDOW
    return session.scalar(select(func.count()).select_from(LoginAttempt).where(
        column == value, LoginAttempt.success.is_(False),
        LoginAttempt.created_at >= since)) or 0


def authenticate(session: Session, name: str, password: str,
                 remote_addr: str = "") -> User | None:
    """Check a name and password and record the attempt.

    Returns the user, or None when the name or password is wrong or the account
    is disabled. Raises :class:`TooManyAttempts` while the name or address is
    locked out; the caller must commit so that the attempt counts.
    """
    if (_recent_failures(session, LoginAttempt.name, name) >= MAX_FAILURES_PER_NAME
            or (remote_addr and _recent_failures(session, LoginAttempt.remote_addr,
                                                 remote_addr) >= MAX_FAILURES_PER_ADDRESS)):
        raise TooManyAttempts("too many wrong passwords",
                              hint=f"wait {ATTEMPT_WINDOW.seconds // 60} minutes and try "
                                   "again, or ask an admin")
    user = session.scalars(select(User).where(User.name == name)).first()
    valid = check_password_hash(user.password_hash if user else _dummy_hash(hash_method()),
                                password)
    ok = bool(user and valid and user.active)
    session.add(LoginAttempt(name=name[:80], remote_addr=remote_addr[:64], success=ok))
    session.flush()
    return user if ok else None


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
