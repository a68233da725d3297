"""Upload checks: only real raster photographs get through, cleaned.

Whatever the browser claims, the bytes must open as JPEG, PNG, WebP, GIF or AVIF
with Pillow restricted to those formats, within the size limits, without anything
else hidden inside (markup, archives). The result is the picture alone: EXIF
orientation applied, colour converted to sRGB, transparency flattened onto white,
metadata (EXIF, GPS, comments, profiles) dropped, and for large photographs
decoded at a reduced scale straight away (JPEG "draft" mode) to save time and memory.
"""

from __future__ import annotations

import hashlib
import io
import math
import re
import warnings
from dataclasses import dataclass
from pathlib import PurePosixPath

from PIL import Image as PILImage
from PIL import ImageCms, ImageFile, ImageOps, UnidentifiedImageError

from artisan_app.services.media.names import HASH_LENGTH, MASTER_WIDTH, master_size

MAX_BYTES = 25 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a 24-megapixel camera's photographs pass with room to spare
MAX_SIDE = 12_000
FORMATS = ("JPEG", "PNG", "WEBP", "GIF", "AVIF")
EXTENSIONS = {
    "jpg": "JPEG",
    "jpeg": "JPEG",
    "jpe": "JPEG",
    "jfif": "JPEG",
    "png": "PNG",
    "webp": "WEBP",
    "gif": "GIF",
    "avif": "AVIF",
}
FORMAT_NAMES = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP", "GIF": "GIF", "AVIF": "AVIF"}
ACCEPTED = "Upload a JPEG, PNG, WebP, GIF or AVIF image."

# Markup or active content inside an image file: the image/script and image/HTML
# polyglots. Long enough not to turn up by chance in compressed image data.
# (Not "<?xml" or "<x:xmpmeta": cameras and editors embed XMP metadata, which is dropped anyway.)
_HIDDEN_MARKUP = re.compile(rb"<script|<\?php|<html|<!doctype|<iframe|<svg[\s>/]", re.IGNORECASE)
_ZIP_END = b"PK\x05\x06"  # a ZIP/JAR/DOCX appended to an image (readers look for it at the end)

ImageFile.LOAD_TRUNCATED_IMAGES = False
PILImage.MAX_IMAGE_PIXELS = MAX_PIXELS


class ImageRejected(ValueError):
    """The upload is not an acceptable image; the message says why, for the uploader."""


@dataclass
class CheckedImage:
    image: PILImage.Image  # RGB, oriented, no metadata; at most MASTER_WIDTH wide
    format: str  # the upload's format, as Pillow names it
    width: int  # the original's size, after orientation
    height: int
    digest: str  # content hash of the uploaded bytes (file names derive from it)


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:HASH_LENGTH]


def _check_name(filename: str) -> str | None:
    """The format the file's name promises; refuses names no photograph has."""
    suffix = PurePosixPath(filename.replace("\\", "/")).suffix.lower().lstrip(".")
    if not filename or not suffix:
        return None
    if suffix == "svg" or suffix == "svgz":
        raise ImageRejected(f"SVG drawings are not accepted. {ACCEPTED}")
    if suffix in ("heic", "heif"):
        raise ImageRejected(f"HEIC photos (the iPhone's format) are not accepted: export it as JPEG. {ACCEPTED}")
    if suffix not in EXTENSIONS:
        raise ImageRejected(f"“.{suffix}” files are not accepted. {ACCEPTED}")
    return EXTENSIONS[suffix]


def _check_bytes(data: bytes) -> None:
    if not data:
        raise ImageRejected("The file is empty.")
    if len(data) > MAX_BYTES:
        raise ImageRejected(f"Images must be {MAX_BYTES // (1024 * 1024)} MB or smaller.")
    head = data[:1024].lstrip(b" \t\r\n\xef\xbb\xbf")
    if head[:1] == b"<":
        if re.search(rb"<svg[\s>/]", data[:65536], re.IGNORECASE):
            raise ImageRejected(f"SVG drawings are not accepted. {ACCEPTED}")
        raise ImageRejected(f"That file is not an image (it is text or markup). {ACCEPTED}")
    if _HIDDEN_MARKUP.search(data) or b"%PDF-" in data[:1024] or _ZIP_END in data[-66_000:]:
        raise ImageRejected(
            "That file has something other than a picture hidden inside it "
            "(markup, a document or an archive). Export the photograph again and upload that."
        )


