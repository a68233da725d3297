"""HTTP routes served next to the Reflex app (``rx.App(api_transformer=build_api())``).

Reflex mounts itself under this Starlette app, so these routes win over the
frontend: Atom feeds, the sitemap and robots.txt from the database, and the
public pages (front page, article, section, author, topic) as the build's SPA
shell with title, description, Open Graph and JSON-LD (``services/seo.py``)
and the page's first view: its content as HTML, shown until the app has loaded
(``artisan_app/first_view``). Pages are gzip-compressed for browsers that accept it.

To add a route, add it to ``api_routes``. Handlers are plain functions:
Starlette runs them in its thread pool, since the services are synchronous.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute, Route, request_response

from artisan_app import db, first_view, routes, wording
from artisan_app.health import health_routes, on_outage
from artisan_app.media_route import media_routes
from artisan_app.newsletter_routes import newsletter_routes
from artisan_app.redirect_middleware import RedirectMiddleware
from artisan_app.services import articles, catalog, comment_thread, corrections, featured, feeds, seo
from artisan_app.settings import settings
from artisan_app.web.dev_shell import DevShell, dev_frontend_url
from artisan_app.web.page_cache import PageCache, cached_page

ATOM = "application/atom+xml; charset=utf-8"
XML = "application/xml; charset=utf-8"
HTML = "text/html; charset=utf-8"
FEED_CACHE = "public, max-age=300"
# Where pages get their HTML shell: the production build, or the dev server.
Shell = seo.ShellCache | DevShell


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


# ---------------------------------------------------------------- pages with a first view


def _page(shell: Shell, meta: seo.PageMeta, view: str = "", status: int = 200) -> Response:
    # With a first view, it paints before the app's modules are fetched. The shell
    # names hashed assets of the current build: always revalidate.
    document = seo.render(shell.with_boot_after_first_paint() if view else shell.get(), meta, view)
    return Response(document, status_code=status, media_type=HTML,
                    headers={"Cache-Control": "no-cache"})


def public_pages(shell: Shell) -> dict[str, Callable[[Request], Response]]:
    """Handlers for ``/``, ``/article/{slug}``, ``/category/{slug}``, ``/author/{slug}``, ``/tag/{slug}``
    (and ``/search``, without a first view).

    Each shows what the app's own page shows first (the same first page of a
    list: ``settings.page_size`` stories). Unknown or unpublished slugs answer
    404 with the app's not-found page, and the browser app still boots.
    """

    def missing(request: Request, session, kind: str) -> Response:
        meta = seo.not_found_meta(path=request.url.path, site_url=_site_url(), what=kind)
        return _page(shell, meta, first_view.not_found(kind, categories=catalog.list_categories(session)), 404)

    def front(request: Request) -> Response:
        with db.session_scope() as session:
            page = featured.front_page(session, limit=settings.page_size)  # the featured story leads
            view = first_view.front(page.items[0] if page.items else None, page.items[1:], has_more=page.has_more,
                                    categories=catalog.list_categories(session))
        return _page(shell, seo.front_meta(site_url=_site_url()), view)

    def article(request: Request) -> Response:
        with db.session_scope() as session:
            detail = articles.get_article(session, request.path_params["slug"])
            if detail is None:
                return missing(request, session, "Article")
            thread = comment_thread.thread_page(session, detail.id)  # the app's first page of comments
            view = first_view.article(detail, categories=catalog.list_categories(session),
                                      comment_count=thread.approved_count, thread=thread)
        return _page(shell, seo.article_meta(detail, site_url=_site_url()), view)

    def listing(kind: str, lookup, filter_name: str, build) -> Callable[[Request], Response]:
        def handler(request: Request) -> Response:
            slug = request.path_params["slug"]
            with db.session_scope() as session:
                subject = lookup(session, slug)
                if subject is None:
                    return missing(request, session, kind)
                page = articles.latest_articles(session, limit=settings.page_size, **{filter_name: slug})
                view = first_view.listing(kind, subject, page.items, has_more=page.has_more,
                                          categories=catalog.list_categories(session))
            meta = build(subject, site_url=_site_url())
            # An empty listing (say, a topic only drafts use) is not worth indexing.
            return _page(shell, meta if page.items else dataclasses.replace(meta, robots="noindex"), view)

        return handler

    def search(request: Request) -> Response:
        # No first view (results need the app); served here so that a plain GET
        # of the masthead's form (the first view's, or without JavaScript) keeps
        # its URL, /search?q=..., instead of the static build's redirect to /search/.
        return _page(shell, seo.search_meta(site_url=_site_url()))

    def corrections_page(request: Request) -> Response:
        with db.session_scope() as session:
            view = first_view.corrections(corrections.recent_corrections(session),
                                          categories=catalog.list_categories(session))
        meta = seo.listing_meta(name="Corrections", description=wording.CORRECTIONS_INTRO, path=routes.CORRECTIONS,
                                site_url=_site_url())
        return _page(shell, meta, view)

    return {
        "corrections": corrections_page,
        "front": front,
        "search": search,
        "article": article,
        "category": listing("Section", catalog.get_category, "category_slug", seo.category_meta),
        "author": listing("Author", catalog.get_author, "author_slug", seo.author_meta),
        "tag": listing("Topic", catalog.get_tag, "tag_slug", seo.tag_meta),
    }


def _html_page(handler: Callable[[Request], Response], shell: Shell):
    """A page handler as an ASGI app: the outage fallback, then gzip."""
    return GZipMiddleware(request_response(on_outage(handler, shell.get)), minimum_size=500)


def _shell_stamp(shell: Shell) -> Callable[[], str]:
    """Names the build a cached page was made from (a new build renders again)."""
    def stamp() -> str:
        try:
            stat = shell.path.stat()
        except (AttributeError, OSError):
            return "none"
        return f"{stat.st_mtime_ns}-{stat.st_size}"
    return stamp


def page_cache_for(shell: Shell) -> PageCache | None:
    """The cache for the public pages' first HTML (``web/page_cache.py``); none under the dev server."""
    if not settings.page_cache or isinstance(shell, DevShell):
        return None
    return PageCache(settings.redis_url, seconds=settings.page_cache_seconds,
                     stale_seconds=settings.page_stale_seconds)


