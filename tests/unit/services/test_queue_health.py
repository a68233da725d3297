"""The job queue's health, read from what the worker and the jobs record in the
queue's storage: a real Huey consumer (threads, in this process) on a memory queue."""

from __future__ import annotations

import threading
import time

import pytest
from huey import MemoryHuey

from artisan_app.jobs import heartbeat
from artisan_app.services.common import queue_health as qh


@pytest.fixture
def queue():
    huey = MemoryHuey("queue-health-test", results=False)
    stop = heartbeat.watch(huey)
    ran = threading.Event()

    @huey.task()
    def job() -> None:
        ran.set()

    yield huey, job, ran
    stop.set()


def _poll(check, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.05)
    return False


def test_no_worker_and_jobs_waiting(queue):
    huey, job, _ = queue
    assert qh.queue_health(huey, now=time.time()) == qh.QueueHealth("no worker", 0, None, None)
    job()
    job()
    later = time.time() + 300
    health = qh.queue_health(huey, now=later)
    assert health.status == "no worker" and health.waiting == 2
    assert health.oldest_wait_seconds is not None and 299 <= health.oldest_wait_seconds <= 301
    assert not health.moving


def test_a_worker_seen_with_an_old_job_is_stalled_and_a_fresh_one_is_ok(queue):
    huey, job, _ = queue
    job()
    now = time.time()
    qh.beat(huey, now=now)
    assert qh.queue_health(huey, now=now).status == "ok"
    later = now + qh.STALLED_SECONDS + 30
    qh.beat(huey, now=later)
    assert qh.queue_health(huey, now=later).status == "stalled"
    # A worker not seen for a while is gone, whatever waits.
    gone = qh.queue_health(huey, now=later + qh.WORKER_GONE_SECONDS + 1)
    assert gone.status == "no worker" and int(gone.worker_seen_seconds_ago) == int(qh.WORKER_GONE_SECONDS + 1)


def test_a_running_consumer_beats_and_takes_the_jobs(queue):
    huey, job, ran = queue
    job()
    assert qh.queue_health(huey, now=time.time()).oldest_wait_seconds is not None
    consumer = huey.create_consumer(workers=2, worker_type="thread", periodic=False, check_worker_health=False)
    consumer.start()
    try:
        assert ran.wait(10)
        assert _poll(
            lambda: (
                qh.queue_health(huey, now=time.time()).as_dict()
                == {"status": "ok", "waiting": 0, "oldest_waiting_seconds": None, "worker_seen_seconds_ago": 0}
            )
        )
        # The job's record went with it: nothing left behind in the storage.
        assert [k for k in huey.storage._results if k.startswith(qh.ENQUEUED_PREFIX)] == []
    finally:
        consumer.stop(graceful=True)


def test_the_newsroom_is_told_when_mail_is_not_moving():
    ok = qh.QueueHealth("ok", 0, None, 3)
    assert qh.newsroom_warning(ok, smtp_configured=True, production=True) == ""
    assert qh.newsroom_warning(ok, smtp_configured=False, production=False) == ""  # development: the outbox
    assert "ARTISAN_SMTP_URL" in qh.newsroom_warning(ok, smtp_configured=False, production=True)
    never = qh.newsroom_warning(qh.QueueHealth("no worker", 7, 400, None), smtp_configured=True, production=True)
    assert never == (
        "Mail is not being sent: no job worker has run. Sign-up confirmations and newsletters "
        "wait in the queue (7 waiting) until a worker runs."
    )
    gone = qh.newsroom_warning(qh.QueueHealth("no worker", 0, None, 600), smtp_configured=True, production=True)
    assert "no job worker has been seen for 10 minutes" in gone
    stalled = qh.newsroom_warning(qh.QueueHealth("stalled", 2, 720, 5), smtp_configured=True, production=True)
    assert stalled.startswith("Mail is not moving: a job has waited 12 minutes (2 waiting)")
    assert "cannot be reached" in qh.newsroom_warning(None, smtp_configured=True, production=True)
