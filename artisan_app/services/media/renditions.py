"""Renditions and focal-point crops, made once at upload and stored by name.

Widths 320–1920 (never above the original's) in AVIF, WebP and JPEG; crops for
cards (3:2) and the social image (1200×630) cut around the focal point from the
cleaned master. Changing the focal point re-makes the crops only.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable

from PIL import Image as PILImage
from PIL import features

from artisan_app.services.media import names
from artisan_app.services.media.names import CROPS, ImageRef
from artisan_app.services.media.storage import MediaStorage

LANCZOS = PILImage.Resampling.LANCZOS


def encode(img: PILImage.Image, ext: str) -> bytes:
    """Re-encode with nothing but pixels (no EXIF, no profile: the pixels are sRGB)."""
    out = io.BytesIO()
    if ext == "avif":
        if not features.check("avif"):  # Pillow 13's wheels have it built in; a source build may not
            raise RuntimeError(
                "This Pillow cannot write AVIF (PIL.features.check('avif') is False): install the pinned pillow wheel."
            )
        img.save(out, "AVIF", quality=60, speed=8)
    elif ext == "webp":
        img.save(out, "WEBP", quality=80, method=4)
    elif ext == "jpg":
        img.save(out, "JPEG", quality=82, optimize=True, progressive=True)
    else:
        raise ValueError(f"unknown rendition format {ext!r}")
    return out.getvalue()


def scaled(img: PILImage.Image, size: tuple[int, int]) -> PILImage.Image:
    return img if img.size == size else img.resize(size, LANCZOS, reducing_gap=3.0)


def focal_crop_box(width: int, height: int, ratio: float, fx: float, fy: float) -> tuple[int, int, int, int]:
    """The largest ``ratio`` box inside the image, centred on the focal point as far as
    the edges allow; the focal point is always inside it."""
    box_w, box_h = names.crop_size(width, height, ratio)
    cx, cy = names.clamp01(fx) * width, names.clamp01(fy) * height
    left = min(max(0, round(cx - box_w / 2)), width - box_w)
    top = min(max(0, round(cy - box_h / 2)), height - box_h)
    return left, top, left + box_w, top + box_h


def focal_crop(img: PILImage.Image, size: tuple[int, int], fx: float, fy: float) -> PILImage.Image:
    """``img`` cut to ``size``'s shape around the focal point, scaled to ``size``."""
    box = focal_crop_box(img.width, img.height, size[0] / size[1], fx, fy)
    return img.resize(size, LANCZOS, box=box, reducing_gap=3.0)


def _save_all(storage: MediaStorage, img: PILImage.Image, name_for: Callable[..., str], formats: Iterable[str]) -> list[str]:
    """Encode and store each format, skipping names already stored (same name, same content)."""
    saved = []
    for ext in formats:
        name = name_for(ext)
        if storage.exists(name):
            continue
        storage.save(name, encode(img, ext))
        saved.append(name)
    return saved


def make_renditions(master: PILImage.Image, ref: ImageRef, storage: MediaStorage) -> list[str]:
    """Every width, largest first, each scaled from the previous one (faster, same look)."""
    saved: list[str] = []
    current = master
    for width in sorted(names.rendition_widths(ref.width), reverse=True):
        current = scaled(current, names.rendition_dims(ref, width))
        saved += _save_all(storage, current, lambda ext, w=width: names.rendition_name(ref.hash, w, ext), names.FORMATS)
    return saved


def make_crops(master: PILImage.Image, ref: ImageRef, storage: MediaStorage) -> list[str]:
    saved: list[str] = []
    for kind, spec in CROPS.items():
        for width in names.crop_widths(ref, kind):
            crop = focal_crop(master, names.crop_dims(kind, width), ref.focal_x, ref.focal_y)
            saved += _save_all(
                storage,
                crop,
                lambda ext, w=width, k=kind: names.crop_name(ref.hash, k, ref.focal_x, ref.focal_y, w, ext),
                spec.formats,
            )
    return saved


def master_bytes(master: PILImage.Image) -> bytes:
    out = io.BytesIO()
    master.save(out, "JPEG", quality=92)
    return out.getvalue()


def open_master(storage: MediaStorage, ref: ImageRef) -> PILImage.Image:
    with PILImage.open(io.BytesIO(storage.open(names.master_name(ref.hash))), formats=["JPEG"]) as img:
        img.load()
        return img.convert("RGB")
