"""The README's run command (``make run``) gives a site that stays up while it is used.

The dev server's hot reload restarts the backend when a watched file changes. Everything the
app writes at run time (SQLite database, job queue, image files) lives in the var folder, which
the reload does not watch: a minute of browsing and commenting, with the queue's worker polling,
restarts nothing. Touching a watched file afterwards does restart the backend, which shows the
count can fail.
"""

from __future__ import annotations

import shutil
import time
import uuid
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect, sync_playwright

from artisan_app.services.comments.submission import MIN_SECONDS_TO_SUBMIT
from tests.harness import CHROMIUM, CHROMIUM_ARGS, ROOT, MakeRunApp, app_env, wait_for_app

SESSION_SECONDS = 60
ARTICLE = "/article/civil-servants-social-media-pakistan"


@pytest.fixture(scope="module")
def make_run(tmp_path_factory) -> Iterator[MakeRunApp]:
    var_dir = ROOT / "var" / f"test-run-{uuid.uuid4().hex[:8]}"  # inside the project, as var/ is
    env = app_env(ARTISAN_VAR_DIR=str(var_dir.relative_to(ROOT)), ARTISAN_COMMENT_RATE_LIMIT="200/minute")
    app = MakeRunApp(env, tmp_path_factory.mktemp("make-run") / "make-run.log")
    try:
        app.wait_ready()
        yield app
    finally:
        app.stop()
        shutil.rmtree(var_dir, ignore_errors=True)


def _one_backend(app: MakeRunApp) -> int:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        workers = app.backend_workers()
        if len(workers) == 1:
            return workers[0]
        time.sleep(0.5)
    raise AssertionError(f"expected one backend process, found {app.backend_workers()}")


def _comment(page, n: int) -> None:
    page.goto(ARTICLE)
    wait_for_app(page)
    form = page.get_by_role("form", name="Leave a comment")
    form.get_by_role("textbox", name="Name").fill("Reader during a run")
    form.get_by_role("textbox", name="Email").fill("reader@example.com")
    form.get_by_role("textbox", name="Comment").fill(f"Comment number {n} while the dev server runs")
    time.sleep(MIN_SECONDS_TO_SUBMIT)  # the form refuses what is sent faster than a person types
    form.get_by_role("button", name="Post comment").click()
    expect(page.get_by_role("status")).to_contain_text("awaiting moderation")


def test_a_minute_of_reading_and_commenting_restarts_no_backend(make_run):
    backend = _one_backend(make_run)
    var_dir = ROOT / make_run.env["ARTISAN_VAR_DIR"]
    assert (var_dir / "artisan.db").exists() and (var_dir / "artisan-queue.db").exists()
    assert not list(ROOT.glob("*.db*")), "nothing the app writes lands at the project root"

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(base_url=make_run.url)
        page.set_default_timeout(30_000)
        posted, deadline = 0, time.monotonic() + SESSION_SECONDS
        while time.monotonic() < deadline:
            page.goto("/")
            wait_for_app(page)
            page.get_by_role("link", name="Social Media").first.click()
            expect(page.get_by_role("heading", level=1)).to_be_visible()
            posted += 1
            _comment(page, posted)
        browser.close()

    assert posted >= 3
    assert make_run.backend_workers() == [backend], make_run.log.read_text()[-3000:]

    # The same count sees a restart when a watched file changes.
    (ROOT / "rxconfig.py").touch()
    deadline = time.monotonic() + 60
    while make_run.backend_workers() in ([backend], []) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert make_run.backend_workers() not in ([backend], []), "touching rxconfig.py restarts the backend"
