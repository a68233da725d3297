"""A real Huey consumer (subprocess) sending through a real SMTP server, killed
with SIGKILL in the middle of a send and started again: every subscriber ends
up with exactly one message."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
from sqlmodel import Session, select

from artisan_app.core.db import engine_for
from artisan_app.jobs.queue import make_huey
from artisan_app.models import Article, Delivery, Newsletter, Subscriber
from tests.harness import ROOT, app_env, prepare_database
from tests.smtp_sink import MailCatcher

READERS = 120
KILL_AT = 47
# Huey on Redis uses its own database, so flushing it touches nobody else's.
HUEY_REDIS_URL = os.environ.get("ARTISAN_TEST_HUEY_REDIS_URL", "redis://127.0.0.1:6379/12")


def consumer(env: dict[str, str], log, threads: int = 1) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "huey.bin.huey_consumer", "artisan_app.jobs.huey", "-w", str(threads), "-k", "thread"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def wait_until_done(engine, newsletter_id: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while True:
        with Session(engine) as session:
            if session.get(Newsletter, newsletter_id).status == "done":
                return
        assert time.monotonic() < deadline, "the send never finished"
        time.sleep(0.2)


def settle(env: dict[str, str], *workers: subprocess.Popen, timeout: float = 60) -> None:
    """Nothing more can be sent: the queue holds no job (none waiting, none scheduled for a
    retry), and every worker, asked to stop (SIGINT: finish the running job first), has exited."""
    queue = make_huey(env["ARTISAN_QUEUE_URL"])
    deadline = time.monotonic() + timeout
    while queue.pending_count() or queue.scheduled_count():
        assert time.monotonic() < deadline, "jobs stayed in the queue"
        time.sleep(0.2)
    for worker in workers:
        worker.send_signal(signal.SIGINT)
    for worker in workers:
        assert worker.wait(timeout=timeout) == 0


@pytest.fixture(params=["sqlite", "redis"])
def setup(tmp_path, request):
    """The send's world; the queue on SqliteHuey (a file) or RedisHuey."""
    queue = f"sqlite:///{tmp_path / 'queue.db'}" if request.param == "sqlite" else HUEY_REDIS_URL
    if request.param == "redis":
        make_huey(queue).storage.flush_all()
    with MailCatcher() as smtp:
        env = app_env(
            ARTISAN_DB_URL=f"sqlite:///{tmp_path / 'site.db'}",
            ARTISAN_QUEUE_URL=queue,
            ARTISAN_SMTP_URL=smtp.url,
            ARTISAN_MAIL_RATE="0",
            ARTISAN_MAIL_BATCH="25",
            ARTISAN_MAIL_LEASE_SECONDS="2",
            ARTISAN_SITE_URL="http://news.test",
        )
        prepare_database(env)
        engine = engine_for(env["ARTISAN_DB_URL"])
        with Session(engine) as session:
            for i in range(READERS):
                session.add(Subscriber(email=f"reader{i}@example.com", key=f"key-{i}", status="active"))
            article = session.exec(select(Article).where(Article.status == "published")).first()
            letter = Newsletter(article_id=article.id, subject=article.headline)
            session.add(letter)
            session.commit()
            newsletter_id = letter.id
        yield env, smtp, engine, newsletter_id, tmp_path
        engine.dispose()
    if request.param == "redis":
        make_huey(queue).storage.flush_all()


def test_a_worker_killed_mid_send_and_restarted_mails_everyone_exactly_once(setup):
    env, smtp, engine, newsletter_id, tmp = setup
    log = (tmp / "worker.log").open("w")
    worker = consumer(env, log)

    def kill_mid_send(msg):
        # The server has the message; the worker dies before it reads the "250".
        if smtp.count == KILL_AT:
            os.kill(worker.pid, signal.SIGKILL)

    smtp.on_message = kill_mid_send
    subprocess.run(
        [sys.executable, "-c", f"from artisan_app.jobs import tasks; tasks.send_newsletter({newsletter_id})"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    assert worker.wait(timeout=60) == -signal.SIGKILL
    assert smtp.count == KILL_AT

    smtp.on_message = None
    restarted = consumer(env, log)
    try:
        assert smtp.wait_for(READERS, timeout=90), (tmp / "worker.log").read_text()[-3000:]
        wait_until_done(engine, newsletter_id)
        settle(env, restarted)  # anything sent twice has arrived by now
    finally:
        if restarted.poll() is None:
            restarted.kill()
            restarted.wait(timeout=30)
        log.close()

    assert smtp.per_recipient() == {f"reader{i}@example.com": 1 for i in range(READERS)}
    with Session(engine) as session:
        statuses = [d.status for d in session.exec(select(Delivery).where(Delivery.newsletter_id == newsletter_id))]
        assert session.get(Newsletter, newsletter_id).status == "done"
    # The one message in flight when the worker died is "in doubt": delivered, not sent again.
    assert sorted(set(statuses)) == ["sent", "unknown"] and statuses.count("unknown") == 1
    assert len(statuses) == READERS


def test_two_workers_of_several_threads_given_one_send_twice_mail_everyone_exactly_once(setup):
    """Two consumers of four threads each, the send queued twice (two clicks) and resumed by
    the periodic check as well: one of them holds the send at a time, nobody gets two copies."""
    env, smtp, engine, newsletter_id, tmp = setup
    log = (tmp / "workers.log").open("w")
    workers = [consumer(env, log, threads=4) for _ in range(2)]
    try:
        queue_it = f"from artisan_app.jobs import tasks; [tasks.send_newsletter({newsletter_id}) for _ in range(3)]"
        subprocess.run([sys.executable, "-c", queue_it], cwd=ROOT, env=env, check=True)
        assert smtp.wait_for(READERS, timeout=90), (tmp / "workers.log").read_text()[-3000:]
        wait_until_done(engine, newsletter_id)
        settle(env, *workers)
    finally:
        for worker in workers:
            if worker.poll() is None:
                worker.kill()
                worker.wait(timeout=30)
        log.close()
    assert smtp.per_recipient() == {f"reader{i}@example.com": 1 for i in range(READERS)}
    with Session(engine) as session:
        statuses = {d.status for d in session.exec(select(Delivery).where(Delivery.newsletter_id == newsletter_id))}
    assert statuses == {"sent"}
