"""The production path: secret-key guard, ``/healthz``, rate limits shared
through Redis, and pages that degrade cleanly when a service goes away.

The fast tests call the pieces directly (Starlette's TestClient, the state
tree). The ``e2e`` test at the bottom starts the production build on
PostgreSQL and Redis behind TCP proxies, takes each away and brings it back.
"""

from __future__ import annotations

import asyncio
import dataclasses
import os
import socket
import subprocess
import sys
import threading
import time
import uuid

import httpx
import pytest
import redis
import reflex as rx
from huey import MemoryHuey
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError, OperationalError
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from artisan_app.core import db
from artisan_app.core.outage import is_outage
from artisan_app.core.settings import DEV_SECRET_KEY, InsecureProductionConfig, Settings, settings
from artisan_app.jobs import heartbeat
from artisan_app.jobs.queue import make_huey
from artisan_app.services.common import queue_health, ratelimit
from artisan_app.state.reader.article import ArticleState
from artisan_app.state.reader.listings import ReaderState
from artisan_app.state.reader.site import SiteState
from artisan_app.state.support import resilience
from artisan_app.web.endpoints import health
from tests.factories import make_article, make_author, make_category
from tests.harness import ROOT, TEST_REDIS_URL, TEST_SECRET_KEY, HangingListener
from tests.state.conftest import visit

DEAD_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:1/test"
DEAD_REDIS = "redis://127.0.0.1:1/0"
GOOD_SECRET = "x" * 48


class _QueueOk:
    """Equal to a healthy queue's report, whatever second the worker was seen in."""

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, dict)
            and other.get("status") == "ok"
            and other.get("waiting") == 0
            and isinstance(other.get("worker_seen_seconds_ago"), int)
        )

    def __repr__(self) -> str:
        return "<a healthy queue>"


QUEUE_OK = _QueueOk()
SITE = "https://news.example"


def redis_available() -> None:
    try:
        redis.Redis.from_url(TEST_REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:  # the machine's Redis must be running (see .ci/run)
        pytest.fail(f"Redis is required at {TEST_REDIS_URL}: {exc}")


# --- the secret key ----------------------------------------------------------------


def prod_settings(**env: str) -> Settings:
    return Settings.from_env({"ARTISAN_ENV": "prod", **env})


@pytest.mark.parametrize("secret", [None, "", DEV_SECRET_KEY, "too-short-secret"])
def test_production_refuses_a_missing_default_or_short_secret(secret):
    env = {} if secret is None else {"ARTISAN_SECRET_KEY": secret}
    with pytest.raises(InsecureProductionConfig, match="ARTISAN_SECRET_KEY"):
        prod_settings(**env).check_production(env={}, argv=[])


def test_production_accepts_a_long_secret_and_never_shows_it():
    s = prod_settings(ARTISAN_SECRET_KEY=GOOD_SECRET, ARTISAN_SITE_URL=SITE)
    s.check_production(env={}, argv=[])
    assert GOOD_SECRET not in repr(s)


@pytest.mark.parametrize("site", [None, "", "  ", "www.example.com"])
def test_production_refuses_to_start_without_a_site_address(site):
    env = {"ARTISAN_SECRET_KEY": GOOD_SECRET} | ({} if site is None else {"ARTISAN_SITE_URL": site})
    with pytest.raises(InsecureProductionConfig, match="ARTISAN_SITE_URL"):
        prod_settings(**env).check_production(env={}, argv=[])


def test_development_keeps_the_local_site_address():
    dev = Settings.from_env({})
    assert dev.site_url == "http://localhost:3000"
    dev.check_production(env={}, argv=[])


@pytest.mark.parametrize(
    "env, argv",
    [
        ({"REFLEX_ENV_MODE": "prod"}, []),
        ({"ARTISAN_ENV": "prod"}, []),
        ({}, ["/venv/bin/reflex", "run", "--env", "prod", "--single-port"]),
        ({}, ["/venv/bin/reflex", "run", "--env=prod"]),
    ],
)
def test_every_way_of_asking_for_production_is_guarded(env, argv):
    dev = Settings.from_env({})  # loaded before Reflex set its env mode
    with pytest.raises(InsecureProductionConfig):
        dev.check_production(env=env, argv=argv)


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["/venv/bin/reflex", "run"],
        ["/venv/bin/reflex", "run", "--env", "dev"],
        ["/venv/bin/pytest", "-k", "run", "--env", "prod"],
    ],
)
def test_development_runs_with_the_default_secret(argv):
    dev = Settings.from_env({})
    assert dev.secret_key == DEV_SECRET_KEY and not dev.production_requested(env={}, argv=argv)
    dev.check_production(env={}, argv=argv)  # no refusal


