"""Editorial content: categories, authors, articles and their structured body."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

from sqlalchemy import Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from artisan_app.models.types import UTCDateTime, utcnow


class ArticleStatus(str, Enum):
    """Stored as plain strings so the schema is portable across backends."""

    draft = "draft"
    review = "review"  # submitted by its author, waiting for an editor
    changes = "changes"  # an editor asked for changes (notes); back with the author
    approved = "approved"  # an editor approved it; ready to publish or schedule
    published = "published"  # live once ``published_at`` has come (future = scheduled)
    trashed = "trashed"  # in the newsroom's trash since ``trashed_at``; purged 30 days later


class BlockKind(str, Enum):
    paragraph = "paragraph"
    quote = "quote"
    subheading = "subheading"  # a heading inside a numbered section (not numbered)
    bullets = "bullets"  # bulleted list: ``items``
    numbers = "numbers"  # numbered list: ``items``
    image = "image"  # ``image_id``; caption in ``text``, credit in ``attribution``; ``wide``
    embed = "embed"  # ``url``: a YouTube/Vimeo/X/Instagram card or a link card
    separator = "separator"


class Category(SQLModel, table=True):
    id: int = Field(default=None, primary_key=True)
    name: str = Field(max_length=80)
    slug: str = Field(max_length=80, unique=True, index=True)
    description: str = Field(default="", max_length=400)
    position: int = Field(default=0, index=True)


class Author(SQLModel, table=True):
    id: int = Field(default=None, primary_key=True)
    name: str = Field(max_length=120)
    slug: str = Field(max_length=120, unique=True, index=True)
    bio: str = Field(default="", max_length=2000)
    avatar: str = Field(default="", max_length=300)


class Article(SQLModel, table=True):
    __table_args__ = (
        # Front page / category page: published articles, newest first.
        Index("ix_article_status_published_at", "status", "published_at"),
        Index("ix_article_category_status_published", "category_id", "status", "published_at"),
        Index("ix_article_author_status_published", "author_id", "status", "published_at"),
        # Each edition's lists; one article per language in a translation group.
        Index("ix_article_language_status_published", "language", "status", "published_at"),
        Index("uq_article_translation_language", "translation_group", "language", unique=True),
    )

    id: int = Field(default=None, primary_key=True)
    slug: str = Field(max_length=160, unique=True, index=True)
    kicker: str = Field(default="", max_length=200)
    headline: str = Field(max_length=300)
    excerpt: str = Field(default="", max_length=600)
    # Empty only on drafts: publishing requires both.
    category_id: int | None = Field(default=None, foreign_key="category.id")
    author_id: int | None = Field(default=None, foreign_key="author.id")
    status: str = Field(default=ArticleStatus.draft.value, max_length=16)
    word_count: int = Field(default=0)
    # Optimistic locking: every save must name the version it started from.
    version: int = Field(default=1)
    cover_image: str = Field(default="", max_length=300)
    cover_alt: str = Field(default="", max_length=300)
    # The cover's Image row (renditions, crops, focal point); cover_image keeps a plain URL to it.
    cover_image_id: int | None = Field(default=None, foreign_key="image.id", ondelete="SET NULL")
    published_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    updated_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
    # Moved to the trash at (status ``trashed``); the purge deletes it 30 days later.
    trashed_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True, index=True))
    # Featured on the front page since (the latest featured live article leads it).
    featured_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True, index=True))
    # Set on the first publication and never cleared: the slug is fixed from then on.
    first_published_at: datetime | None = Field(default=None, sa_column=Column(UTCDateTime(), nullable=True))
    # The slug was typed by an editor; until then it follows the headline.
    slug_custom: bool = Field(default=False)
    # The edition it belongs to (``artisan_app.core.i18n.LANGUAGES``) and the group linking it to its
    # translations: articles sharing a group are the same story in other languages.
    language: str = Field(default="en", max_length=8, sa_column_kwargs={"server_default": "en"})
    translation_group: str | None = Field(default=None, max_length=32)


class Section(SQLModel, table=True):
    """A numbered "Key Trends & Concerns" section; ``position`` is 1-based."""

    __table_args__ = (UniqueConstraint("article_id", "position", name="uq_section_article_position"),)

    id: int = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", ondelete="CASCADE", index=True)
    position: int
    heading: str = Field(max_length=300)
    # Stable across saves and reordering (rows are re-created on every save): review notes anchor to it.
    key: str = Field(default="", max_length=32)


class Block(SQLModel, table=True):
    """A block inside a section (``BlockKind``).

    ``html`` is the inline formatting of a paragraph or quote, cleaned by
    ``services/rich_text.clean_inline`` on every write; ``text`` is always the plain
    text (what search and word counts read). Older rows have no ``html``: their
    ``text`` is shown as text."""

    __table_args__ = (UniqueConstraint("section_id", "position", name="uq_block_section_position"),)

    id: int = Field(default=None, primary_key=True)
    section_id: int = Field(foreign_key="section.id", ondelete="CASCADE", index=True)
    position: int
    kind: str = Field(default=BlockKind.paragraph.value, max_length=16)
    text: str = Field(max_length=10000)
    attribution: str = Field(default="", max_length=300)
    key: str = Field(default="", max_length=32)  # stable across saves, like Section.key
    html: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))
    items: str = Field(default="", sa_column=Column(Text, nullable=False, server_default=""))  # JSON list of inline HTML
    image_id: int | None = Field(default=None, foreign_key="image.id", ondelete="SET NULL")
    # An image block's own alt text (the same photo may say different things in different articles);
    # "" falls back to the Image's.
    alt: str = Field(default="", max_length=300)
    url: str = Field(default="", max_length=500)
    wide: bool = Field(default=False)


class Tag(SQLModel, table=True):
    id: int = Field(default=None, primary_key=True)
    name: str = Field(max_length=80)
    slug: str = Field(max_length=80, unique=True, index=True)


class ArticleTag(SQLModel, table=True):
    article_id: int = Field(foreign_key="article.id", ondelete="CASCADE", primary_key=True)
    tag_id: int = Field(foreign_key="tag.id", ondelete="CASCADE", primary_key=True, index=True)


class ArticleRevision(SQLModel, table=True):
    """A snapshot of an article: explicit saves, publishing and restores add one;
    autosaves keep one rolling row per editor."""

    __table_args__ = (Index("ix_revision_article_version", "article_id", "version"),)

    id: int = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", ondelete="CASCADE")
    version: int
    user_id: int | None = Field(default=None, foreign_key="user.id", ondelete="SET NULL")
    user_name: str = Field(default="", max_length=120)
    note: str = Field(default="", max_length=120)
    snapshot: str  # JSON of the editable fields and the structured body
    # One rolling autosave per editor and article, rewritten in place.
    autosave: bool = Field(default=False)
    created_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))


class EditingPresence(SQLModel, table=True):
    """Who has an article open in the editor, refreshed by a heartbeat."""

    article_id: int = Field(foreign_key="article.id", ondelete="CASCADE", primary_key=True)
    user_id: int = Field(foreign_key="user.id", ondelete="CASCADE", primary_key=True)
    user_name: str = Field(max_length=120)
    seen_at: datetime = Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False))
