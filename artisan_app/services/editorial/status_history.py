"""The review workflow's history: every status move, with who made it and when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from artisan_app.models import Article, ArticleRevision, StatusChange
from artisan_app.services.accounts.auth import StaffUser
from artisan_app.services.common.text import exact_label

STATUS_LABELS = {
    "draft": "Draft",
    "review": "In review",
    "changes": "Changes requested",
    "approved": "Approved",
    "scheduled": "Scheduled",
    "published": "Published",
    "trashed": "In the trash",
}


@dataclass(frozen=True)
class MoveRow:
    from_label: str
    to_label: str
    to_status: str
    by: str
    at_label: str
    detail: str = ""  # what an approval or a publication covered: "version 4, approved by Ed"


def record_move(
    session: Session,
    article: Article,
    from_status: str,
    to_status: str,
    user: StaffUser | None,
    now: datetime,
    *,
    revision_id: int | None = None,
    without_review: bool = False,
) -> None:
    """Keep one move; ``from_status``/``to_status`` are phases ("scheduled" included).
    ``revision_id`` is what an approval approved or a publication's review covered."""
    if from_status == to_status:
        return
    session.add(
        StatusChange(
            article_id=article.id,
            from_status=from_status,
            to_status=to_status,
            user_id=user.id if user else None,
            user_name=user.name if user else "",
            created_at=now,
            revision_id=revision_id,
            without_review=without_review,
        )
    )
    session.flush()


def _detail(row: StatusChange, versions: dict[int, int], approvers: dict[int, str]) -> str:
    version = f"version {versions[row.revision_id]}" if row.revision_id in versions else ""
    if row.without_review:
        return f"published without review ({version})" if version else "published without review"
    if not version:
        return ""
    if row.to_status == "approved":
        return version
    approver = approvers.get(row.revision_id or 0)
    return f"{version}, approved by {approver}" if approver else f"{version}, reviewed by the publisher"


def history(session: Session, article_id: int) -> list[MoveRow]:
    """Newest first."""
    rows = session.exec(
        select(StatusChange)
        .where(StatusChange.article_id == article_id)
        .order_by(col(StatusChange.created_at).desc(), col(StatusChange.id).desc())
    ).all()
    ids = {r.revision_id for r in rows if r.revision_id}
    versions = (
        dict(session.exec(select(ArticleRevision.id, ArticleRevision.version).where(col(ArticleRevision.id).in_(ids))).all())
        if ids
        else {}
    )
    approvers = {r.revision_id: r.user_name or "an editor" for r in reversed(rows) if r.to_status == "approved" and r.revision_id}
    return [
        MoveRow(
            STATUS_LABELS.get(r.from_status, r.from_status),
            STATUS_LABELS.get(r.to_status, r.to_status),
            r.to_status,
            r.user_name or "Someone",
            exact_label(r.created_at),
            _detail(r, versions, approvers),
        )
        for r in rows
    ]


@dataclass(frozen=True)
class UpdateRow:
    article_id: int
    headline: str
    message: str  # "Changes requested by Ed" / "Published by Ed"
    at_label: str


def author_updates(session: Session, user: StaffUser | None, *, limit: int = 5) -> list[UpdateRow]:
    """For an author: the latest times someone else asked for changes on, or published, one of their articles."""
    from artisan_app.models import ArticleAuthor  # local: keeps this module's imports minimal

    if user is None or user.author_id is None:
        return []
    mine = select(ArticleAuthor.article_id).where(ArticleAuthor.author_id == user.author_id)
    rows = session.exec(
        select(StatusChange, Article)
        .join(Article, col(Article.id) == col(StatusChange.article_id))
        .where(
            col(StatusChange.article_id).in_(mine),
            col(StatusChange.to_status).in_(("changes", "published")),
            StatusChange.user_id != user.id,
        )
        .order_by(col(StatusChange.created_at).desc(), col(StatusChange.id).desc())
        .limit(limit)
    ).all()
    verb = {"changes": "Changes requested", "published": "Published"}
    return [
        UpdateRow(
            a.id, a.headline or "(untitled)", f"{verb[c.to_status]} by {c.user_name or 'an editor'}", exact_label(c.created_at)
        )
        for c, a in rows
    ]
