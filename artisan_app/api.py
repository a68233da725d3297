"""HTTP routes served next to the Reflex app (``rx.App(api_transformer=build_api())``).

Reflex mounts itself under this Starlette app, so these routes win over the
frontend: Atom feeds, the sitemap and robots.txt from the database, and
crawler-readable HTML for the pages the browser app renders client-side
(the build's SPA shell with title, description, Open Graph, JSON-LD and the
page text injected; see ``services/seo.py``).

To add a route, add it to ``api_routes``. Handlers are plain functions:
Starlette runs them in its thread pool, since the services are synchronous.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

from artisan_app.health import health_routes, on_outage

from artisan_app import db, routes
from artisan_app.services import articles, catalog, feeds, seo
from artisan_app.settings import settings

ATOM = "application/atom+xml; charset=utf-8"
XML = "application/xml; charset=utf-8"
HTML = "text/html; charset=utf-8"
FEED_CACHE = "public, max-age=300"
LISTING_ITEMS = 20


def _site_url() -> str:
    return settings.site_url


# ---------------------------------------------------------------- feeds, sitemap, robots


def site_feed(request: Request) -> Response:
    with db.session_scope() as session:
        body = feeds.site_feed(session, site_url=_site_url())
    return Response(body, media_type=ATOM, headers={"Cache-Control": FEED_CACHE})


def category_feed(request: Request) -> Response:
    with db.session_scope() as session:
        body = feeds.category_feed(session, request.path_params["slug"], site_url=_site_url())
    if body is None:
        return PlainTextResponse("No such section.", status_code=404)
    return Response(body, media_type=ATOM, headers={"Cache-Control": FEED_CACHE})


def sitemap(request: Request) -> Response:
    with db.session_scope() as session:
        body = feeds.sitemap_xml(session, site_url=_site_url())
    return Response(body, media_type=XML, headers={"Cache-Control": FEED_CACHE})


def robots(request: Request) -> Response:
    return PlainTextResponse(feeds.robots_txt(site_url=_site_url()), headers={"Cache-Control": FEED_CACHE})


# ---------------------------------------------------------------- crawler-readable pages


def _page(shell: seo.ShellCache, meta: seo.PageMeta, status: int = 200) -> Response:
    # The shell names hashed assets of the current build: always revalidate.
    return Response(seo.render(shell.get(), meta), status_code=status, media_type=HTML,
                    headers={"Cache-Control": "no-cache"})


def crawler_pages(shell: seo.ShellCache) -> dict[str, Callable[[Request], Response]]:
    """Handlers for ``/article/{slug}``, ``/category/{slug}``, ``/author/{slug}``, ``/tag/{slug}``.

    Unknown or unpublished slugs answer 404 with the same shell (and a not-found
    title), so the browser app still boots and shows its own not-found page.
    """

    def article(request: Request) -> Response:
        slug = request.path_params["slug"]
        with db.session_scope() as session:
            detail = articles.get_article(session, slug)
        if detail is None:
            return _page(shell, seo.not_found_meta(path=request.url.path, site_url=_site_url(), what="Article"), 404)
        return _page(shell, seo.article_meta(detail, site_url=_site_url()))

    def listing(kind: str, lookup, filter_name: str, build) -> Callable[[Request], Response]:
        def handler(request: Request) -> Response:
            slug = request.path_params["slug"]
            with db.session_scope() as session:
                subject = lookup(session, slug)
                cards = (
                    articles.latest_articles(session, limit=LISTING_ITEMS, **{filter_name: slug}).items
                    if subject is not None
                    else []
                )
            if subject is None:
                return _page(shell, seo.not_found_meta(path=request.url.path, site_url=_site_url(), what=kind), 404)
            meta = build(subject, cards, site_url=_site_url())
            # An empty listing (say, a topic only drafts use) is not worth indexing.
            return _page(shell, meta if cards else dataclasses.replace(meta, robots="noindex"))

        return handler

    return {
        "article": article,
        "category": listing("Section", catalog.get_category, "category_slug", seo.category_meta),
        "author": listing("Author", catalog.get_author, "author_slug", seo.author_meta),
        "tag": listing("Topic", catalog.get_tag, "tag_slug", seo.tag_meta),
    }


def api_routes(shell: seo.ShellCache) -> list[BaseRoute]:
    """Every extra route. More specific paths first (``/category/{slug}/feed.xml``)."""
    pages = crawler_pages(shell)
    # During a database outage: 503 with Retry-After (and the app shell for pages,
    # so the browser app can show its "temporarily unavailable" notice), never a 500.
    return [
        *health_routes(),
        Route(routes.FEED, on_outage(site_feed), methods=["GET"]),
        Route("/category/{slug}/feed.xml", on_outage(category_feed), methods=["GET"]),
        Route(routes.SITEMAP, on_outage(sitemap), methods=["GET"]),
        Route(routes.ROBOTS, robots, methods=["GET"]),
        Route("/article/{slug}", on_outage(pages["article"], shell.get), methods=["GET"]),
        Route("/category/{slug}", on_outage(pages["category"], shell.get), methods=["GET"]),
        Route("/author/{slug}", on_outage(pages["author"], shell.get), methods=["GET"]),
        Route("/tag/{slug}", on_outage(pages["tag"], shell.get), methods=["GET"]),
    ]


def build_api(*, shell_path: Path | None = None) -> Starlette:
    """The Starlette app Reflex mounts itself under (``rx.App(api_transformer=...)``)."""
    return Starlette(routes=api_routes(seo.ShellCache(shell_path or seo.SHELL_PATH)))
