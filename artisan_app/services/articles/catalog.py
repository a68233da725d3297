"""Categories, authors and tags: the publication's navigation and bylines."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from artisan_app.models import Article, ArticleTag, Author, Category, Role, Tag, utcnow
from artisan_app.services.accounts.auth import StaffUser, require
from artisan_app.services.articles.live import is_live
from artisan_app.services.articles.views import AuthorProfile, CategoryLink, TagLink
from artisan_app.services.common.text import clean_text, slugify


def category_link(row: Category) -> CategoryLink:
    return CategoryLink(name=row.name, slug=row.slug, description=row.description)


def author_profile(row: Author) -> AuthorProfile:
    return AuthorProfile(name=row.name, slug=row.slug, bio=row.bio, avatar=row.avatar)


def list_categories(session: Session) -> list[CategoryLink]:
    """Categories in masthead order."""
    rows = session.exec(select(Category).order_by(col(Category.position), col(Category.name))).all()
    return [category_link(r) for r in rows]


def get_category(session: Session, slug: str) -> CategoryLink | None:
    row = session.exec(select(Category).where(Category.slug == slug)).first()
    return category_link(row) if row else None


def get_author(session: Session, slug: str) -> AuthorProfile | None:
    row = session.exec(select(Author).where(Author.slug == slug)).first()
    return author_profile(row) if row else None


def get_tag(session: Session, slug: str, *, now: datetime | None = None) -> TagLink | None:
    """A topic readers may see: only while a live article has it (a tag that only
    drafts use would announce an embargoed story)."""
    row = session.exec(
        select(Tag)
        .join(ArticleTag, col(ArticleTag.tag_id) == col(Tag.id))
        .join(Article, col(Article.id) == col(ArticleTag.article_id))
        .where(Tag.slug == slug, is_live(now or utcnow()))
        .limit(1)
    ).first()
    return TagLink(name=row.name, slug=row.slug) if row else None


# --- administration (admins only) ------------------------------------------------


def _admin(user: StaffUser | None) -> StaffUser:
    return require(user, Role.admin)


def save_category(
    session: Session, *, user: StaffUser | None, slug: str = "", name: object, description: object = ""
) -> CategoryLink:
    """Create a category (``slug`` empty) or rename/re-describe an existing one (its slug stays)."""
    _admin(user)
    name, description = clean_text(name), clean_text(description)
    if not name or len(name) > 80:
        raise ValueError("A category needs a name of at most 80 characters.")
    if len(description) > 400:
        raise ValueError("Keep the description to 400 characters or fewer.")
    if not slug:
        return add_category(session, user=user, name=name, description=description)
    row = session.exec(select(Category).where(Category.slug == slug)).first()
    if row is None:
        raise ValueError("That category no longer exists.")
    row.name, row.description = name, description
    session.add(row)
    session.flush()
    return category_link(row)


def add_category(session: Session, *, user: StaffUser | None, name: object, description: object = "") -> CategoryLink:
    """A new category at the end of the masthead. Editors may add one (also from the
    article form); renaming and ordering stay with admins (``save_category``, ``move_category``)."""
    require(user, Role.admin, Role.editor)
    name, description = clean_text(name), clean_text(description)
    if not name or len(name) > 80:
        raise ValueError("A category needs a name of at most 80 characters.")
    if len(description) > 400:
        raise ValueError("Keep the description to 400 characters or fewer.")
    new_slug = slugify(name)
    if not new_slug or session.exec(select(Category.id).where(Category.slug == new_slug)).first():
        raise ValueError("A category with that name already exists.")
    last = session.exec(select(col(Category.position)).order_by(col(Category.position).desc())).first()
    row = Category(slug=new_slug, name=name, description=description, position=(last or 0) + 1)
    session.add(row)
    session.flush()
    return category_link(row)


def move_category(session: Session, *, user: StaffUser | None, slug: str, step: int) -> list[CategoryLink]:
    """Move a category one place up (``step=-1``) or down (``+1``) in the masthead."""
    _admin(user)
    rows = list(session.exec(select(Category).order_by(col(Category.position), col(Category.name))).all())
    index = next((i for i, r in enumerate(rows) if r.slug == slug), None)
    if index is not None and step in (-1, 1) and 0 <= index + step < len(rows):
        rows[index], rows[index + step] = rows[index + step], rows[index]
    for position, row in enumerate(rows):
        row.position = position
        session.add(row)
    session.flush()
    return [category_link(r) for r in rows]


def list_authors(session: Session) -> list[AuthorProfile]:
    return [author_profile(r) for r in session.exec(select(Author).order_by(Author.name)).all()]


def save_author(
    session: Session, *, user: StaffUser | None, slug: str, name: object, bio: object, avatar: str | None = None
) -> AuthorProfile:
    _admin(user)
    row = session.exec(select(Author).where(Author.slug == slug)).first()
    if row is None:
        raise ValueError("That author no longer exists.")
    name, bio = clean_text(name), clean_text(bio, multiline=True)
    if not name or len(name) > 120:
        raise ValueError("An author needs a name of at most 120 characters.")
    if len(bio) > 2000:
        raise ValueError("Keep the bio to 2,000 characters or fewer.")
    row.name, row.bio = name, bio
    if avatar is not None:
        row.avatar = avatar
    session.add(row)
    session.flush()
    return author_profile(row)
