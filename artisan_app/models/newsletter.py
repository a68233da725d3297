"""Newsletter subscribers, sends and their per-recipient deliveries, and the
development outbox."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

from sqlalchemy import Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from artisan_app.models.types import UTCDateTime, utcnow


class SubscriberStatus(str, Enum):
    pending = "pending"  # signed up, confirmation link not followed yet
    active = "active"  # confirmed: receives newsletters
    unsubscribed = "unsubscribed"


class Subscriber(SQLModel, table=True):
    id: int = Field(default=None, primary_key=True)
    # Private: reaches no browser except the staff subscriber list.
    email: str = Field(max_length=254, unique=True, index=True)  # stored casefolded
    # Random id named by the signed links (confirm, preferences, unsubscribe); a
    # deleted subscriber's old links never match a later row that reused the id.
    key: str = Field(max_length=43, unique=True, index=True)
    status: str = Field(default=SubscriberStatus.pending.value, max_length=16, index=True)
    all_categories: bool = Field(default=True)
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    confirmed_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    unsubscribed_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))


class SubscriberCategory(SQLModel, table=True):
    """A section a subscriber chose (only consulted when ``all_categories`` is off)."""

    subscriber_id: int = Field(foreign_key="subscriber.id", ondelete="CASCADE", primary_key=True)
    category_id: int = Field(foreign_key="category.id", ondelete="CASCADE", primary_key=True, index=True)


class NewsletterStatus(str, Enum):
    queued = "queued"
    sending = "sending"
    done = "done"


class Newsletter(SQLModel, table=True):
    """One send of an article to the subscribers."""

    id: int = Field(default=None, primary_key=True)
    # At most one send per article (unique): two "Send" requests at once cannot both create one.
    article_id: int | None = Field(default=None, foreign_key="article.id", ondelete="SET NULL", index=True, unique=True)
    subject: str = Field(max_length=300)
    status: str = Field(default=NewsletterStatus.queued.value, max_length=16)
    created_by: int | None = Field(default=None, foreign_key="user.id", ondelete="SET NULL")
    created_by_name: str = Field(default="", max_length=120)
    # The audience is fixed (one Delivery row each) by the first worker that takes the send.
    prepared: bool = Field(default=False)
    total: int = Field(default=0)
    # One worker at a time sends a newsletter: it holds this lease and renews it per batch.
    lease_owner: str = Field(default="", max_length=80)
    lease_until: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    temporary_failures: int = Field(default=0)  # in a row; drives the retry backoff
    last_error: str = Field(default="", max_length=300)
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    finished_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))


class DeliveryStatus(str, Enum):
    pending = "pending"
    sending = "sending"  # claimed and committed just before the SMTP transaction
    sent = "sent"
    failed = "failed"  # refused permanently (5xx) or too many temporary failures
    unknown = "unknown"  # the worker died during its SMTP transaction: not sent again


class Delivery(SQLModel, table=True):
    """One recipient of one newsletter: at most one row each, so at most one message."""

    __table_args__ = (
        UniqueConstraint("newsletter_id", "subscriber_id", name="uq_delivery_newsletter_subscriber"),
        Index("ix_delivery_newsletter_status", "newsletter_id", "status"),
    )

    id: int = Field(default=None, primary_key=True)
    newsletter_id: int = Field(foreign_key="newsletter.id", ondelete="CASCADE")
    subscriber_id: int = Field(foreign_key="subscriber.id", ondelete="CASCADE", index=True)
    status: str = Field(default=DeliveryStatus.pending.value, max_length=16)
    attempts: int = Field(default=0)
    error: str = Field(default="", max_length=300)
    sent_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))


class OutboxMessage(SQLModel, table=True):
    """Mail written here instead of sent, when no SMTP server is configured (development)."""

    id: int = Field(default=None, primary_key=True)
    to_address: str = Field(max_length=254)
    subject: str = Field(max_length=300)
    text_body: str
    html_body: str
    headers: str = Field(default="")  # "Name: value" lines
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
