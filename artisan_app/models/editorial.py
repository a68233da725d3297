"""Editorial craft: co-authors, the review workflow's history and notes, and corrections."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, Index
from sqlmodel import Field, SQLModel

from artisan_app.models.types import UTCDateTime, utcnow


class ArticleAuthor(SQLModel, table=True):
    """The article's byline in order (position 1 is ``Article.author_id``, kept in step)."""

    article_id: int = Field(foreign_key="article.id", ondelete="CASCADE", primary_key=True)
    author_id: int = Field(foreign_key="author.id", ondelete="CASCADE", primary_key=True, index=True)
    position: int = Field(default=1)


class StatusChange(SQLModel, table=True):
    """One move of the review workflow: who moved the article from which status to which, and when."""

    __table_args__ = (Index("ix_statuschange_article_created", "article_id", "created_at"),)

    id: int = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", ondelete="CASCADE")
    from_status: str = Field(max_length=16)
    to_status: str = Field(max_length=16)
    user_id: int | None = Field(default=None, foreign_key="user.id", ondelete="SET NULL")
    user_name: str = Field(default="", max_length=120)
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    # An approval: the revision approved. A publication or schedule: the revision its review covered
    # (the approved one, or what the publisher, not on the byline, published).
    revision_id: int | None = Field(default=None, foreign_key="articlerevision.id", ondelete="SET NULL")
    # An admin published (or scheduled) it with "publish without review".
    without_review: bool = Field(default=False)


class ReviewNote(SQLModel, table=True):
    """An editor's note on a draft (whole article, or one section/block by its stable key), or a reply."""

    id: int = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", ondelete="CASCADE", index=True)
    parent_id: int | None = Field(default=None, foreign_key="reviewnote.id", ondelete="CASCADE", index=True)
    anchor_key: str = Field(default="", max_length=32)  # Section.key or Block.key; "" = the whole article
    user_id: int | None = Field(default=None, foreign_key="user.id", ondelete="SET NULL")
    user_name: str = Field(default="", max_length=120)
    body: str = Field(max_length=2000)
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    resolved_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    resolved_by: str = Field(default="", max_length=120)


class Correction(SQLModel, table=True):
    """A dated correction or update appended to a published article. Append-only: no service deletes one."""

    id: int = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", ondelete="CASCADE", index=True)
    kind: str = Field(default="correction", max_length=16)  # "correction" | "update"
    text: str = Field(max_length=2000)
    user_id: int | None = Field(default=None, foreign_key="user.id", ondelete="SET NULL")
    user_name: str = Field(default="", max_length=120)
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False, index=True))
