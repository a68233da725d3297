"""``/editor/comments``: the moderation queue (editors and admins only)."""

from __future__ import annotations

import reflex as rx

from artisan_app.core import db
from artisan_app.services.accounts.auth import PermissionDenied, StaffUser
from artisan_app.services.comments import moderation
from artisan_app.services.comments.moderation import QueueRow
from artisan_app.services.comments.submission import CommentValidationError
from artisan_app.state.newsroom.auth import StaffGuard, staff_action

ACTION_DONE = {"approve": "approved", "spam": "marked as spam", "trash": "moved to the trash", "hold": "held again"}


class ModerationState(StaffGuard, rx.State):
    status: str = "pending"
    rows: list[QueueRow] = []
    has_more: bool = False
    counts: dict[str, int] = {}
    selected: list[int] = []
    reply_to: int = 0
    reply_error: str = ""
    message: str = ""
    allowed: bool = False
    loaded: bool = False

    async def _reload(self) -> None:
        user = await self._staff()
        try:
            with db.session_scope() as session:
                self.rows, self.has_more = moderation.queue(session, user=user, status=self.status)
                self.counts = moderation.counts(session, user=user)
        except PermissionDenied:
            self.rows, self.counts, self.allowed = [], {}, False
        else:
            self.allowed = True
        known = {r.id for r in self.rows}
        self.selected = [i for i in self.selected if i in known]
        self.loaded = True

    @rx.event
    async def load_queue(self):
        self.message, self.reply_to, self.selected = "", 0, []
        await self._reload()

    @rx.event
    async def show(self, status: str):
        if status in moderation.STATUSES:
            self.status, self.selected, self.message = status, [], ""
            await self._reload()

    @rx.event
    def toggle(self, comment_id: int):
        if not isinstance(comment_id, int):
            return
        self.selected = (
            [i for i in self.selected if i != comment_id] if comment_id in self.selected else [*self.selected, comment_id]
        )

    @rx.event
    def toggle_all(self):
        ids = [r.id for r in self.rows]
        self.selected = [] if set(self.selected) >= set(ids) else ids

    def _refused(self, exc: Exception) -> None:
        self.message = str(exc)

    @staff_action()
    async def _apply(self, user: StaffUser | None, ids: list[int], action: str):
        with db.session_scope() as session:
            changed = moderation.apply(session, user=user, comment_ids=ids, action=action)
        self.message = f"{changed} comment{'' if changed == 1 else 's'} {ACTION_DONE.get(action, 'updated')}."
        self.selected = []
        await self._reload()

    @rx.event
    async def act(self, comment_id: int, action: str):
        await self._apply([comment_id], action)

    @rx.event
    async def act_on_selected(self, action: str):
        if self.selected:
            await self._apply(list(self.selected), action)

    @rx.event
    def start_reply(self, comment_id: int):
        self.reply_to, self.reply_error = (comment_id if isinstance(comment_id, int) else 0), ""

    @rx.event
    @staff_action()
    async def send_reply(self, user: StaffUser | None, form_data: dict):
        body = form_data.get("reply", "") if isinstance(form_data, dict) else ""
        was_held = any(r.id == self.reply_to and r.status == "pending" for r in self.rows)
        try:
            with db.session_scope() as session:
                moderation.reply_as_publication(session, user=user, comment_id=self.reply_to, body=body)
        except CommentValidationError as exc:
            self.reply_error = next(iter(exc.errors.values()))
            return
        self.reply_to, self.reply_error = 0, ""
        self.message = (
            "Comment approved and reply published as Artisan Times." if was_held else "Reply published as Artisan Times."
        )
        await self._reload()
