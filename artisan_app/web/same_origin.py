"""Is a form POST from one of our own pages? (cross-site request forgery, for plain forms
that need no sign-in and so carry no session to tie a token to).

A browser says where a request comes from: ``Sec-Fetch-Site`` (every current browser) and
``Origin`` (on every POST since 2020). A request is ours when ``Sec-Fetch-Site`` is
``same-origin``, or, without that header, when ``Origin`` names this site
(``ARTISAN_SITE_URL``) or the host the request was sent to. Anything else is refused,
including a request that names no origin at all: a page elsewhere cannot make a visitor's
browser post one of those, and a script that is not a browser gains nothing by
being refused.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.requests import Request

from artisan_app.core.settings import settings


def _origin(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return parts.scheme.lower(), parts.netloc.lower()


def from_this_site(request: Request) -> bool:
    fetch_site = request.headers.get("sec-fetch-site")
    if fetch_site is not None:
        return fetch_site.strip().lower() == "same-origin"
    origin = request.headers.get("origin", "").strip()
    if not origin or origin == "null":
        return False
    scheme, netloc = _origin(origin)
    if (scheme, netloc) == _origin(settings.site_url):
        return True
    # Behind a TLS-terminating proxy the scheme seen here may differ; the host cannot be
    # chosen by another site's page.
    return scheme in {"http", "https"} and netloc == request.headers.get("host", "").strip().lower()
