"""The job queue: Huey on the engines the project already runs.

``ARTISAN_QUEUE_URL`` chooses the storage: ``redis://...`` (RedisHuey), or
``sqlite:///path`` (SqliteHuey, a file; no extra service). Unset, it is the
Redis of ``ARTISAN_REDIS_URL``/``REFLEX_REDIS_URL`` when one is configured, else
``artisan-queue.db`` in the var folder (``ARTISAN_VAR_DIR``, default ``var/``). ``memory://`` is for tests.

The worker: ``huey_consumer artisan_app.jobs.huey`` (``make run`` and
``artisan serve``, the production command, start one). Its health
(heartbeat, oldest waiting job) is recorded by ``jobs/heartbeat.py``.
"""

from __future__ import annotations

from huey import Huey, MemoryHuey, RedisHuey, SqliteHuey

from artisan_app.core.settings import settings
from artisan_app.jobs import heartbeat


def make_huey(url: str) -> Huey:
    if url.startswith(("redis://", "rediss://", "unix://")):
        return RedisHuey("artisan", url=url, results=False)
    if url == "memory://":
        return MemoryHuey("artisan", results=False)
    if url.startswith("sqlite:///"):
        return SqliteHuey("artisan", filename=url.removeprefix("sqlite:///"), results=False)
    if url:
        raise ValueError("ARTISAN_QUEUE_URL must start with redis://, sqlite:/// or memory://")
    return SqliteHuey("artisan", filename=str(settings.ensure_var_dir() / "artisan-queue.db"), results=False)


huey = make_huey(settings.queue_url)
heartbeat.watch(huey)
