"""Staff sign-in and the guard every newsroom state uses.

The browser holds only an opaque session token (local storage, synced between
its tabs). Every newsroom handler resolves it against the session table again
through ``StaffGuard._staff()``, which also keeps the session from idling out
and rotates the token (``services.accounts.auth.check_session``); the name and role
shown in the UI are display copies, never consulted for a decision. The
password exists only as a local variable inside ``login``.

Signing out, or any request whose session no longer resolves, resets every
newsroom state of the tab (moderation rows with commenters' emails, the editor
form, the lists): nothing of the newsroom stays in the tab's server state.
"""

from __future__ import annotations

import asyncio
import functools
import inspect
from collections.abc import Callable
from typing import Any, Concatenate, ParamSpec, TypeVar

import reflex as rx

from artisan_app.core import db, routes
from artisan_app.services.accounts import auth
from artisan_app.services.accounts.auth import AuthError, PermissionDenied, StaffUser
from artisan_app.services.common.text import clean_text
from artisan_app.state.support import clients

P = ParamSpec("P")
R = TypeVar("R")
S = TypeVar("S", bound=rx.State)  # a StaffGuard state, or a mixin of one


def newsroom_states() -> list[type[rx.State]]:
    """Every state that holds newsroom data: the ``StaffGuard`` states."""
    return [cls for cls in StaffGuard.__subclasses__() if issubclass(cls, rx.State)]


class AuthState(rx.State):
    staff_token: str = rx.LocalStorage("", name="artisan_staff_session", sync=True)
    # A browser that signed in before (``services.accounts.login_limits``): exempt from other clients' limits.
    staff_device: str = rx.LocalStorage("", name="artisan_staff_device")
    staff_name: str = ""
    staff_role: str = ""
    login_error: str = ""
    login_email: str = ""
    checked: bool = False
    # The session ended under the tab (idle, revoked, rotated away): say so and offer sign-in.
    session_ended: bool = False

    def _check(self, *, active: bool = True) -> StaffUser | None:
        with db.session_scope() as session:
            result = auth.check_session(session, self.staff_token, active=active)
        if result.new_token:
            self.staff_token = result.new_token
        return result.user

    def _resolve(self) -> StaffUser | None:
        return self._check()

    def _show(self, user: StaffUser | None) -> None:
        self.staff_name = user.name if user else ""
        self.staff_role = user.role if user else ""
        self.checked = True

    async def _forget_newsroom(self, *, ended: bool = False) -> None:
        """Signed out (or the session ended): reset every newsroom state of this tab.

        Only signing out clears the stored token (in every tab of the browser, through
        the synced local storage). A token that merely stopped resolving is left alone:
        it is worthless, and clearing it would also erase the fresh token another tab of
        the same browser may have rotated in meanwhile, signing that tab out too.
        """
        self.session_ended = ended and (self.session_ended or self.staff_token != "")
        if not ended:
            self.staff_token = ""
        self._show(None)
        for cls in newsroom_states():
            (await self.get_state(cls)).reset()

    @rx.event
    async def login(self, form_data: dict):
        form_data = form_data if isinstance(form_data, dict) else {}
        email = clean_text(form_data.get("email", ""))[:254]
        self.login_email, self.session_ended = email, False
        client_key = clients.client_key(self)
        try:
            # Past the account's failure count an unknown browser is slowed down, a few at a time.
            with auth.sign_in_turn(email, client_key=client_key, device_token=self.staff_device) as delay:
                if delay:
                    await asyncio.sleep(delay)
                with db.session_scope() as session:
                    user = auth.authenticate(
                        session,
                        email=email,
                        password=form_data.get("password", ""),
                        client_key=client_key,
                        device_token=self.staff_device,
                    )
                    token = auth.start_session(session, user_id=user.id)
        except AuthError as exc:
            self.login_error = exc.message
            return rx.set_focus("login-password")
        await self._forget_newsroom()  # nothing of a previous session carries over
        self.staff_token, self.login_error = token, ""
        self.staff_device = auth.new_device_token(email)
        self._show(user)
        return rx.redirect(routes.EDITOR)

    @rx.event
    async def logout(self):
        with db.session_scope() as session:
            auth.revoke_session(session, self.staff_token)
        await self._forget_newsroom()
        self.login_email = ""  # a shared computer keeps nothing of who was here
        return rx.redirect(routes.EDITOR_LOGIN)

    @rx.event
    async def require_staff(self):
        """``on_load`` of every newsroom page: signed-in staff only."""
        user = self._check()
        self._show(user)
        if user is None:
            await self._forget_newsroom(ended=True)
            return rx.redirect(routes.EDITOR_LOGIN)

    @rx.event
    async def redirect_if_signed_in(self):
        """``on_load`` of the sign-in page."""
        self.login_error = ""
        user = self._check()
        self._show(user)
        if user is not None:
            return rx.redirect(routes.EDITOR)
        await self._forget_newsroom(ended=True)