def _check_size(width: int, height: int) -> None:
    if width < 1 or height < 1:
        raise ImageRejected("That image has no pixels.")
    if width > MAX_SIDE or height > MAX_SIDE:
        raise ImageRejected(f"That image is {width:,}×{height:,} pixels; the limit is {MAX_SIDE:,} pixels on either side.")
    if width * height > MAX_PIXELS:
        raise ImageRejected(f"That image has {width * height / 1e6:.0f} megapixels; the limit is {MAX_PIXELS // 1_000_000}.")


def _draft(img: PILImage.Image) -> None:
    """Let the JPEG decoder scale down by 1/2, 1/4 or 1/8 when the master is that much smaller."""
    if img.format != "JPEG":
        return
    turned = img.getexif().get(0x0112) in (5, 6, 7, 8)
    final_width = img.height if turned else img.width
    if final_width <= MASTER_WIDTH:
        return
    scale = MASTER_WIDTH / final_width
    img.draft("RGB", (math.ceil(img.width * scale), math.ceil(img.height * scale)))


def _to_srgb(img: PILImage.Image, icc: bytes | None) -> PILImage.Image:
    """RGB in sRGB: transparency flattened onto white, an embedded colour profile applied."""
    if img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info):
        rgba = img.convert("RGBA")
        img = PILImage.new("RGB", rgba.size, (255, 255, 255))
        img.paste(rgba, mask=rgba.getchannel("A"))
    if icc:
        try:  # also turns CMYK (with its profile) into RGB properly
            src = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            converted = ImageCms.profileToProfile(img, src, ImageCms.createProfile("sRGB"), outputMode="RGB")
            img = converted if converted is not None else img  # None only when converting in place
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # an unreadable or mismatched profile: keep the pixels as they are
    return img if img.mode == "RGB" else img.convert("RGB")


def check_image(data: bytes, filename: str = "") -> CheckedImage:
    """Open ``data`` as an acceptable image, or raise :class:`ImageRejected` saying why."""
    promised = _check_name(filename)
    _check_bytes(data)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            with PILImage.open(io.BytesIO(data), formats=FORMATS) as probe:
                _check_size(probe.width, probe.height)
                probe.verify()
            with PILImage.open(io.BytesIO(data), formats=FORMATS) as img:
                fmt = img.format or ""  # opened with formats=FORMATS: always one of them
                if promised and promised != fmt:
                    raise ImageRejected(
                        f"The file’s name says {FORMAT_NAMES[promised]} but it holds a "
                        f"{FORMAT_NAMES[fmt]} image. Rename it or export it again."
                    )
                icc = img.info.get("icc_profile")
                raw = img.size
                _draft(img)
                img.load()
                decoded = img.size
                oriented = ImageOps.exif_transpose(img)
                clean = _to_srgb(oriented, icc)
    except ImageRejected:
        raise
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning) as exc:
        raise ImageRejected(f"That image unpacks to too many pixels; the limit is {MAX_PIXELS // 1_000_000} megapixels.") from exc
    except UnidentifiedImageError as exc:
        raise ImageRejected(f"That file is not an image we accept. {ACCEPTED}") from exc
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise ImageRejected(
            "That file is not an image we can read: it is damaged or incomplete. Export it again and upload that."
        ) from exc
    # The original's size after orientation (as exif_transpose did it), whatever scale the decoder used.
    turned = decoded[0] != decoded[1] and oriented.size == (decoded[1], decoded[0])
    width, height = (raw[1], raw[0]) if turned else raw
    if clean.size != master_size(width, height):
        clean = clean.resize(master_size(width, height), PILImage.Resampling.LANCZOS, reducing_gap=3.0)
    clean.info = {}
    return CheckedImage(image=clean, format=fmt, width=width, height=height, digest=content_hash(data))
