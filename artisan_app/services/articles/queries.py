"""Reader-facing article queries.

Every query is bounded (``LIMIT``) and served by an index; lists are one query
joining category and author, an article page is three queries (article,
body, tags) whatever the size of the archive.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from sqlalchemy import and_, case, func, or_, union
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import Select

from artisan_app.models import (
    Article,
    ArticleAuthor,
    ArticleTag,
    Author,
    Block,
    Category,
    Section,
    Tag,
    utcnow,
)
from artisan_app.services.articles.catalog import author_profile
from artisan_app.services.articles.corrections import corrections_of, marker_of
from artisan_app.services.articles.live import is_live
from artisan_app.services.articles.rich_blocks import block_html, cover_html, with_alt
from artisan_app.services.articles.rich_text import from_text
from artisan_app.services.articles.views import (
    ArticleCard,
    ArticleDetail,
    ArticlePage,
    BlockView,
    BylineName,
    SectionView,
    TagLink,
)
from artisan_app.services.common.text import date_label, iso, reading_minutes
from artisan_app.services.media.library import cover_ref, image_refs
from artisan_app.services.media.markup import jpeg_url, jsonld_images
from artisan_app.services.media.names import ImageRef

# A row of ``card_query()``.
CardRow = tuple[Article, Category, Author]

MAX_PAGE_SIZE = 50
RELATED_WINDOW = 200


def cards_of(session: Session, rows: Sequence[CardRow], *, opens_page: bool = False) -> list[ArticleCard]:
    """Cards for rows of ``card_query()``, with their covers (one query for all). ``opens_page``:
    the first card is the first thing a listing shows, so its cover loads eagerly."""
    images = image_refs(session, [row[0].cover_image_id for row in rows])

    def cover(article: Article) -> ImageRef | None:  # with the article's own alt text
        ref = images.get(article.cover_image_id) if article.cover_image_id is not None else None
        return replace(ref, alt=article.cover_alt or ref.alt) if ref else None

    return [
        card_of(article, category, author, cover=cover(article), first=opens_page and i == 0)
        for i, (article, category, author) in enumerate(rows)
    ]


def with_lead_cover(session: Session, card: ArticleCard) -> ArticleCard:
    """The front page's lead: its cover loads first (eager, high priority)."""
    if not card.cover_image_id:
        return card
    ref = image_refs(session, [card.cover_image_id]).get(card.cover_image_id)
    alt = session.exec(select(Article.cover_alt).where(Article.slug == card.slug)).first()
    return replace(card, cover_html=cover_html(replace(ref, alt=alt or ref.alt) if ref else None, lead=True))


def card_of(
    article: Article, category: Category, author: Author, cover: ImageRef | None = None, first: bool = False
) -> ArticleCard:
    """The card view of a row from ``card_query()`` (``cover``: its cover image, if shown)."""
    return ArticleCard(
        slug=article.slug,
        kicker=article.kicker,
        headline=article.headline,
        excerpt=article.excerpt,
        category_name=category.name,
        category_slug=category.slug,
        author_name=author.name,
        author_slug=author.slug,
        published_iso=iso(article.published_at),
        published_label=date_label(article.published_at),
        reading_minutes=reading_minutes(article.word_count),
        cover_html=cover_html(cover, first=first),
        cover_image_id=article.cover_image_id or 0 if cover is not None else 0,
        language=article.language,
    )


def card_query() -> Select[Article, Category, Author]:
    """Articles with their category and author (one query; filter and order to taste)."""
    return (
        select(Article, Category, Author)
        .join(Category, col(Category.id) == col(Article.category_id))
        .join(Author, col(Author.id) == col(Article.author_id))
    )


def latest_articles(
    session: Session,
    *,
    category_slug: str | None = None,
    author_slug: str | None = None,
    tag_slug: str | None = None,
    limit: int = 10,
    offset: int = 0,
    now: datetime | None = None,
    exclude_id: int | None = None,
    language: str = "en",
) -> ArticlePage:
    """Published articles of one edition (``language``), newest first, optionally narrowed to a
    category, author or tag (``exclude_id``: without that article, e.g. the featured one leading
    the front page)."""
    now = now or utcnow()
    limit = max(1, min(limit, MAX_PAGE_SIZE))
    offset = max(0, offset)
    query = card_query().where(is_live(now), Article.language == language)
    if category_slug:
        query = query.where(Category.slug == category_slug)
    if author_slug:  # as primary author (imports may set only that) or co-author
        query = query.where(
            or_(
                col(Author.slug) == author_slug,
                col(Article.id).in_(
                    select(col(ArticleAuthor.article_id))
                    .join(Author, col(Author.id) == col(ArticleAuthor.author_id))
                    .where(Author.slug == author_slug)
                ),
            )
        )
    if exclude_id is not None:
        query = query.where(Article.id != exclude_id)
    if tag_slug:
        query = query.join(ArticleTag, col(ArticleTag.article_id) == col(Article.id)).join(
            Tag, and_(col(Tag.id) == col(ArticleTag.tag_id), col(Tag.slug) == tag_slug)
        )
    rows = session.exec(
        query.order_by(col(Article.published_at).desc(), col(Article.id).desc()).offset(offset).limit(limit + 1)
    ).all()
    # A listing's first page opens with its first card (the front page's list comes after its lead).
    opens_page = offset == 0 and exclude_id is None
    return ArticlePage(items=cards_of(session, rows[:limit], opens_page=opens_page), has_more=len(rows) > limit)


