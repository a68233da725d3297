"""The steps of sending one newsletter, each a short transaction. The loop that
runs them is ``artisan_app/jobs/tasks.py``.

How "each recipient at most once, and nobody skipped" holds:

1. **One sender per newsletter.** A worker takes the newsletter's lease
   (``take_lease``: a conditional UPDATE) and renews it every batch. A second
   worker, or a retried job, that finds a live lease leaves.
2. **The audience is fixed once** (``prepare``): one ``Delivery`` row per
   recipient, unique on (newsletter, subscriber), inserted in one transaction
   with ``prepared`` set; redoing it inserts nothing twice.
3. **Claim, send, record.** Before its SMTP transaction a row is claimed
   (``pending`` → ``sending``) and committed; the result (``sent``, ``failed``,
   or back to ``pending`` on a temporary error) is committed in the same
   transaction as the next row's claim (``advance``). Rows never claimed stay
   ``pending`` and a later run sends them: nobody is skipped.
4. **The crash window.** A worker killed between claiming a row and recording
   its result leaves that one row ``sending``: the server may or may not have
   accepted the message (it is accepted at the server's reply to the end of
   DATA, which the dead worker never read). The next worker that takes the
   lease marks such rows ``unknown`` ("in doubt") and does **not** send them
   again, so nobody gets two copies; the newsroom shows how many are in doubt.
   At most one row per crashed worker is affected, since rows are claimed one
   at a time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import and_, insert, literal, or_, update
from sqlalchemy import select as sa_select  # sqlmodel's select types at most four columns
from sqlmodel import Session, col, func, select

from artisan_app.models import (
    Article,
    Delivery,
    DeliveryStatus,
    Newsletter,
    NewsletterStatus,
    Subscriber,
)
from artisan_app.services.newsletter.sends import audience

MAX_ATTEMPTS = 8  # temporary failures of one recipient before giving up on them
IN_DOUBT = "the worker stopped during this SMTP transaction; not sent again, to avoid a duplicate"


@dataclass(frozen=True)
class Recipient:
    delivery_id: int
    email: str
    key: str


@dataclass(frozen=True)
class Outcome:
    """A finished SMTP attempt for one claimed row."""

    delivery_id: int
    status: str  # "sent" | "failed" | "pending" (temporary failure: try again later)
    error: str = ""


def take_lease(session: Session, newsletter_id: int, *, owner: str, now: datetime, seconds: int) -> bool:
    """Hold (or renew) the right to send this newsletter; ``False`` when someone else holds it."""
    result = session.exec(
        update(Newsletter)
        .where(
            col(Newsletter.id) == newsletter_id,
            col(Newsletter.status) != NewsletterStatus.done.value,
            or_(col(Newsletter.lease_until).is_(None), col(Newsletter.lease_until) < now, col(Newsletter.lease_owner) == owner),
        )
        .values(lease_owner=owner, lease_until=now + timedelta(seconds=seconds))
    )
    return result.rowcount == 1


def release_lease(session: Session, newsletter_id: int, *, owner: str) -> None:
    session.exec(
        update(Newsletter)
        .where(col(Newsletter.id) == newsletter_id, col(Newsletter.lease_owner) == owner)
        .values(lease_owner="", lease_until=None)
    )


def prepare(session: Session, newsletter_id: int) -> int:
    """Fix the audience (idempotent); returns the number of recipients."""
    letter = session.get(Newsletter, newsletter_id)
    if letter is None:
        return 0
    if not letter.prepared:
        article = session.get(Article, letter.article_id) if letter.article_id else None
        category_id = article.category_id if article else None
        subscribers = audience(category_id).subquery()
        already = select(Delivery.id).where(Delivery.newsletter_id == newsletter_id, Delivery.subscriber_id == subscribers.c.id)
        session.exec(
            insert(Delivery).from_select(
                ["newsletter_id", "subscriber_id", "status", "attempts", "error"],
                sa_select(
                    literal(newsletter_id), subscribers.c.id, literal(DeliveryStatus.pending.value), literal(0), literal("")
                )
                .where(~already.exists())
                .order_by(subscribers.c.id),
            )
        )
        letter.total = session.exec(select(func.count()).where(Delivery.newsletter_id == newsletter_id)).one()
        letter.prepared, letter.status = True, NewsletterStatus.sending.value
        session.add(letter)
    return letter.total


def mark_in_doubt(session: Session, newsletter_id: int) -> int:
    """Rows a dead worker left mid-transaction become ``unknown`` (see the module docstring)."""
    result = session.exec(
        update(Delivery)
        .where(col(Delivery.newsletter_id) == newsletter_id, col(Delivery.status) == DeliveryStatus.sending.value)
        .values(status=DeliveryStatus.unknown.value, error=IN_DOUBT)
    )
    return result.rowcount


def _record(session: Session, outcome: Outcome, now: datetime) -> None:
    values: dict[str, object] = {"status": outcome.status, "error": outcome.error[:300]}
    if outcome.status == DeliveryStatus.sent.value:
        values["sent_at"] = now
    session.exec(
        update(Delivery)
        .where(col(Delivery.id) == outcome.delivery_id, col(Delivery.status) == DeliveryStatus.sending.value)
        .values(**values)
    )


def advance(session: Session, newsletter_id: int, *, done: Outcome | None, now: datetime, claim: bool = True) -> Recipient | None:
    """Record ``done`` and claim the next pending recipient, in one transaction."""
    if done is not None:
        _record(session, done, now)
    if not claim:
        return None
    while True:
        row = session.exec(
            select(Delivery.id, Subscriber.email, Subscriber.key)
            .join(Subscriber, col(Subscriber.id) == col(Delivery.subscriber_id))
            .where(Delivery.newsletter_id == newsletter_id, Delivery.status == DeliveryStatus.pending.value)
            .order_by(col(Delivery.id))
            .limit(1)
        ).first()
        if row is None:
            return None
        claimed = session.exec(
            update(Delivery)
            .where(col(Delivery.id) == row[0], col(Delivery.status) == DeliveryStatus.pending.value)
            .values(status=DeliveryStatus.sending.value, attempts=Delivery.attempts + 1)
        )
        if claimed.rowcount == 1:
            return Recipient(delivery_id=row[0], email=row[1], key=row[2])


def temporary_failure(session: Session, newsletter_id: int, delivery_id: int, *, error: str) -> int:
    """A 4xx or a lost connection: the row goes back to ``pending`` (or ``failed`` after
    ``MAX_ATTEMPTS``). Returns how many temporary failures in a row the send has had."""
    row = session.get(Delivery, delivery_id)
    if row is not None and row.status == DeliveryStatus.sending.value:
        gave_up = row.attempts >= MAX_ATTEMPTS
        row.status = DeliveryStatus.failed.value if gave_up else DeliveryStatus.pending.value
        row.error = (f"gave up after {row.attempts} temporary failures: " if gave_up else "") + error[:200]
        session.add(row)
    letter = session.get(Newsletter, newsletter_id)
    assert letter is not None  # a delivery's newsletter stays (ON DELETE CASCADE the other way)
    letter.temporary_failures += 1
    letter.last_error = error[:300]
    session.add(letter)
    return letter.temporary_failures


def clear_failures(session: Session, newsletter_id: int) -> None:
    session.exec(
        update(Newsletter)
        .where(col(Newsletter.id) == newsletter_id, col(Newsletter.temporary_failures) > 0)
        .values(temporary_failures=0, last_error="")
    )


def abandon(session: Session, newsletter_id: int, *, reason: str, now: datetime) -> None:
    """The article is gone: nobody left is sent anything, and the send ends."""
    session.exec(
        update(Delivery)
        .where(col(Delivery.newsletter_id) == newsletter_id, col(Delivery.status) == DeliveryStatus.pending.value)
        .values(status=DeliveryStatus.failed.value, error=reason)
    )
    session.exec(update(Newsletter).where(col(Newsletter.id) == newsletter_id).values(last_error=reason))
    finish_if_done(session, newsletter_id, now=now)


def finish_if_done(session: Session, newsletter_id: int, *, now: datetime) -> bool:
    left = session.exec(
        select(func.count()).where(
            Delivery.newsletter_id == newsletter_id,
            col(Delivery.status).in_([DeliveryStatus.pending.value, DeliveryStatus.sending.value]),
        )
    ).one()
    if left:
        return False
    session.exec(
        update(Newsletter)
        .where(col(Newsletter.id) == newsletter_id)
        .values(status=NewsletterStatus.done.value, finished_at=now, lease_owner="", lease_until=None)
    )
    return True


def hold_for(session: Session, newsletter_id: int, *, owner: str, until: datetime) -> None:
    """Keep the lease until a retry is due, so nobody resumes the send before its backoff ends."""
    session.exec(
        update(Newsletter)
        .where(col(Newsletter.id) == newsletter_id, col(Newsletter.lease_owner) == owner)
        .values(lease_until=until)
    )


def stalled(session: Session, *, now: datetime, grace: timedelta) -> list[int]:
    """Sends not finished and not held by a live worker (a job queued less than ``grace``
    ago is still waiting for its first worker): to be picked up again."""
    return list(
        session.exec(
            select(Newsletter.id)
            .where(
                Newsletter.status != NewsletterStatus.done.value,
                or_(
                    and_(col(Newsletter.lease_until).is_(None), col(Newsletter.created_at) < now - grace),
                    col(Newsletter.lease_until) < now,
                ),
            )
            .order_by(col(Newsletter.id))
        ).all()
    )
