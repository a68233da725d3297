"""The newsroom's side of the newsletter: audience, preview, queueing a send,
its progress, the subscriber list and the outbox. Every function checks the
caller's role itself (``auth.require``). No Reflex here.

Mail content comes from ``services/emails``; the sending itself is
``services/newsletter/delivery.py``, run by the job queue (``artisan_app/jobs``).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, or_
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from artisan_app.core.settings import settings
from artisan_app.models import (
    Article,
    ArticleStatus,
    Category,
    Delivery,
    Newsletter,
    OutboxMessage,
    Role,
    Subscriber,
    SubscriberCategory,
    SubscriberStatus,
    User,
    utcnow,
)
from artisan_app.services.accounts.auth import PermissionDenied, StaffUser, require
from artisan_app.services.articles import queries
from artisan_app.services.articles.catalog import author_profile
from artisan_app.services.articles.views import ArticleDetail
from artisan_app.services.common.text import exact_label
from artisan_app.services.mail import emails
from artisan_app.services.mail.sending import Mail
from artisan_app.services.newsletter import subscriptions

PAGE = 50
EDITORS = (Role.admin, Role.editor)


class NewsletterError(Exception):
    """Refused; ``message`` is safe to show."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class SendRow:
    id: int
    subject: str
    status: str
    created_label: str
    created_by: str
    total: int
    queued: int
    sent: int
    failed: int
    in_doubt: int
    last_error: str


@dataclass(frozen=True)
class SubscriberRow:
    id: int
    email: str
    status: str
    sections: str
    created_label: str


@dataclass(frozen=True)
class OutboxRow:
    id: int
    to_address: str
    subject: str
    created_label: str
    text_body: str
    html_body: str
    headers: str


# --- article → mail -------------------------------------------------------------------


def article_detail(session: Session, article_id: int) -> ArticleDetail | None:
    """The saved article, published or not (the editor previews before publishing)."""
    row = session.exec(queries.card_query().where(Article.id == article_id)).first()
    if row is None:
        return None
    article, category, author = row
    return ArticleDetail(
        id=article.id,
        card=queries.card_of(article, category, author),
        author=author_profile(author),
        updated_iso="",
        updated_label="",
        sections=queries.article_sections(session, article.id),
        cover_image=article.cover_image,
        cover_alt=article.cover_alt,
    )


def render_article(session: Session, article_id: int) -> emails.Rendered:
    detail = article_detail(session, article_id)
    if detail is None:
        raise NewsletterError("Save the article with a category and an author first.")
    return emails.newsletter(detail, site_url=settings.site_url)


def newsletter_mail(rendered: emails.Rendered, *, email: str, key: str, subject_prefix: str = "") -> Mail:
    """One recipient's copy: their own links, and the RFC 8058 one-click headers."""
    html, text = rendered.personalise(
        unsubscribe_url=subscriptions.unsubscribe_url(key), preferences_url=subscriptions.preferences_url(key)
    )
    return Mail(
        to=email,
        subject=subject_prefix + rendered.subject,
        text=text,
        html=html,
        headers=(
            ("List-Unsubscribe", f"<{subscriptions.one_click_url(key)}>"),
            ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"),
            ("List-Id", "Artisan Times newsletter <newsletter.artisan-times>"),
        ),
    )


def subscription_mail(session: Session, *, kind: str, subscriber_id: int, now: datetime | None = None) -> Mail | None:
    """The confirmation (``kind="confirm"``) or "already subscribed" (``"manage"``) mail."""
    sub = session.get(Subscriber, subscriber_id)
    if sub is None:
        return None
    if kind == "confirm" and sub.status == SubscriberStatus.pending.value:
        body = emails.confirmation(
            confirm_url=subscriptions.confirm_url(sub.key, now=now),
            valid_days=subscriptions.CONFIRM_DAYS,
            site_url=settings.site_url,
        )
    elif kind == "manage" and sub.status == SubscriberStatus.active.value:
        body = emails.already_subscribed(
            preferences_url=subscriptions.preferences_url(sub.key),
            unsubscribe_url=subscriptions.unsubscribe_url(sub.key),
            site_url=settings.site_url,
        )
    else:
        return None  # the state changed since the mail was queued
    return Mail(to=sub.email, subject=body.subject, text=body.text, html=body.html)


# --- audience and sends ---------------------------------------------------------------


def audience(category_id: int | None) -> SelectOfScalar[int]:
    """Active subscribers who get stories of this category (every story, or chose it)."""
    chose = select(SubscriberCategory.subscriber_id).where(SubscriberCategory.category_id == category_id)
    return select(Subscriber.id).where(
        Subscriber.status == SubscriberStatus.active.value,
        or_(col(Subscriber.all_categories).is_(True), col(Subscriber.id).in_(chose)),
    )


def audience_count(session: Session, *, user: StaffUser | None, article_id: int) -> int:
    require(user, *EDITORS)
    article = session.get(Article, article_id)
    if article is None:
        return 0
    return session.exec(select(func.count()).select_from(audience(article.category_id).subquery())).one()


def previous_send(session: Session, article_id: int) -> Newsletter | None:
    return session.exec(select(Newsletter).where(Newsletter.article_id == article_id).order_by(col(Newsletter.id).desc())).first()


