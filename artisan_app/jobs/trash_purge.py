"""Purging the newsroom's trash: articles trashed 30 days ago are deleted for good.

``artisan trash purge`` does it once (e.g. from cron or a systemd timer). The app also runs the
purge by itself: ``purge_periodically`` is registered as a
Reflex lifespan task (``artisan_app.py``), so every backend worker purges a
minute after it starts and then every ``PURGE_EVERY``. The purge is idempotent,
so several workers (or the command at the same time) do no harm.
"""

from __future__ import annotations

import asyncio
import logging

from artisan_app.core import db
from artisan_app.services.editorial import trash

PURGE_EVERY = 6 * 60 * 60  # seconds
FIRST_PURGE_AFTER = 60  # seconds: never slow down a start
log = logging.getLogger(__name__)


def purge() -> int:
    """Delete what has been in the trash for 30 days; returns how many articles."""
    with db.session_scope() as session:
        return trash.purge_expired(session)


async def purge_periodically(every: float = PURGE_EVERY, first_after: float = FIRST_PURGE_AFTER) -> None:
    """Lifespan task: purge now and then for as long as the worker runs."""
    await asyncio.sleep(first_after)
    while True:
        try:
            purged = await asyncio.to_thread(purge)
            if purged:
                log.info("trash purge: %d article(s) deleted after 30 days in the trash", purged)
        except Exception:  # noqa: BLE001 - e.g. the database is away: try again next round
            log.exception("trash purge failed; will try again")
        await asyncio.sleep(every)
