"""``staff_action``: the one place a newsroom handler learns who is asking and reports a refusal."""

from __future__ import annotations

import inspect

import pytest
from sqlmodel import Session, select

from artisan_app.models import Redirect, Role
from artisan_app.services.accounts.auth import PermissionDenied, StaffUser
from artisan_app.services.site import redirects
from artisan_app.state.newsroom.auth import staff_action
from artisan_app.state.newsroom.redirects import RedirectsState
from tests.factories import make_user
from tests.state.test_editor import sign_in

EDITOR = StaffUser(id=7, name="Eve", email="eve@artisan.test", role="editor", author_id=None)


class Refused(Exception):
    pass


class Desk:
    """Stands in for a newsroom state: ``_staff()`` answers from the "session", ``_refused`` shows."""

    def __init__(self, user: StaffUser | None):
        self.session_user, self.asked, self.error, self.done = user, [], "", []

    async def _staff(self, *, active: bool = True):
        self.asked.append(active)
        return self.session_user

    def _refused(self, exc: Exception) -> None:
        self.error = str(exc)

    def _other(self, exc: Exception) -> None:
        self.error = f"other: {exc}"

    @staff_action(Refused)
    async def act(self, user: StaffUser | None, item: int):
        if user is None or user.role != "editor":
            raise PermissionDenied("Editors only.")
        if item < 0:
            raise Refused("No such item.")
        self.done.append((user.id, item))
        return "ok"

    @staff_action(report="_other", refused=False, active=False)
    async def quiet(self, user: StaffUser | None) -> bool:
        if user is None:
            raise PermissionDenied("Signed out.")
        return True

    @staff_action()
    async def steps(self, user: StaffUser | None, n: int):
        for i in range(n):
            if user is None:
                raise PermissionDenied("Signed out.")
            self.done.append(i)
            yield i

    @staff_action()
    async def crash(self, user: StaffUser | None):
        raise RuntimeError("a bug, not a refusal")


async def test_an_allowed_call_gets_the_session_user():
    desk = Desk(EDITOR)
    assert await desk.act(3) == "ok"
    assert desk.done == [(7, 3)] and desk.error == "" and desk.asked == [True]
    assert [i async for i in desk.steps(2)] == [0, 1]


async def test_a_refused_call_reports_once_and_changes_nothing():
    desk = Desk(None)
    assert await desk.act(3) is None
    assert desk.error == "Editors only." and desk.done == []
    assert [i async for i in desk.steps(2)] == [] and desk.done == []
    assert await Desk(EDITOR).act(-1) is None  # a declared refusal goes the same way
    author = Desk(StaffUser(id=8, name="Al", email="al@a.test", role="author", author_id=1))
    await author.act(3)
    assert author.error == "Editors only." and author.done == []


async def test_the_report_hook_return_value_and_session_activity_are_declared():
    desk = Desk(None)
    assert await desk.quiet() is False
    assert desk.error == "other: Signed out." and desk.asked == [False]


async def test_other_exceptions_are_not_swallowed():
    with pytest.raises(RuntimeError):
        await Desk(EDITOR).crash()


async def test_the_client_cannot_send_a_user():
    desk = Desk(None)
    assert list(inspect.signature(Desk.act).parameters) == ["self", "item"]
    assert "user" not in Desk.act.__annotations__
    with pytest.raises(TypeError):
        await desk.act(EDITOR, 3)  # the session decides, never an argument
    assert desk.done == []
    handler = RedirectsState.event_handlers["remove_redirect"]  # what Reflex reads for the payload
    assert list(handler._parameters) == ["self", "redirect_id"]
    assert handler._get_type_hints() == {"redirect_id": int}


def test_misuse_fails_at_import():
    with pytest.raises(TypeError):

        @staff_action()
        async def no_user(self, item: int): ...

    with pytest.raises(TypeError):

        @staff_action()
        def not_async(self, user): ...


async def test_a_real_handler_refuses_an_editor_and_keeps_the_redirect(root, any_session: Session):
    admin = make_user(any_session, Role.admin, name="Ada Admin", email="ada@artisan.test")
    make_user(any_session, Role.editor, name="Eve Editor", email="eve@artisan.test")
    redirects.add_manual(any_session, user=admin, old="/old", new="/article/new")
    any_session.commit()
    redirect_id = any_session.exec(select(Redirect)).one().id
    await sign_in(root, "eve@artisan.test")
    state = await root.get_state(RedirectsState)
    state.message = "before"
    await state.remove_redirect(redirect_id)
    assert state.error and state.message == ""
    any_session.expire_all()
    assert [r.id for r in any_session.exec(select(Redirect)).all()] == [redirect_id]
