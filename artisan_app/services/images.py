"""Uploaded images: checked by content (Pillow), size-limited, re-encoded.

Whatever the browser claims, the bytes must decode as a JPEG, PNG, WebP or
GIF image within the pixel limit; it is then re-encoded (dropping metadata
and anything smuggled inside) as WebP at web sizes.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

from PIL import Image, UnidentifiedImageError

MAX_BYTES = 8 * 1024 * 1024
MAX_PIXELS = 40_000_000
ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
WIDTHS = (1600, 800, 400)


class ImageRejected(ValueError):
    """The upload is not an acceptable image; the message says why."""


def store_image(data: bytes, *, directory: Path, prefix: str) -> dict[int, str]:
    """Validate and re-encode ``data``; returns {width: file name} (largest first)."""
    if not data:
        raise ImageRejected("The file is empty.")
    if len(data) > MAX_BYTES:
        raise ImageRejected(f"Images must be {MAX_BYTES // (1024 * 1024)} MB or smaller.")
    try:
        # Only the accepted formats' decoders are even tried (no EPS/PSD/… parsers on uploads).
        with Image.open(io.BytesIO(data), formats=sorted(ALLOWED_FORMATS)) as probe:
            if probe.format not in ALLOWED_FORMATS:
                raise ImageRejected("Upload a JPEG, PNG, WebP or GIF image.")
            if probe.width * probe.height > MAX_PIXELS:
                raise ImageRejected("That image has too many pixels.")
            probe.verify()
        with Image.open(io.BytesIO(data), formats=sorted(ALLOWED_FORMATS)) as img:
            img.load()
            img = img.convert("RGB")
    except ImageRejected:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        raise ImageRejected("That file is not an image we can read.") from exc

    directory.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(data).hexdigest()[:16]
    names: dict[int, str] = {}
    for width in WIDTHS:
        copy = img.copy()
        if copy.width > width:
            copy.thumbnail((width, width * 4), Image.Resampling.LANCZOS)
        name = f"{prefix}-{digest}-{width}.webp"
        copy.save(directory / name, "WEBP", quality=82, method=4)
        names[width] = name
    return names
