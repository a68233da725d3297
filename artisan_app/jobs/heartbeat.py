"""What the queue's health is read from (``services/common/queue_health.py``): every job
records when it was queued and drops the record when a worker takes it, and a
worker process writes a heartbeat every few seconds while it runs."""

from __future__ import annotations

import logging
import threading
import time

from huey import Huey
from huey.signals import SIGNAL_ENQUEUED, SIGNAL_EXECUTING, SIGNAL_EXPIRED, SIGNAL_REVOKED

from artisan_app.services.common import queue_health

log = logging.getLogger("artisan.jobs")


def _beat_forever(huey: Huey, stop: threading.Event) -> None:
    while not stop.is_set():
        try:
            queue_health.beat(huey, now=time.time())
        except Exception as exc:  # noqa: BLE001 - the storage is away: try again next beat
            log.warning("worker heartbeat not written: %s: %s", type(exc).__name__, exc)
        stop.wait(queue_health.HEARTBEAT_SECONDS)


def watch(huey: Huey) -> threading.Event:
    """Register the records on ``huey``; the heartbeat starts with the consumer.
    Returns the event that stops the heartbeat (for tests)."""
    stop, started = threading.Event(), threading.Lock()

    @huey.signal(SIGNAL_ENQUEUED)
    def _queued(signal, task) -> None:
        queue_health.record_enqueued(huey, task.id, now=time.time())

    @huey.signal(SIGNAL_EXECUTING, SIGNAL_REVOKED, SIGNAL_EXPIRED)
    def _taken(signal, task) -> None:
        queue_health.record_taken(huey, task.id)

    @huey.on_startup()
    def _start_heartbeat() -> None:
        # Called by every worker thread of the consumer: one heartbeat per process.
        if started.acquire(blocking=False):
            threading.Thread(target=_beat_forever, args=(huey, stop), name="artisan-heartbeat", daemon=True).start()

    return stop
