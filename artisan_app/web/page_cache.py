"""Cached first HTML for the public pages (front, article, section, author, topic).

``cached_page(handler, cache, shell_stamp)`` wraps one of ``web.http_app.public_pages``'s
handlers. The first request for a URL renders it (database queries, Jinja,
gzip); later requests get the same bytes from memory, or from Redis when one is
configured (``ARTISAN_REDIS_URL``/``REFLEX_REDIS_URL``), shared by every worker.

Validity, checked on every request:

* the *generation*: a one-row counter in the database, bumped in the same
  transaction as every write that changes public content
  (``services.site.content_changes``: publish, save of a live article, unpublish,
  trash, feature, comment approval, ...), whichever process makes it. An entry
  rendered under another generation is rendered again, so an edit shows on the
  very next request, in every worker. Asking costs one primary-key query;
* the shell: a new production build (its ``__spa-fallback.html``) renders again;
* time: at most ``ARTISAN_PAGE_CACHE_SECONDS`` (relative dates such as
  "5 minutes ago"), and never past the moment a scheduled article goes live.

Only what every reader sees is cached: the handlers read no cookie or session
and the first view shows approved comments only (a held comment reaches its
author through the app's state, never this HTML). Only 200 answers are stored.

Each answer carries a weak ``ETag`` (hash of the page) and ``Last-Modified``
(kept while the page is unchanged across generations); ``If-None-Match`` /
``If-Modified-Since`` get a 304. ``Cache-Control: public, max-age=0,
s-maxage=N, stale-while-revalidate=M`` lets a CDN serve the page while browsers
revalidate each time. The Content-Security-Policy is added around this by
``web.middleware.security_headers.SecurityHeaders`` from the build's known script hashes, never from
the body, so it stays right for a cached body.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from email.utils import formatdate, parsedate_to_datetime

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from artisan_app.core import db
from artisan_app.models import utcnow
from artisan_app.services.site import content_changes

logger = logging.getLogger(__name__)

GENERATION_SCOPE_KEY = "artisan.content_generation"
ENTRY_PREFIX = "artisan:page:"
HTML = "text/html; charset=utf-8"
MAX_LOCAL_ENTRIES = 512
REDIS_TIMEOUT_SECONDS = 0.5


@dataclass(frozen=True)
class Entry:
    generation: str
    status: int
    etag: str
    last_modified: float  # epoch seconds
    valid_until: float  # epoch seconds
    gzipped: bytes

    def encode(self) -> bytes:
        head = {"g": self.generation, "s": self.status, "e": self.etag, "m": self.last_modified, "v": self.valid_until}
        return json.dumps(head).encode() + b"\n" + self.gzipped

    @classmethod
    def decode(cls, raw: bytes) -> Entry:
        head, _, body = raw.partition(b"\n")
        h = json.loads(head)
        return cls(h["g"], h["s"], h["e"], h["m"], h["v"], body)


class PageCache:
    """Entries per URL path, in this process and (when configured) in Redis."""

    def __init__(
        self, redis_url: str = "", *, seconds: int = 60, stale_seconds: int = 300, clock: Callable[[], float] = time.time
    ):
        self.seconds = max(0, seconds)
        self.stale_seconds = max(0, stale_seconds)
        self.clock = clock
        self._lock = threading.Lock()
        self._local: OrderedDict[str, Entry] = OrderedDict()
        self._generation = 0
        self._redis = None
        if redis_url:
            from redis import Redis

            self._redis = Redis.from_url(
                redis_url, socket_timeout=REDIS_TIMEOUT_SECONDS, socket_connect_timeout=REDIS_TIMEOUT_SECONDS
            )

    # -- the generation
    def generation(self) -> str | None:
        """The content generation (``services.site.content_changes``); ``None`` when the database
        cannot be asked (then the page renders as without a cache, with its outage answer)."""
        try:
            with db.get_engine().connect() as connection:  # a plain connection: no ORM session per request
                return str(connection.execute(content_changes.GENERATION_QUERY).scalar() or 0)
        except Exception:  # noqa: BLE001
            return None

    def get_local(self, path: str, generation: str) -> Entry | None:
        """As ``get``, from this process's memory only (no I/O: safe on the event loop)."""
        with self._lock:
            entry = self._local.get(path)
        return entry if self._fresh(entry, generation) else None

    # -- entries
    def _redis_key(self, path: str) -> str:
        return ENTRY_PREFIX + hashlib.sha256(path.encode()).hexdigest()[:32]

    def peek(self, path: str) -> Entry | None:
        """The stored entry for ``path``, whatever its generation or age."""
        with self._lock:
            entry = self._local.get(path)
            if entry is not None:
                self._local.move_to_end(path)
        if entry is None and self._redis is not None:
            try:
                raw = self._redis.get(self._redis_key(path))
            except Exception:  # noqa: BLE001
                raw = None
            if isinstance(raw, bytes):
                entry = Entry.decode(raw)
                self._remember(path, entry)
        return entry

    def _fresh(self, entry: Entry | None, generation: str) -> bool:
        return entry is not None and entry.generation == generation and self.clock() < entry.valid_until

    def get(self, path: str, generation: str) -> Entry | None:
        """The entry for ``path`` if it belongs to ``generation`` and has not expired."""
        with self._lock:
            entry = self._local.get(path)
        if self._fresh(entry, generation):
            return entry
        if self._redis is None:
            return None
        try:
            raw = self._redis.get(self._redis_key(path))
        except Exception:  # noqa: BLE001
            return None
        entry = Entry.decode(raw) if isinstance(raw, bytes) else None
        if entry is None or not self._fresh(entry, generation):
            return None
        self._remember(path, entry)
        return entry

    def _remember(self, path: str, entry: Entry) -> None:
        with self._lock:
            self._local[path] = entry
            self._local.move_to_end(path)
            while len(self._local) > MAX_LOCAL_ENTRIES:
                self._local.popitem(last=False)

    def put(self, path: str, entry: Entry) -> None:
        self._remember(path, entry)
        if self._redis is not None:
            ttl = max(1, int(entry.valid_until - self.clock()) + 1)
            try:
                self._redis.set(self._redis_key(path), entry.encode(), ex=ttl)
            except Exception as exc:  # noqa: BLE001
                logger.warning("page cache: could not store in redis: %s", exc)