def get_article(session: Session, slug: str, *, now: datetime | None = None) -> ArticleDetail | None:
    """The published article at ``slug`` with its body, or ``None`` (unknown or not yet live)."""
    now = now or utcnow()
    row = session.exec(card_query().where(Article.slug == slug, is_live(now))).first()
    if row is None:
        return None
    article, category, author = row
    from artisan_app.services.articles import coauthors  # local: coauthors is small, loaded with the first article

    authors = [author_profile(a) for a in coauthors.authors_of(session, article.id)] or [author_profile(author)]
    notes = corrections_of(session, article.id)
    cover = cover_ref(session, article)
    return ArticleDetail(
        id=article.id,
        card=card_of(article, category, author),
        author=author_profile(author),
        updated_iso=iso(article.updated_at),
        updated_label=date_label(article.updated_at),
        sections=article_sections(session, article.id),
        tags=article_tags(session, article.id),
        cover_image=article.cover_image,
        cover_alt=article.cover_alt,
        byline=[BylineName(a.name, a.slug, sep) for a, sep in coauthors.byline(authors)],
        more_authors=authors[1:],
        corrections=notes,
        correction_marker=marker_of(notes),
        cover_html=cover_html(cover, article=True),
        cover_images=jsonld_images(cover, site_url="") if cover else [],
        feed_image=jpeg_url(cover) if cover else "",
    )


def live_address(session: Session, article_id: int, *, now: datetime | None = None) -> tuple[str, str] | None:
    """The slug and edition (language) of the live article ``article_id``, or ``None``."""
    row = session.exec(select(Article.slug, Article.language).where(Article.id == article_id, is_live(now or utcnow()))).first()
    return (row[0], row[1]) if row is not None else None


def article_sections(session: Session, article_id: int) -> list[SectionView]:
    """The numbered body in one query (sections joined with their blocks), each block
    with its markup (``services.articles.rich_blocks.block_html``)."""
    rows = session.exec(
        select(Section, Block)
        .join(Block, col(Block.section_id) == col(Section.id), isouter=True)
        .where(Section.article_id == article_id)
        .order_by(col(Section.position), col(Block.position))
    ).all()
    images = image_refs(session, [b.image_id for _s, b in rows if b is not None and b.image_id])
    sections: list[SectionView] = []
    current: Section | None = None
    for section, block in rows:
        if current is None or section.id != current.id:
            current = section
            # A section without a heading (an imported post's lead-in) is not numbered.
            number = sum(1 for s in sections if s.heading) + 1 if section.heading else 0
            sections.append(SectionView(number=number, heading=section.heading, blocks=[], key=section.key))
        if block is not None:
            sections[-1].blocks.append(block_view(block, images))
    return sections


def block_view(block: Block, images: dict[int, ImageRef]) -> BlockView:
    html = block.html or (from_text(block.text) if block.kind in ("paragraph", "quote") else "")
    items = json.loads(block.items) if block.items else []
    image = with_alt(images.get(block.image_id) if block.image_id else None, block.alt)
    markup = block_html(
        block.kind,
        html=html,
        text=block.text,
        attribution=block.attribution,
        items=items,
        url=block.url,
        image=image,
        wide=block.wide,
    )
    return BlockView(
        kind=block.kind,
        text=block.text,
        attribution=block.attribution,
        markup=markup,
        html=html,
        items=items,
        image_id=block.image_id or 0,
        url=block.url,
        wide=block.wide,
        key=block.key,
        alt=block.alt,
    )


def article_tags(session: Session, article_id: int) -> list[TagLink]:
    rows = session.exec(
        select(Tag)
        .join(ArticleTag, col(ArticleTag.tag_id) == col(Tag.id))
        .where(col(ArticleTag.article_id) == article_id)
        .order_by(col(Tag.name))
    ).all()
    return [TagLink(name=t.name, slug=t.slug) for t in rows]


def related_articles(session: Session, article_id: int, *, limit: int = 3, now: datetime | None = None) -> list[ArticleCard]:
    """ "You may also like": rank live articles of the same edition by shared category (2 points)
    and shared tags (1 point each), then recency. Never the article itself.

    Only a recent window is scored (the newest ``RELATED_WINDOW`` live articles,
    and as many of the newest in the same category), both read through indexes,
    so an article page costs the same with a hundred or a hundred thousand
    articles in the archive.
    """
    now = now or utcnow()
    source = session.get(Article, article_id)
    if source is None:
        return []
    others = and_(is_live(now), col(Article.id) != article_id, col(Article.language) == source.language)
    newest = select(col(Article.id)).where(others).order_by(col(Article.published_at).desc(), col(Article.id).desc())
    recent = newest.limit(RELATED_WINDOW).subquery()
    same_category = newest.where(Article.category_id == source.category_id).limit(RELATED_WINDOW).subquery()
    candidates = union(select(recent.c.id), select(same_category.c.id)).subquery()
    source_tags = select(ArticleTag.tag_id).where(ArticleTag.article_id == article_id).scalar_subquery()
    shared = (
        select(func.count())
        .select_from(ArticleTag)
        .where(col(ArticleTag.article_id) == col(Article.id), col(ArticleTag.tag_id).in_(source_tags))
        .correlate(Article)
        .scalar_subquery()
    )
    score = case((col(Article.category_id) == source.category_id, 2), else_=0) + shared
    rows = session.exec(
        card_query()
        .where(col(Article.id).in_(select(candidates.c.id)))
        .order_by(score.desc(), col(Article.published_at).desc(), col(Article.id).desc())
        .limit(max(1, min(limit, 12)))
    ).all()
    return cards_of(session, rows)
