"""Read models handed to the UI: small, frozen, JSON-serialisable, never ORM rows."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class CategoryLink:
    name: str
    slug: str
    description: str = ""


@dataclass(frozen=True)
class AuthorProfile:
    name: str
    slug: str
    bio: str = ""
    avatar: str = ""


@dataclass(frozen=True)
class TagLink:
    name: str
    slug: str


@dataclass(frozen=True)
class ArticleCard:
    """What a list, a card or a recommendation needs to show one article."""

    slug: str
    kicker: str
    headline: str
    excerpt: str
    category_name: str
    category_slug: str
    author_name: str
    author_slug: str
    published_iso: str
    published_label: str
    reading_minutes: int
    # The cover as a <picture> (services/rich_blocks.cover_html: escaped values only);
    # "" without one, and the card keeps its text-only look.
    cover_html: str = ""
    cover_image_id: int = 0
    language: str = "en"  # its edition


@dataclass(frozen=True)
class BlockView:
    kind: str  # models.BlockKind
    text: str  # plain text
    attribution: str = ""
    key: str = ""  # stable id (review notes anchor to it)
    # The whole block as HTML made by services/rich_blocks.block_html from cleaned
    # inline HTML and escaped text: the one renderer of the first view and the app.
    markup: str = ""
    html: str = ""  # paragraph/quote: the cleaned inline HTML
    items: list[str] = field(default_factory=list)  # lists: cleaned inline HTML per item
    image_id: int = 0
    url: str = ""
    wide: bool = False
    alt: str = ""  # an image block's own alt text ("" : the Image's)


@dataclass(frozen=True)
class SectionView:
    number: int
    heading: str
    blocks: list[BlockView] = field(default_factory=list)
    key: str = ""


@dataclass(frozen=True)
class BylineName:
    """One name in a byline and the words after it: "By A, B and C"."""

    name: str
    slug: str
    sep: str = ""


@dataclass(frozen=True)
class CorrectionView:
    kind_label: str  # "Correction" | "Update"
    date_label: str
    iso: str
    text: str


@dataclass(frozen=True)
class CorrectionItem:
    """One line of the /corrections page."""

    correction: CorrectionView
    slug: str
    headline: str


@dataclass(frozen=True)
class ArticleDetail:
    """Everything the article page shows, in display order."""

    id: int
    card: ArticleCard
    author: AuthorProfile
    updated_iso: str
    updated_label: str
    sections: list[SectionView] = field(default_factory=list)
    tags: list[TagLink] = field(default_factory=list)
    cover_image: str = ""  # URL of the large rendition; "" when there is none
    cover_alt: str = ""
    # Every author in byline order (the first is ``author``); corrections oldest first, and the marker
    # under the headline ("Corrected 12 September 2025"), "" when there are none.
    byline: list[BylineName] = field(default_factory=list)
    more_authors: list[AuthorProfile] = field(default_factory=list)  # co-authors after the first
    corrections: list[CorrectionView] = field(default_factory=list)
    correction_marker: str = ""
    cover_html: str = ""  # the cover Image as a <picture> (rich_blocks.cover_html); "" without one
    # Paths (no host) of the cover's crops: 1200×630 social image first, then the 3:2 crop, the whole picture.
    cover_images: list[str] = field(default_factory=list)
    feed_image: str = ""  # one JPEG of the cover for feeds (path)


@dataclass(frozen=True)
class ArticlePage:
    """One page of a list, with whether another page follows."""

    items: list[ArticleCard]
    has_more: bool
