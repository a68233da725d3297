"""The held-comments badge in the newsroom navigation, and the live moderation queue.

Like the readers' comment threads (``state/reader/thread_watch.py``), one task per backend
worker reads the queue's version in a single query every ``POLL_SECONDS`` for
every newsroom tab that watches it, and wakes those tabs only when a comment
arrived or changed status. A woken tab re-reads its counts (and the queue, on
``/editor/comments``) with its own editor's permission.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

import reflex as rx

from artisan_app.core import db, routes
from artisan_app.services.accounts.auth import StaffUser
from artisan_app.services.comments import moderation
from artisan_app.state.newsroom.auth import StaffGuard, staff_action
from artisan_app.state.newsroom.moderation import ModerationState
from artisan_app.state.reader.thread_watch import ThreadWatch
from artisan_app.state.support.resilience import client_connected

POLL_SECONDS = 3.0
CHECK_SECONDS = 30.0  # how often a quiet tab checks it is still open and signed in
WATCH_LIMIT_SECONDS = 12 * 60 * 60
QUEUE_KEY = 0  # the watch is keyed like the threads; the queue is one "thread"


def _read_queue_version(keys: Sequence[int]) -> dict[int, str]:
    with db.session_scope() as session:
        version = moderation.queue_version(session)
    return {key: version for key in keys}


QUEUE_WATCH = ThreadWatch(POLL_SECONDS, _read_queue_version)


class PendingBadgeState(StaffGuard, rx.State):
    pending: int = 0
    _version: str = ""
    _watching: bool = False

    def _not_moderating(self, exc: Exception) -> None:
        self.pending = 0

    @staff_action(report="_not_moderating", refused=False)
    async def _refresh(self, user: StaffUser | None) -> bool:
        """Counts for this tab's editor; ``False`` when they may not moderate (or signed out)."""
        with db.session_scope() as session:
            counts = moderation.counts(session, user=user)
            self._version = moderation.queue_version(session)
        self.pending = counts.get("pending", 0)
        return True

    async def _catch_up(self, changed: bool) -> bool:
        """After a wait: fresh counts, and the queue too when this tab shows it."""
        if not await self._refresh():
            return False
        if changed and self.router.url.path.rstrip("/") == routes.EDITOR_COMMENTS:
            queue = await self.get_state(ModerationState)
            if queue.loaded and queue.allowed:
                await queue._reload()
        return True

    @rx.event(background=True)
    async def watch_queue(self):
        """Started by the badge when the navigation appears; one per tab."""
        async with self:
            if self._watching or not await self._refresh():
                return
            self._watching = True
            token = self.router.session.client_token
            version = self._version
        deadline = time.monotonic() + WATCH_LIMIT_SECONDS
        try:
            while time.monotonic() < deadline:
                changed = await QUEUE_WATCH.wait_for_change(QUEUE_KEY, version, timeout=CHECK_SECONDS)
                if not await client_connected(token):
                    break
                async with self:
                    if not await self._catch_up(changed):
                        break
                    version = self._version
        finally:
            async with self:
                self._watching = False
