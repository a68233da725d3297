"""Staff accounts: password hashing (argon2 via pwdlib), sign-in with rate
limits, and opaque server-side sessions.

A session token is 32 random bytes handed to the browser once; only its
sha256 is stored, so a database leak does not leak live sessions. Every
request resolves the token again: expiry, revocation, deactivation and role
changes take effect at once. Nothing the client holds is trusted as a role.

Tokens rotate (``check_session``): one sign-in's tokens form a *family*. A token
is replaced at most once, by a conditional update that only one request can win
however many arrive together as rotation falls due, and signing out with any
token of the family revokes them all.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta

from pwdlib import PasswordHash
from sqlalchemy import update
from sqlmodel import Session, col, select

from artisan_app.core.settings import settings
from artisan_app.models import Role, User, UserSession, utcnow
from artisan_app.services.accounts import login_limits
from artisan_app.services.common.text import clean_text

SESSION_LIFETIME = timedelta(days=14)  # absolute: rotation never extends it
IDLE_TIMEOUT = timedelta(hours=2)  # no request by the user for this long ends the session
ROTATE_AFTER = timedelta(minutes=30)  # a token older than this is replaced on the next request
ROTATION_GRACE = timedelta(minutes=2)  # the replaced token still works this long (requests in flight)
TOUCH_EVERY = timedelta(minutes=1)  # last_seen_at is written at most this often
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
    session: Session,
    *,
    email: str,
    name: str,
    password: str,
    role: Role | str = Role.author,
    author_id: int | None = None,
) -> User:
    email = normalise_email(email)
    if "@" not in email:
        raise ValueError("An email address is required.")
    if session.exec(select(User.id).where(User.email == email)).first() is not None:
        raise ValueError(f"An account for {email} already exists.")
    user = User(
        email=email,
        name=clean_text(name) or email,
        role=Role(role).value,
        password_hash=hash_password(check_new_password(password)),
        author_id=author_id,
    )
    session.add(user)
    session.flush()
    return user


def sign_in_attempt(email: object, *, client_key: str, device_token: object = "") -> login_limits.Attempt:
    """The limits an attempt falls under (see ``services.accounts.login_limits``)."""
    return login_limits.attempt(normalise_email(email), client_key=client_key, device_token=device_token)


@contextmanager
def sign_in_turn(email: object, *, client_key: str, device_token: object = "") -> Iterator[float]:
    """Make a sign-in attempt inside this block: yields the seconds to wait before
    ``authenticate`` (0 unless the account is under attack), holding the attempt's place among
    the account's slowed attempts until the block ends; raises ``AuthError(TOO_MANY_LOGINS)``,
    whatever the password, when too many are under way."""
    with sign_in_attempt(email, client_key=client_key, device_token=device_token).turn() as delay:
        if delay is None:
            raise AuthError(TOO_MANY_LOGINS)
        yield delay


def authenticate(
    session: Session,
    *,
    email: object,
    password: object,
    client_key: str,
    device_token: object = "",
    production: bool | None = None,
) -> StaffUser:
    """Check a sign-in; raises ``AuthError`` with a message that never says which part was wrong.

    Only failures count towards the limits (``services.accounts.login_limits``), which are checked first.
    ``production=None`` decides at call time (``settings.development_declared``):
    the demo account signs in only in an explicit development or test environment.
    """
    production = not settings.development_declared() if production is None else production
    address = normalise_email(email)
    attempt = login_limits.attempt(address, client_key=client_key, device_token=device_token)
    if not attempt.allowed():
        raise AuthError(TOO_MANY_LOGINS)
    user = session.exec(select(User).where(User.email == address)).first() if address else None
    secret = password if isinstance(password, str) and len(password) <= MAX_PASSWORD else ""
    valid, new_hash = _hasher.verify_and_update(secret, user.password_hash if user else _DUMMY_HASH)
    if user is None or not valid or not user.is_active or (production and user.email == DEMO_EDITOR_EMAIL):
        attempt.failed()
        raise AuthError(BAD_LOGIN)
    if new_hash:  # parameters were upgraded since this hash was made
        user.password_hash = new_hash
        session.add(user)
    attempt.succeeded()
    return _staff(user)


def new_device_token(email: object) -> str:
    """Given to the browser after a successful sign-in: it is a known device from then on."""
    return login_limits.device_token(normalise_email(email))


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(session: Session, *, user_id: int, now: datetime | None = None) -> str:
    """A new session for ``user_id``; returns the token (shown to the browser only)."""
    now = now or utcnow()
    token = secrets.token_urlsafe(32)
    session.add(
        UserSession(
            token_hash=_token_hash(token),
            family=secrets.token_hex(16),
            user_id=user_id,
            created_at=now,
            expires_at=now + SESSION_LIFETIME,
        )
    )
    session.flush()
    return token


def _live_session(session: Session, token: object, now: datetime) -> tuple[UserSession, User] | None:
    if not isinstance(token, str) or not (20 <= len(token) <= 200):
        return None
    found = session.exec(
        select(UserSession, User)
        .join(User, col(UserSession.user_id) == col(User.id))
        .where(
            UserSession.token_hash == _token_hash(token),
            col(UserSession.revoked_at).is_(None),
            UserSession.expires_at > now,
            col(User.is_active).is_(True),
        )
    ).first()
    if found is None:
        return None
    row, user = found
    if (row.last_seen_at or row.created_at) <= now - IDLE_TIMEOUT:
        return None  # idle too long
    if user.email == DEMO_EDITOR_EMAIL and not settings.development_declared():
        return None  # a demo session made in development never works in production
    return row, user


def resolve_session(session: Session, token: object, *, now: datetime | None = None) -> StaffUser | None:
    """The active user behind ``token``, or ``None`` (unknown, expired, idle, revoked,
    deactivated). Reads only: see ``check_session`` for a request by the user."""
    found = _live_session(session, token, now or utcnow())
    return _staff(found[1]) if found else None


@dataclass(frozen=True)
class SessionCheck:
    user: StaffUser | None
    new_token: str = ""  # set when the token was rotated: hand it to the browser


def check_session(session: Session, token: object, *, now: datetime | None = None, active: bool = True) -> SessionCheck:
    """Resolve ``token`` for a request. ``active`` (something the user did, not a
    background heartbeat) keeps the session from idling out, and a token older than
    ``ROTATE_AFTER`` is replaced by a fresh one with the same absolute expiry; the old
    one keeps working for ``ROTATION_GRACE`` so requests already in flight succeed."""
    now = now or utcnow()
    found = _live_session(session, token, now)
    if found is None:
        return SessionCheck(None)
    row, user = found
    if not active:
        return SessionCheck(_staff(user))
    if row.last_seen_at is None or now - row.last_seen_at >= TOUCH_EVERY:
        row.last_seen_at = now
        session.add(row)
    new_token = _rotate(session, row, now) if row.rotated_at is None and now - row.created_at >= ROTATE_AFTER else ""
    session.flush()
    return SessionCheck(_staff(user), new_token)


def _rotate(session: Session, row: UserSession, now: datetime) -> str:
    """Replace ``row``'s token, once: the request whose update finds it not yet rotated mints
    the successor; any other (in flight at the same moment) gets "" and keeps using the old
    token for its grace period, as a tab that missed the new one does."""
    expires_at = row.expires_at
    claimed = session.exec(
        update(UserSession)
        .where(col(UserSession.id) == row.id, col(UserSession.rotated_at).is_(None))
        .values(rotated_at=now, expires_at=min(expires_at, now + ROTATION_GRACE))
    )
    if claimed.rowcount != 1:
        return ""
    token = secrets.token_urlsafe(32)
    session.add(
        UserSession(
            token_hash=_token_hash(token),
            family=row.family,
            user_id=row.user_id,
            created_at=now,
            last_seen_at=now,
            expires_at=expires_at,
        )
    )
    return token


def revoke_session(session: Session, token: object, *, now: datetime | None = None) -> None:
    """Sign out: the session of ``token`` ends, with every token rotated from or into it."""
    if not isinstance(token, str):
        return
    family = session.exec(select(UserSession.family).where(UserSession.token_hash == _token_hash(token))).first()
    if family is None:
        return
    session.exec(
        update(UserSession)
        .where(col(UserSession.family) == family, col(UserSession.revoked_at).is_(None))
        .values(revoked_at=now or utcnow())
    )


def revoke_all_sessions(session: Session, *, user_id: int, now: datetime | None = None) -> None:
    live = select(UserSession).where(col(UserSession.user_id) == user_id, col(UserSession.revoked_at).is_(None))
    for row in session.exec(live):
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
