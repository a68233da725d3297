"""Reader comments: validation, spam checks and what happens to a submitted comment.

The rules, in the order ``submit_comment`` applies them:

1. Validation: required fields, length limits, real email syntax
   (``email-validator``, no network look-ups), website only ``http``/``https``.
   Whitespace-only counts as empty. Errors are per field and say what to fix.
2. Abuse checks: a filled honeypot, a form submitted faster than a person
   types, then a per-client rate limit (``limits``; Redis when configured)
   before anything stored is consulted, then the same text from the same
   address and the same browser on the same article twice. Refusals carry a
   message that does not reveal which check fired; a duplicate gets exactly
   the answer of an ordinary held comment, so posting someone's words under a
   guessed address tells nothing about who wrote them.
3. Moderation: a comment appears at once only when this browser (its reader
   id) already posted an approved comment with this address; a typed address
   alone vouches for nothing. Otherwise, or with many links, it is held.

Emails never leave this module towards readers: ``CommentView``
(``services/comments/thread.py``, which shows the thread) has no email. Moderating
(approve, hold, spam, trash) is ``services/comments/moderation.py``, for editors only.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from email_validator import EmailNotValidError, validate_email
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from artisan_app.core.settings import settings
from artisan_app.models import Article, Comment, CommentStatus, utcnow
from artisan_app.services.articles.live import is_live
from artisan_app.services.comments.names import RESERVED_NAME_MESSAGE, reserved_name
from artisan_app.services.common import ratelimit
from artisan_app.services.common.ids import as_id
from artisan_app.services.common.text import clean_text

MAX_NAME = 80
MAX_EMAIL = 254
MAX_WEBSITE = 200
MAX_BODY = 5000
MAX_DEPTH = 3  # replies nest to depth 3 (four levels), deeper replies continue flat
MIN_SECONDS_TO_SUBMIT = 3.0
LINKS_BEFORE_HOLD = 2  # a third link holds the comment for moderation

FIELDS = ("name", "email", "website", "body")
_LINK = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)

REFUSED_MESSAGE = "Sorry, we couldn’t post your comment right now. Please wait a moment and try again."
RATE_LIMITED_MESSAGE = "You’re commenting faster than we allow. Please wait a minute and try again."
AWAITING_MESSAGE = "Thanks! Your comment is awaiting moderation."
PUBLISHED_MESSAGE = "Thanks! Your comment has been published."
CLOSED_MESSAGE = "Comments are closed for this article."
FIX_FIELDS_MESSAGE = "Please correct the highlighted fields."  # over the per-field messages


class CommentValidationError(ValueError):
    """Per-field messages, keyed by field name."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


class CommentRefused(Exception):
    """Refused by an abuse check; ``message`` is safe to show the reader."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class CleanComment:
    name: str
    email: str
    email_normalized: str
    website: str
    body: str


@dataclass(frozen=True)
class SubmitResult:
    comment_id: int
    status: str

    @property
    def published(self) -> bool:
        return self.status == CommentStatus.approved.value

    @property
    def message(self) -> str:
        return PUBLISHED_MESSAGE if self.published else AWAITING_MESSAGE


# A duplicate is answered exactly like an ordinary held comment (nothing new is stored).
DUPLICATE_RESULT = SubmitResult(comment_id=0, status=CommentStatus.pending.value)


# --- validation -------------------------------------------------------------


def _too_long(label: str, limit: int, actual: int) -> str:
    return f"{label} must be {limit:,} characters or fewer (it is {actual:,})."


def _check_website(website: str) -> str | None:
    if len(website) > MAX_WEBSITE:
        return _too_long("Website", MAX_WEBSITE, len(website))
    try:
        parts = urlsplit(website)
        hostname = parts.hostname
    except ValueError:  # e.g. an unbalanced "[" in the host
        return "Website must be a full web address, like https://example.com."
    if parts.scheme.lower() not in {"http", "https"}:
        return "Website must be a web address starting with http:// or https://."
    if not hostname or " " in website or "." not in hostname:
        return "Website must be a full web address, like https://example.com."
    return None


def _body_problem(body: str) -> str | None:
    if not body:
        return "Please write your comment."
    if len(body) > MAX_BODY:
        return _too_long("Your comment", MAX_BODY, len(body))
    return None


def validate_body(body: object) -> str:
    """Just the comment text (for replies signed by the publication)."""
    clean = clean_text(body, multiline=True)
    problem = _body_problem(clean)
    if problem:
        raise CommentValidationError({"body": problem})
    return clean


def validate_comment(name: object, email: object, website: object, body: object) -> CleanComment:
    """Clean and check a comment; raises ``CommentValidationError`` and nothing else."""
    errors: dict[str, str] = {}
    clean_name = clean_text(name)
    clean_email = clean_text(email)
    clean_website = clean_text(website)
    clean_body = clean_text(body, multiline=True)
    normalized = ""

    if not clean_name:
        errors["name"] = "Please enter your name."
    elif len(clean_name) > MAX_NAME:
        errors["name"] = _too_long("Name", MAX_NAME, len(clean_name))

    if not clean_email:
        errors["email"] = "Please enter your email address."
    elif len(clean_email) > MAX_EMAIL:
        errors["email"] = _too_long("Email", MAX_EMAIL, len(clean_email))
    else:
        try:
            checked = validate_email(clean_email, check_deliverability=False)
            normalized = checked.normalized.casefold()
        except EmailNotValidError:
            errors["email"] = "Please enter a valid email address, like name@example.com."
        except Exception:  # noqa: BLE001 - the validator must never leak anything else
            errors["email"] = "Please enter a valid email address, like name@example.com."

    if clean_website:
        problem = _check_website(clean_website)
        if problem:
            errors["website"] = problem

    problem = _body_problem(clean_body)
    if problem:
        errors["body"] = problem

    if errors:
        raise CommentValidationError(errors)
    return CleanComment(clean_name, clean_email, normalized, clean_website, clean_body)


def fingerprint(article_id: int, email_normalized: str, body: str, owner: str = "") -> str:
    """Same address, same words (ignoring case and spacing), same article, same browser
    (``owner`` is its ``owner_key``): another browser never collides with someone's comment."""
    words = " ".join(body.casefold().split())
    return hashlib.sha256(f"{article_id}\x1f{email_normalized}\x1f{words}\x1f{owner}".encode()).hexdigest()


