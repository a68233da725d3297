"""Rate limits through the ``limits`` library.

One storage per process: Redis when ``ARTISAN_REDIS_URL``/``REFLEX_REDIS_URL`` is
set (so every backend worker shares the counters), in memory otherwise.
"""

from __future__ import annotations

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


def reset(namespace: str, key: str, spec: str) -> None:
    """Forget the attempts of ``key`` (after a successful login, in tests)."""
    rate = limiter()
    for item in _items(spec):
        rate.clear(item, namespace, key)


def reset_all() -> None:
    """Forget every counter (tests; a fresh process starts empty anyway)."""
    limiter().storage.reset()
