"""Photographs: one row per uploaded image (its renditions follow from the row)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Column
from sqlmodel import Field, SQLModel

from artisan_app.models.types import UTCDateTime, utcnow


class Image(SQLModel, table=True):
    """An uploaded photograph, stored once per content.

    Its renditions and crops are not listed here: their file names derive from
    ``hash``, ``width``/``height`` and the focal point (``services/media/names.py``).
    """

    id: int = Field(default=None, primary_key=True)
    hash: str = Field(max_length=64, unique=True, index=True)  # sha256 prefix of the uploaded bytes
    width: int  # the original's size, after EXIF orientation
    height: int
    format: str = Field(max_length=8)  # the upload's format: JPEG, PNG, WEBP, GIF, AVIF
    alt: str = Field(default="", max_length=300)
    caption: str = Field(default="", max_length=1000)
    credit: str = Field(default="", max_length=300)  # photographer / source and licence
    focal_x: float = Field(default=0.5)  # 0 = left edge, 1 = right edge
    focal_y: float = Field(default=0.5)  # 0 = top, 1 = bottom
    uploader_id: int | None = Field(default=None, foreign_key="user.id", ondelete="SET NULL")
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