def _import_rxconfig(**env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("ARTISAN_", "REFLEX_"))}
    return subprocess.run(
        [sys.executable, "-c", "import rxconfig"], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True, timeout=120
    )


def test_rxconfig_stops_production_without_a_secret():
    refused = _import_rxconfig(ARTISAN_ENV="prod")
    assert refused.returncode != 0
    assert "Refusing to start in production" in refused.stderr
    no_site = _import_rxconfig(ARTISAN_ENV="prod", ARTISAN_SECRET_KEY=TEST_SECRET_KEY)
    assert no_site.returncode != 0 and "ARTISAN_SITE_URL is not set" in no_site.stderr
    assert _import_rxconfig(ARTISAN_ENV="prod", ARTISAN_SECRET_KEY=TEST_SECRET_KEY, ARTISAN_SITE_URL=SITE).returncode == 0


# --- /healthz ---------------------------------------------------------------------------


@pytest.fixture
def healthz(monkeypatch):
    """A client for /healthz; ``use(database=..., redis=...)`` points it at services."""
    client = TestClient(Starlette(routes=health.health_routes()))
    queue = MemoryHuey("healthz-test", results=False)
    queue_health.beat(queue, now=time.time())  # a worker is running
    monkeypatch.setattr(health, "_queue", lambda: queue)

    def use(*, database: str | None = None, redis_url: str = "") -> TestClient:
        if database is not None:
            db.use_database(database)
        monkeypatch.setattr(health, "settings", dataclasses.replace(settings, redis_url=redis_url, state_redis_url=""))
        return client

    yield use
    db.use_database()


def test_healthz_ok_without_redis(healthz, engine):
    resp = healthz().get("/healthz")
    assert resp.status_code == 200
    assert resp.json() == {"status": "ok", "database": "ok", "redis": "not configured", "queue": QUEUE_OK}
    assert resp.headers["cache-control"] == "no-store"


def test_healthz_reports_a_queue_without_worker_but_stays_up(healthz, engine, monkeypatch):
    """Readers are served without the worker: 200, with the queue saying what is wrong."""
    idle = MemoryHuey("healthz-no-worker", results=False)
    heartbeat.watch(idle)
    monkeypatch.setattr(health, "_queue", lambda: idle)
    idle.task(name="waiting")(lambda: None)()
    resp = healthz().get("/healthz")
    assert resp.status_code == 200
    queue = resp.json()["queue"]
    assert queue["status"] == "no worker" and queue["waiting"] == 1 and queue["worker_seen_seconds_ago"] is None
    assert queue["oldest_waiting_seconds"] == 0


def test_healthz_reports_an_unreadable_queue(healthz, engine, monkeypatch):
    def unreachable():
        return make_huey("redis://127.0.0.1:1/0")

    client = healthz()
    monkeypatch.setattr(health, "_queue", unreachable)
    resp = client.get("/healthz")
    assert resp.status_code == 200 and resp.json()["queue"] == {"status": "down"}


def test_healthz_ok_with_redis(healthz, any_engine):
    redis_available()
    resp = healthz(redis_url=TEST_REDIS_URL).get("/healthz")
    assert resp.status_code == 200
    assert resp.json() == {"status": "ok", "database": "ok", "redis": "ok", "queue": QUEUE_OK}


