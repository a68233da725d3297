"""Publishing, scheduling, cancelling a schedule, unpublishing and review.

Only what was saved goes live: every step checks the stored article, and the
state saves the editor's changes first.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from artisan_app.models import Article, ArticleStatus, Role, utcnow
from artisan_app.services.accounts.auth import StaffUser, require
from artisan_app.services.common.newsroom_time import schedule_label
from artisan_app.services.editorial import approval
from artisan_app.services.editorial.access import editable_article, form_of, phase_of
from artisan_app.services.editorial.forms import ArticleForm, EditValidationError, publish_errors
from artisan_app.services.editorial.saving import add_revision
from artisan_app.services.editorial.status_history import record_move


def _checked_form(session: Session, article: Article, now: datetime) -> ArticleForm:
    form = form_of(session, article, now)
    errors = publish_errors(form)
    if errors:
        raise EditValidationError(errors)
    return form


def schedule_error(at: datetime | None, now: datetime) -> str:
    """Why ``at`` cannot be a publication time, or "" if it can."""
    if at is None:
        return "Choose a date and time."
    if at.tzinfo is None:
        return "Give the time with its time zone."
    if at <= now:
        return f"{schedule_label(at)} has already passed. Choose a time in the future, or use “Publish now”."
    return ""


def publish(
    session: Session,
    *,
    user: StaffUser | None,
    article_id: int,
    at: datetime | None = None,
    now: datetime | None = None,
    without_review: bool = False,
) -> Article:
    """Publish now (``at`` is None), or schedule for ``at``, which must be in the future;
    a scheduled article goes live by itself then, as it stood when scheduled.

    Someone not on the byline must have reviewed it (``services/approval``): a standing approval,
    or the publisher is not on the byline; else only an admin, with ``without_review``."""
    user = require(user, Role.admin, Role.editor)
    now = now or utcnow()
    user, article = editable_article(session, user, article_id)
    if at is not None:
        problem = schedule_error(at, now)
        if problem:
            raise EditValidationError({"schedule": problem})
    _checked_form(session, article, now)
    cleared = approval.clearance(session, user, article, now=now, without_review=without_review)
    before = phase_of(article, now)
    article.status = ArticleStatus.published.value
    article.published_at = at or now
    # From the first publication (or the moment it is scheduled for) the slug is fixed.
    if article.first_published_at is None:
        article.first_published_at = article.published_at
    article.updated_at = now
    session.add(article)
    session.flush()
    what = f"Scheduled for {schedule_label(at)}" if at else "Published"
    revision = add_revision(session, article, user, what + (" without review" if cleared.without_review else ""), now)
    record_move(
        session,
        article,
        before,
        phase_of(article, now),
        user,
        now,
        revision_id=cleared.revision_id or revision.id,
        without_review=cleared.without_review,
    )
    return article


def cancel_schedule(session: Session, *, user: StaffUser | None, article_id: int, now: datetime | None = None) -> Article:
    """A scheduled article goes back to being a draft; it never went live, so its slug is free again."""
    user = require(user, Role.admin, Role.editor)
    now = now or utcnow()
    _, article = editable_article(session, user, article_id)
    if phase_of(article, now) != "scheduled":
        raise EditValidationError({"schedule": "This article is not scheduled."})
    if article.first_published_at is not None and article.first_published_at > now:
        article.first_published_at = None
    return _back_to_draft(session, article, user, now)


def _back_to_draft(session: Session, article: Article, user: StaffUser, now: datetime) -> Article:
    """Unpublished or unscheduled: a draft again, off the front page, the move recorded."""
    before = phase_of(article, now)
    article.status = ArticleStatus.draft.value
    article.published_at = None
    article.featured_at = None  # no longer on the front page
    article.updated_at = now
    session.add(article)
    session.flush()
    record_move(session, article, before, article.status, user, now)
    return article


def unpublish(session: Session, *, user: StaffUser | None, article_id: int, now: datetime | None = None) -> Article:
    """Readers no longer see it; its slug stays, so shared links work again once it is republished."""
    user = require(user, Role.admin, Role.editor)
    now = now or utcnow()
    _, article = editable_article(session, user, article_id)
    if phase_of(article, now) != ArticleStatus.published.value:
        raise EditValidationError({"status": "Only a live article can be unpublished."})
    return _back_to_draft(session, article, user, now)


def submit_for_review(session: Session, *, user: StaffUser | None, article_id: int, now: datetime | None = None) -> Article:
    """An author hands a finished draft to the editors."""
    now = now or utcnow()
    user, article = editable_article(session, user, article_id)
    if article.status == ArticleStatus.published.value:
        raise EditValidationError({"status": "This article is already published."})
    if article.status == ArticleStatus.review.value:
        raise EditValidationError({"status": "This article is already waiting for review."})
    _checked_form(session, article, now)
    before = article.status
    article.status = ArticleStatus.review.value
    article.updated_at = now
    session.add(article)
    session.flush()
    record_move(session, article, before, article.status, user, now)
    return article
