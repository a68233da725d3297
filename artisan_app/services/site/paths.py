"""Which paths are the site's own: the one rule behind every redirect (imported or typed by an admin).

The patterns come from ``core/routes.py``, where every page of the route registry
(``web/registry.py``), feed and API route is spelled, in each edition (``i18n``),
plus the app's machinery (Reflex's ``/_event``, ``/_upload``, ``/ping``...),
the media route and the static files in ``assets/``. A test checks that every
route the app serves is covered, so a new route is reserved the moment it exists.

``own_page`` says why a path may not become a redirect, or ``None`` if it may:

- the machinery, static files, and any page, feed or API route: never;
- anything under an edition prefix or a fixed page's first segment
  (``/ur/...``, ``/newsletter/...``, ``/editor/...``): never;
- a page named by a slug (``/article/x``, ``/tag/x``, in each edition): only while
  no article, category, author or tag has that slug here (an old slug may redirect,
  a live page never).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from sqlmodel import Session, select

from artisan_app.core import i18n, routes
from artisan_app.core.settings import PROJECT_ROOT
from artisan_app.models import Article, Author, Category, Tag
from artisan_app.services.media.storage import MEDIA_URL

ASSETS = PROJECT_ROOT / "assets"
# Reflex's own endpoints besides those under /_ (reflex_base.constants.Endpoint; a test compares).
MACHINERY = frozenset({"ping", "assets", "auth-codespace", "favicon.ico", MEDIA_URL.strip("/"), routes.HEALTHZ.strip("/")})
# Pages named by a slug: the table whose rows make them live.
SLUG_PAGES: dict[str, Any] = {routes.ARTICLE: Article, routes.CATEGORY: Category, routes.AUTHOR: Author, routes.TAG: Tag}
WORDPRESS_QUERY = re.compile(r"^/\?p=\d+$")
_SLUG = re.compile(r"\[(\w+)\]|\{(\w+)\}")
OWN = "is one of this site's own addresses"
LIVE = "is a live page of this site"


def _patterns() -> list[str]:
    """Every path pattern spelled in ``core/routes.py``, in every edition."""
    own = [value for name, value in vars(routes).items() if name.isupper() and isinstance(value, str) and value.startswith("/")]
    own.append("/" + routes.NOT_FOUND)
    return sorted({i18n.edition_path(language, p) for p in own for language in i18n.LANGUAGES})


def _regex(pattern: str) -> re.Pattern[str]:
    body = re.escape(pattern.rstrip("/") or "/")
    return re.compile("^" + re.sub(r"\\\[\w+\\\]|\\\{\w+\\\}", "([^/]+)", body) + "$")


@lru_cache(maxsize=1)
def _table() -> tuple[list[tuple[re.Pattern[str], Any]], frozenset[str]]:
    """(each pattern's regex and the table naming its slug, if any; the reserved first segments: those
    of the machinery, of the static files, and of every fixed page: ``/ur/``, ``/newsletter``...)."""
    matchers: list[tuple[re.Pattern[str], Any]] = []
    segments = set(MACHINERY)
    for pattern in _patterns():
        matchers.append((_regex(pattern), SLUG_PAGES.get(i18n.split_edition(pattern)[1])))
        if not _SLUG.search(pattern):
            segments.add(pattern.strip("/").split("/")[0])
    if ASSETS.is_dir():
        segments.update(entry.name for entry in ASSETS.iterdir())
    segments.discard("")
    return matchers, frozenset(segments)


def reserved(path: str) -> str | None:
    """Why ``path`` (decoded, as ``redirects.normalise`` gives it) belongs to the site whatever the
    database holds, or ``None``. Pages named by a slug are left to ``own_page``. WordPress's query
    links (``/?p=12``, the key ``redirects.key_for`` makes of them) are no page here."""
    if WORDPRESS_QUERY.match(path):
        return None
    path = path.split("?", 1)[0]
    if path in ("", "/") or path.startswith("/_"):
        return OWN
    matchers, segments = _table()
    for regex, table in matchers:
        if regex.match(path.rstrip("/") or "/"):
            return None if table is not None else OWN
    first = path.strip("/").split("/")[0]
    return OWN if first in segments else None


def own_page(session: Session, path: str) -> str | None:
    """Why ``path`` may not redirect (the site's own address, or a live page), or ``None`` if it may."""
    reason = reserved(path)
    if reason is not None:
        return reason
    bare = path.split("?", 1)[0].rstrip("/")
    for regex, table in _table()[0]:
        found = regex.match(bare)
        if found is not None and table is not None:
            slug = found.group(1)
            taken = session.exec(select(table.id).where(table.slug == slug)).first()
            return LIVE if taken is not None else None
    return None
