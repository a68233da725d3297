"""Telling authors by email when an editor asks for changes or publishes their article
(sent by the job queue through the newsletter's mail path: SMTP, or the outbox)."""

from __future__ import annotations

from sqlmodel import Session, col, select

from artisan_app.core import routes
from artisan_app.models import Article, ArticleAuthor, ReviewNote, User
from artisan_app.services.mail.sending import Mail

NOTICES = {"changes": "Changes requested", "published": "Published"}


def review_notices(session: Session, *, article_id: int, to_status: str, by_user_id: int | None, site_url: str) -> list[Mail]:
    """One mail per staff account behind the article's byline, except the person who made the move."""
    article = session.get(Article, article_id)
    if article is None or to_status not in NOTICES:
        return []
    users = session.exec(
        select(User)
        .join(ArticleAuthor, col(ArticleAuthor.author_id) == col(User.author_id))
        .where(col(ArticleAuthor.article_id) == article_id)
        .order_by(col(User.id))
    ).all()
    open_notes = len(
        session.exec(
            select(ReviewNote.id).where(
                ReviewNote.article_id == article_id, col(ReviewNote.parent_id).is_(None), col(ReviewNote.resolved_at).is_(None)
            )
        ).all()
    )
    if to_status == "changes":
        body = (
            f"An editor asked for changes to “{article.headline}”. "
            f"{open_notes} open note{'s' if open_notes != 1 else ''} wait for you in the editor:\n"
            f"{site_url}{routes.editor_article_url(article_id)}\n"
        )
    else:
        body = f"“{article.headline}” is published:\n{site_url}{routes.article_url(article.slug)}\n"
    subject = f"{NOTICES[to_status]}: {article.headline}"[:300]
    return [Mail(to=u.email, subject=subject, text=body) for u in users if u.id != by_user_id]
