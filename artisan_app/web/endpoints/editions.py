"""HTTP routes of the editions beside English that need no page template:
each edition's Atom feed (``/ur/feed.xml``). Registered with the site's other routes
(``web.http_app.api_routes``, or the route registry)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from artisan_app.core import db, routes
from artisan_app.core.i18n import DEFAULT_LANGUAGE, LANGUAGES, edition_path
from artisan_app.core.settings import settings
from artisan_app.services.site import feeds
from artisan_app.web.endpoints.health import on_outage

ATOM = "application/atom+xml; charset=utf-8"
FEED_CACHE = "public, max-age=300"


def _edition_feed(language: str):
    def feed(request: Request) -> Response:
        with db.session_scope() as session:
            body = feeds.site_feed(session, site_url=settings.site_url, language=language)
        return Response(body, media_type=ATOM, headers={"Cache-Control": FEED_CACHE})

    return feed


def edition_routes() -> list[Route]:
    """``/<lang>/feed.xml`` for every edition but the English one (``/feed.xml`` is the site's)."""
    return [
        Route(edition_path(language, routes.FEED), on_outage(_edition_feed(language)), methods=["GET"])
        for language in LANGUAGES
        if language != DEFAULT_LANGUAGE
    ]