def test_healthz_names_the_database_when_it_is_down(healthz):
    redis_available()
    resp = healthz(database=DEAD_POSTGRES, redis_url=TEST_REDIS_URL).get("/healthz")
    assert resp.status_code == 503
    assert resp.json() == {"status": "unavailable", "database": "down", "redis": "ok", "down": "database", "queue": QUEUE_OK}
    assert "127.0.0.1" not in resp.text  # no connection details leak


def test_healthz_names_redis_when_it_is_down(healthz, engine):
    resp = healthz(redis_url=DEAD_REDIS).get("/healthz")
    assert resp.status_code == 503
    assert resp.json() == {"status": "unavailable", "database": "ok", "redis": "down", "down": "redis", "queue": QUEUE_OK}


def test_healthz_checks_reflex_state_redis_too(healthz, engine, monkeypatch):
    redis_available()
    healthz()
    monkeypatch.setattr(health, "settings", dataclasses.replace(settings, redis_url=TEST_REDIS_URL, state_redis_url=DEAD_REDIS))
    resp = TestClient(Starlette(routes=health.health_routes())).get("/healthz")
    assert resp.status_code == 503 and resp.json()["redis"] == "down"


def test_healthz_does_not_hang_on_services_that_never_answer(healthz):
    """A listener that accepts connections and never replies (a hung server)."""
    with HangingListener() as hung:
        port = hung.port
        healthz(database=f"postgresql+psycopg://postgres@127.0.0.1:{port}/test", redis_url=f"redis://127.0.0.1:{port}")
        app = Starlette(routes=health.health_routes())

        async def ask():
            async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
                return await client.get("/healthz")

        # A bound that load cannot reach, which a check without its own timeout would (it waits
        # forever); how long the answer takes is measured in benchmarks/refusal_times.py.
        resp = asyncio.run(asyncio.wait_for(ask(), health.CHECK_TIMEOUT_SECONDS + 30))
    assert hung.accepted >= 1  # the checks did reach the hung server
    assert resp.status_code == 503
    assert resp.json()["database"] == "down" and resp.json()["redis"] == "down"


def test_on_outage_answers_503_with_the_shell_and_lets_bugs_through():
    def down(request):
        raise OperationalError("SELECT 1", {}, Exception("connection refused"))

    def buggy(request):
        raise IntegrityError("INSERT", {}, Exception("duplicate key"))

    async def fine(request):
        return PlainTextResponse("fine")

    app = Starlette(
        routes=[
            Route("/page", health.on_outage(down, lambda: "<html><body>shell</body></html>")),
            Route("/feed", health.on_outage(down)),
            Route("/bug", health.on_outage(buggy)),
            Route("/fine", health.on_outage(fine)),
        ]
    )
    client = TestClient(app, raise_server_exceptions=False)
    page = client.get("/page")
    assert page.status_code == 503 and "shell" in page.text and page.headers["retry-after"] == "30"
    feed = client.get("/feed")
    assert feed.status_code == 503 and feed.text == health.UNAVAILABLE_TEXT
    assert client.get("/bug").status_code == 500
    assert client.get("/fine").text == "fine"


def test_on_outage_answers_at_its_bound_when_a_service_never_answers(monkeypatch):
    """A handler stuck on a service that accepted the connection and went silent:
    the reader gets the 503 page at the bound, not a request that never ends."""
    monkeypatch.setattr(health, "REQUEST_TIMEOUT_SECONDS", 0.5)
    released = threading.Event()

    def stuck(request):
        released.wait(30)
        return PlainTextResponse("late")

    async def stuck_async(request):
        await asyncio.sleep(30)
        return PlainTextResponse("late")

    app = Starlette(
        routes=[
            Route("/sync", health.on_outage(stuck, lambda: "<html>shell</html>")),
            Route("/async", health.on_outage(stuck_async)),
        ]
    )

    async def ask():
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
            try:  # the bound of 10 s fails the test if a request hangs
                return [await asyncio.wait_for(client.get(path), 10) for path in ("/sync", "/async")]
            finally:
                released.set()

    page, feed = asyncio.run(ask())
    assert page.status_code == 503 and page.text == "<html>shell</html>" and page.headers["retry-after"] == "30"
    assert feed.status_code == 503 and feed.text == health.UNAVAILABLE_TEXT


