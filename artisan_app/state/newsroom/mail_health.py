"""The newsroom's warning when mail or jobs are not moving (every newsroom page)."""

from __future__ import annotations

import asyncio
import logging
import time

import reflex as rx

from artisan_app.core.settings import settings
from artisan_app.services.common import queue_health
from artisan_app.state.newsroom.auth import StaffGuard

logger = logging.getLogger(__name__)
READ_TIMEOUT_SECONDS = 2.0


def _read() -> queue_health.QueueHealth:
    from artisan_app.jobs.queue import huey

    return queue_health.queue_health(huey, now=time.time())


class MailHealthState(StaffGuard, rx.State):
    warning: str = ""

    @rx.event
    async def load_mail_health(self):
        if await self._staff() is None:
            self.warning = ""
            return
        try:
            health: queue_health.QueueHealth | None = await asyncio.wait_for(asyncio.to_thread(_read), READ_TIMEOUT_SECONDS)
        except Exception as exc:  # noqa: BLE001 - an unreadable queue is itself the warning
            logger.warning("newsroom: job queue unreadable: %s: %s", type(exc).__name__, exc)
            health = None
        self.warning = queue_health.newsroom_warning(
            health, smtp_configured=bool(settings.smtp_url), production=settings.production_requested()
        )