class StaffGuard(rx.State, mixin=True):
    """For newsroom states: who is asking, from the server-side session table.

    ``active=False`` for background heartbeats, which must not keep a session alive.
    When the session no longer resolves, every newsroom state of the tab is reset.
    """

    async def _staff(self, *, active: bool = True) -> StaffUser | None:
        auth_state = await self.get_state(AuthState)
        user = auth_state._check(active=active)
        if user is None:
            await auth_state._forget_newsroom(ended=True)
        return user


def staff_action(
    *refusals: type[Exception],
    report: str = "_refused",
    refused: Any = None,
    active: bool = True,
) -> Callable[[Callable[Concatenate[S, StaffUser | None, P], R]], Callable[Concatenate[S, P], R]]:
    """A newsroom handler (or helper) that acts as the signed-in user, whoever the client says it is.

    The decorated method (a coroutine or an async generator) takes the user (``None`` when
    signed out) right after ``self``, resolved through ``StaffGuard._staff()`` before its
    body runs; the services it calls check the role. ``PermissionDenied`` and the declared
    ``refusals`` raised anywhere in the body go to the state's ``report`` method (given the
    exception); a coroutine then returns ``refused``, a generator stops. Reflex sees the
    signature without the user, so the client can neither send one nor shift the payload.
    """
    caught: tuple[type[Exception], ...] = (PermissionDenied, *refusals)

    def decorate(fn: Callable[Concatenate[S, StaffUser | None, P], R]) -> Callable[Concatenate[S, P], R]:
        signature = inspect.signature(fn)
        self_param, user_param, *params = signature.parameters.values()
        if user_param.name != "user":
            raise TypeError(f"{fn.__qualname__}: the parameter after self must be `user`")
        guarded: Any
        if inspect.isasyncgenfunction(fn):

            @functools.wraps(fn)
            async def guarded(self: Any, *args: Any, **kwargs: Any) -> Any:
                user = await self._staff(active=active)
                try:
                    async for event in fn(self, user, *args, **kwargs):
                        yield event
                except caught as exc:
                    getattr(self, report)(exc)
        elif inspect.iscoroutinefunction(fn):

            @functools.wraps(fn)
            async def guarded(self: Any, *args: Any, **kwargs: Any) -> Any:
                user = await self._staff(active=active)
                try:
                    return await fn(self, user, *args, **kwargs)
                except caught as exc:
                    getattr(self, report)(exc)
                    return refused
        else:
            raise TypeError(f"staff_action needs an async method, not {fn.__qualname__}")
        # What Reflex reads for the payload: the handler's own parameters, without the user.
        guarded.__signature__ = signature.replace(parameters=[self_param, *params])
        guarded.__annotations__ = {k: v for k, v in fn.__annotations__.items() if k != "user"}
        return guarded

    return decorate
