"""Blocking database work off the event loop.

Reflex runs a synchronous event handler on the event loop itself, so while one
tab's handler waits for the database every other tab served by that worker
waits too. ``@off_loop`` runs such a handler in a worker thread instead
(``asyncio.to_thread``, which carries the context variables Reflex relies on).
This is safe for a handler that only touches its own state: Reflex holds that
tab's state lock for the whole event, and the delta is computed on the loop
after the handler returns. Apply it under ``@rx.event`` and over
``@outage_safe``::

    @rx.event
    @off_loop
    @outage_safe
    def load_article(self): ...

Callers (tests included) then ``await`` the handler.
"""

from __future__ import annotations

import asyncio
import functools
import inspect
from collections.abc import Callable
from typing import Any


def off_loop(fn: Callable[..., Any]) -> Callable[..., Any]:
    """A synchronous, non-generator handler, run in a worker thread."""
    if inspect.iscoroutinefunction(fn) or inspect.isgeneratorfunction(fn) or inspect.isasyncgenfunction(fn):
        raise TypeError(f"@off_loop takes a plain synchronous handler, not {fn!r}")

    @functools.wraps(fn)
    async def in_thread(self, *args, **kwargs):
        return await asyncio.to_thread(fn, self, *args, **kwargs)

    return in_thread
