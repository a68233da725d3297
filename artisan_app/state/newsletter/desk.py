"""``/editor/newsletter`` (subscribers and sends, live) and ``/editor/outbox``.

Subscriber addresses reach the browser only here, after ``_staff()`` has
resolved an editor or admin from the server-side session; the CSV export is
for admins. Every handler checks again: the hidden buttons are a convenience.
"""

from __future__ import annotations

import asyncio
import time

import reflex as rx

from artisan_app.core import db, routes
from artisan_app.core.settings import settings
from artisan_app.services.accounts.auth import PermissionDenied, StaffUser
from artisan_app.services.newsletter import sends as newsletters
from artisan_app.services.newsletter.sends import OutboxRow, SendRow, SubscriberRow
from artisan_app.state.newsroom.auth import StaffGuard, staff_action

POLL_SECONDS = 2.0
WATCH_LIMIT_SECONDS = 60 * 60
STATUSES = ("pending", "active", "unsubscribed")


def _text(value: object, limit: int = 100) -> str:
    return value[:limit] if isinstance(value, str) else ""


class NewsletterDeskState(StaffGuard, rx.State):
    subscribers: list[SubscriberRow] = []
    has_more: bool = False
    query: str = ""
    status: str = ""
    sends: list[SendRow] = []
    confirm_delete: int = 0
    message: str = ""
    error: str = ""
    is_admin: bool = False
    smtp_configured: bool = False
    loaded: bool = False
    _watching: bool = False

    def _unlisted(self, exc: Exception) -> None:
        self.subscribers, self.sends, self.error = [], [], str(exc)

    @staff_action(report="_unlisted", refused=False)
    async def _reload(self, user: StaffUser | None, offset: int = 0) -> bool:
        with db.session_scope() as session:
            rows, more = newsletters.list_subscribers(session, user=user, query=self.query, status=self.status, offset=offset)
            self.sends = newsletters.progress(session, user=user)
        self.subscribers = rows if offset == 0 else self.subscribers + rows
        self.has_more, self.is_admin = more, bool(user and user.is_admin)
        return True

    @rx.event
    async def load_desk(self):
        self.message, self.error, self.confirm_delete = "", "", 0
        self.smtp_configured = bool(settings.smtp_url)
        ok = await self._reload()
        self.loaded = True
        if ok:
            return NewsletterDeskState.watch_sends

    @rx.event
    async def set_filter(self, name: str, value: str):
        if name in ("query", "status"):
            value = _text(value)
            setattr(self, name, value if name == "query" or value in STATUSES else "")
            await self._reload()

    @rx.event
    async def load_more(self):
        if self.has_more:
            await self._reload(len(self.subscribers))

    @rx.event
    async def ask_delete(self, subscriber_id: int):
        self.confirm_delete = subscriber_id if isinstance(subscriber_id, int) else 0

    def _refused(self, exc: Exception) -> None:
        self.error = str(exc)

    @rx.event
    @staff_action()
    async def delete_subscriber(self, user: StaffUser | None):
        with db.session_scope() as session:
            newsletters.delete_subscriber(session, user=user, subscriber_id=self.confirm_delete)
        self.confirm_delete, self.message, self.error = 0, "Deleted: the address and its delivery records are gone.", ""
        await self._reload()

    @rx.event
    @staff_action()
    async def export_csv(self, user: StaffUser | None):
        with db.session_scope() as session:
            data = newsletters.export_csv(session, user=user)
        return rx.download(data=data, filename="subscribers.csv", mime_type="text/csv")

    @rx.event(background=True)
    async def watch_sends(self):
        """Progress of the sends, refreshed while this page is open."""
        async with self:
            if self._watching:
                return
            self._watching = True
        deadline = time.monotonic() + WATCH_LIMIT_SECONDS
        try:
            while time.monotonic() < deadline:
                await asyncio.sleep(POLL_SECONDS)
                async with self:
                    if not self.router.url.path.startswith(routes.EDITOR_NEWSLETTER):
                        break
                    user = await self._staff()
                    try:
                        with db.session_scope() as session:
                            self.sends = newsletters.progress(session, user=user)
                    except PermissionDenied:
                        break
        finally:
            async with self:
                self._watching = False


class OutboxState(StaffGuard, rx.State):
    """Development mail: what would have been sent, newest first."""

    rows: list[OutboxRow] = []
    open_id: int = 0
    smtp_configured: bool = False
    error: str = ""
    loaded: bool = False

    @rx.event
    async def load_outbox(self):
        user = await self._staff()
        self.smtp_configured = bool(settings.smtp_url)
        try:
            with db.session_scope() as session:
                self.rows = newsletters.list_outbox(session, user=user)
        except PermissionDenied as exc:
            self.rows, self.error = [], str(exc)
        self.loaded = True

    @rx.event
    def toggle(self, message_id: int):
        self.open_id = 0 if self.open_id == message_id else (message_id if isinstance(message_id, int) else 0)
