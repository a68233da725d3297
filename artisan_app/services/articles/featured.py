"""The featured story ("Feature on the front page"; WordPress: sticky, Ghost: featured).

One article at a time is featured per edition: featuring another replaces it. While it is
live it leads the front page (and the front page filtered to its section)
instead of the newest story; the rest follow newest first without it. Only
editors and admins feature or unfeature.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import update
from sqlmodel import Session, col

from artisan_app.models import Article, ArticleStatus, Category, Role, utcnow
from artisan_app.services.accounts.auth import PermissionDenied, StaffUser, require
from artisan_app.services.articles.live import is_live
from artisan_app.services.articles.queries import card_query, cards_of, latest_articles, with_lead_cover
from artisan_app.services.articles.views import ArticlePage
from artisan_app.services.common.ids import as_id


class FeatureRefused(ValueError):
    """The article cannot be featured; the message says why."""


def _article(session: Session, user: StaffUser | None, article_id: object) -> Article:
    require(user, Role.admin, Role.editor)
    article = session.get(Article, article_id) if as_id(article_id) else None
    if article is None:
        raise PermissionDenied("No such article.")
    return article


def feature(session: Session, *, user: StaffUser | None, article_id: int, now: datetime | None = None) -> Article:
    """Make ``article_id`` the front page's lead (it must be published or scheduled)."""
    article = _article(session, user, article_id)
    if article.status != ArticleStatus.published.value:
        raise FeatureRefused("Publish the article before featuring it on the front page.")
    # One per edition: the Urdu front page's lead never unseats the English one.
    session.exec(
        update(Article)
        .where(col(Article.id) != article.id, col(Article.featured_at).is_not(None), col(Article.language) == article.language)
        .values(featured_at=None)
    )
    article.featured_at = now or utcnow()
    session.add(article)
    session.flush()
    return article


def unfeature(session: Session, *, user: StaffUser | None, article_id: int) -> Article:
    article = _article(session, user, article_id)
    article.featured_at = None
    session.add(article)
    session.flush()
    return article


def is_featured(session: Session, *, user: StaffUser | None, article_id: int) -> bool:
    require(user)
    article = session.get(Article, article_id) if as_id(article_id) else None
    return bool(article and article.featured_at is not None)


def front_page(
    session: Session,
    *,
    category_slug: str | None = None,
    limit: int = 10,
    offset: int = 0,
    now: datetime | None = None,
    language: str = "en",
) -> ArticlePage:
    """The front page's list: the featured live story first (when there is one in this
    selection), then the newest without it. ``offset`` counts the stories already shown."""
    now = now or utcnow()
    query = card_query().where(is_live(now), col(Article.featured_at).is_not(None), col(Article.language) == language)
    if category_slug:
        query = query.where(Category.slug == category_slug)
    row = session.exec(query.order_by(col(Article.featured_at).desc()).limit(1)).first()
    if row is None:
        page = latest_articles(session, category_slug=category_slug, limit=limit, offset=offset, now=now, language=language)
        if offset == 0 and page.items:  # the newest leads: its cover loads first
            page.items[0] = with_lead_cover(session, page.items[0])
        return page
    lead_id = row[0].id
    if offset == 0:
        rest = latest_articles(
            session, category_slug=category_slug, limit=max(1, limit - 1), exclude_id=lead_id, now=now, language=language
        )
        lead = with_lead_cover(session, cards_of(session, [row])[0])
        return ArticlePage(items=[lead, *rest.items], has_more=rest.has_more)
    return latest_articles(
        session, category_slug=category_slug, limit=limit, offset=offset - 1, exclude_id=lead_id, now=now, language=language
    )
