"""Who "the client" is, for every per-client limit (comments, searches, sign-ups, sign-ins).

One rule, Reflex's own for its websocket (``trusted_proxy_hops``): with
``ARTISAN_TRUSTED_PROXY_HOPS`` = N > 0, the client is the N-th address from the right of
``X-Forwarded-For`` (the one the outermost trusted proxy saw); with 0, or a header too short
to hold N addresses, it is the connecting address and the header, which anyone can send, is
ignored. The plain HTTP routes go through ``web/client.client_key``; the state handlers read
Reflex's ``router.session.client_ip`` (``state/clients.client_key``), worked out by the same
rule from the same setting (``rxconfig.py``).
"""

from __future__ import annotations

from artisan_app.core.settings import settings

ANONYMOUS = "anonymous"


def client_address(peer: str, forwarded_for: str = "", *, hops: int | None = None) -> str:
    """The client's address from the connecting ``peer`` and the ``X-Forwarded-For`` value(s)."""
    hops = settings.trusted_proxy_hops if hops is None else hops
    if hops:
        forwarded = [ip.strip() for ip in forwarded_for.split(",") if ip.strip()]
        if len(forwarded) >= hops:
            return forwarded[-hops]
    return peer or ANONYMOUS