def queue_send(session: Session, *, user: StaffUser | None, article_id: int, now: datetime | None = None) -> int:
    """Create the send of a live article; the caller enqueues the job after the commit."""
    user = require(user, *EDITORS)
    now = now or utcnow()
    article = session.get(Article, article_id)
    if article is None:
        raise NewsletterError("This article does not exist.")
    if article.status != ArticleStatus.published.value or article.published_at is None or article.published_at > now:
        raise NewsletterError("Only a published article can be sent (a scheduled one once it is live).")
    before = previous_send(session, article_id)
    if before is not None:
        raise NewsletterError(f"This article was already sent as a newsletter ({exact_label(before.created_at)}).")
    letter = Newsletter(
        article_id=article_id, subject=article.headline, created_by=user.id, created_by_name=user.name, created_at=now
    )
    try:
        with session.begin_nested():  # another request created the send since the check above
            session.add(letter)
    except IntegrityError:
        raise NewsletterError("This article was already sent as a newsletter.") from None
    return letter.id


def progress(
    session: Session, *, user: StaffUser | None, newsletter_ids: list[int] | None = None, limit: int = 20
) -> list[SendRow]:
    """The latest sends with their counts (one grouped query for the counts)."""
    require(user, *EDITORS)
    query = select(Newsletter).order_by(col(Newsletter.id).desc()).limit(limit)
    if newsletter_ids is not None:
        query = query.where(col(Newsletter.id).in_(newsletter_ids))
    letters = session.exec(query).all()
    counts: dict[tuple[int, str], int] = {}
    if letters:
        for nid, status, count in session.exec(
            select(Delivery.newsletter_id, Delivery.status, func.count())
            .where(col(Delivery.newsletter_id).in_([n.id for n in letters]))
            .group_by(col(Delivery.newsletter_id), col(Delivery.status))
        ).all():
            counts[(nid, status)] = count
    rows = []
    for n in letters:
        c = {s: counts.get((n.id, s), 0) for s in ("pending", "sending", "sent", "failed", "unknown")}
        rows.append(
            SendRow(
                id=n.id,
                subject=n.subject,
                status=n.status,
                created_label=exact_label(n.created_at),
                created_by=n.created_by_name,
                total=n.total,
                queued=c["pending"] + c["sending"],
                sent=c["sent"],
                failed=c["failed"],
                in_doubt=c["unknown"],
                last_error=n.last_error,
            )
        )
    return rows


# --- subscribers ----------------------------------------------------------------------


def list_subscribers(
    session: Session, *, user: StaffUser | None, query: str = "", status: str = "", offset: int = 0, limit: int = PAGE
) -> tuple[list[SubscriberRow], bool]:
    require(user, *EDITORS)
    q = select(Subscriber)
    if status in {s.value for s in SubscriberStatus}:
        q = q.where(Subscriber.status == status)
    text = query.strip().casefold()[:100]
    if text:
        q = q.where(col(Subscriber.email).contains(text, autoescape=True))
    subs = session.exec(q.order_by(col(Subscriber.id).desc()).offset(max(0, offset)).limit(limit + 1)).all()
    names: dict[int, list[str]] = {}
    ids = [s.id for s in subs[:limit] if not s.all_categories]
    if ids:
        for sid, name in session.exec(
            select(SubscriberCategory.subscriber_id, Category.name)
            .join(Category, col(Category.id) == col(SubscriberCategory.category_id))
            .where(col(SubscriberCategory.subscriber_id).in_(ids))
            .order_by(col(Category.position))
        ).all():
            names.setdefault(sid, []).append(name)
    rows = [
        SubscriberRow(
            id=s.id,
            email=s.email,
            status=s.status,
            sections="All stories" if s.all_categories else ", ".join(names.get(s.id, [])) or "—",
            created_label=exact_label(s.created_at),
        )
        for s in subs[:limit]
    ]
    return rows, len(subs) > limit


def delete_subscriber(session: Session, *, user: StaffUser | None, subscriber_id: int) -> None:
    """Erase an address on its owner's request (with its delivery records)."""
    require(user, *EDITORS)
    sub = session.get(Subscriber, subscriber_id)
    if sub is not None:
        session.delete(sub)


def export_csv(session: Session, *, user: StaffUser | None) -> str:
    """Every subscriber as CSV: admins only."""
    require(user, Role.admin)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["email", "status", "sections", "subscribed_at", "confirmed_at"])
    offset = 0
    while True:
        rows, more = list_subscribers(session, user=user, offset=offset, limit=1000)
        confirmed = dict(
            session.exec(select(Subscriber.id, Subscriber.confirmed_at).where(col(Subscriber.id).in_([r.id for r in rows]))).all()
        )
        for r in rows:
            at = confirmed.get(r.id)
            # A leading =, +, - or @ would be a formula in a spreadsheet.
            safe = "'" + r.email if r.email[:1] in "=+-@" else r.email
            writer.writerow([safe, r.status, r.sections, r.created_label, exact_label(at) if at else ""])
        if not more:
            return out.getvalue()
        offset += len(rows)


def staff_email(session: Session, *, user: StaffUser | None) -> str:
    """Where a test send goes: the signed-in editor's own address."""
    user = require(user, *EDITORS)
    row = session.get(User, user.id)
    if row is None:
        raise PermissionDenied("Please sign in.")
    return row.email


def list_outbox(session: Session, *, user: StaffUser | None, limit: int = 50) -> list[OutboxRow]:
    require(user, *EDITORS)
    rows = session.exec(select(OutboxMessage).order_by(col(OutboxMessage.id).desc()).limit(limit)).all()
    return [
        OutboxRow(
            id=r.id,
            to_address=r.to_address,
            subject=r.subject,
            created_label=exact_label(r.created_at),
            text_body=r.text_body,
            html_body=r.html_body,
            headers=r.headers,
        )
        for r in rows
    ]
