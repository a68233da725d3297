"""Co-authors: an article's byline is one or more authors in order.

``ArticleAuthor`` holds the order; ``Article.author_id`` stays the first (primary)
author, so every query that joins on it keeps working. ``sync_primary`` keeps the
two in step after anything that sets ``author_id``.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import Session, col, select

from artisan_app.models import Article, ArticleAuthor, Author, Role
from artisan_app.services.accounts.auth import PermissionDenied, StaffUser, require
from artisan_app.services.articles.views import AuthorProfile
from artisan_app.services.common.ids import as_id

MAX_AUTHORS = 6


def author_ids(session: Session, article_id: int | None) -> list[int]:
    """The article's authors' ids in byline order."""
    if not article_id:
        return []
    return list(
        session.exec(
            select(col(ArticleAuthor.author_id))
            .where(col(ArticleAuthor.article_id) == article_id)
            .order_by(col(ArticleAuthor.position))
        ).all()
    )


def authors_of(session: Session, article_id: int) -> list[Author]:
    return list(
        session.exec(
            select(Author)
            .join(ArticleAuthor, col(ArticleAuthor.author_id) == col(Author.id))
            .where(col(ArticleAuthor.article_id) == article_id)
            .order_by(col(ArticleAuthor.position))
        ).all()
    )


def _store(session: Session, article: Article, ids: Sequence[int]) -> None:
    session.exec(ArticleAuthor.__table__.delete().where(ArticleAuthor.article_id == article.id))  # type: ignore[attr-defined]
    for position, author_id in enumerate(ids, start=1):
        session.add(ArticleAuthor(article_id=article.id, author_id=author_id, position=position))
    article.author_id = ids[0] if ids else None
    session.add(article)
    session.flush()


def sync_primary(session: Session, article: Article) -> None:
    """After ``article.author_id`` was set: it leads the byline, the co-authors follow in their order."""
    ids = author_ids(session, article.id)
    wanted = ([article.author_id] if article.author_id else []) + [i for i in ids if i != article.author_id]
    if not article.author_id:
        wanted = []
    if wanted != ids:
        _store(session, article, wanted)


def set_authors(session: Session, *, user: StaffUser | None, article_id: int, author_slugs: Sequence[str]) -> list[Author]:
    """Editors and admins set the byline (first = primary author); 1 to ``MAX_AUTHORS`` known authors."""
    require(user, Role.admin, Role.editor)
    article = session.get(Article, article_id) if as_id(article_id) else None
    if article is None:
        raise PermissionDenied("You can’t edit that article.")
    slugs = [s for i, s in enumerate(author_slugs) if isinstance(s, str) and s and s not in author_slugs[:i]]
    if not 1 <= len(slugs) <= MAX_AUTHORS:
        raise ValueError(f"An article has between 1 and {MAX_AUTHORS} authors.")
    rows = {a.slug: a for a in session.exec(select(Author).where(col(Author.slug).in_(slugs))).all()}
    if len(rows) != len(slugs):
        raise ValueError("One of those authors no longer exists.")
    _store(session, article, [rows[s].id for s in slugs])
    return [rows[s] for s in slugs]


def is_author(session: Session, user: StaffUser, article: Article) -> bool:
    """Whether ``user``'s byline is one of the article's authors (primary or co-author)."""
    if user.author_id is None:
        return False
    return article.author_id == user.author_id or user.author_id in author_ids(session, article.id)


def byline(authors: Sequence[AuthorProfile]) -> list[tuple[AuthorProfile, str]]:
    """Each author with the text that follows the name: "By A and B", "By A, B and C"."""
    n = len(authors)
    return [(a, "" if i == n - 1 else (" and " if i == n - 2 else ", ")) for i, a in enumerate(authors)]
