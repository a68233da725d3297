"""Guessing an editor's password over many connections at once is no faster than guessing in
turn: once the account is under attack, only a few slowed attempts are under way at a time, and
the rest are refused with the limit's answer before their password is looked at."""

from __future__ import annotations

import asyncio

import pytest
import reflex as rx
from sqlmodel import Session

from artisan_app.models import Role
from artisan_app.services.accounts import auth, login_limits
from artisan_app.services.common import ratelimit
from artisan_app.state.newsroom.auth import AuthState
from tests.factories import PASSWORD, make_user
from tests.harness import TEST_REDIS_URL
from tests.state.conftest import visit

EDITOR = "target@artisan.test"
PARALLEL = 8
REDIS_URL = TEST_REDIS_URL  # the harness's Redis database (5 unless ARTISAN_TEST_REDIS_URL says another)


@pytest.fixture(params=["memory", "redis"])
def counters(request, monkeypatch):
    """The limits' storage: this process's memory, or Redis shared by every worker."""
    rate = ratelimit._limiter("memory://" if request.param == "memory" else REDIS_URL)
    rate.storage.reset()
    monkeypatch.setattr(ratelimit, "limiter", lambda: rate)
    yield
    rate.storage.reset()


@pytest.fixture
def under_attack(session: Session, counters, monkeypatch):
    make_user(session, Role.editor, email=EDITOR)
    session.commit()
    for i in range(10):  # PER_ACCOUNT: past this, unknown browsers are slowed
        with pytest.raises(auth.AuthError):
            auth.authenticate(session, email=EDITOR, password=f"guess {i}", client_key=f"203.0.113.{i}")
    # Long enough for every parallel attempt to arrive while the first ones wait.
    monkeypatch.setattr(login_limits, "SLOWDOWN_SECONDS", 0.5)


async def attempt(i: int, password: str) -> AuthState:
    root = rx.State(_reflex_internal_init=True)
    visit(root, "/editor/login", ip=f"198.51.100.{i + 1}", token=f"guesser-{i}")  # each its own connection
    state = await root.get_state(AuthState)
    await state.login({"email": EDITOR, "password": password})
    return state


async def test_parallel_guesses_are_refused_beyond_a_few_in_flight(under_attack):
    # The last of the parallel attempts even has the right password.
    passwords = [f"parallel guess {i}" for i in range(PARALLEL - 1)] + [PASSWORD]
    states = await asyncio.gather(*(attempt(i, p) for i, p in enumerate(passwords)))
    answers = [s.login_error for s in states]
    checked = [a for a in answers if a == auth.BAD_LOGIN]
    assert len(checked) == login_limits.SLOWED_IN_FLIGHT
    assert answers.count(auth.TOO_MANY_LOGINS) == PARALLEL - login_limits.SLOWED_IN_FLIGHT
    assert states[-1].staff_token == "" and states[-1].login_error == auth.TOO_MANY_LOGINS  # the same answer

    # Places free up as attempts end: the editor, from a new browser, still gets in (slowed).
    editor = await attempt(PARALLEL, PASSWORD)
    assert editor.login_error == "" and editor.staff_token != ""


async def test_a_known_browser_never_queues(under_attack):
    device = auth.new_device_token(EDITOR)

    async def known(i: int) -> AuthState:
        root = rx.State(_reflex_internal_init=True)
        visit(root, "/editor/login", ip="192.0.2.10", token=f"editor-tab-{i}")
        state = await root.get_state(AuthState)
        state.staff_device = device
        await state.login({"email": EDITOR, "password": PASSWORD})
        return state

    guessers = [attempt(i, f"guess {i}") for i in range(PARALLEL)]
    *_, editor = await asyncio.gather(*guessers, known(0))
    assert editor.login_error == "" and editor.staff_token != ""
