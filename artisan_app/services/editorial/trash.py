"""The newsroom's trash: articles moved there can be restored for 30 days, then
the purge deletes them for good (with their body, tags, revisions and comments).

Rules (checked here, whoever calls):
- only an article readers cannot see goes to the trash: a published or
  scheduled one must be unpublished first;
- authors trash and restore their own unpublished drafts; editors and admins
  any unpublished article;
- only admins empty the trash at once; ``purge_expired`` is the scheduled job
  (no user: it deletes only what has been in the trash for ``RETENTION``).

A trashed article has status ``trashed``, so every reader query (pages, feeds,
sitemap, search: all go through ``live.is_live``) leaves it out, and the
editorial service refuses to edit it until it is restored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlmodel import Session, col, select

from artisan_app.models import Article, ArticleStatus, Author, Role, utcnow
from artisan_app.services.accounts.auth import PermissionDenied, StaffUser, require
from artisan_app.services.common.ids import as_id
from artisan_app.services.common.text import date_label, exact_label
from artisan_app.services.search import index

RETENTION = timedelta(days=30)
TRASH_PAGE = 50
PUBLISHED_FIRST = "Unpublish this article before moving it to the trash."


class TrashRefused(ValueError):
    """The article cannot go to (or come back from) the trash; the message says why."""


@dataclass(frozen=True)
class TrashRow:
    id: int
    headline: str
    author_name: str
    trashed_label: str
    purge_label: str  # when the purge will delete it


def _may_handle(user: StaffUser, article: Article) -> bool:
    if user.can_publish:
        return True
    return user.author_id is not None and article.author_id == user.author_id


def _article(session: Session, user: StaffUser | None, article_id: object) -> tuple[StaffUser, Article]:
    user = require(user)
    article = session.get(Article, article_id) if as_id(article_id) else None
    if article is None or not _may_handle(user, article):
        raise PermissionDenied("You can’t change that article.")
    return user, article


def move_to_trash(session: Session, *, user: StaffUser | None, article_id: int, now: datetime | None = None) -> Article:
    """Move an unpublished article to the trash (restorable for ``RETENTION``)."""
    _, article = _article(session, user, article_id)
    if article.status == ArticleStatus.trashed.value:
        return article
    if article.status == ArticleStatus.published.value:
        raise TrashRefused(PUBLISHED_FIRST)
    now = now or utcnow()
    article.status, article.trashed_at, article.featured_at = ArticleStatus.trashed.value, now, None
    article.updated_at = now
    session.add(article)
    session.flush()
    return article


def restore(session: Session, *, user: StaffUser | None, article_id: int, now: datetime | None = None) -> Article:
    """Bring an article back from the trash, as a draft."""
    _, article = _article(session, user, article_id)
    if article.status != ArticleStatus.trashed.value:
        raise TrashRefused("That article is not in the trash.")
    article.status, article.trashed_at = ArticleStatus.draft.value, None
    article.updated_at = now or utcnow()
    session.add(article)
    session.flush()
    return article


def list_trash(session: Session, *, user: StaffUser | None, now: datetime | None = None) -> list[TrashRow]:
    """What is in the trash, most recently trashed first; authors see only their own."""
    user = require(user)
    query = (
        select(Article, Author)
        .join(Author, col(Author.id) == col(Article.author_id), isouter=True)
        .where(Article.status == ArticleStatus.trashed.value)
    )
    if not user.can_publish:
        query = query.where(Article.author_id == (user.author_id or -1))
    rows = session.exec(query.order_by(col(Article.trashed_at).desc(), col(Article.id).desc()).limit(TRASH_PAGE)).all()
    return [
        TrashRow(
            id=a.id,
            headline=a.headline or "(untitled)",
            author_name=au.name if au else "—",
            trashed_label=exact_label(a.trashed_at or a.updated_at),
            purge_label=date_label((a.trashed_at or a.updated_at) + RETENTION),
        )
        for a, au in rows
    ]


def _delete(session: Session, ids: list[int]) -> int:
    if not ids:
        return 0
    # Sections, blocks, tags, revisions, presence and comments go with it (ON DELETE CASCADE).
    session.exec(delete(Article).where(col(Article.id).in_(ids)))
    index.forget_articles(session, ids)
    session.flush()
    return len(ids)


def empty_trash(session: Session, *, user: StaffUser | None) -> int:
    """Delete everything in the trash now (admins only); returns how many."""
    require(user, Role.admin)
    ids = list(session.exec(select(Article.id).where(Article.status == ArticleStatus.trashed.value)).all())
    return _delete(session, ids)


def expired_ids(session: Session, *, now: datetime | None = None, among: list[int] | None = None) -> list[int]:
    """The articles that have been in the trash for ``RETENTION`` (only those of
    ``among`` when given), in id order."""
    cutoff = (now or utcnow()) - RETENTION
    query = select(col(Article.id)).where(col(Article.status) == ArticleStatus.trashed.value, col(Article.trashed_at) <= cutoff)
    if among is not None:
        query = query.where(col(Article.id).in_(among))
    return list(session.exec(query.order_by(col(Article.id))).all())


def purge_articles(session: Session, *, ids: list[int], now: datetime | None = None) -> int:
    """Delete those of ``ids`` that have been in the trash for ``RETENTION`` (the
    command line's purge, batch by batch); returns how many."""
    return _delete(session, expired_ids(session, now=now, among=ids)) if ids else 0


def purge_expired(session: Session, *, now: datetime | None = None) -> int:
    """The scheduled job: delete articles that have been in the trash for ``RETENTION``."""
    return _delete(session, expired_ids(session, now=now))
