"""Answer old addresses with 301 before the app sees them (``services/site/redirects.py`` keeps the table).

Pure ASGI, wrapped around everything ``build_api`` serves (Reflex mounts itself
inside that app, so the frontend's paths pass through here too). Only GET and
HEAD requests for page-like paths are looked up (one indexed query, in a
worker thread); the websocket, uploads and static files never are. If the
database does not answer (an error, or nothing within ``LOOKUP_TIMEOUT_SECONDS``:
a hung server), the request goes on to the app, which has its own outage handling.

A confirmed redirect's 301 may be cached for an hour; one waiting for an
admin's confirmation (an imported one) only for a minute, so a wrong one
stops answering soon after it is removed.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable
from urllib.parse import quote

import anyio
from starlette.types import ASGIApp, Receive, Scope, Send

from artisan_app.core import db
from artisan_app.services.site import redirects

GENERATION_SCOPE_KEY = "artisan.content_generation"  # as web/page_cache.py reads it
KNOWN_PATHS = 4096
KNOWN_SECONDS = 60  # and at most this long (a change made by another process without a shared Redis)
CONFIRMED_CACHE = b"public, max-age=3600"
UNCONFIRMED_CACHE = b"public, max-age=60"
LOOKUP_TIMEOUT_SECONDS = 3.0


def _lookup(path: str, query: str) -> redirects.Found | None:
    try:
        with db.session_scope() as session:
            return redirects.find(session, path, query)
    except Exception:  # noqa: BLE001 - a database outage is the app's to report
        return None


class RedirectMiddleware:
    """``generation``: the page cache's (``web/page_cache.py``), bumped by any change to the
    redirect table too; with it, each path's answer is remembered until the next change, so
    a cached page costs no query here either."""

    def __init__(self, app: ASGIApp, generation: Callable[[], str | None] | None = None):
        self.app = app
        self.generation = generation
        self._known: OrderedDict[tuple[str, str], tuple[str, redirects.Found | None, float]] = OrderedDict()

    def _resolve(self, scope: Scope, path: str, query: str) -> redirects.Found | None:
        generation = self.generation() if self.generation is not None else None
        if generation is None:
            return _lookup(path, query)
        scope[GENERATION_SCOPE_KEY] = generation  # the page cache asks no second time
        key = (path, query)
        known = self._known.get(key)
        if known is not None and known[0] == generation and time.monotonic() < known[2]:
            return known[1]
        target = _lookup(path, query)
        self._known[key] = (generation, target, time.monotonic() + KNOWN_SECONDS)
        self._known.move_to_end(key)
        while len(self._known) > KNOWN_PATHS:
            self._known.popitem(last=False)
        return target

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") not in ("GET", "HEAD") or not redirects.should_look_up(scope["path"]):
            await self.app(scope, receive, send)
            return
        path, query = scope["path"], scope.get("query_string", b"").decode("latin-1")
        found = None
        with anyio.move_on_after(LOOKUP_TIMEOUT_SECONDS):  # the abandoned lookup ends when the database does
            found = await anyio.to_thread.run_sync(self._resolve, scope, path, query, abandon_on_cancel=True)
        if found is None:  # no redirect, or one that would loop or hide a live page (``redirects.find``)
            await self.app(scope, receive, send)
            return
        location = quote(found.target, safe="/:?=&#%@+,;~!$'()*")
        await send(
            {
                "type": "http.response.start",
                "status": 301,
                "headers": [
                    (b"location", location.encode("latin-1")),
                    (b"content-length", b"0"),
                    (b"cache-control", CONFIRMED_CACHE if found.confirmed else UNCONFIRMED_CACHE),
                ],
            }
        )
        await send({"type": "http.response.body", "body": b""})
