"""Staff accounts: password hashing (argon2 via pwdlib), sign-in with rate
limits, and opaque server-side sessions.

A session token is 32 random bytes handed to the browser once; only its
sha256 is stored, so a database leak does not leak live sessions. Every
request resolves the token again: expiry, revocation, deactivation and role
changes take effect at once. Nothing the client holds is trusted as a role.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from pwdlib import PasswordHash
from sqlmodel import Session, select

from artisan_app.models import Role, User, UserSession, utcnow
from artisan_app.services import ratelimit
from artisan_app.services.text import clean_text
from artisan_app.settings import settings

SESSION_LIFETIME = timedelta(days=14)
LOGIN_LIMIT_PER_ACCOUNT = "5/15 minutes;20/day"
LOGIN_LIMIT_PER_CLIENT = "20/15 minutes;100/day"
MIN_PASSWORD = 12
MAX_PASSWORD = 1024
# The local-only demo account the dev seed creates (documented in the README).
DEMO_EDITOR_EMAIL = "editor@artisan.local"
DEMO_EDITOR_PASSWORD = "artisan-demo-editor"
BAD_LOGIN = "That email and password don’t match an account."
TOO_MANY_LOGINS = "Too many sign-in attempts. Please wait a few minutes and try again."

_hasher = PasswordHash.recommended()
# A real hash to verify against when the account does not exist, so both paths cost the same.
_DUMMY_HASH = _hasher.hash("artisan-times-timing-equaliser")


class AuthError(Exception):
    """Sign-in refused; ``message`` is safe to show and reveals nothing."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class PermissionDenied(Exception):
    """The signed-in user (or nobody) may not do this."""


@dataclass(frozen=True)
class StaffUser:
    """The signed-in user as the app sees it: no hash, no token."""

    id: int
    name: str
    email: str
    role: str
    author_id: int | None

    @property
    def is_admin(self) -> bool:
        return self.role == Role.admin.value

    @property
    def can_publish(self) -> bool:
        return self.role in (Role.admin.value, Role.editor.value)


def _staff(user: User) -> StaffUser:
    return StaffUser(id=user.id, name=user.name, email=user.email, role=user.role, author_id=user.author_id)


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def check_new_password(password: object) -> str:
    if not isinstance(password, str) or len(password) < MIN_PASSWORD:
        raise ValueError(f"Passwords must be at least {MIN_PASSWORD} characters long.")
    if len(password) > MAX_PASSWORD:
        raise ValueError(f"Passwords must be at most {MAX_PASSWORD} characters long.")
    return password


def normalise_email(email: object) -> str:
    return clean_text(email).casefold()


def create_user(
    session: Session, *, email: str, name: str, password: str, role: Role | str = Role.author,
    author_id: int | None = None,
) -> User:
    email = normalise_email(email)
    if "@" not in email:
        raise ValueError("An email address is required.")
    if session.exec(select(User.id).where(User.email == email)).first() is not None:
        raise ValueError(f"An account for {email} already exists.")
    user = User(
        email=email, name=clean_text(name) or email, role=Role(role).value,
        password_hash=hash_password(check_new_password(password)), author_id=author_id,
    )
    session.add(user)
    session.flush()
    return user


