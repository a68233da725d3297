"""Route patterns and URL builders: the only place paths are spelled out.

The route registry (``web/registry.py``) says what each pattern serves. URL
builders take a string (quoted here) or a Reflex var (joined in the browser;
slugs are ``[a-z0-9-]``, made by ``services/slugs``), so no component or
template spells a path itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote, urlencode

HOME = "/"
CATEGORY = "/category/[slug]"
ARTICLE = "/article/[slug]"
AUTHOR = "/author/[slug]"
TAG = "/tag/[slug]"
NOT_FOUND = "404"
SEARCH = "/search"
FEED = "/feed.xml"
CATEGORY_FEED = "/category/[slug]/feed.xml"
SITEMAP = "/sitemap.xml"
ROBOTS = "/robots.txt"
HEALTHZ = "/healthz"
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
COMMENT_POST = "/comments/post"  # the first view's comment form (``web/endpoints/comments.py``)
EDITOR_NEWSLETTER = "/editor/newsletter"
EDITOR_OUTBOX = "/editor/outbox"


def _with_slug(prefix: str, slug: Any, suffix: str = "") -> Any:
    if isinstance(slug, str):
        return f"{prefix}{quote(slug)}{suffix}"
    return prefix + slug + suffix if suffix else prefix + slug  # a Reflex var: a JS expression


def category_url(slug: Any) -> Any:
    return _with_slug("/category/", slug)


def article_url(slug: Any) -> Any:
    return _with_slug("/article/", slug)


def author_url(slug: Any) -> Any:
    return _with_slug("/author/", slug)


def tag_url(slug: Any) -> Any:
    return _with_slug("/tag/", slug)


def category_feed_url(slug: Any) -> Any:
    return _with_slug("/category/", slug, "/feed.xml")


def starlette_path(pattern: str) -> str:
    """``/article/[slug]`` → ``/article/{slug}`` (the HTTP route of a Reflex page pattern)."""
    return re.sub(r"\[(\w+)\]", r"{\1}", pattern)


def paths_regex(patterns: Iterable[str], *, with_query: bool = False) -> str:
    """One regular expression matching the paths of ``patterns`` (with or without a trailing slash);
    ``with_query``: and URLs of them with a query. Plain enough for JavaScript's ``RegExp`` too."""
    parts = []
    for pattern in patterns:
        body = re.escape(pattern.rstrip("/"))
        parts.append(re.sub(r"\\\[\w+\\\]", "[^/]+", body) + "/?")
    return "^(?:" + "|".join(parts) + ")" + (r"(?:\?.*)?" if with_query else "") + "$"


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


def editor_article_url(article_id: Any) -> Any:
    """``article_id``: a number, or a Reflex var holding one."""
    if isinstance(article_id, (int, str)):
        return f"/editor/article/{article_id}"
    return "/editor/article/" + article_id.to_string()


EDITOR_REDIRECTS = "/editor/redirects"
EDITOR_IMPORT = "/editor/import"

CORRECTIONS = "/corrections"  # corrections and updates in the open


# The Urdu edition: the English edition's pages under /ur (``i18n.edition_path``).
UR_HOME = "/ur/"
UR_ARTICLE = "/ur/article/[slug]"
UR_CATEGORY = "/ur/category/[slug]"
UR_AUTHOR = "/ur/author/[slug]"
UR_TAG = "/ur/tag/[slug]"
UR_SEARCH = "/ur/search"
UR_CORRECTIONS = "/ur/corrections"  # corrections on the Urdu edition's articles
