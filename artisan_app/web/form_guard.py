"""Checks for a plain HTML form posted to the site: was it sent from one of the site's own pages,
and from which client address (for rate limits).

**Same origin.** A page on another site can make a visitor's browser post any form to us, with the
visitor's cookies: a form route must refuse it. Browsers say where a request comes from in headers
that page scripts cannot set: ``Sec-Fetch-Site`` (every current browser) must be ``same-origin``;
without it, the ``Origin`` (or else the ``Referer``) must name the site's own host (the request's
``Host``, or ``ARTISAN_SITE_URL``'s behind a proxy). A request that says nothing is refused: a
browser always sends one of them with a form's POST.

**Client address.** The connecting address, or behind ``ARTISAN_TRUSTED_PROXY_HOPS`` reverse proxies
the address they recorded in ``X-Forwarded-For``, exactly as Reflex resolves its own events' address.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.requests import Request

from artisan_app.core.settings import settings


def _host_of(url: str) -> str:
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    return parts.netloc.lower() if parts.scheme in ("http", "https") else ""


def same_origin(request: Request) -> bool:
    """Whether the browser says this request comes from a page of this site."""
    fetch_site = request.headers.get("sec-fetch-site")
    if fetch_site is not None:
        return fetch_site == "same-origin"
    source = request.headers.get("origin") or request.headers.get("referer") or ""
    host = _host_of(source)
    own = {_host_of(settings.site_url), request.headers.get("host", "").lower()} - {""}
    return bool(host) and host in own


def client_address(request: Request) -> str:
    """The client's address for rate limits (see the module docstring)."""
    address = request.client.host if request.client else ""
    hops = settings.trusted_proxy_hops
    if hops:
        forwarded = [ip.strip() for ip in request.headers.get("x-forwarded-for", "").split(",") if ip.strip()]
        if len(forwarded) >= hops:
            address = forwarded[-hops]
    return address or "unknown"