def owner_key(reader_id: str) -> str:
    """What is stored to let a browser recognise its own held comments."""
    return hashlib.sha256(f"artisan-reader:{reader_id}".encode()).hexdigest() if reader_id else ""


def count_links(text: str) -> int:
    return len(_LINK.findall(text))


# --- submitting -------------------------------------------------------------


def _live_article_id(session: Session, article_id: int, now: datetime) -> int | None:
    if not as_id(article_id):
        return None
    return session.exec(select(Article.id).where(Article.id == article_id, is_live(now))).first()


def _reply_depth(session: Session, article_id: int, parent_id: int | None) -> int:
    if not parent_id:
        return 0
    parent = session.get(Comment, parent_id) if as_id(parent_id) else None
    if parent is None or parent.article_id != article_id or parent.status != CommentStatus.approved.value:
        raise CommentValidationError({"body": "The comment you are replying to is no longer available."})
    return min(parent.depth + 1, MAX_DEPTH)


def _has_approved_comment(session: Session, email_normalized: str, owner: str) -> bool:
    """An approved comment from this address posted by this same browser."""
    if not owner:
        return False
    return (
        session.exec(
            select(Comment.id).where(
                Comment.email_normalized == email_normalized,
                Comment.owner_key == owner,
                Comment.status == CommentStatus.approved.value,
            )
        ).first()
        is not None
    )


def submit_comment(
    session: Session,
    *,
    article_id: int,
    name: object,
    email: object,
    website: object = "",
    body: object,
    parent_id: int | None = None,
    reader_id: str = "",
    client_key: str = "",
    honeypot: object = "",
    form_age_seconds: float | None = None,
    now: datetime | None = None,
) -> SubmitResult:
    """Store a reader's comment, approved or held; raise on bad input or abuse.

    ``form_age_seconds`` is the server's measure of how long the form was
    open; ``client_key`` identifies the client for the rate limit (its IP).
    """
    now = now or utcnow()
    clean = validate_comment(name, email, website, body)
    if reserved_name(session, clean.name):
        raise CommentValidationError({"name": RESERVED_NAME_MESSAGE})
    if _live_article_id(session, article_id, now) is None:
        raise CommentRefused(CLOSED_MESSAGE)
    if honeypot or (form_age_seconds is not None and form_age_seconds < MIN_SECONDS_TO_SUBMIT):
        raise CommentRefused(REFUSED_MESSAGE)
    # Rate-limit before anything stored is consulted (duplicates, approvals).
    if not ratelimit.hit(settings.comment_rate_limit, "comment", client_key or "anonymous"):
        raise CommentRefused(RATE_LIMITED_MESSAGE)
    depth = _reply_depth(session, article_id, parent_id)
    owner = owner_key(reader_id)
    print_ = fingerprint(article_id, clean.email_normalized, clean.body, owner)
    if session.exec(select(Comment.id).where(Comment.article_id == article_id, Comment.fingerprint == print_)).first():
        return DUPLICATE_RESULT

    held_reason = ""
    if count_links(clean.body) > LINKS_BEFORE_HOLD:
        held_reason = "many links"
    elif not _has_approved_comment(session, clean.email_normalized, owner):
        held_reason = "first comment"
    status = CommentStatus.pending if held_reason else CommentStatus.approved

    comment = Comment(
        article_id=article_id,
        parent_id=parent_id or None,
        depth=depth,
        name=clean.name,
        email=clean.email,
        email_normalized=clean.email_normalized,
        website=clean.website,
        body=clean.body,
        status=status.value,
        held_reason=held_reason,
        owner_key=owner,
        fingerprint=print_,
        created_at=now,
        approved_at=now if status is CommentStatus.approved else None,
    )
    try:
        with session.begin_nested():
            session.add(comment)
            session.flush()
    except IntegrityError:  # the same comment, submitted twice at once
        return DUPLICATE_RESULT
    return SubmitResult(comment_id=comment.id, status=comment.status)
