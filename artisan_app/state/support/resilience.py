"""Readable pages when the database or Redis goes away.

``@outage_safe`` wraps an event handler (sync or async, plain or generator,
background too). When the handler fails because a backing service is
unreachable -- SQLAlchemy ``OperationalError``/``InterfaceError``/pool timeout,
a ``DBAPIError`` that invalidated its connection, a Redis connection error or
timeout -- the error is logged (one line, no traceback after the first) and,
instead of Reflex's generic error toast and a page stuck on its skeleton, the
handler returns the handler registered with ``report_outages_with``
(``SiteState.report_unavailable``). That sets
``SiteState.unavailable`` (the page frame then shows
``components.reader.unavailable.unavailable_notice``) and starts one background
watcher per tab that pings the database and reloads the page once it answers.
Any other exception (a bug, a constraint violation) propagates unchanged.
What counts as an outage is decided by ``artisan_app.core.outage``.

Apply it under ``@rx.event``::

    @rx.event
    @outage_safe
    def load_article(self): ...
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any

from reflex.event import EventHandler

from artisan_app.core.outage import is_outage, log_outage

UNAVAILABLE_TITLE = "Artisan Times is temporarily unavailable"
UNAVAILABLE_MESSAGE = (
    "We can’t reach our newsroom systems right now. This page will reload by itself "
    "as soon as they are back — nothing you typed is lost."
)

# The handler that shows the notice (``SiteState.report_unavailable``), registered by
# ``artisan_app/state/__init__.py`` so that this module imports no state of its own.
_report: EventHandler | None = None


def report_outages_with(handler: EventHandler) -> None:
    """Name the event an outage inside an ``@outage_safe`` handler turns into."""
    global _report
    _report = handler


def outage_safe(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Turn an outage inside the handler ``fn`` into the "temporarily unavailable" notice."""
    where = getattr(fn, "__qualname__", repr(fn))

    def handled(exc: Exception):
        if not is_outage(exc):
            raise exc
        log_outage(where, exc)
        if _report is None:  # nothing registered: fail as an ordinary error would
            raise exc
        return _report

    if inspect.isasyncgenfunction(fn):

        @functools.wraps(fn)
        async def async_gen_wrapper(self, *args, **kwargs):
            try:
                async for item in fn(self, *args, **kwargs):
                    yield item
            except Exception as exc:  # noqa: BLE001 - re-raised unless an outage
                yield handled(exc)

        return async_gen_wrapper

    if inspect.iscoroutinefunction(fn):

        @functools.wraps(fn)
        async def async_wrapper(self, *args, **kwargs):
            try:
                return await fn(self, *args, **kwargs)
            except Exception as exc:  # noqa: BLE001
                return handled(exc)

        return async_wrapper

    if inspect.isgeneratorfunction(fn):

        @functools.wraps(fn)
        def gen_wrapper(self, *args, **kwargs):
            try:
                yield from fn(self, *args, **kwargs)
            except Exception as exc:  # noqa: BLE001
                yield handled(exc)

        return gen_wrapper

    @functools.wraps(fn)
    def wrapper(self, *args, **kwargs):
        try:
            return fn(self, *args, **kwargs)
        except Exception as exc:  # noqa: BLE001
            return handled(exc)

    return wrapper


async def client_connected(token: str) -> bool:
    """Whether the browser tab behind ``token`` still has a socket open
    (``True`` when that cannot be known, e.g. in tests)."""
    try:
        from reflex_base.registry import RegistrationContext

        namespace = RegistrationContext.get().app.event_namespace
        if namespace is None:
            return True
        return await namespace._token_manager.is_token_connected(token)
    except Exception:  # noqa: BLE001
        return True
