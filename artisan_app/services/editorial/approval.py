"""Approval that holds: what goes live is what someone not on the byline reviewed.

* An approval covers one revision: the article exactly as it was approved (``StatusChange.revision_id``).
  A save that changes the content of an approved article sends it back to review.
* Publishing or scheduling needs a review by someone not on the byline: a standing approval (the
  approver still not on the byline, the article unchanged since), or the publisher is not on the
  byline (publishing is then their review, recorded with the revision they published), or an admin
  chooses "publish without review" (recorded on the move).
* Changing a live or scheduled article publishes the change: someone on its byline cannot update a
  live article, and their change to a scheduled one takes it off the schedule and back to review.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from artisan_app.models import Article, ArticleRevision, ArticleStatus, StatusChange, User
from artisan_app.services.accounts.auth import PermissionDenied, StaffUser
from artisan_app.services.articles.coauthors import author_ids, is_author
from artisan_app.services.editorial.access import form_of, phase_of
from artisan_app.services.editorial.forms import snapshot
from artisan_app.services.editorial.status_history import record_move

NEEDS_REVIEW = "You are on this article’s byline: someone who is not must approve it before it is published or scheduled."
ADMIN_ONLY = "Only an admin can publish without review."
LIVE_NEEDS_REVIEW = (
    "You are on this article’s byline, so your changes cannot go live unreviewed: "
    "ask an editor who is not on the byline to make them, or add a correction."
)
BACK_TO_REVIEW = "Saved. The article had been approved as it stood, so it is back in review."
UNSCHEDULED = "Saved. Your changes were not reviewed, so the article is no longer scheduled: it is back in review."


@dataclass(frozen=True)
class Clearance:
    """Why a publication may go ahead: the approved revision (None: the publisher's own review,
    or ``without_review``)."""

    revision_id: int | None
    without_review: bool = False


def content_snapshot(session: Session, article: Article) -> str:
    return snapshot(form_of(session, article))


def user_on_byline(session: Session, user_id: int | None, article: Article) -> bool:
    """Whether the account ``user_id`` writes under one of the article's bylines."""
    account = session.get(User, user_id) if user_id else None
    author = account.author_id if account else None
    return author is not None and (article.author_id == author or author in author_ids(session, article.id))


def last_approval(session: Session, article_id: int) -> StatusChange | None:
    return session.exec(
        select(StatusChange)
        .where(StatusChange.article_id == article_id, StatusChange.to_status == ArticleStatus.approved.value)
        .order_by(col(StatusChange.created_at).desc(), col(StatusChange.id).desc())
    ).first()


def standing_approval(session: Session, article: Article) -> ArticleRevision | None:
    """The approved revision, if the approval still covers the article as stored; else None."""
    if article.status != ArticleStatus.approved.value:
        return None
    move = last_approval(session, article.id)
    if move is None or move.revision_id is None or user_on_byline(session, move.user_id, article):
        return None
    revision = session.get(ArticleRevision, move.revision_id)
    if revision is None or revision.article_id != article.id:
        return None
    return revision if revision.snapshot == content_snapshot(session, article) else None


def _scheduled(session: Session, article: Article, now: datetime) -> Clearance | None:
    """A scheduled article was cleared when scheduled, and an unreviewed change since would have taken
    it off the schedule (``after_content_change``): moving its time keeps that clearance."""
    if phase_of(article, now) != "scheduled":
        return None
    move = session.exec(
        select(StatusChange)
        .where(StatusChange.article_id == article.id, StatusChange.to_status == "scheduled")
        .order_by(col(StatusChange.created_at).desc(), col(StatusChange.id).desc())
    ).first()
    return Clearance(move.revision_id, move.without_review) if move is not None else None


def clearance(session: Session, user: StaffUser, article: Article, *, now: datetime, without_review: bool = False) -> Clearance:
    """May ``user`` publish (or schedule) the article as stored? Raises ``PermissionDenied`` if not."""
    if without_review and not user.is_admin:
        raise PermissionDenied(ADMIN_ONLY)
    approved = standing_approval(session, article)
    if approved is not None:
        return Clearance(approved.id)
    kept = _scheduled(session, article, now)
    if kept is not None:
        return kept
    if without_review:
        return Clearance(None, without_review=True)
    if not is_author(session, user, article):
        return Clearance(None)
    raise PermissionDenied(NEEDS_REVIEW)


def may_publish(session: Session, user: StaffUser, article: Article, now: datetime) -> bool:
    """Whether ``user`` may publish the article as stored without "publish without review"."""
    try:
        clearance(session, user, article, now=now)
    except PermissionDenied:
        return False
    return True


def check_update(session: Session, user: StaffUser, article: Article, now: datetime) -> None:
    """Before a save: someone on the byline cannot change a live article."""
    if phase_of(article, now) == ArticleStatus.published.value and is_author(session, user, article):
        raise PermissionDenied(LIVE_NEEDS_REVIEW)


def after_content_change(session: Session, article: Article, user: StaffUser, now: datetime) -> str:
    """A save changed the article's content: what that does to its review (the notice, "" nothing)."""
    before = phase_of(article, now)
    if article.status == ArticleStatus.approved.value:
        notice = BACK_TO_REVIEW
    elif before == "scheduled" and is_author(session, user, article):
        notice = UNSCHEDULED
        article.published_at = None
        if article.first_published_at is not None and article.first_published_at > now:
            article.first_published_at = None  # it never went live: its slug is free again
    else:
        return ""
    article.status = ArticleStatus.review.value
    session.add(article)
    session.flush()
    record_move(session, article, before, article.status, user, now)
    return notice
