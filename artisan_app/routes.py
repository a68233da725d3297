"""Route patterns and URL builders: the only place paths are spelled out."""

from __future__ import annotations

from urllib.parse import quote, urlencode

HOME = "/"
CATEGORY = "/category/[slug]"
ARTICLE = "/article/[slug]"
AUTHOR = "/author/[slug]"
TAG = "/tag/[slug]"
NOT_FOUND = "404"
SEARCH = "/search"
FEED = "/feed.xml"
SITEMAP = "/sitemap.xml"
ROBOTS = "/robots.txt"
EDITOR = "/editor"
EDITOR_LOGIN = "/editor/login"
EDITOR_ARTICLE = "/editor/article/[id]"
EDITOR_COMMENTS = "/editor/comments"
EDITOR_SETTINGS = "/editor/settings"
EDITOR_TRASH = "/editor/trash"
NEW_ARTICLE = "new"
NEWSLETTER = "/newsletter"
NEWSLETTER_CONFIRM = "/newsletter/confirm"
NEWSLETTER_PREFERENCES = "/newsletter/preferences"
NEWSLETTER_SUBSCRIBE_POST = "/newsletter/subscribe"
EDITOR_NEWSLETTER = "/editor/newsletter"
EDITOR_OUTBOX = "/editor/outbox"


def category_url(slug: str) -> str:
    return f"/category/{quote(slug)}"


def article_url(slug: str) -> str:
    return f"/article/{quote(slug)}"


def author_url(slug: str) -> str:
    return f"/author/{quote(slug)}"


def tag_url(slug: str) -> str:
    return f"/tag/{quote(slug)}"


def category_feed_url(slug: str) -> str:
    return f"/category/{quote(slug)}/feed.xml"


def search_url(query: str = "", sort: str = "") -> str:
    """``/search?q=...`` (``sort`` only when not the default)."""
    params = {k: v for k, v in (("q", query), ("sort", sort)) if v}
    return SEARCH + ("?" + urlencode(params) if params else "")


def slug_from_path(path: str, prefix: str) -> str:
    """``/article/some-slug/`` with prefix ``article`` → ``some-slug``; anything else → ``""``."""
    parts = [p for p in path.split("?", 1)[0].split("/") if p]
    if len(parts) == 2 and parts[0] == prefix:
        return parts[1]
    return ""


def editor_article_url(article_id: int | str) -> str:
    return f"/editor/article/{article_id}"


EDITOR_REDIRECTS = "/editor/redirects"
EDITOR_IMPORT = "/editor/import"

CORRECTIONS = "/corrections"  # corrections and updates in the open (issue #18)
