"""Crawler-readable HTML for pages the app renders in the browser.

Reflex prerenders at build time, so a dynamic route such as ``/article/[slug]``
reaches crawlers and link previews as an empty shell. ``api.py`` serves those
routes with the build's own SPA shell plus, right after ``<head>``, the title,
description, canonical link, Open Graph and Twitter tags and JSON-LD, and,
right after ``<body>``, the page's text inside ``<noscript>``. The browser then
boots the full app from the same shell as usual (React skips the injected
nodes when it hydrates the document).

Everything taken from the database is escaped here: ``html.escape`` for markup
and attributes, and JSON with ``<``, ``>`` and ``&`` as ``\\u`` escapes inside
the JSON-LD ``<script>``. No function here touches the database.
"""

from __future__ import annotations

import html
import json
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from artisan_app import routes
from artisan_app.services.views import ArticleCard, ArticleDetail, AuthorProfile, CategoryLink, TagLink
from artisan_app.settings import PROJECT_ROOT

SITE_NAME = "Artisan Times"
SITE_DESCRIPTION = "Artisan Times — news and commentary beyond the headlines."
DEFAULT_IMAGE = "/og-default.png"
DEFAULT_IMAGE_SIZE = (1200, 630)
DEFAULT_IMAGE_ALT = "Artisan Times — Beyond the Headlines"
LOGO = "/logo.png"
LOGO_SIZE = (512, 512)
DESCRIPTION_CHARS = 200

# The production build's SPA shell (``reflex run --env prod`` / ``reflex export``).
SHELL_PATH = PROJECT_ROOT / ".web" / "build" / "client" / "__spa-fallback.html"

# Used when there is no build (development, tests): enough for crawlers.
FALLBACK_SHELL = (
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"/>'
    '<meta content="width=device-width, initial-scale=1" name="viewport"/>'
    "</head><body></body></html>"
)


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
    json_ld: dict | None = None
    body_html: str = ""  # already-escaped markup for the <noscript> block
    robots: str = ""  # e.g. "noindex" for not-found pages


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


def article_meta(detail: ArticleDetail, *, site_url: str) -> PageMeta:
    card = detail.card
    url = site_url + routes.article_url(card.slug)
    image = site_url + DEFAULT_IMAGE
    description = clip(card.excerpt or card.kicker or card.headline)
    author_url = site_url + routes.author_url(detail.author.slug)
    json_ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": card.headline,
        "description": description,
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "image": [image],
        "datePublished": card.published_iso,
        "dateModified": detail.updated_iso or card.published_iso,
        "author": [{"@type": "Person", "name": detail.author.name, "url": author_url}],
        "publisher": {
            "@type": "Organization",
            "name": SITE_NAME,
            "url": site_url + "/",
            "logo": {"@type": "ImageObject", "url": site_url + LOGO, "width": LOGO_SIZE[0], "height": LOGO_SIZE[1]},
        },
        "articleSection": card.category_name,
        "keywords": [t.name for t in detail.tags],
        "inLanguage": "en",
    }
    return PageMeta(
        title=f"{card.headline} | {SITE_NAME}",
        description=description,
        url=url,
        image=image,
        og_type="article",
        published=card.published_iso,
        modified=detail.updated_iso,
        section=card.category_name,
        author_url=author_url,
        tags=tuple(t.name for t in detail.tags),
        json_ld=json_ld,
        body_html=article_body_html(detail, site_url=site_url),
    )


def listing_meta(
    *, kind: str, name: str, description: str, path: str, site_url: str, cards: Sequence[ArticleCard],
    image: str = "",
) -> PageMeta:
    """A category, author or tag page: its name, description and latest stories."""
    url = site_url + path
    description = clip(description) or f"The latest stories in {name} from {SITE_NAME}."
    json_ld = {
        "@context": "https://schema.org",
        "@type": "CollectionPage",
        "name": f"{name} | {SITE_NAME}",
        "description": description,
        "url": url,
        "isPartOf": {"@type": "WebSite", "name": SITE_NAME, "url": site_url + "/"},
    }
    return PageMeta(
        title=f"{name} | {SITE_NAME}",
        description=description,
        url=url,
        image=site_url + DEFAULT_IMAGE,
        json_ld=json_ld,
        body_html=listing_body_html(kind=kind, name=name, description=description, cards=cards),
    )


