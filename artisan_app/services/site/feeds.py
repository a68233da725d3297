"""Atom feeds, the XML sitemap and robots.txt, built from the database.

Only live articles appear (``live.is_live``); tags and authors are listed
only when they have at least one. Every URL is absolute, from the site URL the
caller passes (``settings.site_url`` in the app).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from xml.etree import ElementTree as ET

from feedgen.feed import FeedGenerator
from lxml import etree
from sqlalchemy import func
from sqlmodel import Session, col, select

from artisan_app.core import routes
from artisan_app.core.i18n import edition_path, translate
from artisan_app.models import Article, ArticleAuthor, ArticleTag, Author, Category, Correction, Tag, utcnow
from artisan_app.services.articles.live import is_live
from artisan_app.services.articles.queries import card_query
from artisan_app.services.media.library import image_refs
from artisan_app.services.media.markup import absolute, jpeg_url
from artisan_app.services.site.seo import SITE_NAME

SITE_TAGLINE = "Beyond the Headlines — news and commentary."
FEED_SIZE = 20
SITEMAP_LIMIT = 45_000  # the protocol allows 50,000 URLs per file
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"  # the sitemap's hreflang alternates

# Characters XML 1.0 cannot carry (control characters, lone surrogates, U+FFFE/F).
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(value: str | None) -> str:
    return _XML_INVALID.sub("", value or "")


@dataclass(frozen=True)
class FeedItem:
    slug: str
    headline: str
    excerpt: str
    author_name: str
    author_slug: str
    category_name: str
    category_slug: str
    published_at: datetime
    updated_at: datetime
    co_authors: tuple[tuple[str, str], ...] = ()  # (name, slug) after the first author, in byline order
    image: str = ""  # the cover as one JPEG (a path on this site), "" without one


def feed_items(
    session: Session,
    *,
    category_slug: str | None = None,
    limit: int = FEED_SIZE,
    now: datetime | None = None,
    language: str = "en",
) -> list[FeedItem]:
    """The newest live articles of one edition (and category), newest first."""
    now = now or utcnow()
    query = card_query().where(is_live(now), Article.language == language)
    if category_slug:
        query = query.where(Category.slug == category_slug)
    rows = session.exec(query.order_by(col(Article.published_at).desc(), col(Article.id).desc()).limit(limit)).all()
    more: dict[int, list[tuple[str, str]]] = {}
    if rows:  # every co-author of these entries in one query
        for article_id, name, slug in session.exec(
            select(col(ArticleAuthor.article_id), col(Author.name), col(Author.slug))
            .join(Author, col(Author.id) == col(ArticleAuthor.author_id))
            .where(col(ArticleAuthor.article_id).in_([a.id for a, _, _ in rows]), col(ArticleAuthor.position) > 1)
            .order_by(col(ArticleAuthor.article_id), col(ArticleAuthor.position))
        ).all():
            more.setdefault(article_id, []).append((name, slug))
    covers = image_refs(session, [a.cover_image_id for a, _c, _au in rows])
    return [
        FeedItem(
            slug=a.slug,
            headline=a.headline,
            excerpt=a.excerpt,
            author_name=au.name,
            author_slug=au.slug,
            category_name=c.name,
            category_slug=c.slug,
            published_at=_published(a),
            updated_at=max(a.updated_at, _published(a)),
            co_authors=tuple(more.get(a.id, ())),
            image=jpeg_url(covers[a.cover_image_id]) if a.cover_image_id in covers else "",
        )
        for a, c, au in rows
    ]


def atom_feed(
    items: list[FeedItem],
    *,
    site_url: str,
    title: str,
    page_path: str,
    feed_path: str,
    subtitle: str,
    now: datetime | None = None,
    language: str = "en",
) -> bytes:
    """An Atom 1.0 document (feedgen) for ``items`` (of ``language``'s edition)."""
    fg = FeedGenerator()
    fg.id(site_url + page_path)
    fg.title(xml_safe(title))
    fg.subtitle(xml_safe(subtitle) or SITE_TAGLINE)
    fg.link(href=site_url + page_path, rel="alternate", type="text/html")
    fg.link(href=site_url + feed_path, rel="self", type="application/atom+xml")
    fg.author({"name": SITE_NAME, "uri": site_url + "/"})
    fg.language(language)
    fg.logo(site_url + "/logo.png")
    fg.icon(site_url + "/logo.png")
    fg.rights(f"© {SITE_NAME}")
    fg.updated(max((i.updated_at for i in items), default=now or utcnow()))
    for item in items:
        url = site_url + edition_path(language, routes.article_url(item.slug))
        entry = fg.add_entry(order="append")
        entry.id(url)
        entry.title(xml_safe(item.headline))
        entry.link(href=url, rel="alternate", type="text/html")
        entry.summary(xml_safe(item.excerpt))
        entry.author({"name": xml_safe(item.author_name), "uri": site_url + routes.author_url(item.author_slug)})
        for name, slug in item.co_authors:
            entry.author({"name": xml_safe(name), "uri": site_url + routes.author_url(slug)})
        entry.category(
            term=item.category_slug,
            label=xml_safe(item.category_name),
            scheme=site_url + routes.category_url(item.category_slug),
        )
        if item.image:  # the cover image, as feed readers show it
            entry.link(href=absolute(site_url, item.image), rel="enclosure", type="image/jpeg")
        entry.published(item.published_at)
        entry.updated(item.updated_at)
    return _with_enclosures(fg.atom_str(pretty=True), {absolute(site_url, i.image) for i in items if i.image})


def _published(article: Article) -> datetime:
    """A live article's publication time (``is_live`` keeps only articles that have one)."""
    assert article.published_at is not None
    return article.published_at


def _with_enclosures(document: bytes, image_urls: set[str]) -> bytes:
    """feedgen 1.0 writes an entry's links without ``rel``/``type`` (its loop reuses the
    name ``link``): mark the cover links as ``rel="enclosure" type="image/jpeg"``."""
    if not image_urls:
        return document
    root = etree.fromstring(document)
    for link in root.iter("{http://www.w3.org/2005/Atom}link"):
        if link.get("href") in image_urls and link.getparent().tag.endswith("entry"):
            link.set("rel", "enclosure")
            link.set("type", "image/jpeg")
    marked: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return marked


def site_feed(session: Session, *, site_url: str, now: datetime | None = None, language: str = "en") -> bytes:
    """An edition's feed: ``/feed.xml`` (English), ``/ur/feed.xml`` (Urdu)."""
    return atom_feed(
        feed_items(session, now=now, language=language),
        site_url=site_url,
        title=translate(language, "Artisan Times — Beyond the Headlines"),
        page_path=edition_path(language, "/"),
        feed_path=edition_path(language, routes.FEED),
        subtitle=SITE_TAGLINE if language == "en" else translate(language, "Beyond the Headlines"),
        now=now,
        language=language,
    )


def category_feed(session: Session, slug: str, *, site_url: str, now: datetime | None = None) -> bytes | None:
    """The category's feed, or ``None`` for an unknown category."""
    category = session.exec(select(Category).where(Category.slug == slug)).first()
    if category is None:
        return None
    return atom_feed(
        feed_items(session, category_slug=slug, now=now),
        site_url=site_url,
        title=f"{category.name} | {SITE_NAME}",
        page_path=routes.category_url(slug),
        feed_path=routes.category_feed_url(slug),
        subtitle=category.description,
        now=now,
    )


# ---------------------------------------------------------------- sitemap


@dataclass(frozen=True)
class SitemapEntry:
    path: str
    lastmod: datetime | None = None
    alternates: tuple[tuple[str, str], ...] = ()  # (hreflang, path) of every edition's version, itself included


# One source per page kind; the route registry (``web/registry.py``) says which take part, in order.


def front_sitemap(session: Session, *, now: datetime) -> list[SitemapEntry]:
    """Each edition's front page (English first, always listed), changed with its newest story;
    alternates of each other once there is more than one edition."""
    newest: dict[str, datetime | None] = dict(
        session.exec(
            select(col(Article.language), func.max(col(Article.updated_at))).where(is_live(now)).group_by(col(Article.language))
        ).all()
    )
    newest.setdefault("en", None)
    fronts = tuple((lang, edition_path(lang, routes.HOME)) for lang in sorted(newest)) if len(newest) > 1 else ()
    return [
        SitemapEntry(edition_path(lang, routes.HOME), newest[lang], fronts)
        for lang in sorted(newest, key=lambda lang: lang != "en")
    ]


def article_sitemap(session: Session, *, now: datetime) -> list[SitemapEntry]:
    rows = session.exec(
        select(
            col(Article.slug),
            col(Article.updated_at),
            col(Article.published_at),
            col(Article.language),  # type: ignore[call-overload]  # five columns: SQLModel types four
            col(Article.translation_group),
        )
        .where(is_live(now))
        .order_by(col(Article.published_at).desc(), col(Article.id).desc())
        .limit(SITEMAP_LIMIT)
    ).all()
    groups: dict[str, list[tuple[str, str]]] = {}
    for slug, _u, _p, lang, group in rows:  # hreflang: the live versions of one story
        if group:
            groups.setdefault(group, []).append((lang, edition_path(lang, routes.article_url(slug))))
    return [
        SitemapEntry(
            edition_path(lang, routes.article_url(slug)),
            max(u, p or u),  # live: p is set
            tuple(sorted(groups[group])) if group and len(groups[group]) > 1 else (),
        )
        for slug, u, p, lang, group in rows
    ]


def category_sitemap(session: Session, *, now: datetime) -> list[SitemapEntry]:
    """Every section, changed with its newest story."""
    by_category = dict(
        session.exec(
            select(col(Article.category_id), func.max(col(Article.updated_at)))
            .where(is_live(now))
            .group_by(col(Article.category_id))
        ).all()
    )
    sections = session.exec(
        select(col(Category.id), col(Category.slug)).order_by(col(Category.position), col(Category.name))
    ).all()
    return [SitemapEntry(routes.category_url(slug), by_category.get(cat_id)) for cat_id, slug in sections]


def author_sitemap(session: Session, *, now: datetime) -> list[SitemapEntry]:
    """Authors with live stories (as the byline's first author or a co-author)."""
    by_author: dict[str, datetime] = {}
    for link in (
        col(Article.author_id) == col(Author.id),  # primary authors (imports may set only that), then co-authors
        col(Article.id).in_(select(ArticleAuthor.article_id).where(ArticleAuthor.author_id == Author.id)),
    ):
        for slug, lastmod in session.exec(
            select(col(Author.slug), func.max(col(Article.updated_at)))
            .join(Article, link)
            .where(is_live(now))
            .group_by(col(Author.slug))
        ).all():
            by_author[slug] = max(lastmod, by_author.get(slug, lastmod))
    return [SitemapEntry(routes.author_url(slug), by_author[slug]) for slug in sorted(by_author)]


def tag_sitemap(session: Session, *, now: datetime) -> list[SitemapEntry]:
    """Topics with live stories (a topic only drafts use is not listed)."""
    rows = session.exec(
        select(col(Tag.slug), func.max(col(Article.updated_at)))
        .join(ArticleTag, col(ArticleTag.tag_id) == col(Tag.id))
        .join(Article, col(Article.id) == col(ArticleTag.article_id))
        .where(is_live(now))
        .group_by(col(Tag.slug))
        .order_by(col(Tag.slug))
    ).all()
    return [SitemapEntry(routes.tag_url(slug), lastmod) for slug, lastmod in rows]


def corrections_sitemap(session: Session, *, now: datetime) -> list[SitemapEntry]:
    """Each edition's corrections page changes with its newest correction (on a live article of the
    edition); an empty one is not listed; alternates of each other when both are."""
    latest: dict[str, datetime] = dict(
        session.exec(
            select(col(Article.language), func.max(col(Correction.created_at)))
            .join(Article, col(Article.id) == col(Correction.article_id))
            .where(is_live(now))
            .group_by(col(Article.language))
        ).all()
    )
    pages = tuple((lang, edition_path(lang, routes.CORRECTIONS)) for lang in sorted(latest)) if len(latest) > 1 else ()
    return [
        SitemapEntry(edition_path(lang, routes.CORRECTIONS), latest[lang], pages)
        for lang in sorted(latest, key=lambda lang: lang != "en")
    ]


def sitemap_entries(
    session: Session, sources: Sequence[Callable[..., list[SitemapEntry]]], *, now: datetime | None = None
) -> list[SitemapEntry]:
    """The pages of ``sources`` (``web.registry.sitemap_sources()``), each with the time it last changed."""
    now = now or utcnow()
    return [entry for source in sources for entry in source(session, now=now)]


def _w3c(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S+00:00")


def sitemap_xml(
    session: Session, sources: Sequence[Callable[..., list[SitemapEntry]]], *, site_url: str, now: datetime | None = None
) -> bytes:
    ET.register_namespace("", SITEMAP_NS)
    ET.register_namespace("xhtml", XHTML_NS)
    urlset = ET.Element(f"{{{SITEMAP_NS}}}urlset")
    for entry in sitemap_entries(session, sources, now=now):
        url = ET.SubElement(urlset, f"{{{SITEMAP_NS}}}url")
        ET.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = xml_safe(site_url + entry.path)
        if entry.lastmod is not None:
            ET.SubElement(url, f"{{{SITEMAP_NS}}}lastmod").text = _w3c(_utc(entry.lastmod))
        for hreflang, path in entry.alternates:
            ET.SubElement(url, f"{{{XHTML_NS}}}link", rel="alternate", hreflang=hreflang, href=xml_safe(site_url + path))
    xml: bytes = ET.tostring(urlset, encoding="utf-8", xml_declaration=True)
    return xml


def _utc(moment: datetime) -> datetime:
    """Aggregates are UTC; make sure of it whatever the driver returned."""
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def robots_txt(*, site_url: str) -> str:
    return (
        "User-agent: *\n"
        "Allow: /\n"
        f"Disallow: {routes.SEARCH}\n"
        f"Disallow: {edition_path('ur', routes.SEARCH)}\n"
        "Disallow: /_event\n"
        "Disallow: /_upload\n"
        "Disallow: /editor\n"
        "\n"
        f"Sitemap: {site_url}/sitemap.xml\n"
    )