def authenticate(
    session: Session, *, email: object, password: object, client_key: str, production: bool | None = None
) -> StaffUser:
    """Check a sign-in; raises ``AuthError`` with a message that never says which part was wrong.

    ``production=None`` decides at call time (``settings.development_declared``):
    the demo account signs in only in an explicit development or test environment.
    """
    production = not settings.development_declared() if production is None else production
    address = normalise_email(email)
    if not ratelimit.hit(LOGIN_LIMIT_PER_CLIENT, "login-client", client_key or "anonymous") or not ratelimit.hit(
        LOGIN_LIMIT_PER_ACCOUNT, "login-account", address or "-"
    ):
        raise AuthError(TOO_MANY_LOGINS)
    user = session.exec(select(User).where(User.email == address)).first() if address else None
    secret = password if isinstance(password, str) and len(password) <= MAX_PASSWORD else ""
    valid, new_hash = _hasher.verify_and_update(secret, user.password_hash if user else _DUMMY_HASH)
    if user is None or not valid or not user.is_active or (production and user.email == DEMO_EDITOR_EMAIL):
        raise AuthError(BAD_LOGIN)
    if new_hash:  # parameters were upgraded since this hash was made
        user.password_hash = new_hash
        session.add(user)
    ratelimit.reset("login-account", address, LOGIN_LIMIT_PER_ACCOUNT)
    return _staff(user)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(session: Session, *, user_id: int, now: datetime | None = None) -> str:
    """A new session for ``user_id``; returns the token (shown to the browser only)."""
    now = now or utcnow()
    token = secrets.token_urlsafe(32)
    session.add(UserSession(token_hash=_token_hash(token), user_id=user_id, created_at=now,
                            expires_at=now + SESSION_LIFETIME))
    session.flush()
    return token


def resolve_session(session: Session, token: object, *, now: datetime | None = None) -> StaffUser | None:
    """The active user behind ``token``, or ``None`` (unknown, expired, revoked, deactivated)."""
    if not isinstance(token, str) or not (20 <= len(token) <= 200):
        return None
    now = now or utcnow()
    row = session.exec(
        select(User)
        .join(UserSession, UserSession.user_id == User.id)
        .where(
            UserSession.token_hash == _token_hash(token),
            UserSession.revoked_at.is_(None),
            UserSession.expires_at > now,
            User.is_active.is_(True),
        )
    ).first()
    if row is not None and row.email == DEMO_EDITOR_EMAIL and not settings.development_declared():
        return None  # a demo session made in development never works in production
    return _staff(row) if row else None


def revoke_session(session: Session, token: object, *, now: datetime | None = None) -> None:
    if not isinstance(token, str):
        return
    row = session.exec(select(UserSession).where(UserSession.token_hash == _token_hash(token))).first()
    if row is not None and row.revoked_at is None:
        row.revoked_at = now or utcnow()
        session.add(row)


def revoke_all_sessions(session: Session, *, user_id: int, now: datetime | None = None) -> None:
    for row in session.exec(select(UserSession).where(UserSession.user_id == user_id, UserSession.revoked_at.is_(None))):
        row.revoked_at = now or utcnow()
        session.add(row)


def require(user: StaffUser | None, *roles: Role) -> StaffUser:
    """``user`` if signed in with one of ``roles`` (any staff role when none given)."""
    if user is None:
        raise PermissionDenied("Please sign in.")
    if roles and user.role not in {r.value for r in roles}:
        raise PermissionDenied("Your role does not allow that.")
    return user


def ensure_demo_editor(session: Session, *, production: bool | None = None) -> bool:
    """Create the local demo editor unless it exists; refused unless the environment
    is explicitly development or test (decided now, not at import time)."""
    if not settings.development_declared() if production is None else production:
        raise PermissionDenied("The demo editor is for local development only.")
    if session.exec(select(User.id).where(User.email == DEMO_EDITOR_EMAIL)).first() is not None:
        return False
    create_user(session, email=DEMO_EDITOR_EMAIL, name="Demo Editor", password=DEMO_EDITOR_PASSWORD, role=Role.editor)
    return True


def retire_demo_editor(session: Session) -> bool:
    """Deactivate a demo editor left in the database (e.g. from ``make run``) and end its
    sessions; the seed calls this whenever it is not in development."""
    user = session.exec(select(User).where(User.email == DEMO_EDITOR_EMAIL)).first()
    if user is None or not user.is_active:
        return False
    user.is_active = False
    session.add(user)
    revoke_all_sessions(session, user_id=user.id)
    return True
