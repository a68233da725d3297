"""Categories, authors and tags: the publication's navigation and bylines."""

from __future__ import annotations

from sqlmodel import Session, select

from artisan_app.models import Author, Category, Tag
from artisan_app.services.views import AuthorProfile, CategoryLink, TagLink


def category_link(row: Category) -> CategoryLink:
    return CategoryLink(name=row.name, slug=row.slug, description=row.description)


def author_profile(row: Author) -> AuthorProfile:
    return AuthorProfile(name=row.name, slug=row.slug, bio=row.bio, avatar=row.avatar)


def list_categories(session: Session) -> list[CategoryLink]:
    """Categories in masthead order."""
    rows = session.exec(select(Category).order_by(Category.position, Category.name)).all()
    return [category_link(r) for r in rows]


def get_category(session: Session, slug: str) -> CategoryLink | None:
    row = session.exec(select(Category).where(Category.slug == slug)).first()
    return category_link(row) if row else None


def get_author(session: Session, slug: str) -> AuthorProfile | None:
    row = session.exec(select(Author).where(Author.slug == slug)).first()
    return author_profile(row) if row else None


def get_tag(session: Session, slug: str) -> TagLink | None:
    row = session.exec(select(Tag).where(Tag.slug == slug)).first()
    return TagLink(name=row.name, slug=row.slug) if row else None
