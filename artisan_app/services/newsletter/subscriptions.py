"""Readers' side of the newsletter: subscribe (double opt-in), confirm,
preferences, unsubscribe. No Reflex here.

- The answer to a sign-up is the same whether the address is new, waiting for
  confirmation or already subscribed (``SUBSCRIBE_ANSWER``): nobody can learn
  who subscribes. A new or pending address gets a confirmation link; a
  subscribed one gets a link to its preferences instead, and nothing changes
  until the owner of the mailbox acts. Sign-ups are rate-limited per client,
  and mail per *mailbox* (``mailbox``: ``Name+tag@`` and, at Gmail, dotted
  spellings are one mailbox), at most ``MAIL_LIMIT_PER_MAILBOX`` whatever the
  spelling, so the form cannot be used to flood anyone's inbox. The plain
  form also refuses posts from other sites' pages (``web/same_origin.py``).
- A reader who unsubscribed is out until they sign up again and confirm by
  email: no link they were sent before (in any newsletter, forwarded or not)
  brings them back, and signing up again gives them a new ``key``, so every
  earlier link stops working.
- Links carry a signed token (``itsdangerous``, with ``ARTISAN_SECRET_KEY``)
  naming the subscriber's random ``key``, never the address. Confirmation
  tokens expire after ``CONFIRM_DAYS``; preference/unsubscribe tokens do not
  (an unsubscribe link must keep working).
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from email_validator import EmailNotValidError, validate_email
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, delete, select

from artisan_app.core.settings import settings
from artisan_app.models import Category, Subscriber, SubscriberCategory, SubscriberStatus, utcnow
from artisan_app.services.common import ratelimit
from artisan_app.services.common.text import clean_text

CONFIRM_DAYS = 7
SUBSCRIBE_LIMIT_PER_CLIENT = "5/minute;20/hour"
MAIL_LIMIT_PER_MAILBOX = "3/hour;6/day"
# Mail providers that deliver ``a.b.c@`` to ``abc@`` (the key of the mailbox's mail limit).
DOTLESS_DOMAINS = {"gmail.com": "gmail.com", "googlemail.com": "gmail.com"}
SUBSCRIBE_ANSWER = (
    "Thank you. Please check your inbox: we have sent you an email. "
    "Follow its link to confirm (or to change your sections if you already subscribe)."
)
TOO_MANY = "Too many sign-ups from your connection. Please try again in a few minutes."
BAD_EMAIL = "Please enter a valid email address, like name@example.com."
BAD_LINK = "This link is not valid or has expired. Sign up again to get a new one."
LEFT = "You have unsubscribed. To get the newsletter again, sign up on the newsletter page: we will email you a link to confirm."
# After a sign-up posted as a plain form (``web.endpoints.newsletter``), ``/newsletter`` is told the outcome by a
# code in its query, never by the text, so that no link can put words on the page.
SIGNUP_ERROR_CODES = {"email": BAD_EMAIL, "busy": TOO_MANY}


class SubscriptionError(Exception):
    """Refused; ``message`` is safe to show (and says nothing about who subscribes)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class MailToSend:
    """What a sign-up asks the queue to mail: ``kind`` is ``"confirm"`` or ``"manage"``."""

    kind: str
    subscriber_id: int


@dataclass(frozen=True)
class SubscriptionView:
    """What the preferences page shows: no address."""

    status: str
    all_categories: bool
    sections: list[str] = field(default_factory=list)  # category slugs


# --- tokens -------------------------------------------------------------------------


def _serializer(purpose: str) -> URLSafeSerializer:
    return URLSafeSerializer(settings.secret_key, salt=f"artisan-newsletter-{purpose}")


def confirm_token(key: str, *, now: datetime | None = None) -> str:
    return _serializer("confirm").dumps([key, int((now or utcnow()).timestamp())])


def manage_token(key: str) -> str:
    """For the preferences page, the visible unsubscribe link and ``List-Unsubscribe``."""
    return _serializer("manage").dumps(key)


def _key_from_confirm(token: object, now: datetime) -> str | None:
    try:
        key, issued = _serializer("confirm").loads(token if isinstance(token, str) else "")
    except (BadSignature, ValueError, TypeError):
        return None
    age = now.timestamp() - float(issued)
    return key if isinstance(key, str) and 0 <= age <= CONFIRM_DAYS * 86400 else None


