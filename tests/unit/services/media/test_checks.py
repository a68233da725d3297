"""Upload checks: hostile or broken files are refused with a message the uploader
understands; accepted ones lose their metadata and stand the right way up."""

from __future__ import annotations

import io

import pytest
from PIL import Image as PILImage

from artisan_app.services.media.checks import ImageRejected, check_image
from artisan_app.services.media.single_images import store_image
from tests.media_helpers import opened, photo

SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="9" height="9"/></svg>'


def _png(img: PILImage.Image) -> bytes:
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        pytest.param(SVG, "drawing.svg", "SVG drawings are not accepted", id="svg"),
        pytest.param(SVG, "drawing.png", "SVG drawings are not accepted", id="svg-renamed"),
        pytest.param(b"<?php system($_GET['c']); ?>", "x.jpg", r"not an image \(it is text or markup\)", id="php"),
        pytest.param(b"  <svg><script>alert(1)</script></svg>", "", "SVG drawings", id="svg-no-name"),
        pytest.param(photo() + b"<script>alert(document.cookie)</script>", "x.jpg", "hidden inside", id="jpeg+script"),
        pytest.param(
            photo(fmt="GIF") + b"PK\x03\x04" + b"\0" * 40 + b"PK\x05\x06" + b"\0" * 18, "x.gif", "hidden inside", id="gifar-zip"
        ),
        pytest.param(photo(comment=b"<html><body onload=alert(1)>"), "x.jpg", "hidden inside", id="jpeg-comment-html"),
        pytest.param(photo()[:200] + b"%PDF-1.7\n" + photo()[200:], "x.jpg", "hidden inside", id="pdf-inside"),
        pytest.param(photo()[:4000], "x.jpg", "not an image we can read: it is damaged or incomplete", id="truncated"),
        pytest.param(photo(), "photo.png", "name says PNG but it holds a JPEG", id="wrong-extension"),
        pytest.param(photo(), "photo.exe", "“.exe” files are not accepted", id="bad-extension"),
        pytest.param(photo(), "IMG_0001.HEIC", "export it as JPEG", id="heic"),
        pytest.param(photo(fmt="BMP"), "", "not an image we accept", id="bmp"),
        pytest.param(photo(fmt="TIFF"), "", "not an image we accept", id="tiff"),
        pytest.param(b"", "x.jpg", "The file is empty", id="empty"),
        pytest.param(b"hello, world", "x.jpg", "not an image we accept", id="text"),
    ],
)
def test_hostile_and_broken_files_are_refused_with_a_reason(data, filename, message):
    with pytest.raises(ImageRejected, match=message) as info:
        check_image(data, filename)
    assert str(info.value).endswith(".")  # a sentence for the uploader, not an exception dump


def test_decompression_bomb_is_refused():
    # 10,000 × 10,000 one-bit pixels: a few kilobytes on disk, 100 megapixels unpacked.
    bomb = _png(PILImage.new("1", (10_000, 10_000)))
    assert len(bomb) < 100_000
    with pytest.raises(ImageRejected, match="megapixels"):
        check_image(bomb, "bomb.png")


def test_huge_dimensions_are_refused():
    with pytest.raises(ImageRejected, match=r"20,000×8 pixels; the limit is 12,000"):
        check_image(_png(PILImage.new("L", (20_000, 8))), "strip.png")


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP", "GIF", "AVIF"])
def test_the_five_formats_are_accepted(fmt):
    checked = check_image(photo(300, 200, fmt), f"picture.{fmt.lower()}")
    assert (checked.width, checked.height, checked.format) == (300, 200, fmt)
    assert checked.image.mode == "RGB"


def test_a_camera_photo_with_xmp_metadata_is_accepted():
    xmp = (
        b'<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><?xml version="1.0"?>'
        b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF/></x:xmpmeta><?xpacket end="w"?>'
    )
    checked = check_image(photo(640, 480, xmp=xmp), "DSC_0042.JPG")
    assert (checked.width, checked.height) == (640, 480) and "xmp" not in checked.image.info


def test_exif_orientation_is_applied_and_metadata_dropped(tmp_path):
    exif = PILImage.Exif()
    exif[0x0112] = 6  # "rotate 90° clockwise to display"
    exif[0x013B] = "Private Photographer"  # Artist
    exif[0x8825] = {1: "N", 2: (51.0, 30.0, 0.0)}  # GPS
    upload = photo(800, 400, exif=exif.tobytes())
    assert opened(upload).getexif()[0x013B] == "Private Photographer"
    checked = check_image(upload, "portrait.jpg")
    assert (checked.width, checked.height) == (400, 800)  # as the camera meant it: portrait
    assert checked.image.size == (400, 800)
    assert not checked.image.info
    stored = opened((tmp_path / store_image(upload, directory=tmp_path, prefix="t")[400]).read_bytes())
    assert stored.size == (400, 800)
    assert not stored.getexif()


def test_store_image_keeps_its_contract_and_the_new_checks(tmp_path):
    names = store_image(photo(2000, 1000), directory=tmp_path, prefix="cover-1")
    assert list(names) == [1600, 800, 400]
    assert all(n.startswith("cover-1-") and n.endswith(f"-{w}.webp") for w, n in names.items())
    assert opened((tmp_path / names[800]).read_bytes()).size == (800, 400)
    with pytest.raises(ImageRejected, match="hidden inside"):
        store_image(photo() + b"<script>x</script>", directory=tmp_path, prefix="cover-1")


def test_cmyk_and_transparent_images_come_out_as_rgb():
    cmyk = io.BytesIO()
    PILImage.new("CMYK", (400, 300), (0, 255, 255, 0)).save(cmyk, "JPEG")  # red in CMYK
    checked = check_image(cmyk.getvalue(), "print.jpg")
    assert checked.image.mode == "RGB"
    r, g, b = checked.image.getpixel((200, 150))
    assert r > 200 and g < 60 and b < 60
    clear = PILImage.new("RGBA", (300, 200), (0, 0, 0, 0))
    flat = check_image(_png(clear), "logo.png").image
    assert flat.getpixel((10, 10)) == (255, 255, 255)  # transparency onto white, not black


def test_a_large_turned_photo_is_decoded_small_and_measured_as_taken():
    exif = PILImage.Exif()
    exif[0x0112] = 8  # "rotate 90° anticlockwise to display"
    checked = check_image(photo(1200, 5400, exif=exif.tobytes()), "tall.jpg")
    assert (checked.width, checked.height) == (5400, 1200)  # the original, turned
    assert checked.image.size == (2560, 569)  # the master: at most 2560 px wide, same shape
