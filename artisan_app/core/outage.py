"""Is this exception an outage? A backing service (the database, Redis) could not
be reached or stopped answering -- as opposed to a bug or a constraint violation.

Used by the Reflex decorator ``state.support.resilience.outage_safe``, the health checks and
the background watchers; no Reflex here.
"""

from __future__ import annotations

import logging
import time

import redis.exceptions
from sqlalchemy import exc as sa_exc

logger = logging.getLogger("artisan_app.outage")

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
