"""HTTP routes served next to the Reflex app (``rx.App(api_transformer=build_api())``).

Reflex mounts itself under this Starlette app, so these routes win over the
frontend: Atom feeds, the sitemap and robots.txt from the database, and every
page of the route registry (``web/registry.py``) that has a first view, as the
build's SPA shell with title, description, Open Graph and JSON-LD
(``services/site/seo.py``) and the page's first view (``web/first_views.py``,
markup from ``artisan_app/render``): its content as HTML, shown until the app
has loaded. Pages are gzip-compressed for browsers that accept it.

Pages are added in the registry; other routes in ``api_routes``. Handlers are
plain functions: Starlette runs them in its thread pool (the services are synchronous).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

from sqlmodel import Session
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import BaseRoute, Route, request_response

from artisan_app.core import db, routes
from artisan_app.core.settings import settings
from artisan_app.services.site import feeds
from artisan_app.web import first_views, registry
from artisan_app.web import shell as web_shell
from artisan_app.web.dev.shell import DevShell, dev_frontend_url
from artisan_app.web.endpoints.comments import comment_form_routes
from artisan_app.web.endpoints.editions import edition_routes
from artisan_app.web.endpoints.health import health_routes, on_outage
from artisan_app.web.endpoints.media import media_routes
from artisan_app.web.endpoints.newsletter import newsletter_routes
from artisan_app.web.endpoints.not_found import NotFoundPage
from artisan_app.web.first_views import FirstView
from artisan_app.web.middleware.redirects import RedirectMiddleware
from artisan_app.web.page_cache import PageCache, cached_page

ATOM = "application/atom+xml; charset=utf-8"
XML = "application/xml; charset=utf-8"
HTML = "text/html; charset=utf-8"
FEED_CACHE = "public, max-age=300"
# Where pages get their HTML shell: the production build, or the dev server.
Shell = web_shell.ShellCache | DevShell


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
        body = feeds.sitemap_xml(session, registry.sitemap_sources(), site_url=_site_url())
    return Response(body, media_type=XML, headers={"Cache-Control": FEED_CACHE})


def robots(request: Request) -> Response:
    return PlainTextResponse(feeds.robots_txt(site_url=_site_url()), headers={"Cache-Control": FEED_CACHE})


# ---------------------------------------------------------------- pages with a first view


def _page(shell: Shell, view: FirstView) -> Response:
    # The first view paints before the app's modules are fetched. The shell names
    # hashed assets of the current build: always revalidate.
    document = web_shell.render(shell.with_boot_when_wanted(), view.meta, view.html)
    return Response(document, status_code=view.status, media_type=HTML, headers={"Cache-Control": "no-cache"})


def first_view_handler(shell: Shell, render_view: Callable[[Request, Session, str], FirstView]):
    """A registry row's first view as a Starlette handler: the page in the app's shell."""

    def handler(request: Request) -> Response:
        with db.session_scope() as session:
            view = render_view(request, session, _site_url())
        return _page(shell, view)

    return handler


def _without_query(
    cached: Callable[[Request], Awaitable[Response]], uncached: Callable[[Request], Response], keys: tuple[str, ...] = ()
):
    """``cached`` for the page's bare address, ``uncached`` with a query (with one of ``keys``, if
    given): the cache is keyed by path, and a page whose HTML depends on its query must never serve
    one query's answer at another URL."""

    async def handler(request: Request) -> Response:
        if any(key in request.query_params for key in keys) if keys else request.url.query:
            return await run_in_threadpool(uncached, request)
        return await cached(request)

    return handler


def _html_page(handler: Callable[[Request], Response], shell: Shell):
    """A page handler as an ASGI app: the outage fallback, then gzip."""
    return GZipMiddleware(request_response(on_outage(handler, shell.get)), minimum_size=500)


def _shell_stamp(shell: Shell) -> Callable[[], str]:
    """Names the build a cached page was made from (a new build renders again)."""

    def stamp() -> str:
        path = getattr(shell, "path", None)  # the dev server's shell has no file
        try:
            stat = path.stat() if path is not None else None
        except OSError:
            stat = None
        if stat is None:
            return "none"
        return f"{stat.st_mtime_ns}-{stat.st_size}"

    return stamp


def page_cache_for(shell: Shell) -> PageCache | None:
    """The cache for the public pages' first HTML (``web/page_cache.py``); none under the dev server."""
    if not settings.page_cache or isinstance(shell, DevShell):
        return None
    return PageCache(settings.redis_url, seconds=settings.page_cache_seconds, stale_seconds=settings.page_stale_seconds)


def api_routes(shell: Shell, cache: PageCache | None = None) -> list[BaseRoute]:
    """Every extra route. More specific paths first (``/category/{slug}/feed.xml``)."""
    # During a database outage: 503 with Retry-After (and the app shell for pages,
    # so the browser app can show its "temporarily unavailable" notice), never a 500.
    pages = []
    for page in registry.first_view_pages():  # the first HTML, cached per URL unless the page says not
        assert page.first_view is not None  # first_view_pages() lists only those
        handler = first_view_handler(shell, page.first_view)
        if page.cache:
            cached = cached_page(handler, cache, _shell_stamp(shell))
            if page.query_varies or page.query_keys:
                handler = _without_query(cached, handler, () if page.query_varies else page.query_keys)
            else:
                handler = cached
        pages.append(Route(routes.starlette_path(page.pattern), _html_page(handler, shell), methods=["GET"]))
    return [
        *health_routes(),
        *media_routes(),
        Route(routes.FEED, on_outage(site_feed), methods=["GET"]),
        *edition_routes(),  # /ur/feed.xml
        Route(routes.starlette_path(routes.CATEGORY_FEED), on_outage(category_feed), methods=["GET"]),
        Route(routes.SITEMAP, on_outage(sitemap), methods=["GET"]),
        Route(routes.ROBOTS, robots, methods=["GET"]),
        *pages,
        *newsletter_routes(),
        *comment_form_routes(),
    ]


def build_api(*, shell_path: Path | None = None) -> Starlette:
    """The Starlette app Reflex mounts itself under (``rx.App(api_transformer=...)``).

    Under ``reflex run`` in development, pages wrap the dev server's shell
    (``web/dev/shell.py``); otherwise the production build's (or ``shell_path``).
    """
    dev_url = None if shell_path else dev_frontend_url()
    shell = DevShell(dev_url) if dev_url else web_shell.ShellCache(shell_path or web_shell.SHELL_PATH)
    cache = page_cache_for(shell)
    not_found = first_view_handler(shell, first_views.missing)
    return Starlette(
        routes=api_routes(shell, cache),
        middleware=[
            # old addresses (WordPress, changed slugs): 301
            Middleware(RedirectMiddleware, generation=cache.generation if cache else None),
            # unknown addresses: the not-found page's first HTML, 404
            Middleware(NotFoundPage, page=on_outage(not_found, shell.get), registry_paths=registry.reader_paths()),
        ],
    )
