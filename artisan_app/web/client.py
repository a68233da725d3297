"""The client's address of a plain HTTP request (``services/common/clients.py`` has the rule)."""

from __future__ import annotations

from starlette.requests import Request

from artisan_app.services.common.clients import client_address


def client_key(request: Request) -> str:
    """Key of every per-client limit for ``request``: its reader, not the proxy in front."""
    peer = request.client.host if request.client else ""
    # Several X-Forwarded-For headers count as one list, in order (RFC 9110, 5.3).
    return client_address(peer, ",".join(request.headers.getlist("x-forwarded-for")))
