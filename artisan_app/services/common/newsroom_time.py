"""Times as the newsroom reads and types them: its own time zone (``ARTISAN_NEWSROOM_TZ``)
with UTC beside it. Everything stored stays UTC."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from artisan_app.core.settings import settings


def newsroom_zone(name: str | None = None) -> ZoneInfo:
    try:
        return ZoneInfo(name or settings.newsroom_tz)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def zone_name(zone: ZoneInfo | None = None) -> str:
    return (zone or newsroom_zone()).key


def schedule_label(moment: datetime, zone: ZoneInfo | None = None) -> str:
    """``29 November 2026, 09:00 PKT (04:00 UTC)``."""
    zone = zone or newsroom_zone()
    local, utc = moment.astimezone(zone), moment.astimezone(UTC)
    if zone.key == "UTC":
        return f"{local.day} {local:%B %Y, %H:%M} UTC"
    return f"{local.day} {local:%B %Y, %H:%M} {local.tzname()} ({utc:%H:%M} UTC)"


def clock_label(moment: datetime, zone: ZoneInfo | None = None) -> str:
    """``10:52:31 PKT``: for "Saved at …"."""
    local = moment.astimezone(zone or newsroom_zone())
    return f"{local:%H:%M:%S} {local.tzname()}"


def parse_local(raw: str, zone: ZoneInfo | None = None) -> datetime | None:
    """A ``datetime-local`` value (``2026-11-29T09:00``) typed in the newsroom's zone, as UTC."""
    try:
        moment = datetime.fromisoformat(raw.strip()) if isinstance(raw, str) else None
        if moment is None:
            return None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=zone or newsroom_zone())
        return moment.astimezone(UTC)
    except (ValueError, OverflowError):  # not a time, or beyond what a datetime holds in UTC
        return None
