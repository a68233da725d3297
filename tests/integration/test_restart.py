"""With Redis as Reflex's state manager, a reader's state survives a restart of
the production app (several backend workers, state in Redis database 5).

Starts the production build (slow): marked ``e2e``.
"""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from collections.abc import Iterator

import pytest
import redis
import socketio

from tests.harness import CHROMIUM, CHROMIUM_ARGS, TEST_REDIS_URL, RunningApp, app_env, prepare_database, wait_for_app

pytestmark = pytest.mark.e2e

SLUG = "civil-servants-social-media-pakistan"
ARTICLE = f"/article/{SLUG}"
ROOT_STATE = "reflex___state____state"
COMMENT_STATE = f"{ROOT_STATE}.artisan_app___state___reader___comments____comment_state"
WORKERS = "2"


@pytest.fixture(scope="module")
def state_redis() -> Iterator[redis.Redis]:
    client = redis.Redis.from_url(TEST_REDIS_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.RedisError as exc:
        pytest.fail(f"Redis is required at {TEST_REDIS_URL}: {exc}")
    client.flushdb()  # only the tests' own database
    yield client
    client.flushdb()
    client.close()


@pytest.fixture(scope="module")
def app(tmp_path_factory, state_redis) -> Iterator[RunningApp]:
    tmp = tmp_path_factory.mktemp("restart")
    env = app_env(ARTISAN_DB_URL=f"sqlite:///{tmp / 'restart.db'}", ARTISAN_COMMENT_RATE_LIMIT="200/minute")
    prepare_database(env)
    running = RunningApp(env, tmp / "reflex.log", extra_env={"REFLEX_REDIS_URL": TEST_REDIS_URL, "GRANIAN_WORKERS": WORKERS})
    try:
        running.wait_ready()
        yield running
    finally:
        running.stop()


class Tab:
    """A browser tab as far as the backend can tell: a socket.io client with a token."""

    def __init__(self, url: str, token: str):
        self.url, self.token = url, token
        self.updates: list[dict] = []
        self.sio = socketio.AsyncClient(reconnection=False)
        self.sio.on("event", self.updates.append, namespace="/_event")

    async def open(self, path: str) -> None:
        boot = {"name": f"{ROOT_STATE}.hydrate_and_load", "payload": {}, "router_data": {"pathname": path, "asPath": path}}
        await self.sio.connect(
            f"{self.url}?token={self.token}",
            socketio_path="/_event",
            transports=["websocket"],
            namespaces=["/_event"],
            auth={"event": boot},
            wait_timeout=30,
        )
        await self.until(lambda d: d.get(ROOT_STATE, {}).get("is_hydrated_rx_state_") is True)

    async def send(self, handler: str, path: str, **payload) -> None:
        await self.sio.emit(
            "event", {"name": handler, "payload": payload, "router_data": {"pathname": path, "asPath": path}}, namespace="/_event"
        )

    async def until(self, check, timeout: float = 30) -> dict:
        deadline = time.monotonic() + timeout
        seen = 0
        while time.monotonic() < deadline:
            for update in self.updates[seen:]:
                seen += 1
                if check(update.get("delta", {})):
                    return update["delta"]
            await asyncio.sleep(0.05)
        raise AssertionError(f"no matching update in {timeout}s: {json.dumps(self.updates)[-2000:]}")

    async def close(self) -> None:
        await self.sio.disconnect()
        await self.sio.eio.http.close() if getattr(self.sio.eio, "http", None) else None


def _comment(delta: dict) -> dict:
    return delta.get(COMMENT_STATE, {})


def _socket_record_gone(state_redis, token: str) -> None:
    """A closed tab's token is free again (Reflex hands a token still on record to a new one)."""
    deadline = time.monotonic() + 30
    while state_redis.exists(f"token_manager_socket_record_{token}"):
        assert time.monotonic() < deadline, "the closed tab's socket record stayed in Redis"
        time.sleep(0.1)


def test_several_workers_share_one_tabs_state_through_redis(app: RunningApp, state_redis):
    """Each new connection may land on either worker: all of them see the choice one of them
    stored (the thread order, which a page load keeps), and that choice is the copy in Redis."""
    assert len(app.pids()) >= 1 + int(WORKERS)  # the reflex command and its workers
    token = str(uuid.uuid4())

    async def choose_newest() -> None:
        tab = Tab(app.url, token)
        try:
            await tab.open(ARTICLE)
            await tab.send(f"{COMMENT_STATE}.set_thread_order", ARTICLE, order="newest")
            await tab.until(lambda d: _comment(d).get("thread_order_rx_state_") == "newest")
        finally:
            await tab.close()

    async def order_seen() -> str:
        _socket_record_gone(state_redis, token)  # else Reflex gives the new connection a new token
        tab = Tab(app.url, token)
        try:
            await tab.open(ARTICLE)
            return _comment(tab.updates[0]["delta"]).get("thread_order_rx_state_")  # as stored
        finally:
            await tab.close()

    asyncio.run(choose_newest())
    deadline = time.monotonic() + 30  # the worker writes the state back when it lets go of the tab
    while not any(b"newest" in (state_redis.get(k) or b"") for k in state_redis.keys(f"{token}_*")):
        assert time.monotonic() < deadline, "the tab's state never reached Redis"
        time.sleep(0.2)
    assert [asyncio.run(order_seen()) for _ in range(6)] == ["newest"] * 6


def test_a_tabs_backend_state_survives_a_restart(app: RunningApp, state_redis):
    """The backend state itself (not the browser's copy) comes back after a restart."""
    token = str(uuid.uuid4())
    draft = f"Draft written before the restart {uuid.uuid4().hex[:8]} — naïve café"

    async def before():
        tab = Tab(app.url, token)
        await tab.open(ARTICLE)
        await tab.send(f"{COMMENT_STATE}.set_field", ARTICLE, field="body", value=draft)
        await tab.until(lambda d: _comment(d).get("body_rx_state_") == draft)
        await tab.close()

    async def after() -> dict:
        tab = Tab(app.url, token)
        try:
            await tab.open(ARTICLE)
            return tab.updates[0]["delta"]  # the hydrate snapshot: the state as stored
        finally:
            await tab.close()

    asyncio.run(before())
    deadline = time.monotonic() + 30  # the worker writes the state back when it lets go of the tab
    while not any(draft.encode() in (state_redis.get(k) or b"") for k in state_redis.keys(f"{token}_*")):
        assert time.monotonic() < deadline, "the tab's state never reached Redis"
        time.sleep(0.2)
    _socket_record_gone(state_redis, token)
    old_processes = set(app.pids())
    app.restart()
    assert not old_processes & set(app.pids())  # no process that held the state in memory is left
    snapshot = asyncio.run(after())
    assert _comment(snapshot).get("body_rx_state_") == draft


def test_a_readers_draft_is_still_there_after_a_restart(app: RunningApp, state_redis):
    """What the reader sees: the page takes the draft from the browser's copy on every load
    (by design, ``CommentState._restore_draft``), so this checks the page after a restart; that
    the backend state itself survives in Redis, with no browser copy, is
    ``test_a_tabs_backend_state_survives_a_restart``."""
    from playwright.sync_api import expect, sync_playwright

    draft = f"Half-written thought {uuid.uuid4().hex[:8]}: line one\nline two"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=app.url).new_page()
            page.set_default_timeout(30_000)
            page.goto(ARTICLE)
            wait_for_app(page, timeout=60_000)  # the comment form is the app's
            box = page.get_by_role("form", name="Leave a comment").get_by_role("textbox", name="Comment")
            box.fill(draft)
            token = page.evaluate("window.sessionStorage.getItem('token')")
            # Wait until the backend holds the draft (debounced input -> set_field -> Redis).
            deadline = time.monotonic() + 20
            while not any(draft.split(":")[0].encode() in (state_redis.get(k) or b"") for k in state_redis.keys(f"{token}_*")):
                assert time.monotonic() < deadline, "the draft never reached the state in Redis"
                time.sleep(0.2)

            app.restart()
            page.reload()
            wait_for_app(page, timeout=60_000)  # the restarted workers warm up first
            box = page.get_by_role("form", name="Leave a comment").get_by_role("textbox", name="Comment")
            expect(box).to_have_value(draft, timeout=30_000)
            expect(page.get_by_role("heading", level=1)).to_contain_text("Civil Servants")
        finally:
            browser.close()
