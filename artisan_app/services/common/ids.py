"""Row ids arriving from clients: anything but a positive 32-bit integer is no id."""

from __future__ import annotations

MAX_ID = 2**31 - 1  # PostgreSQL INTEGER


def as_id(value: object) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= MAX_ID:
        return None
    return value
