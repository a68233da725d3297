"""Readable pages when the database or Redis goes away.

``@outage_safe`` wraps an event handler (sync or async, plain or generator,
background too). When the handler fails because a backing service is
unreachable -- SQLAlchemy ``OperationalError``/``InterfaceError``/pool timeout,
a ``DBAPIError`` that invalidated its connection, a Redis connection error or
timeout -- the error is logged (one line, no traceback after the first) and,
instead of Reflex's generic error toast and a page stuck on its skeleton, the
handler returns ``SiteState.report_unavailable``. That sets
``SiteState.unavailable`` (the page frame then shows
``components.unavailable.unavailable_notice``) and starts one background
watcher per tab that pings the database and reloads the page once it answers.
Any other exception (a bug, a constraint violation) propagates unchanged.

Apply it under ``@rx.event``::

    @rx.event
    @outage_safe
    def load_article(self): ...
"""

from __future__ import annotations

import functools
import inspect
import logging
import time
from collections.abc import Callable
from typing import Any

import redis.exceptions
from sqlalchemy import exc as sa_exc

logger = logging.getLogger("artisan_app.outage")

UNAVAILABLE_TITLE = "Artisan Times is temporarily unavailable"
UNAVAILABLE_MESSAGE = (
    "We can’t reach our newsroom systems right now. This page will reload by itself "
    "as soon as they are back — nothing you typed is lost."
)

# Always an outage: the service could not be reached or stopped answering.
OUTAGE_ERRORS: tuple[type[BaseException], ...] = (
    sa_exc.OperationalError,
    sa_exc.InterfaceError,
    sa_exc.TimeoutError,  # no pooled connection became free in time
    redis.exceptions.ConnectionError,
    redis.exceptions.TimeoutError,
    ConnectionError,
    TimeoutError,
)

_LOG_TRACEBACK_EVERY_SECONDS = 300.0
_last_traceback_at = 0.0


def is_outage(exc: BaseException) -> bool:
    """Whether ``exc`` means a backing service is unavailable (not a bug)."""
    if isinstance(exc, OUTAGE_ERRORS):
        return True
    return isinstance(exc, sa_exc.DBAPIError) and bool(exc.connection_invalidated)


def log_outage(where: str, exc: BaseException) -> None:
    """One warning line per failure; the full traceback at most every 5 minutes."""
    global _last_traceback_at
    now = time.monotonic()
    with_traceback = now - _last_traceback_at > _LOG_TRACEBACK_EVERY_SECONDS
    if with_traceback:
        _last_traceback_at = now
    summary = str(exc).splitlines()[0] if str(exc) else ""
    logger.warning(
        "service unavailable in %s: %s: %s", where, type(exc).__name__, summary, exc_info=exc if with_traceback else None
    )


def _report_event():
    from artisan_app.state.site import SiteState  # site.py imports this module

    return SiteState.report_unavailable


def outage_safe(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Turn an outage inside the handler ``fn`` into the "temporarily unavailable" notice."""
    where = getattr(fn, "__qualname__", repr(fn))

    def handled(exc: Exception):
        if not is_outage(exc):
            raise exc
        log_outage(where, exc)
        return _report_event()

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
