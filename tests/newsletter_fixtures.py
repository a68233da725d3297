"""Fixtures for the newsletter tests: a real SMTP server, settings pointing at
it, and the job queue running jobs at once in this process (Huey immediate mode)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest

from artisan_app.core.settings import settings
from artisan_app.jobs import huey, tasks, transport
from artisan_app.services.mail import sending
from artisan_app.services.newsletter import sends, subscriptions
from tests.smtp_sink import MailCatcher

__all__ = ["smtp", "mail_to_smtp", "SITE"]
SITE = "http://news.test"
SETTINGS_USERS = (sending, subscriptions, sends, tasks, transport)


def use_settings(monkeypatch, **changes) -> None:
    changed = dataclasses.replace(settings, **changes)
    for module in SETTINGS_USERS:
        monkeypatch.setattr(module, "settings", changed)


@pytest.fixture
def smtp() -> Iterator[MailCatcher]:
    with MailCatcher() as catcher:
        yield catcher


@pytest.fixture
def mail_to_smtp(monkeypatch, smtp, engine) -> MailCatcher:
    """Mail goes to ``smtp``; jobs run immediately; the database is the test's."""
    use_settings(monkeypatch, smtp_url=smtp.url, site_url=SITE, mail_rate=0.0)
    huey.immediate = True
    yield smtp
    huey.immediate = False
