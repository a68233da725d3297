"""The production command as deployed (``artisan serve``, what ``make prod`` runs):
it starts the build and the job queue's worker, a newsletter sign-up's confirmation
reaches a real SMTP server with no other process started by the test, ``/healthz``
reports the queue, and stopping the command stops everything it started."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import httpx
import pytest

from tests.harness import ROOT, TEST_SECRET_KEY, ProductionCommand, app_env, prepare_database
from tests.smtp_sink import MailCatcher

SERVE = [sys.executable, "-m", "artisan_app.cli", "serve"]  # the `artisan` console script's own module


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie is gone as far as anyone is concerned
        return os.waitpid(pid, os.WNOHANG) == (0, 0)
    except ChildProcessError:
        return True


def test_the_command_refuses_to_start_without_a_site_address():
    env = app_env(ARTISAN_ENV="prod")
    refused = subprocess.run([*SERVE, "--port", "1"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert refused.returncode == 2
    assert "Refusing to start in production: ARTISAN_SITE_URL is not set" in refused.stderr


def test_the_command_refuses_to_start_without_a_secret():
    env = {k: v for k, v in app_env(ARTISAN_SITE_URL="https://news.example").items() if k != "ARTISAN_SECRET_KEY"}
    refused = subprocess.run([*SERVE, "--port", "1"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert refused.returncode == 2 and "ARTISAN_SECRET_KEY is not set" in refused.stderr
    assert TEST_SECRET_KEY not in refused.stderr


def _queue_report(url: str) -> dict:
    resp = httpx.get(url + "/healthz", timeout=10)
    assert resp.status_code == 200, resp.text
    return resp.json()["queue"]


@pytest.mark.e2e
def test_a_sign_up_is_mailed_by_the_production_command_alone(tmp_path):
    with MailCatcher() as smtp:
        env = app_env(
            ARTISAN_ENV="prod",
            ARTISAN_DB_URL=f"sqlite:///{tmp_path / 'site.db'}",
            ARTISAN_QUEUE_URL=f"sqlite:///{tmp_path / 'queue.db'}",
            ARTISAN_SMTP_URL=smtp.url,
        )
        prepare_database(env)
        app = ProductionCommand(env, tmp_path / "serve.log").wait_ready()
        try:
            # The worker has been running since before the build was served.
            deadline = time.monotonic() + 60
            while (queue := _queue_report(app.url))["status"] != "ok" and time.monotonic() < deadline:
                time.sleep(0.5)
            assert queue["status"] == "ok" and queue["worker_seen_seconds_ago"] is not None, queue

            resp = httpx.post(  # as a browser posts the form from the site's own page
                app.url + "/newsletter/subscribe",
                data={"email": "new.reader@example.com"},
                headers={"Origin": app.url},
                timeout=30,
            )
            assert resp.status_code == 303 and resp.headers["location"].endswith("?subscribed=1")
            assert smtp.wait_for(1, timeout=60), (tmp_path / "serve.log").read_text()[-4000:]
            [mail] = smtp.to("new.reader@example.com")
            body = mail.get_body(("plain",)).get_content()
            assert f"{app.url}/newsletter/confirm" in body  # the site's own address, not localhost:3000

            deadline = time.monotonic() + 30
            while (queue := _queue_report(app.url))["waiting"] and time.monotonic() < deadline:
                time.sleep(0.5)
            assert queue["status"] == "ok" and queue["waiting"] == 0 and queue["oldest_waiting_seconds"] is None
            started = app.pids()
            assert len(started) >= 3  # the command, the app, the worker
        finally:
            app.stop()
        deadline = time.monotonic() + 30
        while [p for p in started if _alive(p)] and time.monotonic() < deadline:
            time.sleep(0.2)
        assert [p for p in started if _alive(p)] == []