def test_the_redirect_lookup_gives_way_when_the_database_never_answers(monkeypatch):
    """The redirect table is looked up in front of every page: a hung database
    must not hold the request there (the page's own outage handling answers)."""
    from artisan_app.web.middleware import redirects

    monkeypatch.setattr(redirects, "LOOKUP_TIMEOUT_SECONDS", 0.3)
    released = threading.Event()
    monkeypatch.setattr(redirects, "_lookup", lambda path, query: released.wait(30) and None)
    page = Starlette(routes=[Route("/article/{slug}", lambda r: PlainTextResponse("page"))])
    app = redirects.RedirectMiddleware(page)

    async def ask():
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
            try:
                return await asyncio.wait_for(client.get("/article/old-address"), 10)  # the bound
            finally:
                released.set()

    resp = asyncio.run(ask())
    assert resp.status_code == 200 and resp.text == "page"


# --- db.py ----------------------------------------------------------------------------


def test_postgres_engines_give_up_on_a_hung_server_and_check_pooled_connections():
    """A server that accepts and never answers: the connect timeout ends the wait (without
    it the connection attempt would wait forever)."""
    with HangingListener() as hung:
        engine = db.engine_for(f"postgresql+psycopg://postgres@127.0.0.1:{hung.port}/hung-check")
        assert engine.pool._pre_ping
        outcome: list[BaseException] = []

        def connect() -> None:
            try:
                with engine.connect():
                    pass
            except BaseException as exc:  # noqa: BLE001 - recorded for the assert below
                outcome.append(exc)

        attempt = threading.Thread(target=connect, daemon=True)
        attempt.start()
        attempt.join(timeout=db.CONNECT_TIMEOUT_SECONDS + 30)  # a generous bound: load must not fail it
        assert not attempt.is_alive(), "the connection attempt to a hung server never gave up"
        assert hung.accepted >= 1  # it did reach the hung server
        assert len(outcome) == 1 and isinstance(outcome[0], OperationalError)


def test_ping(engine):
    db.ping()
    asyncio.run(db.ping_async())
    db.use_database(DEAD_POSTGRES)
    with pytest.raises(OperationalError):
        db.ping()


# --- degraded pages (state) ------------------------------------------------------------


@pytest.fixture
def root() -> rx.State:
    return rx.State(_reflex_internal_init=True)


@pytest.fixture
def database_down():
    db.use_database(DEAD_POSTGRES)
    yield
    db.use_database()


def _is_report(result) -> bool:
    return getattr(result, "fn", None) is not None and result.fn.__name__ == "report_unavailable"


async def test_article_page_reports_an_outage_instead_of_raising(root, database_down):
    visit(root, "/article/anything", "/article/[slug]")
    article = await root.get_state(ArticleState)
    assert _is_report(await article.load_article())
    assert not article.found

    site = await root.get_state(SiteState)
    assert _is_report(await site.load_navigation())
    follow = site.report_unavailable()
    assert site.unavailable is True
    assert follow.fn.__name__ == "wait_for_recovery"


async def test_front_page_reports_an_outage(root, database_down):
    visit(root, "/")
    reader = await root.get_state(ReaderState)
    assert _is_report(await reader.load_front_page())
    assert reader.loaded is False  # the notice replaces the page; no empty list shown as real


async def test_a_successful_load_clears_the_notice(root, any_session):
    category, author = make_category(any_session), make_author(any_session)
    make_article(any_session, category=category, author=author, slug="live")
    any_session.commit()
    site = await root.get_state(SiteState)
    site.report_unavailable()
    assert site.unavailable
    assert await site.load_navigation() is None
    assert site.unavailable is False
    visit(root, "/article/live", "/article/[slug]")
    article = await root.get_state(ArticleState)
    assert await article.load_article() is None and article.found


