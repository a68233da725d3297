"""Start the production build on a fresh, migrated, seeded SQLite database and
drive it with Playwright in Debian's Chromium (never a downloaded browser)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.harness import CHROMIUM, CHROMIUM_ARGS, RunningApp, app_env, prepare_database
from tests.harness import wait_for_app as wait_for_takeover


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def e2e_db_url(tmp_path_factory) -> str:
    """The database the browser tests' app runs on (tests may moderate through it)."""
    return f"sqlite:///{tmp_path_factory.mktemp('e2e-db') / 'e2e.db'}"


@pytest.fixture(scope="session")
def app_url(tmp_path_factory, e2e_db_url) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("e2e")
    # Every browser test comes from 127.0.0.1: a roomier comment rate limit.
    env = app_env(ARTISAN_DB_URL=e2e_db_url, ARTISAN_COMMENT_RATE_LIMIT="200/minute")
    prepare_database(env)
    app = RunningApp(env, tmp / "reflex.log")
    try:
        app.wait_ready()
        yield app.url
    finally:
        app.stop()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is required at /usr/bin/chromium (apt-get install chromium)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def new_page(browser, app_url):
    """Factory for pages in fresh browser contexts; console errors fail the test."""
    contexts, errors = [], []

    def make(width: int = 1280, height: int = 900, *, wait_for_app: bool = True, **kwargs):
        """``wait_for_app``: ``page.goto`` asks for the app (it loads only when the page
        needs it: ``render/scripts.py``) and returns once it has taken over from the
        server's first view, as a reader who interacts sees the page."""
        ctx = browser.new_context(viewport={"width": width, "height": height}, base_url=app_url, **kwargs)
        contexts.append(ctx)
        page = ctx.new_page()
        page.set_default_timeout(20_000)
        if wait_for_app:
            goto = page.goto

            def goto_app(url: str, **kw):
                response = goto(url, **kw)
                wait_for_takeover(page)
                return response

            page.goto = goto_app
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" and "status of 404" not in m.text else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        return page

    yield make
    for ctx in contexts:
        ctx.close()
    assert errors == [], f"browser console errors: {errors}"


@pytest.fixture
def page(new_page):
    return new_page()
