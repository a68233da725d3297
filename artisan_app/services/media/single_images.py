"""Uploaded images, the older single-file form (cover thumbnails, author portraits).

Kept with its contract so today's callers (``state/newsroom/article_list.py`` upload_cover,
``state/newsroom/settings.py`` upload_avatar) work unchanged: the bytes go through the same
checks as the photograph pipeline (``services/media/checks.py``: formats, limits,
polyglots, orientation, metadata dropped), then are re-encoded as WebP at
1600/800/400 px. New code should use ``services.media.library.import_image``.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from artisan_app.services.media.checks import ImageRejected, check_image
from artisan_app.services.media.renditions import encode, scaled

MAX_BYTES = 8 * 1024 * 1024
WIDTHS = (1600, 800, 400)

__all__ = ["ImageRejected", "MAX_BYTES", "WIDTHS", "store_image"]


def store_image(data: bytes, *, directory: Path, prefix: str) -> dict[int, str]:
    """Validate and re-encode ``data``; returns {width: file name} (largest first)."""
    if len(data) > MAX_BYTES:
        raise ImageRejected(f"Images must be {MAX_BYTES // (1024 * 1024)} MB or smaller.")
    img = check_image(data).image
    directory.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(data).hexdigest()[:16]
    names: dict[int, str] = {}
    for width in WIDTHS:
        copy = img if img.width <= width else scaled(img, (width, max(1, round(img.height * width / img.width))))
        name = f"{prefix}-{digest}-{width}.webp"
        (directory / name).write_bytes(encode(copy, "webp"))
        names[width] = name
    return names