def _key_from_manage(token: object) -> str | None:
    try:
        key = _serializer("manage").loads(token if isinstance(token, str) else "")
    except (BadSignature, ValueError, TypeError):
        return None
    return key if isinstance(key, str) else None


def confirm_url(key: str, *, now: datetime | None = None) -> str:
    return f"{settings.site_url}/newsletter/confirm?token={confirm_token(key, now=now)}"


def preferences_url(key: str) -> str:
    return f"{settings.site_url}/newsletter/preferences?token={manage_token(key)}"


def unsubscribe_url(key: str) -> str:
    """The visible link: the preferences page, which unsubscribes on arrival (with JavaScript)."""
    return preferences_url(key) + "&unsubscribe=1"


def one_click_url(key: str) -> str:
    """RFC 8058 ``List-Unsubscribe`` target: a POST here unsubscribes (``web/http_app.py``)."""
    return f"{settings.site_url}/newsletter/unsubscribe/{manage_token(key)}"


# --- subscribing --------------------------------------------------------------------


def normalise_address(email: object) -> str:
    raw = clean_text(email)[:254]
    if not raw:
        raise SubscriptionError(BAD_EMAIL)
    try:
        return validate_email(raw, check_deliverability=False).normalized.casefold()
    except EmailNotValidError:
        raise SubscriptionError(BAD_EMAIL) from None
    except Exception:  # noqa: BLE001 - the validator must never leak anything else
        raise SubscriptionError(BAD_EMAIL) from None


def mailbox(address: str) -> str:
    """The mailbox a normalised address delivers to, as far as the limits are concerned:
    without a ``+tag`` (most providers deliver ``name+anything@`` to ``name@``) and, where the
    provider ignores them, without dots. Stricter than some providers: a limit can only be
    shared by more spellings, never dodged."""
    local, _, domain = address.rpartition("@")
    local = local.split("+", 1)[0] or local
    if domain in DOTLESS_DOMAINS:
        local, domain = local.replace(".", "") or local, DOTLESS_DOMAINS[domain]
    return f"{local}@{domain}"


def _category_ids(session: Session, slugs: object) -> list[int]:
    wanted = [s for s in (slugs if isinstance(slugs, (list, tuple)) else []) if isinstance(s, str)][:50]
    if not wanted:
        return []
    return list(session.exec(select(Category.id).where(col(Category.slug).in_(wanted))).all())


def signup_error_code(message: str) -> str:
    """The query's code for a ``SubscriptionError`` of ``subscribe`` (``SIGNUP_ERROR_CODES``)."""
    return next((code for code, text in SIGNUP_ERROR_CODES.items() if text == message), "email")


def signup_outcome(query: Mapping[str, str]) -> tuple[str, str]:
    """``(answer, error)`` shown by ``/newsletter`` for its query: ``?subscribed=1`` gives
    ``SUBSCRIBE_ANSWER``, ``?error=<code>`` its message; anything else nothing. Fixed texts only."""
    error = SIGNUP_ERROR_CODES.get(str(query.get("error", "")), "")
    answer = SUBSCRIBE_ANSWER if query.get("subscribed") == "1" and not error else ""
    return answer, error


def _set_sections(session: Session, subscriber: Subscriber, category_ids: list[int]) -> None:
    session.exec(delete(SubscriberCategory).where(col(SubscriberCategory.subscriber_id) == subscriber.id))
    subscriber.all_categories = not category_ids
    for cid in sorted(set(category_ids)):
        session.add(SubscriberCategory(subscriber_id=subscriber.id, category_id=cid))


