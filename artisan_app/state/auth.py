"""Staff sign-in and the guard every newsroom state uses.

The browser holds only an opaque session token (local storage). Every
newsroom handler resolves it against the session table again through
``StaffGuard._staff()``; the name and role shown in the UI are display copies,
never consulted for a decision. The password exists only as a local variable
inside ``login``.
"""

from __future__ import annotations

import reflex as rx

from artisan_app import db, routes
from artisan_app.services import auth
from artisan_app.services.auth import AuthError, StaffUser
from artisan_app.services.text import clean_text


class AuthState(rx.State):
    staff_token: str = rx.LocalStorage("", name="artisan_staff_session")
    staff_name: str = ""
    staff_role: str = ""
    login_error: str = ""
    login_email: str = ""
    checked: bool = False

    def _resolve(self) -> StaffUser | None:
        with db.session_scope() as session:
            return auth.resolve_session(session, self.staff_token)

    def _show(self, user: StaffUser | None) -> None:
        self.staff_name = user.name if user else ""
        self.staff_role = user.role if user else ""
        self.checked = True

    @rx.event
    def login(self, form_data: dict):
        form_data = form_data if isinstance(form_data, dict) else {}
        email = clean_text(form_data.get("email", ""))[:254]
        self.login_email = email
        try:
            with db.session_scope() as session:
                user = auth.authenticate(
                    session,
                    email=email,
                    password=form_data.get("password", ""),
                    client_key=self.router.session.client_ip or self.router.session.client_token,
                )
                token = auth.start_session(session, user_id=user.id)
        except AuthError as exc:
            self.login_error = exc.message
            return rx.set_focus("login-password")
        self.staff_token, self.login_error = token, ""
        self._show(user)
        return rx.redirect(routes.EDITOR)

    @rx.event
    def logout(self):
        with db.session_scope() as session:
            auth.revoke_session(session, self.staff_token)
        self.staff_token = ""
        self._show(None)
        return rx.redirect(routes.EDITOR_LOGIN)

    @rx.event
    def require_staff(self):
        """``on_load`` of every newsroom page: signed-in staff only."""
        user = self._resolve()
        self._show(user)
        if user is None:
            self.staff_token = ""
            return rx.redirect(routes.EDITOR_LOGIN)

    @rx.event
    def redirect_if_signed_in(self):
        """``on_load`` of the sign-in page."""
        self.login_error = ""
        user = self._resolve()
        self._show(user)
        if user is not None:
            return rx.redirect(routes.EDITOR)


class StaffGuard(rx.State, mixin=True):
    """For newsroom states: who is asking, from the server-side session table."""

    async def _staff(self) -> StaffUser | None:
        auth_state = await self.get_state(AuthState)
        return auth_state._resolve()
