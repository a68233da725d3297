"""The newsroom's warning when mail or jobs are not moving, read from the job queue."""

from __future__ import annotations

import time

import pytest
import reflex as rx
from huey import MemoryHuey

from artisan_app.jobs import heartbeat
from artisan_app.models import Role
from artisan_app.services.accounts import auth
from artisan_app.services.common import queue_health
from artisan_app.state.newsroom.auth import AuthState
from artisan_app.state.newsroom.mail_health import MailHealthState
from tests.factories import make_user
from tests.state.conftest import visit


@pytest.fixture
def queue(monkeypatch):
    huey = MemoryHuey("newsroom-warning-test", results=False)
    heartbeat.watch(huey)
    monkeypatch.setattr("artisan_app.jobs.queue.huey", huey)
    return huey


async def _tab(session, role: Role | None) -> MailHealthState:
    root = rx.State(_reflex_internal_init=True)
    visit(root, "/editor")
    if role is not None:
        user = make_user(session, role)
        (await root.get_state(AuthState)).staff_token = auth.start_session(session, user_id=user.id)
        session.commit()
    return await root.get_state(MailHealthState)


async def test_the_newsroom_is_warned_when_no_worker_takes_the_mail(session, queue):
    queue.task(name="confirmation")(lambda: None)()
    tab = await _tab(session, Role.editor)
    await tab.load_mail_health()
    assert tab.warning.startswith("Mail is not being sent: no job worker has run.")
    assert "(1 waiting)" in tab.warning

    queue_health.beat(queue, now=time.time())  # a worker came
    await tab.load_mail_health()
    assert tab.warning == ""


async def test_a_signed_out_tab_is_told_nothing(session, queue):
    queue.task(name="confirmation")(lambda: None)()
    tab = await _tab(session, None)
    await tab.load_mail_health()
    assert tab.warning == ""


async def test_an_unreadable_queue_is_a_warning(session, monkeypatch):
    from artisan_app.jobs.queue import make_huey

    monkeypatch.setattr("artisan_app.jobs.queue.huey", make_huey("redis://127.0.0.1:1/0"))
    tab = await _tab(session, Role.author)
    await tab.load_mail_health()
    assert tab.warning == "Mail is not being sent: the job queue cannot be reached."