def subscribe(
    session: Session, *, email: object, sections: object = (), client_key: str, now: datetime | None = None
) -> MailToSend | None:
    """Sign ``email`` up for every story (no ``sections``) or the chosen section slugs.

    Returns the mail to queue, or ``None`` (already mailed often enough). The
    caller shows ``SUBSCRIBE_ANSWER`` either way; raises ``SubscriptionError``
    for a malformed address or too many sign-ups from ``client_key``.
    """
    now = now or utcnow()
    address = normalise_address(email)
    if not ratelimit.hit(SUBSCRIBE_LIMIT_PER_CLIENT, "newsletter-client", client_key or "anonymous"):
        raise SubscriptionError(TOO_MANY)
    category_ids = _category_ids(session, sections)
    subscriber = session.exec(select(Subscriber).where(Subscriber.email == address)).first()
    if subscriber is None:
        try:
            with session.begin_nested():  # two sign-ups of one address at once: the second finds the first
                subscriber = Subscriber(email=address, key=secrets.token_urlsafe(24), created_at=now)
                session.add(subscriber)
        except IntegrityError:
            subscriber = session.exec(select(Subscriber).where(Subscriber.email == address)).one()
    if subscriber.status != SubscriberStatus.active.value:
        # New, pending or once unsubscribed: (re)start the double opt-in with these sections.
        if subscriber.status == SubscriberStatus.unsubscribed.value:
            subscriber.key = secrets.token_urlsafe(24)  # every link sent before stays dead
        subscriber.status = SubscriberStatus.pending.value
        _set_sections(session, subscriber, category_ids)
        session.add(subscriber)
    kind = "manage" if subscriber.status == SubscriberStatus.active.value else "confirm"
    session.flush()
    if not ratelimit.hit(MAIL_LIMIT_PER_MAILBOX, "newsletter-mailbox", mailbox(address)):
        return None
    return MailToSend(kind=kind, subscriber_id=subscriber.id)


def confirm(session: Session, token: object, *, now: datetime | None = None) -> None:
    """Follow a confirmation link: the subscription starts. Raises ``SubscriptionError``."""
    now = now or utcnow()
    key = _key_from_confirm(token, now)
    subscriber = session.exec(select(Subscriber).where(Subscriber.key == key)).first() if key else None
    if subscriber is None or subscriber.status == SubscriberStatus.unsubscribed.value:
        raise SubscriptionError(BAD_LINK)
    if subscriber.status == SubscriberStatus.pending.value:
        subscriber.status, subscriber.confirmed_at = SubscriberStatus.active.value, now
        session.add(subscriber)


def _by_manage_token(session: Session, token: object) -> Subscriber:
    key = _key_from_manage(token)
    subscriber = session.exec(select(Subscriber).where(Subscriber.key == key)).first() if key else None
    if subscriber is None:
        raise SubscriptionError(BAD_LINK)
    return subscriber


def subscription(session: Session, token: object) -> SubscriptionView:
    subscriber = _by_manage_token(session, token)
    slugs = session.exec(
        select(Category.slug)
        .join(SubscriberCategory, col(SubscriberCategory.category_id) == col(Category.id))
        .where(col(SubscriberCategory.subscriber_id) == subscriber.id)
        .order_by(col(Category.position), col(Category.name))
    ).all()
    return SubscriptionView(status=subscriber.status, all_categories=subscriber.all_categories, sections=list(slugs))


def update_preferences(session: Session, token: object, *, sections: object) -> SubscriptionView:
    """Every story (no sections) or just these, for a confirmed reader. A reader who
    unsubscribed comes back only by signing up and confirming again (``LEFT``): their links
    travel in every newsletter they were sent, forwarded copies included."""
    subscriber = _by_manage_token(session, token)
    if subscriber.status == SubscriberStatus.pending.value:
        raise SubscriptionError("Please confirm your subscription first (see the email we sent).")
    if subscriber.status == SubscriberStatus.unsubscribed.value:
        raise SubscriptionError(LEFT)
    _set_sections(session, subscriber, _category_ids(session, sections))
    session.add(subscriber)
    session.flush()
    return subscription(session, token)


def unsubscribe(session: Session, token: object, *, now: datetime | None = None) -> None:
    """One-click or from the page; repeating it is harmless. Raises ``SubscriptionError``."""
    subscriber = _by_manage_token(session, token)
    if subscriber.status != SubscriberStatus.unsubscribed.value:
        subscriber.status, subscriber.unsubscribed_at = SubscriberStatus.unsubscribed.value, now or utcnow()
        session.add(subscriber)


def expired_before(now: datetime) -> datetime:
    """Pending sign-ups older than this can no longer be confirmed."""
    return now - timedelta(days=CONFIRM_DAYS)
