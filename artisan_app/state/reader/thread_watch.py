"""One poll per backend worker for the comment threads readers have open.

Every tab that shows an article waits here for its thread to change, instead
of asking the database itself: one task per worker process reads the versions
of all watched threads in a single query every ``poll_seconds`` and wakes the
tabs whose thread changed. A thousand readers on twenty articles cost one
query every three seconds, not three hundred a second, and a tab's state
(loaded from Redis under its lock when Redis holds state) is only touched when
its thread really changed.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import Counter
from collections.abc import Callable, Sequence

from artisan_app.core import db
from artisan_app.core.outage import is_outage, log_outage
from artisan_app.services.comments import thread


def _read_versions(article_ids: Sequence[int]) -> dict[int, str]:
    with db.session_scope() as session:
        return thread.comments_versions(session, article_ids)


class ThreadWatch:
    """The latest known version of each watched thread, and who waits for it."""

    def __init__(self, poll_seconds: float, read_versions: Callable[[Sequence[int]], dict[int, str]] = _read_versions):
        self.poll_seconds = poll_seconds
        self._read_versions = read_versions
        self._versions: dict[int, str] = {}
        self._changed: dict[int, asyncio.Event] = {}
        self._watchers: Counter[int] = Counter()
        self._task: asyncio.Task | None = None
        self.polls = 0  # queries made, for tests and curiosity

    async def wait_for_change(self, article_id: int, known: str, timeout: float) -> bool:
        """Whether the thread's version differs from ``known``, waiting up to ``timeout`` seconds."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        self._watchers[article_id] += 1
        if self._task is None or self._task.done():
            self._task = loop.create_task(self._poll())
        try:
            while True:
                current = self._versions.get(article_id)
                if current is not None and current != known:
                    return True
                remaining = deadline - loop.time()
                if remaining <= 0:
                    return False
                changed = self._changed.setdefault(article_id, asyncio.Event())
                with contextlib.suppress(asyncio.TimeoutError):
                    await asyncio.wait_for(changed.wait(), remaining)
        finally:
            self._watchers[article_id] -= 1
            if self._watchers[article_id] <= 0:
                del self._watchers[article_id]
                self._versions.pop(article_id, None)

    async def _poll(self) -> None:
        while self._watchers:
            await asyncio.sleep(self.poll_seconds)
            watched = list(self._watchers)
            if not watched:
                break
            try:
                versions = self._read_versions(watched)
            except Exception as exc:  # noqa: BLE001 - an outage: try again next round
                if not is_outage(exc):
                    raise
                log_outage("comment thread watch", exc)
                continue
            self.polls += 1
            for article_id, version in versions.items():
                if article_id in self._watchers and self._versions.get(article_id) != version:
                    self._versions[article_id] = version
                    event = self._changed.pop(article_id, None)
                    if event is not None:
                        event.set()
