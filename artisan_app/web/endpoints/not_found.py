"""Unknown addresses get the not-found page's first HTML, not the build's bare 404 document.

The production build answers a path no route knows with its static ``404.html``:
an empty app shell that shows "Page not found" only once JavaScript has run. This
middleware (in ``web/http_app.py``'s Starlette app, which Reflex mounts itself under)
replaces that answer, for a page-like GET or HEAD, with the first view of the
not-found page (``web/first_views.missing``): the masthead, the message and the
link home, status 404, for readers without JavaScript and for crawlers. Paths of
registry pages answer for themselves (an unknown article is the article route's
own 404), and static files, the app's machinery and non-HTML answers pass untouched.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from artisan_app.services.site import redirects


class NotFoundPage:
    def __init__(self, app: ASGIApp, page: Callable[[Request], Awaitable[Response]], registry_paths: str):
        self.app = app
        self.page = page
        self.registry_paths = re.compile(registry_paths)

    def _page_like(self, path: str) -> bool:
        return redirects.should_look_up(path) and "." not in path.rsplit("/", 1)[-1] and not self.registry_paths.match(path)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") not in ("GET", "HEAD") or not self._page_like(scope["path"]):
            await self.app(scope, receive, send)
            return
        replacing = False

        async def answer(message: Message) -> None:
            nonlocal replacing
            if message["type"] == "http.response.start":
                content_type = dict(message.get("headers") or []).get(b"content-type", b"")
                if message["status"] == 404 and content_type.startswith(b"text/html"):
                    replacing = True
                    return
            elif replacing:
                if not message.get("more_body"):
                    await (await self.page(Request(scope)))(scope, receive, send)
                return
            await send(message)

        await self.app(scope, receive, answer)
