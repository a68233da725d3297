"""Queued work (Huey). ``huey_consumer artisan_app.jobs.huey`` runs the worker;
importing this package registers every task."""

from artisan_app.jobs import tasks  # noqa: F401,E402  (registers the tasks)
from artisan_app.jobs.queue import huey

__all__ = ["huey", "tasks"]
