"""Crawler-readable head tags for pages the app renders in the browser.

Reflex prerenders at build time, so a dynamic route such as ``/article/[slug]``
reaches crawlers and link previews as an empty shell. ``web/http_app.py`` serves those
routes with the build's own SPA shell (``web/shell.py``) plus, right after ``<head>``, the title,
description, canonical link, Open Graph and Twitter tags and JSON-LD, and,
right after ``<body>``, the page's first view (``artisan_app/first_view``):
its content as plain HTML, for readers and crawlers alike. The browser then
boots the full app from the same shell as usual (React skips the injected
nodes when it hydrates the document) and the app takes over from the first view.

Everything taken from the database is escaped here: ``html.escape`` for markup
and attributes, and JSON with ``<``, ``>`` and ``&`` as ``\\u`` escapes inside
the JSON-LD ``<script>``. No function here touches the database, reads the
shell or knows the browser's JavaScript: this module builds the meta, Open Graph
and JSON-LD tags, ``web/shell.py`` puts them into the document.
"""

from __future__ import annotations

import dataclasses
import html
import json
from collections.abc import Sequence
from dataclasses import dataclass

from artisan_app.core import routes
from artisan_app.core.i18n import LANGUAGES, OG_LOCALES, edition_path, section_name, translate
from artisan_app.services.articles.views import ArticleDetail, AuthorProfile, CategoryLink, TagLink

SITE_NAME = "Artisan Times"
SITE_DESCRIPTION = "Artisan Times — news and commentary beyond the headlines."
DEFAULT_IMAGE = "/og-default.png"
DEFAULT_IMAGE_SIZE = (1200, 630)
DEFAULT_IMAGE_ALT = "Artisan Times — Beyond the Headlines"
LOGO = "/logo.png"
LOGO_SIZE = (512, 512)
DESCRIPTION_CHARS = 200


@dataclass(frozen=True)
class PageMeta:
    """What a crawler should learn about one page."""

    title: str
    description: str
    url: str  # absolute canonical URL
    image: str  # absolute
    image_alt: str = DEFAULT_IMAGE_ALT
    image_size: tuple[int, int] | None = DEFAULT_IMAGE_SIZE
    og_type: str = "website"
    published: str = ""
    modified: str = ""
    section: str = ""
    author_url: str = ""
    tags: tuple[str, ...] = ()
    json_ld: dict[str, object] | None = None
    robots: str = ""  # e.g. "noindex" for not-found pages
    # Atom feeds to advertise besides the site's: (title, path), e.g. the section's.
    feeds: tuple[tuple[str, str], ...] = ()
    # The page's edition and its versions in the others: (hreflang, absolute URL), itself included.
    language: str = "en"
    alternates: tuple[tuple[str, str], ...] = ()


# ---------------------------------------------------------------- escaping


def esc(value: object) -> str:
    return html.escape(str(value or ""), quote=True)


def json_for_script(data: object) -> str:
    """JSON that cannot close or confuse the ``<script>`` element it sits in."""
    return (
        json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def clip(value: str, limit: int = DESCRIPTION_CHARS) -> str:
    """One line of at most ``limit`` characters, cut on a word boundary."""
    value = " ".join((value or "").split())
    if len(value) <= limit:
        return value
    cut = value[: limit - 1]
    if value[limit - 1] != " ":  # cut inside a word: drop that word
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(",;:—–- ") + "…"


# ---------------------------------------------------------------- page descriptions


def article_meta(detail: ArticleDetail, *, site_url: str, translations: Sequence[tuple[str, str]] = ()) -> PageMeta:
    """``translations``: (language, slug) of the article's live versions in the other editions."""
    card = detail.card
    url = site_url + edition_path(card.language, routes.article_url(card.slug))
    alternates = (
        tuple(
            sorted(
                [(card.language, url)]
                + [(lang, site_url + edition_path(lang, routes.article_url(slug))) for lang, slug in translations]
            )
        )
        if translations
        else ()
    )
    image = site_url + DEFAULT_IMAGE
    # The cover's crops (the 1200×630 social crop first), else the site image.
    images = [site_url + path if path.startswith("/") else path for path in detail.cover_images] or [image]
    description = clip(card.excerpt or card.kicker or card.headline)
    author_url = site_url + routes.author_url(detail.author.slug)
    json_ld: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": card.headline,
        "description": description,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "image": images,
        "datePublished": card.published_iso,
        "dateModified": detail.updated_iso or card.published_iso,
        "author": [{"@type": "Person", "name": b.name, "url": site_url + routes.author_url(b.slug)} for b in detail.byline]
        or [{"@type": "Person", "name": detail.author.name, "url": author_url}],
        "publisher": {
            "@type": "Organization",
            "name": SITE_NAME,
            "url": site_url + "/",
            "logo": {"@type": "ImageObject", "url": site_url + LOGO, "width": LOGO_SIZE[0], "height": LOGO_SIZE[1]},
        },
        "articleSection": card.category_name,
        "keywords": [t.name for t in detail.tags],
        "inLanguage": card.language,
    }
    return PageMeta(
        title=f"{card.headline} | {SITE_NAME}",
        description=description,
        url=url,
        # OG/Twitter: the cover's 1200×630 crop around its focal point.
        **(
            {"image": images[0], "image_alt": detail.cover_alt or card.headline, "image_size": (1200, 630)}
            if detail.cover_images
            else {"image": image}
        ),
        og_type="article",
        published=card.published_iso,
        modified=detail.updated_iso,
        section=card.category_name,
        author_url=author_url,
        tags=tuple(t.name for t in detail.tags),
        json_ld=json_ld,
        feeds=category_feeds(card.category_name, card.category_slug) if card.language == "en" else (),
        language=card.language,
        alternates=alternates,
    )


