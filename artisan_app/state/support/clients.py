"""The client's address of a state event, for every per-client limit.

Reflex works it out when the websocket connects (``router.session.client_ip``) by the rule of
``services/common/clients.py``, from the same ``ARTISAN_TRUSTED_PROXY_HOPS`` (``rxconfig.py``).
"""

from __future__ import annotations

import reflex as rx


def client_key(state: rx.State) -> str:
    session = state.router.session
    return session.client_ip or session.client_token
