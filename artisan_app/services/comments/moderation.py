"""Comment moderation for editors: the queue, counts, actions, replies.

Only editors and admins get here; these are the only functions that hand a
commenter's email address to anyone, and only to them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from sqlalchemy import func
from sqlmodel import Session, col, select

from artisan_app.models import Article, Comment, CommentStatus, Role, utcnow
from artisan_app.services.accounts.auth import PermissionDenied, StaffUser, require
from artisan_app.services.comments import submission as reader_comments
from artisan_app.services.comments import thread
from artisan_app.services.comments.names import PUBLICATION_NAME  # what staff replies are signed with
from artisan_app.services.comments.submission import CommentValidationError
from artisan_app.services.common.ids import as_id
from artisan_app.services.common.text import clean_text, exact_label

QUEUE_PAGE = 50
EMPTY_REPLY = "Write a reply before sending."
STATUSES = tuple(s.value for s in CommentStatus)


class ModerationAction(str, Enum):
    approve = "approve"
    hold = "hold"
    spam = "spam"
    trash = "trash"


_ACTION_STATUS = {
    ModerationAction.approve: CommentStatus.approved,
    ModerationAction.hold: CommentStatus.pending,
    ModerationAction.spam: CommentStatus.spam,
    ModerationAction.trash: CommentStatus.trash,
}


@dataclass(frozen=True)
class QueueRow:
    id: int
    article_headline: str
    article_slug: str
    name: str
    email: str
    website: str
    body: str
    age_label: str
    created_label: str
    status: str
    held_reason: str
    is_reply: bool


def _moderator(user: StaffUser | None) -> StaffUser:
    return require(user, Role.admin, Role.editor)


def queue(
    session: Session,
    *,
    user: StaffUser | None,
    status: str = CommentStatus.pending.value,
    offset: int = 0,
    now: datetime | None = None,
) -> tuple[list[QueueRow], bool]:
    """Comments with ``status``, oldest first for held ones (fair queue), newest first otherwise."""
    _moderator(user)
    now = now or utcnow()
    status = status if status in STATUSES else CommentStatus.pending.value
    order = col(Comment.created_at).asc() if status == CommentStatus.pending.value else col(Comment.created_at).desc()
    rows = session.exec(
        select(Comment, Article.headline, Article.slug)
        .join(Article, col(Article.id) == col(Comment.article_id))
        .where(Comment.status == status)
        .order_by(order, col(Comment.id))
        .offset(max(0, offset))
        .limit(QUEUE_PAGE + 1)
    ).all()
    items = [
        QueueRow(
            id=c.id,
            article_headline=headline,
            article_slug=slug,
            name=c.name,
            email=c.email,
            website=c.website,
            body=c.body,
            age_label=thread.relative_label(c.created_at, now),
            created_label=exact_label(c.created_at),
            status=c.status,
            held_reason=c.held_reason,
            is_reply=c.parent_id is not None,
        )
        for c, headline, slug in rows[:QUEUE_PAGE]
    ]
    return items, len(rows) > QUEUE_PAGE


def counts(session: Session, *, user: StaffUser | None) -> dict[str, int]:
    _moderator(user)
    found = dict(session.exec(select(Comment.status, func.count()).group_by(Comment.status)).all())
    return {s: int(found.get(s, 0)) for s in STATUSES}


def queue_version(session: Session) -> str:
    """Changes whenever a comment arrives or changes status (for the live queue and
    badge; reveals nothing by itself and is only read by the newsroom's watcher)."""
    rows = session.exec(
        select(Comment.status, func.count(), func.max(Comment.id), func.max(Comment.approved_at)).group_by(Comment.status)
    ).all()
    return "|".join(f"{status}:{count}:{newest}:{approved}" for status, count, newest, approved in sorted(rows))


def _set_status(session: Session, *, comment_ids: list[int], action: ModerationAction, now: datetime) -> int:
    """What each action does to the comments; returns how many changed. Private: every
    caller here has checked that ``user`` moderates (``_moderator``) first."""
    status = _ACTION_STATUS[action]
    changed = 0
    for comment in session.exec(select(Comment).where(col(Comment.id).in_(list(comment_ids)))).all():
        if comment.status == status.value:
            continue
        comment.status = status.value
        comment.approved_at = now if status is CommentStatus.approved else None
        if status is CommentStatus.approved:
            comment.held_reason = ""
        session.add(comment)
        changed += 1
    session.flush()
    return changed


def apply(session: Session, *, user: StaffUser | None, comment_ids: list[int], action: str, now: datetime | None = None) -> int:
    _moderator(user)
    try:
        action = ModerationAction(action)
    except ValueError as exc:
        raise PermissionDenied("Unknown moderation action.") from exc
    ids = [i for i in comment_ids if as_id(i)][:500] if isinstance(comment_ids, list) else []
    return _set_status(session, comment_ids=ids, action=action, now=now or utcnow())


def reply_as_publication(
    session: Session, *, user: StaffUser | None, comment_id: int, body: object, now: datetime | None = None
) -> int:
    """An approved reply signed by the publication; approves the parent if it was held."""
    user = _moderator(user)
    now = now or utcnow()
    parent = session.get(Comment, comment_id) if as_id(comment_id) else None
    if parent is None:
        raise PermissionDenied("No such comment.")
    if not clean_text(body, multiline=True):  # staff, not a reader: say it as to a colleague
        raise CommentValidationError({"body": EMPTY_REPLY})
    text = reader_comments.validate_body(body)
    if parent.status != CommentStatus.approved.value:
        _set_status(session, comment_ids=[parent.id], action=ModerationAction.approve, now=now)
    reply = Comment(
        article_id=parent.article_id,
        parent_id=parent.id,
        depth=min(parent.depth + 1, reader_comments.MAX_DEPTH),
        name=PUBLICATION_NAME,
        email="",
        email_normalized="",
        body=text,
        status=CommentStatus.approved.value,
        held_reason="",
        owner_key="",
        by_staff=True,
        fingerprint=reader_comments.fingerprint(parent.article_id, f"staff-{user.id}-{now.timestamp()}", text),
        created_at=now,
        approved_at=now,
    )
    session.add(reply)
    session.flush()
    return reply.id


__all__ = [
    "QueueRow",
    "ModerationAction",
    "queue",
    "counts",
    "queue_version",
    "apply",
    "reply_as_publication",
    "CommentValidationError",
]