async def test_the_recovery_watcher_reloads_once_the_database_answers(root, engine, monkeypatch):
    monkeypatch.setattr("artisan_app.state.reader.site.RECOVERY_FIRST_RETRY_SECONDS", 0.01)

    async def connected(token):
        return True

    monkeypatch.setattr("artisan_app.state.reader.site.client_connected", connected)
    site = await root.get_state(SiteState)
    site.unavailable = True

    class Proxy:  # what Reflex hands a background task: the state, lockable
        def __getattr__(self, name):
            return getattr(site, name)

        def __setattr__(self, name, value):
            setattr(site, name, value)

        async def __aenter__(self):
            return self

        async def __aexit__(self, *exc):
            return False

    produced = [item async for item in SiteState.wait_for_recovery.fn(Proxy())]
    assert site.unavailable is False
    assert len(produced) == 1 and "window.location.reload()" in str(produced[0])


def test_outage_safe_handles_every_kind_of_handler():
    outage = OperationalError("SELECT 1", {}, Exception("server closed the connection"))

    class Fake:
        def sync(self):
            raise outage

        async def coro(self):
            raise redis.exceptions.ConnectionError("redis down")

        def gen(self):
            yield "first"
            raise outage

        async def agen(self):
            yield "first"
            raise TimeoutError

        def bug(self):
            raise ValueError("a real bug")

    fake = Fake()
    assert _is_report(resilience.outage_safe(Fake.sync)(fake))
    assert _is_report(asyncio.run(resilience.outage_safe(Fake.coro)(fake)))
    items = list(resilience.outage_safe(Fake.gen)(fake))
    assert items[0] == "first" and _is_report(items[1])

    async def collect():
        return [i async for i in resilience.outage_safe(Fake.agen)(fake)]

    items = asyncio.run(collect())
    assert items[0] == "first" and _is_report(items[1])
    with pytest.raises(ValueError, match="a real bug"):
        resilience.outage_safe(Fake.bug)(fake)
    assert not is_outage(IntegrityError("INSERT", {}, Exception("duplicate")))


# --- rate limits shared by every backend worker through Redis ------------------------


def test_rate_limits_are_shared_through_redis(monkeypatch):
    redis_available()
    monkeypatch.setattr(ratelimit, "settings", dataclasses.replace(settings, redis_url=TEST_REDIS_URL))
    namespace, key = f"test-shared-{uuid.uuid4().hex}", "10.0.0.1"
    assert ratelimit.hit("2/minute", namespace, key)
    # Another worker process has its own limiter object on the same Redis.
    from limits.storage import storage_from_string
    from limits.strategies import MovingWindowRateLimiter

    other_worker = MovingWindowRateLimiter(storage_from_string(TEST_REDIS_URL))
    item = ratelimit._items("2/minute")[0]
    assert other_worker.hit(item, namespace, key)
    assert not ratelimit.hit("2/minute", namespace, key)
    ratelimit.reset(namespace, key, "2/minute")
    assert ratelimit.hit("2/minute", namespace, key)
    ratelimit.reset(namespace, key, "2/minute")


def test_a_hung_proxy_accepts_and_never_answers_until_resumed():
    from tests.harness import TcpProxy

    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(8)

        def echo():
            conn, _ = server.accept()
            with conn:
                while data := conn.recv(1024):
                    conn.sendall(data)

        threading.Thread(target=echo, daemon=True).start()
        with TcpProxy(server.getsockname()[1]) as proxy, socket.create_connection(("127.0.0.1", proxy.port), 5) as c:
            c.sendall(b"one")
            assert c.recv(16) == b"one"
            proxy.hang()
            c.sendall(b"two")
            c.settimeout(1.5)
            with pytest.raises(TimeoutError):
                c.recv(16)
            with socket.create_connection(("127.0.0.1", proxy.port), 5) as late:  # accepted while hung
                late.settimeout(0.5)
                with pytest.raises(TimeoutError):
                    late.recv(16)
            proxy.resume()
            c.settimeout(5)
            assert c.recv(16) == b"two"


# --- the production build losing PostgreSQL and Redis (slow) ---------------------------

OUTAGE_SCHEMA = f"artisan_e2e_outage_{os.getpid()}"
NOTICE = "Artisan Times is temporarily unavailable"


