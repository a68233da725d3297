"""Route patterns and URL builders: the only place paths are spelled out."""

from __future__ import annotations

from urllib.parse import quote

HOME = "/"
CATEGORY = "/category/[slug]"
ARTICLE = "/article/[slug]"
AUTHOR = "/author/[slug]"
TAG = "/tag/[slug]"
NOT_FOUND = "404"


def category_url(slug: str) -> str:
    return f"/category/{quote(slug)}"


def article_url(slug: str) -> str:
    return f"/article/{quote(slug)}"


def author_url(slug: str) -> str:
    return f"/author/{quote(slug)}"


def tag_url(slug: str) -> str:
    return f"/tag/{quote(slug)}"


def slug_from_path(path: str, prefix: str) -> str:
    """``/article/some-slug/`` with prefix ``article`` → ``some-slug``; anything else → ``""``."""
    parts = [p for p in path.split("?", 1)[0].split("/") if p]
    if len(parts) == 2 and parts[0] == prefix:
        return parts[1]
    return ""
