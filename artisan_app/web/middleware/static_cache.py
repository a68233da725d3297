"""How long browsers and CDNs may keep the frontend's static files
(``rx.App(api_transformer=[..., cache_static, ...])``).

Reflex serves the production build's files without ``Cache-Control``, which left every
repeat visit to revalidate them (or to guess a lifetime from ``Last-Modified``):

* ``/assets/`` holds the build's files, named by their content's hash
  (``__reflex_global_styles-CU-qHtx_.css``): a new build means new names, so they are
  kept for a year, ``immutable``;
* ``/fonts/`` holds the site's faces under fixed names: kept for 30 days. A visit
  fetches them after its first paint for the next pages (``artisan_app/render/fonts.py``),
  which then take them from the cache; after a font update a reader may see the old
  face of the same family for up to that long.

Only successful ``GET``/``HEAD`` answers that set no ``Cache-Control`` of their own are
touched. Pages (``web/page_cache.py``) and uploaded images (``web/endpoints/media.py``) set
their own.
"""

from __future__ import annotations

import re

from starlette.types import ASGIApp, Message, Receive, Scope, Send

IMMUTABLE = b"public, max-age=31536000, immutable"
FONTS = b"public, max-age=2592000"
# A build file's name ends in Vite's content hash: ``name-<8 characters>.ext``.
_HASHED = re.compile(r"^/assets/[^/]*-[A-Za-z0-9_-]{8}\.[a-z0-9]+$")


def policy_for(path: str) -> bytes | None:
    """The ``Cache-Control`` for a static file's path, or None to leave the answer alone."""
    if _HASHED.match(path):
        return IMMUTABLE
    if path.startswith("/fonts/") and path.endswith(".woff2"):
        return FONTS
    return None


class StaticCache:
    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        policy = policy_for(scope.get("path", "")) if scope["type"] == "http" else None
        if policy is None or scope.get("method") not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return

        async def send_with_policy(message: Message) -> None:
            if message["type"] == "http.response.start" and message.get("status") in (200, 304):
                headers = list(message.get("headers") or [])
                if not any(k.lower() == b"cache-control" for k, _ in headers):
                    message = {**message, "headers": [*headers, (b"cache-control", policy)]}
            await send(message)

        await self.app(scope, receive, send_with_policy)


def cache_static(app: ASGIApp) -> ASGIApp:
    """The transformer given to ``rx.App(api_transformer=[...])``."""
    return StaticCache(app)