def front_meta(*, site_url: str, language: str = "en") -> PageMeta:
    """An edition's front page: the publication itself, searchable (both fronts are alternates)."""
    url = site_url + edition_path(language, routes.HOME)
    json_ld: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": SITE_NAME,
        "description": _description(language),
        "url": url,
        "inLanguage": language,
        "potentialAction": {
            "@type": "SearchAction",
            "target": site_url + edition_path(language, routes.SEARCH) + "?q={search_term_string}",
            "query-input": "required name=search_term_string",
        },
    }
    if language == "en":  # the English front page as it always was
        del json_ld["inLanguage"]
    fronts = tuple((lang, site_url + edition_path(lang, routes.HOME)) for lang in LANGUAGES)
    return PageMeta(
        title=translate(language, "Artisan Times — Beyond the Headlines"),
        description=_description(language),
        url=url,
        image=site_url + DEFAULT_IMAGE,
        json_ld=json_ld,
        language=language,
        alternates=fronts if language != "en" else (),
    )


def _description(language: str) -> str:
    return SITE_DESCRIPTION if language == "en" else translate(language, "Independent news and commentary. © Artisan Times.")


def search_meta(*, site_url: str, language: str = "en") -> PageMeta:
    """The search page: found by readers, never indexed."""
    return PageMeta(
        title=f"{translate(language, 'Search')} | {SITE_NAME}",
        description=_description(language),
        url=site_url + edition_path(language, routes.SEARCH),
        image=site_url + DEFAULT_IMAGE,
        robots="noindex, follow",
        language=language,
    )


def listing_meta(*, name: str, description: str, path: str, site_url: str, language: str = "en") -> PageMeta:
    """A category, author or tag page of an edition: its name, description and latest stories
    (``path`` is the English edition's; the edition's prefix is added here)."""
    url = site_url + edition_path(language, path)
    description = clip(description) or f"The latest stories in {name} from {SITE_NAME}."
    json_ld: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "CollectionPage",
        "name": f"{name} | {SITE_NAME}",
        "description": description,
        "url": url,
        "isPartOf": {"@type": "WebSite", "name": SITE_NAME, "url": site_url + "/"},
    }
    if language != "en":
        json_ld["inLanguage"] = language
    return PageMeta(
        title=f"{name} | {SITE_NAME}",
        description=description,
        url=url,
        image=site_url + DEFAULT_IMAGE,
        json_ld=json_ld,
        language=language,
    )


def category_feeds(name: str, slug: str) -> tuple[tuple[str, str], ...]:
    return ((f"{name} | {SITE_NAME}", routes.category_feed_url(slug)),) if slug else ()


def category_meta(category: CategoryLink, *, site_url: str, language: str = "en") -> PageMeta:
    if language != "en":  # the section's name and description in the edition's language; no section feed
        return listing_meta(
            name=section_name(category.name, language),
            description=section_name(category.description, language),
            path=routes.category_url(category.slug),
            site_url=site_url,
            language=language,
        )
    meta = listing_meta(
        name=category.name, description=category.description, path=routes.category_url(category.slug), site_url=site_url
    )
    return dataclasses.replace(meta, feeds=category_feeds(category.name, category.slug))