def api_routes(shell: Shell, cache: PageCache | None = None) -> list[BaseRoute]:
    """Every extra route. More specific paths first (``/category/{slug}/feed.xml``)."""
    pages = {name: cached_page(page, cache, _shell_stamp(shell)) if name != "search" else page
             for name, page in public_pages(shell).items()}  # the first HTML, cached per URL
    # During a database outage: 503 with Retry-After (and the app shell for pages,
    # so the browser app can show its "temporarily unavailable" notice), never a 500.
    return [
        *health_routes(),
        *media_routes(),
        Route(routes.FEED, on_outage(site_feed), methods=["GET"]),
        Route("/category/{slug}/feed.xml", on_outage(category_feed), methods=["GET"]),
        Route(routes.SITEMAP, on_outage(sitemap), methods=["GET"]),
        Route(routes.ROBOTS, robots, methods=["GET"]),
        Route(routes.HOME, _html_page(pages["front"], shell), methods=["GET"]),
        Route("/article/{slug}", _html_page(pages["article"], shell), methods=["GET"]),
        Route("/category/{slug}", _html_page(pages["category"], shell), methods=["GET"]),
        Route("/author/{slug}", _html_page(pages["author"], shell), methods=["GET"]),
        Route("/tag/{slug}", _html_page(pages["tag"], shell), methods=["GET"]),
        Route(routes.SEARCH, _html_page(pages["search"], shell), methods=["GET"]),
        Route(routes.CORRECTIONS, _html_page(pages["corrections"], shell), methods=["GET"]),
        *newsletter_routes(),
    ]


def build_api(*, shell_path: Path | None = None) -> Starlette:
    """The Starlette app Reflex mounts itself under (``rx.App(api_transformer=...)``).

    Under ``reflex run`` in development, pages wrap the dev server's shell
    (``web/dev_shell.py``); otherwise the production build's (or ``shell_path``).
    """
    dev_url = None if shell_path else dev_frontend_url()
    shell = DevShell(dev_url) if dev_url else seo.ShellCache(shell_path or seo.SHELL_PATH)
    cache = page_cache_for(shell)
    return Starlette(routes=api_routes(shell, cache),  # old addresses (WordPress, changed slugs): 301
                     middleware=[Middleware(RedirectMiddleware, generation=cache.generation if cache else None)])
