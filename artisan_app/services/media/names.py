"""File names and URLs of an image's renditions and crops (pure: no Pillow, no I/O).

Nothing about renditions is stored per file: every name follows from the image's
content hash, its width and its focal point, so ``Image`` rows hold only those and
anyone (the markup helper, the media route, the storage clean-up) derives the rest:

* renditions: ``<hash>-<width>.<ext>``, widths from :data:`WIDTHS` not above the
  original width (an image narrower than 320 px gets one rendition at its own width);
* crops: ``<hash>-<kind>-x<0000>y<0000>-<width>.<ext>``, the focal point in
  thousandths, so moving the focal point gives new names (cached copies of the old
  crops never go stale, ``immutable`` stays true);
* the master (the cleaned original the crops are cut from, not served):
  ``originals/<hash>.jpg``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

WIDTHS = (320, 640, 960, 1280, 1920)
FORMATS = ("avif", "webp", "jpg")  # best first; JPEG is the fallback every browser reads
CONTENT_TYPES = {"avif": "image/avif", "webp": "image/webp", "jpg": "image/jpeg"}
HASH_LENGTH = 24  # hex characters of the sha256 of the uploaded bytes
MASTER_WIDTH = 2560  # the cleaned copy crops are cut from (the renditions stop at 1920)


@dataclass(frozen=True)
class CropSpec:
    kind: str
    ratio: float  # width / height
    widths: tuple[int, ...]
    formats: tuple[str, ...]


CROPS = {
    "card": CropSpec("card", 3 / 2, (320, 640, 960), FORMATS),
    # Open Graph / Twitter: one size, JPEG (link-preview crawlers do not all read AVIF/WebP).
    "social": CropSpec("social", 1200 / 630, (1200,), ("jpg",)),
}
SOCIAL_SIZE = (1200, 630)

PUBLIC_NAME = re.compile(
    rf"^(?P<hash>[0-9a-f]{{{HASH_LENGTH}}})-(?:(?P<kind>card|social)-x(?P<x>\d{{4}})y(?P<y>\d{{4}})-)?"
    r"(?P<width>[1-9]\d{0,3})\.(?P<ext>avif|webp|jpg)$"
)


@dataclass(frozen=True)
class ImageRef:
    """What pages need to show an image; a plain value (safe to hold in state)."""

    hash: str
    width: int
    height: int
    focal_x: float = 0.5
    focal_y: float = 0.5
    alt: str = ""
    caption: str = ""
    credit: str = ""


def rendition_widths(original_width: int) -> tuple[int, ...]:
    """Never upscaled: the standard widths up to the original's."""
    return tuple(w for w in WIDTHS if w <= original_width) or (original_width,)


def crop_widths(ref: ImageRef, kind: str) -> tuple[int, ...]:
    spec = CROPS[kind]
    if kind == "social":
        return spec.widths  # always 1200×630, whatever the original (small ones are scaled up)
    box_w, _ = crop_size(*master_size(ref.width, ref.height), spec.ratio)
    return tuple(w for w in spec.widths if w <= box_w) or (box_w,)


def crop_dims(kind: str, width: int) -> tuple[int, int]:
    return width, max(1, round(width / CROPS[kind].ratio))


def rendition_dims(ref: ImageRef, width: int) -> tuple[int, int]:
    """Size of a rendition (the same rounding the encoder side uses)."""
    return width, max(1, round(ref.height * width / ref.width))


def master_size(width: int, height: int) -> tuple[int, int]:
    if width <= MASTER_WIDTH:
        return width, height
    return MASTER_WIDTH, max(1, round(height * MASTER_WIDTH / width))


def crop_size(width: int, height: int, ratio: float) -> tuple[int, int]:
    """The largest ``ratio`` box inside ``width``×``height``."""
    if width / height > ratio:
        return max(1, round(height * ratio)), height
    return width, max(1, round(width / ratio))


def focal_code(x: float, y: float) -> str:
    return f"x{round(clamp01(x) * 1000):04d}y{round(clamp01(y) * 1000):04d}"


def clamp01(value: float) -> float:
    return min(1.0, max(0.0, float(value)))


def rendition_name(digest: str, width: int, ext: str) -> str:
    return f"{digest}-{width}.{ext}"


def crop_name(digest: str, kind: str, x: float, y: float, width: int, ext: str) -> str:
    return f"{digest}-{kind}-{focal_code(x, y)}-{width}.{ext}"


def master_name(digest: str) -> str:
    return f"originals/{digest}.jpg"


def rendition_names(ref: ImageRef) -> list[str]:
    return [rendition_name(ref.hash, w, ext) for w in rendition_widths(ref.width) for ext in FORMATS]


def crop_names(ref: ImageRef) -> list[str]:
    return [
        crop_name(ref.hash, kind, ref.focal_x, ref.focal_y, w, ext)
        for kind, spec in CROPS.items()
        for w in crop_widths(ref, kind)
        for ext in spec.formats
    ]


def all_names(ref: ImageRef) -> list[str]:
    return [master_name(ref.hash), *rendition_names(ref), *crop_names(ref)]


def content_type(name: str) -> str | None:
    """The content type of a public file name, or None when it is not one."""
    match = PUBLIC_NAME.match(name)
    return CONTENT_TYPES[match["ext"]] if match else None
