"""Staff accounts and their server-side sessions."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

from sqlalchemy import Column
from sqlmodel import Field, SQLModel

from artisan_app.models.types import UTCDateTime, utcnow


class Role(str, Enum):
    admin = "admin"  # manages users and categories, and everything an editor does
    editor = "editor"  # edits and publishes anything, moderates comments
    author = "author"  # writes and edits own drafts, submits for review


class User(SQLModel, table=True):
    id: int = Field(default=None, primary_key=True)
    email: str = Field(max_length=254, unique=True, index=True)  # stored casefolded
    name: str = Field(max_length=120)
    role: str = Field(default=Role.author.value, max_length=16)
    # argon2 hash (pwdlib); the password itself is never stored anywhere.
    password_hash: str = Field(max_length=255)
    # The byline this account writes under (authors may only touch its articles).
    author_id: int | None = Field(default=None, foreign_key="author.id", index=True)
    is_active: bool = Field(default=True)
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))


class UserSession(SQLModel, table=True):
    """An opaque random token (only its sha256 is stored) mapped to a user."""

    id: int = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True, index=True)
    # One sign-in and every token rotated from it: signing out ends them all.
    family: str = Field(max_length=64, index=True)
    user_id: int = Field(foreign_key="user.id", ondelete="CASCADE", index=True)
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    expires_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False))
    revoked_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    # Last request made with it (idle timeout); None = not used since created_at.
    last_seen_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    # When it was replaced by a fresh token (rotation); it lives on only for a short grace.
    rotated_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