def category_meta(category: CategoryLink, cards: Sequence[ArticleCard], *, site_url: str) -> PageMeta:
    return listing_meta(kind="Section", name=category.name, description=category.description,
                        path=routes.category_url(category.slug), site_url=site_url, cards=cards)


def author_meta(author: AuthorProfile, cards: Sequence[ArticleCard], *, site_url: str) -> PageMeta:
    return listing_meta(kind="Author", name=author.name, description=author.bio,
                        path=routes.author_url(author.slug), site_url=site_url, cards=cards)


def tag_meta(tag: TagLink, cards: Sequence[ArticleCard], *, site_url: str) -> PageMeta:
    return listing_meta(kind="Topic", name=tag.name, description=f"Stories about {tag.name} from {SITE_NAME}.",
                        path=routes.tag_url(tag.slug), site_url=site_url, cards=cards)


def not_found_meta(*, path: str, site_url: str, what: str = "Page") -> PageMeta:
    return PageMeta(
        title=f"{what} not found | {SITE_NAME}",
        description="We couldn’t find that page. It may have been moved or unpublished.",
        url=site_url + path,
        image=site_url + DEFAULT_IMAGE,
        robots="noindex",
        body_html=f"<h1>{esc(what)} not found</h1><p><a href=\"/\">Back to the front page</a></p>",
    )


# ---------------------------------------------------------------- markup


def article_body_html(detail: ArticleDetail, *, site_url: str) -> str:
    card = detail.card
    parts = [
        "<article>",
        f'<p><a href="{esc(routes.category_url(card.category_slug))}">{esc(card.category_name)}</a></p>',
        f"<p>{esc(card.kicker)}</p>" if card.kicker else "",
        f"<h1>{esc(card.headline)}</h1>",
        f"<p>{esc(card.excerpt)}</p>" if card.excerpt else "",
        f'<p>By <a href="{esc(routes.author_url(detail.author.slug))}">{esc(detail.author.name)}</a> · '
        f'<time datetime="{esc(card.published_iso)}">{esc(card.published_label)}</time></p>',
    ]
    for section in detail.sections:
        parts.append(f"<h2>{section.number}. {esc(section.heading)}</h2>")
        for block in section.blocks:
            if block.kind == "quote":
                cite = f"<figcaption>— {esc(block.attribution)}</figcaption>" if block.attribution else ""
                parts.append(f"<figure><blockquote><p>{esc(block.text)}</p></blockquote>{cite}</figure>")
            else:
                parts.append(f"<p>{esc(block.text)}</p>")
    if detail.tags:
        links = "".join(f'<li><a href="{esc(routes.tag_url(t.slug))}">{esc(t.name)}</a></li>' for t in detail.tags)
        parts.append(f"<ul>{links}</ul>")
    parts.append("</article>")
    return "".join(parts)


def listing_body_html(*, kind: str, name: str, description: str, cards: Sequence[ArticleCard]) -> str:
    items = "".join(
        f'<li><a href="{esc(routes.article_url(c.slug))}">{esc(c.headline)}</a> — {esc(c.excerpt)}</li>' for c in cards
    )
    return (
        f"<p>{esc(kind)}</p><h1>{esc(name)}</h1><p>{esc(description)}</p>"
        + (f"<ul>{items}</ul>" if items else "")
    )


