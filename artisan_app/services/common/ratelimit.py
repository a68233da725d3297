"""Rate limits through the ``limits`` library.

One storage per process: Redis when ``ARTISAN_REDIS_URL``/``REFLEX_REDIS_URL`` is
set (so every backend worker shares the counters), in memory otherwise.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

from limits import RateLimitItem, parse_many
from limits.storage import Storage, storage_from_string
from limits.strategies import MovingWindowRateLimiter

from artisan_app.core.settings import settings


@lru_cache(maxsize=4)
def _limiter(uri: str) -> MovingWindowRateLimiter:
    storage = storage_from_string(uri)
    assert isinstance(storage, Storage)  # a synchronous storage: the URIs here are memory:// and redis://
    return MovingWindowRateLimiter(storage)


def limiter() -> MovingWindowRateLimiter:
    return _limiter(settings.redis_url or "memory://")


@lru_cache(maxsize=32)
def _items(spec: str) -> tuple[RateLimitItem, ...]:
    return tuple(parse_many(spec))


def hit(spec: str, namespace: str, key: str) -> bool:
    """Count one attempt against every limit in ``spec`` (e.g. ``"5/minute;30/hour"``).

    Returns ``False`` when any of them is exhausted. Every limit is checked
    before any is consumed, so a refused attempt does not eat into the others.
    """
    rate = limiter()
    items = _items(spec)
    if not all(rate.test(item, namespace, key) for item in items):
        return False
    return all([rate.hit(item, namespace, key) for item in items])


def allowed(spec: str, namespace: str, key: str) -> bool:
    """Whether one more attempt fits every limit in ``spec``, without counting it."""
    rate = limiter()
    return all(rate.test(item, namespace, key) for item in _items(spec))


def record(spec: str, namespace: str, key: str) -> None:
    """Count one attempt (e.g. a failed sign-in) against every limit in ``spec``."""
    rate = limiter()
    for item in _items(spec):
        rate.hit(item, namespace, key)


@contextmanager
def in_flight(namespace: str, key: str, *, most: int, seconds: int) -> Iterator[bool]:
    """Count the block as one request in flight for ``key`` (in the shared storage, so across
    workers); yields ``False``, counting nothing, when ``most`` are in flight already.

    The count lapses ``seconds`` after it was started, so a worker that died inside the
    block cannot hold a place for ever; choose ``seconds`` well above the block's length.
    """
    storage = limiter().storage
    name = f"{namespace}/{key}"
    if storage.incr(name, seconds) > most:
        _leave(name, seconds)
        yield False
        return
    try:
        yield True
    finally:
        _leave(name, seconds)


def _leave(name: str, seconds: int) -> None:
    storage = limiter().storage
    left = storage.incr(name, seconds, -1)
    if left < 0:  # the count lapsed while this request was in flight
        storage.incr(name, seconds, -left)


def reset(namespace: str, key: str, spec: str) -> None:
    """Forget the attempts of ``key`` (after a successful login, in tests)."""
    rate = limiter()
    for item in _items(spec):
        rate.clear(item, namespace, key)


def reset_all() -> None:
    """Forget every counter (tests; a fresh process starts empty anyway)."""
    limiter().storage.reset()
