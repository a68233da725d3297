"""Reader comments, threaded, with moderation status."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

from sqlalchemy import Column, Index
from sqlmodel import Field, SQLModel

from artisan_app.models.types import UTCDateTime, utcnow


class CommentStatus(str, Enum):
    pending = "pending"  # held for moderation
    approved = "approved"  # visible to everyone
    spam = "spam"
    trash = "trash"


class Comment(SQLModel, table=True):
    __table_args__ = (
        Index("ix_comment_article_status_created", "article_id", "status", "created_at"),
        Index("ix_comment_email_status", "email_normalized", "status"),
        Index("ix_comment_owner", "owner_key"),
        Index("ix_comment_fingerprint", "article_id", "fingerprint", unique=True),
    )

    id: int = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", ondelete="CASCADE")
    parent_id: int | None = Field(default=None, foreign_key="comment.id", ondelete="CASCADE", index=True)
    depth: int = Field(default=0)
    name: str = Field(max_length=80)
    # Private: never leaves the server except to editors in moderation.
    email: str = Field(max_length=254)
    email_normalized: str = Field(max_length=254)
    website: str = Field(default="", max_length=200)
    body: str = Field(max_length=5000)
    status: str = Field(default=CommentStatus.pending.value, max_length=16)
    held_reason: str = Field(default="", max_length=80)
    # sha256 of the submitting browser's random id: lets its author see a held comment.
    owner_key: str = Field(default="", max_length=64)
    # sha256 of email + normalised text: duplicate detection.
    fingerprint: str = Field(max_length=64)
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    approved_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    # Written by the newsroom (a reply signed by the publication), shown with a "Staff" badge.
    by_staff: bool = Field(default=False)