def head_html(meta: PageMeta) -> str:
    """Tags for ``<head>``: title, description, canonical, Open Graph, Twitter, JSON-LD."""
    tags = [
        f"<title>{esc(meta.title)}</title>",
        f'<meta name="description" content="{esc(meta.description)}"/>',
        f'<link rel="canonical" href="{esc(meta.url)}"/>',
    ]
    if meta.robots:
        tags.append(f'<meta name="robots" content="{esc(meta.robots)}"/>')
    og = [
        ("og:site_name", SITE_NAME),
        ("og:type", meta.og_type),
        ("og:title", meta.title.removesuffix(f" | {SITE_NAME}")),
        ("og:description", meta.description),
        ("og:url", meta.url),
        ("og:image", meta.image),
        ("og:image:alt", meta.image_alt),
        ("og:locale", "en_GB"),
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


_HEAD_CLOSE = re.compile(r"</head\s*>", re.IGNORECASE)


def body_html(meta: PageMeta) -> str:
    return f'<noscript id="crawler-content">{meta.body_html}</noscript>' if meta.body_html else ""


# ---------------------------------------------------------------- the shell

_HEAD_OPEN = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
_BODY_OPEN = re.compile(r"<body\b[^>]*>", re.IGNORECASE)
_CHARSET = re.compile(r"<meta\b[^>]*\bcharset\s*=[^>]*>", re.IGNORECASE)
# Tags this module writes itself; any copy already in the shell's <head> goes.
_DUPLICATES = re.compile(
    r"<title\b[^>]*>.*?</title\s*>"
    r"|<meta\b[^>]*\b(?:name|property)\s*=\s*[\"']?(?:description|robots|og:[\w:]+|article:[\w:]+|twitter:[\w:]+)\b[^>]*>"
    r"|<link\b[^>]*\brel\s*=\s*[\"']?canonical\b[^>]*>",
    re.IGNORECASE | re.DOTALL,
)


def strip_head_duplicates(shell: str) -> str:
    """Remove title, description, robots, OG/Twitter and canonical tags from the shell's head."""
    head = _HEAD_OPEN.search(shell)
    body = _BODY_OPEN.search(shell)
    if head is None:
        return shell
    end = body.start() if body is not None and body.start() > head.end() else len(shell)
    return shell[: head.end()] + _DUPLICATES.sub("", shell[head.end() : end]) + shell[end:]


def render(shell: str, meta: PageMeta) -> str:
    """``shell`` with ``meta`` injected: head tags first in ``<head>`` (after the
    charset declaration when there is one), page text first in ``<body>``."""
    shell = strip_head_duplicates(shell)
    head = _HEAD_OPEN.search(shell)
    if head is None:  # not an HTML document we understand: start from ours
        shell = FALLBACK_SHELL
        head = _HEAD_OPEN.search(shell)
    charset = _CHARSET.search(shell, head.end())
    body = _BODY_OPEN.search(shell)
    at = charset.end() if charset is not None and (body is None or charset.start() < body.start()) else head.end()
    shell = shell[:at] + head_html(meta) + shell[at:]
    close = _HEAD_CLOSE.search(shell, at)
    if close is not None:
        shell = shell[: close.start()] + json_ld_html(meta) + shell[close.start() :]
    else:
        shell = shell[:at] + json_ld_html(meta) + shell[at:]
    body = _BODY_OPEN.search(shell, at)
    if body is None:
        return shell + body_html(meta)
    return shell[: body.end()] + body_html(meta) + shell[body.end() :]


class ShellCache:
    """The SPA shell's text, read once and again only when the file changes."""

    def __init__(self, path: Path = SHELL_PATH):
        self.path = Path(path)
        self._lock = threading.Lock()
        self._stamp: tuple[int, int] | None = None
        self._text = FALLBACK_SHELL

    def get(self) -> str:
        try:
            stat = self.path.stat()
        except OSError:
            return FALLBACK_SHELL
        stamp = (stat.st_mtime_ns, stat.st_size)
        if stamp != self._stamp:
            with self._lock:
                if stamp != self._stamp:
                    try:
                        self._text = self.path.read_text("utf-8")
                    except OSError:
                        return FALLBACK_SHELL
                    self._stamp = stamp
        return self._text
