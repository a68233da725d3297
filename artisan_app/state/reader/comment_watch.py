"""Live comment threads: an open article tab follows its thread (a mixin of ``CommentState``).

Every tab that shows an article waits on its worker's ``THREAD_WATCH`` (``state/reader/thread_watch.py``: one
query per poll for all the threads open on that worker) and reloads its thread when it changes,
without holding its state tree while it waits (``proxies.let_go``).
"""

from __future__ import annotations

import asyncio
import time
from typing import TYPE_CHECKING

import reflex as rx

from artisan_app.state.reader.article import ArticleState
from artisan_app.state.reader.thread_watch import ThreadWatch
from artisan_app.state.support.detached_handlers import let_go
from artisan_app.state.support.resilience import client_connected, outage_safe

POLL_SECONDS = 3.0  # how often a worker reads the versions of the open threads
CHECK_SECONDS = 30.0  # how often a quiet tab checks it is still open and on the article
WATCH_LIMIT_SECONDS = 2 * 60 * 60
THREAD_WATCH = ThreadWatch(POLL_SECONDS)
PUBLISHED_NOTICE = "Your comment has been approved and is now published."

if TYPE_CHECKING:
    from sqlmodel import Session

    from artisan_app.services.comments.thread import CommentView

    class WatchHost(rx.State):
        """What ``CommentState`` gives the mixin, for the type checker."""

        comments: list[CommentView]
        approved_count: int
        notice: str
        notice_ok: bool
        _article_id: int
        _slug: str
        _version: str
        _watching: str

        def _refresh(self, session: Session | None = None) -> None: ...
else:
    WatchHost = rx.State


class CommentWatchMixin(WatchHost, mixin=True):
    @rx.event(background=True)
    @outage_safe
    async def watch_comments(self):
        """Reload the thread when it changes, while this tab shows the article.

        One watcher per tab, waiting on the worker's shared ``THREAD_WATCH``
        (one query per poll for every open thread). It stops when the tab closes,
        moves to another article (which starts its own) or after two hours.
        """
        async with self:
            slug = self._slug
            if not slug or self._watching == slug:
                return
            self._watching = slug
            token = self.router.session.client_token
            article_id, version = self._article_id, self._version
        deadline = time.monotonic() + WATCH_LIMIT_SECONDS
        try:
            while time.monotonic() < deadline:
                let_go(self)  # wait without holding the tab's state tree (state/support/detached_handlers.py)
                changed = await THREAD_WATCH.wait_for_change(article_id, version, timeout=CHECK_SECONDS)
                if not await client_connected(token):
                    break
                async with self:
                    if self._slug != slug or self._watching != slug:
                        break
                    if changed:
                        await self._thread_changed()
                    article_id, version = self._article_id, self._version
        finally:
            async with self:
                if self._watching == slug:
                    self._watching = ""

    async def _thread_changed(self) -> None:
        held = {c.id for c in self.comments if c.awaiting}
        await asyncio.to_thread(self._refresh)
        self._note_approval(held)
        article = await self.get_state(ArticleState)
        await asyncio.to_thread(article._comments_counted, self.approved_count)

    def _note_approval(self, held_before: set[int]) -> None:
        """The reader's own held comment was just approved: say so where it said "awaiting moderation"."""
        if any(c.id in held_before and not c.awaiting for c in self.comments):
            self.notice, self.notice_ok = PUBLISHED_NOTICE, True
