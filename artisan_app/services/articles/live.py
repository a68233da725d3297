"""Which articles readers may see: one SQL condition, used by every reader query
(lists, feeds, sitemap, search, tags, comments, corrections)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, and_
from sqlmodel import col

from artisan_app.models import Article, ArticleStatus


def is_live(now: datetime) -> ColumnElement[bool]:
    """SQL condition: published, and its publication time has come."""
    return and_(
        col(Article.status) == ArticleStatus.published.value,
        col(Article.published_at).is_not(None),
        col(Article.published_at) <= now,
    )
