"""Builders for test data: readable defaults, everything overridable."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

from sqlmodel import Session

from artisan_app.models import Article, ArticleStatus, Author, BlockKind, Category, Role
from artisan_app.services.accounts import auth
from artisan_app.services.articles.body import BlockDraft, SectionDraft
from artisan_app.services.comments import moderation
from artisan_app.services.editorial.authoring import create_article

_seq = itertools.count(1)
BASE_TIME = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)


def make_category(session: Session, name: str | None = None, *, slug: str | None = None, position: int = 0) -> Category:
    n = next(_seq)
    name = name or f"Category {n}"
    row = Category(name=name, slug=slug or f"category-{n}", description=f"About {name}.", position=position)
    session.add(row)
    session.flush()
    return row


def make_author(session: Session, name: str | None = None, *, slug: str | None = None) -> Author:
    n = next(_seq)
    name = name or f"Author {n}"
    row = Author(name=name, slug=slug or f"author-{n}", bio=f"{name} writes things.", avatar="/avatars/artisan-times.svg")
    session.add(row)
    session.flush()
    return row


def sections(*specs: tuple[str, list[str]], quote: tuple[str, str] | None = None) -> list[SectionDraft]:
    """``sections(("Heading", ["para", ...]), ...)``; ``quote`` is appended to the first section."""
    out = [SectionDraft(h, [BlockDraft(BlockKind.paragraph.value, p) for p in paras]) for h, paras in specs]
    if quote and out:
        out[0].blocks.append(BlockDraft(BlockKind.quote.value, quote[0], quote[1]))
    return out


def make_article(
    session: Session,
    *,
    category: Category,
    author: Author,
    headline: str | None = None,
    slug: str | None = None,
    published_at: datetime | None = None,
    hours: int | None = None,
    status: ArticleStatus = ArticleStatus.published,
    tags: list[str] | tuple[str, ...] = (),
    body: list[SectionDraft] | None = None,
    excerpt: str = "A short excerpt.",
    language: str = "en",
    translation_group: str | None = None,
) -> Article:
    """``hours`` places publication at BASE_TIME + hours (handy for ordering); without it,
    stories are published in creation order shortly before BASE_TIME."""
    n = next(_seq)
    headline = headline or f"Headline number {n}"
    if published_at is None and status is ArticleStatus.published:
        # Without ``hours``: in creation order, a second apart, and always (a few hours) before BASE_TIME,
        # so the run's shared counter never pushes a story past a test's clock.
        published_at = BASE_TIME + (timedelta(hours=hours) if hours is not None else timedelta(seconds=n - 30_000))
    return create_article(
        session,
        slug=slug or f"article-{n}",
        headline=headline,
        kicker=f"Kicker {n}",
        excerpt=excerpt,
        category_id=category.id,
        author_id=author.id,
        sections=body or sections(("First", ["One paragraph of text."]), ("Second", ["Another paragraph."])),
        tags=tags,
        status=status,
        published_at=published_at,
        language=language,
        translation_group=translation_group,
    )


PASSWORD = "correct horse battery staple"


def make_user(
    session: Session, role: Role = Role.editor, *, name: str | None = None, email: str | None = None, author: Author | None = None
) -> auth.StaffUser:
    """A staff account (password ``PASSWORD``) and the StaffUser services take."""
    n = next(_seq)
    user = auth.create_user(
        session,
        email=email or f"user{n}@artisan.test",
        name=name or f"{role.value.title()} {n}",
        password=PASSWORD,
        role=role,
        author_id=author.id if author else None,
    )
    return auth.resolve_session(session, auth.start_session(session, user_id=user.id))


# An editor as the moderation service sees one (no account needed: the role is what it checks).
MODERATOR = auth.StaffUser(id=0, name="Moderating editor", email="moderator@artisan.test", role=Role.editor.value, author_id=None)


def moderate_as_editor(session: Session, *, comment_ids: list[int], action: str, now: datetime | None = None) -> int:
    """Approve, hold, spam or trash comments the way the newsroom does: through the
    permission-checked ``services.comments.moderation.apply``."""
    return moderation.apply(session, user=MODERATOR, comment_ids=comment_ids, action=action, now=now)
