"""Who may edit which article, and an article read back as the editor's form."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from typing import TypeVar

from sqlmodel import Session, col, select

from artisan_app.models import Article, ArticleStatus, ArticleTag, Author, Category, Tag, utcnow
from artisan_app.services.accounts.auth import PermissionDenied, StaffUser, require
from artisan_app.services.articles.coauthors import author_ids
from artisan_app.services.articles.queries import article_sections
from artisan_app.services.common.ids import as_id
from artisan_app.services.common.newsroom_time import schedule_label
from artisan_app.services.editorial.forms import ArticleForm, BlockForm, SectionForm
from artisan_app.services.editorial.rich import editor_text
from artisan_app.services.media.library import cover_ref, image_refs
from artisan_app.services.media.markup import jpeg_url


def may_edit(user: StaffUser, article: Article, coauthor_ids: Collection[int] = ()) -> bool:
    """Editors and admins edit anything but the trash; an author (primary or co-author) their unpublished articles."""
    if article.status == ArticleStatus.trashed.value:  # restore it from the trash first (services/editorial/trash.py)
        return False
    if user.can_publish:
        return True
    return (
        user.author_id is not None
        and (article.author_id == user.author_id or user.author_id in coauthor_ids)
        and article.status != ArticleStatus.published.value
    )


def editable_article(session: Session, user: StaffUser | None, article_id: int) -> tuple[StaffUser, Article]:
    user = require(user)
    article = session.get(Article, article_id) if as_id(article_id) else None
    if article is None or not may_edit(user, article, author_ids(session, article.id)):
        raise PermissionDenied("You can’t edit that article.")
    return user, article


def phase_of(article: Article, now: datetime) -> str:
    """What readers see: draft, review, scheduled (published in the future) or published."""
    if article.status == ArticleStatus.published.value and article.published_at and article.published_at > now:
        return "scheduled"
    return article.status


def is_public_or_scheduled(article: Article) -> bool:
    return article.status == ArticleStatus.published.value


def slug_fixed(article: Article) -> bool:
    """Once an article has been published (or scheduled) its address never changes."""
    return article.first_published_at is not None or is_public_or_scheduled(article)


_Slugged = TypeVar("_Slugged", Category, Author)


def lookup(session: Session, model: type[_Slugged], slug: str) -> _Slugged | None:
    return session.exec(select(model).where(col(model.slug) == slug)).first() if slug else None


def form_of(session: Session, article: Article, now: datetime | None = None) -> ArticleForm:
    now = now or utcnow()
    category = session.get(Category, article.category_id) if article.category_id else None
    author = session.get(Author, article.author_id) if article.author_id else None
    tags = session.exec(
        select(Tag.name)
        .join(ArticleTag, col(ArticleTag.tag_id) == col(Tag.id))
        .where(ArticleTag.article_id == article.id)
        .order_by(Tag.name)
    ).all()
    views = article_sections(session, article.id)
    images = image_refs(session, [b.image_id for s in views for b in s.blocks if b.image_id])
    sections = [
        SectionForm(
            heading=s.heading,
            blocks=[
                BlockForm(
                    b.kind,
                    editor_text(b),
                    b.attribution,
                    image_id=b.image_id,
                    wide=b.wide,
                    alt=b.alt or (images[b.image_id].alt if b.image_id in images else ""),
                    preview=jpeg_url(images[b.image_id], max_width=640) if b.image_id in images else "",
                    key=b.key,
                )
                for b in s.blocks
            ],
            key=s.key,
        )
        for s in views
    ]
    cover = cover_ref(session, article)
    phase = phase_of(article, now)
    return ArticleForm(
        id=article.id,
        version=article.version,
        slug=article.slug,
        slug_locked=slug_fixed(article),
        slug_custom=article.slug_custom,
        kicker=article.kicker,
        headline=article.headline,
        excerpt=article.excerpt,
        category_slug=category.slug if category else "",
        author_slug=author.slug if author else "",
        tags=", ".join(tags),
        cover_image=article.cover_image,
        cover_alt=article.cover_alt,
        cover_image_id=article.cover_image_id or 0,
        cover_preview=jpeg_url(cover, max_width=640) if cover else "",
        cover_focal=f"{cover.focal_x:g},{cover.focal_y:g}" if cover else "",
        status=article.status,
        published_at_iso=article.published_at.isoformat() if article.published_at else "",
        phase=phase,
        schedule_label=schedule_label(article.published_at) if phase == "scheduled" and article.published_at else "",
        sections=sections or [SectionForm()],
    )
