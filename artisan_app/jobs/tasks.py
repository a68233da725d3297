"""Queued mail: confirmations, test sends, and newsletters in paced batches.

A newsletter job sends one batch (``ARTISAN_MAIL_BATCH`` messages at
``ARTISAN_MAIL_RATE`` per second over one SMTP connection) and queues the next
batch as a new job, so other mail (confirmations) is not stuck behind a long
send. The rules that keep every recipient to at most one message are in
``services/newsletter/delivery.py``. Temporary SMTP failures (4xx, connection lost) stop
the batch and retry it later with exponential backoff; permanent ones (5xx)
are recorded on that recipient and the batch goes on.

A worker killed mid-send loses its job (Huey removes a job from the queue when
it starts it), so nothing would resume it: ``resume_stalled`` runs every minute
and when a worker starts, and queues again every send whose lease ran out.
"""

from __future__ import annotations

import logging
import os
import socket
import time
import uuid
from datetime import timedelta

from huey import crontab
from huey.exceptions import RetryTask

from artisan_app.core import db
from artisan_app.core.settings import settings
from artisan_app.jobs.queue import huey
from artisan_app.jobs.transport import transport
from artisan_app.models import Newsletter, utcnow
from artisan_app.services.mail.sending import PermanentMailError, TemporaryMailError, build_message
from artisan_app.services.newsletter import delivery, sends
from artisan_app.services.newsletter.delivery import Outcome

log = logging.getLogger("artisan.jobs")
BACKOFF_BASE_SECONDS = settings.mail_backoff_seconds
BACKOFF_MAX_SECONDS = 15 * 60


def backoff(failures: int) -> float:
    """5 s, 10 s, 20 s, ... up to 15 minutes."""
    return min(BACKOFF_BASE_SECONDS * 2 ** max(0, failures - 1), BACKOFF_MAX_SECONDS)


def _send_one(mail) -> None:
    with transport() as out:
        out.send(build_message(mail))


@huey.task(retries=8, retry_delay=BACKOFF_BASE_SECONDS, retry_backoff=2)
def send_subscription_mail(kind: str, subscriber_id: int) -> None:
    """The confirmation or "already subscribed" mail; retried with backoff on temporary failures."""
    with db.session_scope() as session:
        mail = sends.subscription_mail(session, kind=kind, subscriber_id=subscriber_id)
    if mail is None:
        return
    try:
        _send_one(mail)
    except PermanentMailError as exc:
        log.warning("subscription mail %s refused: %s", subscriber_id, exc)


@huey.task(retries=3, retry_delay=BACKOFF_BASE_SECONDS, retry_backoff=2)
def send_test(article_id: int, to: str) -> None:
    """The newsletter as subscribers would get it, to an editor; its links name no subscriber."""
    with db.session_scope() as session:
        rendered = sends.render_article(session, article_id)
    _send_one(sends.newsletter_mail(rendered, email=to, key="test-send", subject_prefix="[Test] "))


def _owner() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:12]}"[:80]


@huey.task()
def send_newsletter(newsletter_id: int, owner: str = "") -> None:
    """One batch of a send; queues the next batch (same ``owner``, which keeps the lease)."""
    fresh = not owner
    owner = owner or _owner()
    with db.session_scope() as session:
        if not delivery.take_lease(session, newsletter_id, owner=owner, now=utcnow(), seconds=settings.mail_lease_seconds):
            return  # another worker is sending it, or it is done
        if fresh:
            delivery.mark_in_doubt(session, newsletter_id)
        delivery.prepare(session, newsletter_id)
        letter = session.get(Newsletter, newsletter_id)
        rendered = sends.render_article(session, letter.article_id) if letter and letter.article_id else None
    if rendered is None:
        with db.session_scope() as session:
            delivery.abandon(session, newsletter_id, reason="the article was deleted", now=utcnow())
        return
    interval = 1.0 / settings.mail_rate if settings.mail_rate > 0 else 0.0
    started, sent, done = time.monotonic(), 0, None
    with transport() as out:
        while True:
            with db.session_scope() as session:
                if not delivery.take_lease(
                    session, newsletter_id, owner=owner, now=utcnow(), seconds=settings.mail_lease_seconds
                ):
                    return  # our lease was taken over (we were too slow): stop here
                more = sent < settings.mail_batch_size
                recipient = delivery.advance(session, newsletter_id, done=done, now=utcnow(), claim=more)
            done = None
            if recipient is None:
                break
            wait = started + sent * interval - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            mail = sends.newsletter_mail(rendered, email=recipient.email, key=recipient.key)
            try:
                out.send(build_message(mail))
            except TemporaryMailError as exc:
                with db.session_scope() as session:
                    failures = delivery.temporary_failure(session, newsletter_id, recipient.delivery_id, error=str(exc))
                    delay = backoff(failures)
                    delivery.hold_for(session, newsletter_id, owner=owner, until=utcnow() + timedelta(seconds=delay))
                log.warning("newsletter %s: temporary failure, retrying in %.0f s: %s", newsletter_id, delay, exc)
                raise RetryTask(delay=delay) from None
            except PermanentMailError as exc:
                done = Outcome(recipient.delivery_id, "failed", str(exc))
            else:
                done = Outcome(recipient.delivery_id, "sent")
            sent += 1
    with db.session_scope() as session:
        delivery.clear_failures(session, newsletter_id)
        finished = delivery.finish_if_done(session, newsletter_id, now=utcnow())
    if not finished:
        send_newsletter(newsletter_id, owner)


@huey.periodic_task(crontab(minute="*"))
def resume_stalled() -> list[int]:
    """Queue again every send whose worker went away (its lease ran out)."""
    grace = timedelta(seconds=settings.mail_lease_seconds)
    with db.session_scope() as session:
        ids = delivery.stalled(session, now=utcnow(), grace=grace)
    for newsletter_id in ids:
        send_newsletter(newsletter_id)
    return ids


@huey.on_startup()
def _resume_after_restart() -> None:
    # A worker that died held its lease for up to ARTISAN_MAIL_LEASE_SECONDS: look again then.
    resume_stalled.schedule(delay=settings.mail_lease_seconds + 1)


@huey.task(retries=5, retry_delay=BACKOFF_BASE_SECONDS, retry_backoff=2)
def send_review_notices(article_id: int, to_status: str, by_user_id: int | None) -> int:
    """Authors hear when changes are requested or their article is published."""
    from artisan_app.services.editorial.review_mail import review_notices

    with db.session_scope() as session:
        mails = review_notices(
            session, article_id=article_id, to_status=to_status, by_user_id=by_user_id, site_url=settings.site_url
        )
    for mail in mails:
        try:
            _send_one(mail)
        except PermanentMailError as exc:
            log.warning("review notice to %s refused: %s", mail.to, exc)
    return len(mails)