def author_meta(author: AuthorProfile, *, site_url: str, language: str = "en") -> PageMeta:
    return listing_meta(
        name=author.name, description=author.bio, path=routes.author_url(author.slug), site_url=site_url, language=language
    )


def tag_meta(tag: TagLink, *, site_url: str, language: str = "en") -> PageMeta:
    return listing_meta(
        name=tag.name,
        description=f"Stories about {tag.name} from {SITE_NAME}."
        if language == "en"
        else translate(language, "Topic") + ": " + tag.name,
        path=routes.tag_url(tag.slug),
        site_url=site_url,
        language=language,
    )


def not_found_meta(*, path: str, site_url: str, what: str = "Page", language: str = "en") -> PageMeta:
    """``path`` as requested (already in its edition)."""
    if language != "en":
        title = translate(language, f"{what} not found")
        description = translate(language, "We couldn’t find that story. It may have been moved or unpublished.")
    else:
        title, description = f"{what} not found", "We couldn’t find that page. It may have been moved or unpublished."
    return PageMeta(
        title=f"{title} | {SITE_NAME}",
        description=description,
        url=site_url + path,
        image=site_url + DEFAULT_IMAGE,
        robots="noindex",
        language=language,
    )


# ---------------------------------------------------------------- markup


def head_html(meta: PageMeta) -> str:
    """Tags for ``<head>``: title, description, canonical, Open Graph, Twitter, JSON-LD."""
    tags = [
        f"<title>{esc(meta.title)}</title>",
        f'<meta name="description" content="{esc(meta.description)}"/>',
        f'<link rel="canonical" href="{esc(meta.url)}"/>',
    ]
    if meta.robots:
        tags.append(f'<meta name="robots" content="{esc(meta.robots)}"/>')
    # Feed autodiscovery: the edition's feed on every page, the section's where there is one.
    for title, path in ((SITE_NAME, edition_path(meta.language, routes.FEED)), *meta.feeds):
        tags.append(f'<link rel="alternate" type="application/atom+xml" title="{esc(title)}" href="{esc(path)}"/>')
    for hreflang, href in meta.alternates:  # the same page in the other editions
        tags.append(f'<link rel="alternate" hreflang="{esc(hreflang)}" href="{esc(href)}"/>')
    og = [
        ("og:site_name", SITE_NAME),
        ("og:type", meta.og_type),
        ("og:title", meta.title.removesuffix(f" | {SITE_NAME}")),
        ("og:description", meta.description),
        ("og:url", meta.url),
        ("og:image", meta.image),
        ("og:image:alt", meta.image_alt),
        ("og:locale", OG_LOCALES.get(meta.language, OG_LOCALES["en"])),
        *(("og:locale:alternate", OG_LOCALES[lang]) for lang, _href in meta.alternates if lang != meta.language),
    ]
    if meta.image_size:
        og += [("og:image:width", str(meta.image_size[0])), ("og:image:height", str(meta.image_size[1]))]
    if meta.og_type == "article":
        og += [
            ("article:published_time", meta.published),
            ("article:modified_time", meta.modified),
            ("article:section", meta.section),
            ("article:author", meta.author_url),
        ]
        og += [("article:tag", t) for t in meta.tags]
    tags += [f'<meta property="{esc(k)}" content="{esc(v)}"/>' for k, v in og if v]
    twitter = [
        ("twitter:card", "summary_large_image"),
        ("twitter:title", meta.title.removesuffix(f" | {SITE_NAME}")),
        ("twitter:description", meta.description),
        ("twitter:image", meta.image),
        ("twitter:image:alt", meta.image_alt),
    ]
    tags += [f'<meta name="{esc(k)}" content="{esc(v)}"/>' for k, v in twitter if v]
    return "".join(tags)


def json_ld_html(meta: PageMeta) -> str:
    """The JSON-LD block. It goes at the end of ``<head>``: a script right after the
    charset declaration makes React's hydration of the document fail (error #418)."""
    if meta.json_ld is None:
        return ""
    return f'<script type="application/ld+json">{json_for_script(meta.json_ld)}</script>'
