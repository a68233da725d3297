"""Is the job queue moving? Read from what the queue's storage holds.

The worker writes a heartbeat (``beat``) every ``HEARTBEAT_SECONDS`` while it
runs; every job records when it was put in the queue (``record_enqueued``) and
the record is dropped when a worker takes it (``record_taken``). Both live in
the queue's own key-value storage (Huey's ``put``/``get``: a Redis hash, or a
table of the SQLite queue), so the web processes and the worker agree on
whichever storage ``ARTISAN_QUEUE_URL`` chose.

``services.common.queue_health`` turns that into what ``/healthz`` and the newsroom show:
``ok``, ``no worker`` (none seen for ``WORKER_GONE_SECONDS``) or ``stalled``
(a job has waited longer than ``STALLED_SECONDS``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

HEARTBEAT_SECONDS = 10.0
WORKER_GONE_SECONDS = 60.0
STALLED_SECONDS = 120.0
# How many waiting jobs are looked at for the oldest (a send queues one batch at a time).
OLDEST_SCAN_LIMIT = 500

HEARTBEAT_KEY = "artisan:worker-heartbeat"
ENQUEUED_PREFIX = "artisan:enqueued-at:"

OK, NO_WORKER, STALLED = "ok", "no worker", "stalled"


@dataclass(frozen=True)
class QueueHealth:
    status: str
    waiting: int
    oldest_wait_seconds: float | None
    worker_seen_seconds_ago: float | None

    @property
    def moving(self) -> bool:
        return self.status == OK

    def as_dict(self) -> dict[str, Any]:
        def rounded(value: float | None) -> int | None:
            return None if value is None else int(value)

        return {
            "status": self.status,
            "waiting": self.waiting,
            "oldest_waiting_seconds": rounded(self.oldest_wait_seconds),
            "worker_seen_seconds_ago": rounded(self.worker_seen_seconds_ago),
        }


def beat(huey: Any, *, now: float) -> None:
    """The worker is alive at ``now`` (seconds since the epoch)."""
    huey.put(HEARTBEAT_KEY, now)


def record_enqueued(huey: Any, task_id: str, *, now: float) -> None:
    huey.put(ENQUEUED_PREFIX + task_id, now)


def record_taken(huey: Any, task_id: str) -> None:
    huey.delete(ENQUEUED_PREFIX + task_id)


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, int | float) else None


def queue_health(huey: Any, *, now: float) -> QueueHealth:
    """The queue as the worker last left it; raises when its storage cannot be reached."""
    waiting = int(huey.pending_count())
    seen = _number(huey.get(HEARTBEAT_KEY, peek=True))
    seen_ago = None if seen is None else max(0.0, now - seen)
    oldest = None
    if waiting:
        stamps = [_number(huey.get(ENQUEUED_PREFIX + task.id, peek=True)) for task in huey.pending(OLDEST_SCAN_LIMIT)]
        known = [s for s in stamps if s is not None]
        oldest = max(0.0, now - min(known)) if known else None
    if seen_ago is None or seen_ago > WORKER_GONE_SECONDS:
        status = NO_WORKER
    elif oldest is not None and oldest > STALLED_SECONDS:
        status = STALLED
    else:
        status = OK
    return QueueHealth(status=status, waiting=waiting, oldest_wait_seconds=oldest, worker_seen_seconds_ago=seen_ago)


def _minutes(seconds: float | None) -> str:
    if seconds is None:
        return ""
    minutes = max(1, round(seconds / 60))
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


def newsroom_warning(health: QueueHealth | None, *, smtp_configured: bool, production: bool) -> str:
    """What the newsroom is told when mail or jobs are not moving ("" when they are).
    ``health`` is ``None`` when the queue's storage could not be read."""
    if health is None:
        return "Mail is not being sent: the job queue cannot be reached."
    if health.status == NO_WORKER:
        seen = (
            f"no job worker has been seen for {_minutes(health.worker_seen_seconds_ago)}"
            if health.worker_seen_seconds_ago is not None
            else "no job worker has run"
        )
        return (
            f"Mail is not being sent: {seen}. Sign-up confirmations and newsletters wait in the queue "
            f"({health.waiting} waiting) until a worker runs."
        )
    if health.status == STALLED:
        return (
            f"Mail is not moving: a job has waited {_minutes(health.oldest_wait_seconds)} "
            f"({health.waiting} waiting) although a worker is running."
        )
    if production and not smtp_configured:
        return "Mail is not being sent: no SMTP server is configured (ARTISAN_SMTP_URL), so it is kept in the outbox."
    return ""