@pytest.fixture(scope="module")
def outage_app(tmp_path_factory):
    """The production build on PostgreSQL and Redis, each reached through a TCP
    proxy the test can cut (the shared servers are never touched)."""
    from sqlalchemy import create_engine, make_url

    from tests.conftest import POSTGRES_URL
    from tests.harness import RunningApp, TcpProxy, app_env, prepare_database

    redis_available()
    admin = create_engine(POSTGRES_URL)
    try:
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA IF EXISTS {OUTAGE_SCHEMA} CASCADE"))
            conn.execute(text(f"CREATE SCHEMA {OUTAGE_SCHEMA}"))
    except Exception as exc:  # noqa: BLE001
        pytest.fail(f"PostgreSQL is required at {POSTGRES_URL}: {exc}")
    pg, rd = TcpProxy(5432).start(), TcpProxy(6379).start()
    redis_db = TEST_REDIS_URL.rsplit("/", 1)[-1]
    through_proxy = make_url(POSTGRES_URL).set(port=pg.port, query={"options": f"-csearch_path={OUTAGE_SCHEMA}"})
    env = app_env(
        ARTISAN_DB_URL=through_proxy.render_as_string(hide_password=False),
        ARTISAN_REDIS_URL=f"redis://127.0.0.1:{rd.port}/{redis_db}",
    )
    tmp = tmp_path_factory.mktemp("outage")
    app = None
    try:
        prepare_database(env)
        app = RunningApp(env, tmp / "reflex.log").wait_ready()
        yield app, pg, rd
    finally:
        if app is not None:
            app.stop()
        pg.stop()
        rd.stop()
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA IF EXISTS {OUTAGE_SCHEMA} CASCADE"))
        admin.dispose()


def _health(app) -> tuple[int, dict]:
    """``/healthz`` without its queue report (this app runs no job worker)."""
    resp = httpx.get(app.url + "/healthz", timeout=10)
    body = resp.json()
    assert body.pop("queue")["status"] in ("no worker", "down")
    return resp.status_code, body


@pytest.mark.e2e
def test_pages_while_redis_is_down_and_while_postgres_hangs(outage_app):
    """Readers' pages, not only ``/healthz``: served while Redis is away, and a
    proper 503 page within the bound while PostgreSQL accepts and never answers."""
    app, pg, rd = outage_app
    # httpx's timeout is the bound: a page request that hangs fails the test.
    bound = httpx.Timeout(health.REQUEST_TIMEOUT_SECONDS + 10, connect=5)
    rd.stop()
    try:
        for path, expected in (
            ("/article/argentina-inflation-peso-households", "Argentina Tamed Inflation"),
            ("/category/economy", "Argentina Tamed Inflation"),
            ("/feed.xml", "<feed"),
        ):
            resp = httpx.get(app.url + path, timeout=bound)
            assert resp.status_code == 200 and expected in resp.text, (path, resp.status_code, resp.text[:300])
        assert httpx.get(app.url + "/healthz", timeout=bound).json()["queue"] == {"status": "down"}  # queue in Redis
    finally:
        rd.start()

    pg.hang()
    try:
        for path in ("/", "/article/central-europe-school-phone-bans", "/category/culture", "/feed.xml", "/sitemap.xml"):
            resp = httpx.get(app.url + path, timeout=bound)
            assert resp.status_code == 503 and resp.headers["retry-after"] == "30", (path, resp.status_code)
            for leak in ("Traceback", "Internal Server Error", "OperationalError", "psycopg"):
                assert leak not in resp.text, (path, leak)
        page = httpx.get(app.url + "/article/central-europe-school-phone-bans", timeout=bound)
        assert page.status_code == 503 and "entry.client" in page.text  # the app's shell: the browser app boots
        status, body = _health(app)
        assert status == 503 and body["database"] == "down"
    finally:
        pg.resume()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # the held connections carry on: back by itself
        resp = httpx.get(app.url + "/article/central-europe-school-phone-bans", timeout=bound)
        if resp.status_code == 200:
            break
        time.sleep(1)
    assert resp.status_code == 200 and "School" in resp.text


