"""Test images made on the spot, and a media store in a temporary directory."""

from __future__ import annotations

import io

from PIL import Image as PILImage
from PIL import ImageDraw

from artisan_app.services.media.storage import LocalStorage


def photo(width: int = 1000, height: int = 600, fmt: str = "JPEG", *, dot: tuple[float, float] | None = None, **save) -> bytes:
    """A grey gradient picture; ``dot`` puts a red disc at that fraction of the width/height."""
    img = PILImage.linear_gradient("L").resize((width, height)).convert("RGB")
    if dot:
        d = ImageDraw.Draw(img)
        cx, cy, r = dot[0] * width, dot[1] * height, max(4, min(width, height) // 40)
        d.ellipse((cx - r, cy - r, cx + r, cy + r), fill=(220, 0, 0))
    out = io.BytesIO()
    img.save(out, fmt, **save)
    return out.getvalue()


class CountingStorage(LocalStorage):
    """A LocalStorage that remembers which names were written."""

    def __init__(self, root):
        super().__init__(root)
        self.saved: list[str] = []

    def save(self, name: str, data: bytes) -> None:
        self.saved.append(name)
        super().save(name, data)


def opened(data: bytes) -> PILImage.Image:
    img = PILImage.open(io.BytesIO(data))
    img.load()
    return img