# ---------------------------------------------------------------- the HTTP side


def _etag(document: bytes) -> str:
    return 'W/"' + hashlib.sha256(document).hexdigest()[:32] + '"'


def _not_modified(request: Request, entry: Entry) -> bool:
    tags = request.headers.get("if-none-match")
    if tags is not None:
        wanted = {t.strip().removeprefix("W/") for t in tags.split(",")}
        return "*" in wanted or entry.etag.removeprefix("W/") in wanted
    since = request.headers.get("if-modified-since")
    if since:
        try:
            return int(entry.last_modified) <= parsedate_to_datetime(since).timestamp()
        except (TypeError, ValueError):
            return False
    return False


def _cache_control(cache: PageCache, entry: Entry) -> str:
    fresh = max(0, min(cache.seconds, round(entry.valid_until - cache.clock())))
    return f"public, max-age=0, s-maxage={fresh}, stale-while-revalidate={cache.stale_seconds}"


def respond(request: Request, entry: Entry, cache_control: str) -> Response:
    headers = {"Cache-Control": cache_control, "Vary": "Accept-Encoding"}
    if entry.status == 200:
        headers["ETag"] = entry.etag
        headers["Last-Modified"] = formatdate(entry.last_modified, usegmt=True)
        if _not_modified(request, entry):
            return Response(status_code=304, headers=headers)
    if "gzip" in request.headers.get("accept-encoding", ""):
        headers["Content-Encoding"] = "gzip"
        return Response(entry.gzipped, status_code=entry.status, media_type=HTML, headers=headers)
    return Response(gzip.decompress(entry.gzipped), status_code=entry.status, media_type=HTML, headers=headers)


def _valid_until(cache: PageCache) -> float:
    now = cache.clock()
    until = now + cache.seconds
    try:
        with db.session_scope() as session:
            scheduled = content_changes.next_publication(session, now=utcnow())
    except Exception:  # noqa: BLE001 - the page itself rendered; keep it briefly only
        return now + min(cache.seconds, 5)
    if scheduled is not None:
        until = min(until, scheduled.timestamp())
    return until


def cached_page(
    handler: Callable[[Request], Response], cache: PageCache | None, shell_stamp: Callable[[], str]
) -> Callable[[Request], Awaitable[Response]]:
    """An endpoint: the cached answer for this path, else ``handler``'s, stored when it is a 200.

    When the redirect middleware has already read the generation (``GENERATION_SCOPE_KEY``) and
    this process holds the page, it is answered on the event loop; anything else runs in a thread.
    """

    async def endpoint(request: Request) -> Response:
        generation = request.scope.get(GENERATION_SCOPE_KEY)
        if cache is not None and generation is not None:
            entry = cache.get_local(request.url.path, f"{generation}:{shell_stamp()}")
            if entry is not None:
                return respond(request, entry, _cache_control(cache, entry))
        return await run_in_threadpool(render, request)

    def render(request: Request) -> Response:
        path = request.url.path
        generation = None
        if cache is not None:  # asked once per request (the redirect middleware may have already)
            generation = request.scope.get(GENERATION_SCOPE_KEY) or cache.generation()
        if cache is not None and generation is not None:
            generation = f"{generation}:{shell_stamp()}"
            entry = cache.get(path, generation)
            if entry is not None:
                return respond(request, entry, _cache_control(cache, entry))
        response = handler(request)
        if response.status_code != 200 or response.headers.get("content-encoding"):
            return response
        document = bytes(response.body)
        now = time.time() if cache is None else cache.clock()
        entry = Entry(generation or "", 200, _etag(document), float(int(now)), now, gzip.compress(document, compresslevel=6))
        if cache is None or generation is None:
            return respond(request, entry, "no-cache")
        previous = cache.peek(path)
        if previous is not None and previous.etag == entry.etag:  # unchanged: keep its date
            entry = replace(entry, last_modified=previous.last_modified)
        entry = replace(entry, valid_until=_valid_until(cache))
        cache.put(path, entry)
        return respond(request, entry, _cache_control(cache, entry))

    endpoint.__qualname__ = getattr(handler, "__qualname__", "page")
    return endpoint
