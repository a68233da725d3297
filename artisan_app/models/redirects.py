"""Old URLs answered with a permanent redirect, and what a WordPress import brought in."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from artisan_app.models.types import UTCDateTime, utcnow


class Redirect(SQLModel, table=True):
    """``old_path`` (decoded, no trailing slash; ``/?p=12`` for WordPress's query links) → ``new_path``."""

    id: int = Field(default=None, primary_key=True)
    old_path: str = Field(max_length=500, unique=True, index=True)
    new_path: str = Field(max_length=500, index=True)
    status_code: int = Field(default=301)
    source: str = Field(default="manual", max_length=16)  # manual | wordpress | slug
    # An imported redirect waits for an admin's confirmation; until then its 301 is cached briefly.
    confirmed: bool = Field(default=True)
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))


class WordPressItem(SQLModel, table=True):
    """One WordPress object (post, comment, author) and the row it became here.

    ``digest`` is a hash of what the export said last time: the same export
    twice changes nothing, an edited one updates exactly the edited rows.
    """

    __table_args__ = (UniqueConstraint("kind", "wp_id", name="uq_wordpressitem_kind_wp_id"),)

    id: int = Field(default=None, primary_key=True)
    kind: str = Field(max_length=16)  # post | comment | author
    wp_id: int
    guid: str = Field(default="", max_length=500)
    local_id: int = Field(index=True)
    digest: str = Field(default="", max_length=64)
    imported_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
