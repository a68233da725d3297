"""``/editor/redirects``: old addresses and where they go now (admins only, checked in the service)."""

from __future__ import annotations

import reflex as rx

from artisan_app.core import db
from artisan_app.services.accounts.auth import PermissionDenied, StaffUser
from artisan_app.services.site import redirects
from artisan_app.services.site.redirects import RedirectError, RedirectRow
from artisan_app.state.newsroom.auth import StaffGuard, staff_action


class RedirectsState(StaffGuard, rx.State):
    rows: list[RedirectRow] = []
    unconfirmed: int = 0  # imported redirects waiting for an admin (their 301s are cached briefly)
    query: str = ""
    old_path: str = ""  # kept after a refusal, so nothing typed is lost
    new_path: str = ""
    message: str = ""
    error: str = ""
    allowed: bool = False
    loaded: bool = False

    async def _reload(self) -> None:
        user = await self._staff()
        try:
            with db.session_scope() as session:
                self.rows = redirects.list_redirects(session, user=user, query=self.query)
                self.unconfirmed = redirects.unconfirmed_count(session, user=user)
        except PermissionDenied:
            self.rows, self.allowed, self.unconfirmed = [], False, 0
        else:
            self.allowed = True
        self.loaded = True

    @rx.event
    async def load_redirects(self):
        self.message, self.error, self.query = "", "", ""
        await self._reload()

    @rx.event
    async def search(self, form_data: dict):
        value = form_data.get("q") if isinstance(form_data, dict) else ""
        self.query = value.strip()[:100] if isinstance(value, str) else ""
        await self._reload()

    @rx.event
    async def add_redirect(self, form_data: dict):
        data = form_data if isinstance(form_data, dict) else {}
        old, new = data.get("old_path"), data.get("new_path")
        self.old_path = old[:500] if isinstance(old, str) else ""
        self.new_path = new[:500] if isinstance(new, str) else ""
        user = await self._staff()
        try:
            with db.session_scope() as session:
                redirects.add_manual(session, user=user, old=old, new=new)
        except PermissionDenied as exc:
            self.error, self.message = str(exc), ""
            return
        except RedirectError as exc:
            self.error, self.message = str(exc), ""
            return
        self.error, self.message, self.old_path, self.new_path = "", "Redirect added.", "", ""
        await self._reload()

    def _refused(self, exc: Exception) -> None:
        self.error, self.message = str(exc), ""

    @rx.event
    @staff_action()
    async def remove_redirect(self, user: StaffUser | None, redirect_id: int):
        with db.session_scope() as session:
            removed = redirects.remove(session, user=user, redirect_id=redirect_id)
        self.error, self.message = "", "Redirect removed." if removed else "That redirect was already gone."
        await self._reload()

    @rx.event
    async def confirm_redirect(self, redirect_id: int):
        await self._confirm(redirect_id)

    @rx.event
    async def confirm_all(self):
        await self._confirm(None)

    @staff_action()
    async def _confirm(self, user: StaffUser | None, redirect_id: int | None) -> None:
        with db.session_scope() as session:
            done = redirects.confirm(session, user=user, redirect_id=redirect_id)
        self.error, self.message = "", f"{done:,} redirect(s) confirmed."
        await self._reload()
