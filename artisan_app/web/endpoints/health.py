"""``GET /healthz``: is this backend able to serve readers?

Checks the database (``SELECT 1`` through ``artisan_app.core.db``) and, when one is
configured, Redis (``PING``), concurrently and each within a short timeout, so
a load balancer or uptime probe gets an answer in about two seconds even when
a service is down:

    200 {"status": "ok", "database": "ok", "redis": "ok" | "not configured", "queue": {...}}
    503 {"status": "unavailable", "database": "down", "redis": "ok", ...}

``queue`` is the job queue's health (``services/common/queue_health.py``): ``status``
(``ok``, ``no worker``, ``stalled`` or ``down``), ``waiting`` jobs, the
``oldest_waiting_seconds`` and ``worker_seen_seconds_ago``.

Only the names of the failing parts are reported (never URLs or driver
messages); the details go to the log. Mounted through the Starlette app given
to ``rx.App(api_transformer=...)``: add ``*health_routes()`` to its routes.
"""

from __future__ import annotations

import asyncio
import functools
import inspect
import logging
import time
from collections.abc import Callable
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from artisan_app.core import db, routes
from artisan_app.core.outage import is_outage, log_outage
from artisan_app.core.settings import settings
from artisan_app.services.common import queue_health

logger = logging.getLogger(__name__)

CHECK_TIMEOUT_SECONDS = 2.0
OK, DOWN, NOT_CONFIGURED = "ok", "down", "not configured"


def redis_urls() -> list[str]:
    """Every Redis this process relies on: rate limits and Reflex's state manager."""
    urls = [settings.redis_url, settings.state_redis_url]
    return [u for i, u in enumerate(urls) if u and u not in urls[:i]]


async def check_database(timeout: float = CHECK_TIMEOUT_SECONDS) -> str:
    try:
        await db.ping_async(timeout)
    except Exception as exc:  # noqa: BLE001 - any failure means "down"
        logger.warning("healthz: database unreachable: %s: %s", type(exc).__name__, exc)
        return DOWN
    return OK


async def _ping_redis(url: str, timeout: float) -> None:
    from redis.asyncio import Redis

    client = Redis.from_url(url, socket_connect_timeout=timeout, socket_timeout=timeout, retry_on_timeout=False)
    try:
        await asyncio.wait_for(client.ping(), timeout)  # type: ignore[arg-type]  # redis.asyncio's ping is awaitable
    finally:
        await client.aclose()


async def check_redis(urls: list[str] | None = None, timeout: float = CHECK_TIMEOUT_SECONDS) -> str:
    urls = redis_urls() if urls is None else urls
    if not urls:
        return NOT_CONFIGURED
    try:
        await asyncio.gather(*(_ping_redis(u, timeout) for u in urls))
    except Exception as exc:  # noqa: BLE001
        logger.warning("healthz: redis unreachable: %s: %s", type(exc).__name__, exc)
        return DOWN
    return OK


def _queue() -> Any:
    from artisan_app.jobs.queue import huey

    return huey


async def check_queue(timeout: float = CHECK_TIMEOUT_SECONDS) -> dict[str, Any]:
    """The job queue as ``services.common.queue_health`` reads it, or ``{"status": "down"}``."""
    try:
        found = await asyncio.wait_for(asyncio.to_thread(queue_health.queue_health, _queue(), now=time.time()), timeout)
    except Exception as exc:  # noqa: BLE001
        logger.warning("healthz: job queue unreadable: %s: %s", type(exc).__name__, exc)
        return {"status": DOWN}
    return found.as_dict()


async def health_report() -> tuple[int, dict[str, Any]]:
    """(HTTP status, body) for ``/healthz``. The queue is reported but does not
    make the answer 503: readers are served without it (the newsroom is warned)."""
    database, redis, queue = await asyncio.gather(check_database(), check_redis(), check_queue())
    report: dict[str, Any] = {"database": database, "redis": redis}
    down = [name for name, value in report.items() if value == DOWN]
    report["queue"] = queue
    if down:
        return 503, {"status": "unavailable", **report, "down": ", ".join(down)}
    return 200, {"status": "ok", **report}


async def healthz(request: Request) -> JSONResponse:
    status, body = await health_report()
    return JSONResponse(body, status_code=status, headers={"Cache-Control": "no-store"})


def health_routes() -> list[Route]:
    """Routes to add to the API app: ``GET``/``HEAD /healthz``."""
    return [Route(routes.HEALTHZ, healthz, methods=["GET", "HEAD"])]


# --- other routes while a service is down -----------------------------------------

RETRY_AFTER_SECONDS = 30
# Longest a page, feed or sitemap request waits for the services before answering 503.
REQUEST_TIMEOUT_SECONDS = 8.0
UNAVAILABLE_TEXT = "Artisan Times is temporarily unavailable. Please try again in a minute."


def _settle(work: asyncio.Future) -> None:
    if not work.cancelled():
        work.exception()  # retrieved: a late failure of abandoned work is not "never retrieved"


def on_outage(handler: Callable, html: Callable[[], str] | None = None) -> Callable:
    """Wrap a Starlette endpoint (sync or async) so an outage (database or Redis
    down, or not answering within ``REQUEST_TIMEOUT_SECONDS``, see
    ``core.outage.is_outage``) answers ``503`` with ``Retry-After`` instead of a
    500 or a request that never ends: with ``html()`` as the body when given
    (e.g. the SPA shell, so a browser still boots the app, which then shows its
    "temporarily unavailable" notice and recovers by itself), else a one-line
    text. Other errors propagate unchanged.

    A service that accepts connections and never answers would hold the request
    forever (no driver timeout covers an established connection that goes
    silent): the answer is given at the bound, and the abandoned work ends by
    itself when the service answers or drops the connection.
    """

    def fallback(exc: Exception) -> Response:
        if not is_outage(exc):
            raise exc
        log_outage(getattr(handler, "__qualname__", "route"), exc)
        headers = {"Retry-After": str(RETRY_AFTER_SECONDS), "Cache-Control": "no-store"}
        if html is not None:
            try:
                return HTMLResponse(html(), status_code=503, headers=headers)
            except Exception:  # noqa: BLE001 - no shell (no build): plain text below
                pass
        return PlainTextResponse(UNAVAILABLE_TEXT, status_code=503, headers=headers)

    is_async = inspect.iscoroutinefunction(handler)

    @functools.wraps(handler)
    async def endpoint(request: Request) -> Response:
        call = handler(request) if is_async else run_in_threadpool(handler, request)
        work = asyncio.ensure_future(call)
        try:
            return await asyncio.wait_for(asyncio.shield(work), REQUEST_TIMEOUT_SECONDS)
        except TimeoutError as exc:
            work.add_done_callback(_settle)
            return fallback(exc)
        except Exception as exc:  # noqa: BLE001
            return fallback(exc)

    return endpoint