@pytest.mark.e2e
def test_outages_are_reported_pages_degrade_and_recover(outage_app):
    from playwright.sync_api import expect, sync_playwright

    from tests.harness import CHROMIUM, CHROMIUM_ARGS

    app, pg, rd = outage_app
    slug = "civil-servants-social-media-pakistan"
    assert _health(app) == (200, {"status": "ok", "database": "ok", "redis": "ok"})

    rd.stop()
    try:
        assert _health(app) == (503, {"status": "unavailable", "database": "ok", "redis": "down", "down": "redis"})
    finally:
        rd.start()
    assert _health(app)[0] == 200

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            ctx = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=app.url)
            pg.stop()
            try:
                status, body = _health(app)
                assert status == 503 and body["database"] == "down" and body["down"] == "database"
                # The crawler route answers 503 with the app shell, so the browser app still boots.
                resp = httpx.get(f"{app.url}/article/{slug}", timeout=10)
                assert resp.status_code == 503 and resp.headers["retry-after"]
                assert "Traceback" not in resp.text and "Internal Server Error" not in resp.text

                front, article = ctx.new_page(), ctx.new_page()
                for page, path in ((front, "/"), (article, f"/article/{slug}")):
                    page.set_default_timeout(30_000)
                    page.goto(path)
                    notice = page.get_by_role("alert")
                    expect(notice).to_contain_text(NOTICE, timeout=20_000)  # after the 3 s connect timeout(s)
                    expect(notice.get_by_role("heading", name=NOTICE)).to_be_visible()
                    expect(notice.get_by_role("button", name="Try again")).to_be_visible()
                    text_now = page.locator("body").inner_text()
                    for leak in ("Traceback", "OperationalError", "psycopg", "error occurred"):
                        assert leak.lower() not in text_now.lower(), f"{path} shows {leak!r}: {text_now[:500]}"
                time.sleep(3)
            finally:
                pg.start()
            # Back by itself: no reader action, the open pages reload once the database answers.
            expect(article.get_by_role("heading", level=1)).to_contain_text("Civil Servants", timeout=45_000)
            expect(article.get_by_role("alert")).to_have_count(0)
            expect(front.get_by_role("heading", name="Latest")).to_be_visible(timeout=45_000)
            assert _health(app) == (200, {"status": "ok", "database": "ok", "redis": "ok"})
        finally:
            browser.close()


@pytest.mark.e2e
def test_the_newsroom_is_warned_when_no_worker_sends_the_mail(outage_app):
    """This app runs no job worker (``reflex run`` alone): every newsroom page says so."""
    from playwright.sync_api import expect, sync_playwright
    from sqlalchemy import create_engine
    from sqlmodel import Session

    from artisan_app.models import Role
    from artisan_app.services.accounts import auth
    from tests.conftest import POSTGRES_URL
    from tests.harness import CHROMIUM, CHROMIUM_ARGS

    app, _, _ = outage_app
    make_huey(TEST_REDIS_URL).delete(queue_health.HEARTBEAT_KEY)  # no worker has ever run on this queue
    engine = create_engine(POSTGRES_URL, connect_args={"options": f"-csearch_path={OUTAGE_SCHEMA}"})
    with Session(engine) as session:
        auth.create_user(session, email="desk@artisan.test", name="Desk", password=GOOD_SECRET, role=Role.editor)
        session.commit()
    engine.dispose()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_context(base_url=app.url).new_page()
            page.goto("/editor/login")
            form = page.get_by_role("form", name="Sign in")
            form.get_by_label("Email").fill("desk@artisan.test")
            form.get_by_label("Password").fill(GOOD_SECRET)
            form.get_by_role("button", name="Sign in").click()
            warning = page.get_by_role("region", name="Mail and jobs")
            expect(warning).to_contain_text("Mail is not being sent: no job worker has run.", timeout=30_000)
            page.get_by_role("navigation", name="Newsroom").get_by_role("link", name="Newsletter").click()
            expect(page.get_by_role("heading", name="Newsletter", level=1)).to_be_visible()
            expect(warning).to_contain_text("until a worker runs")
        finally:
            browser.close()
