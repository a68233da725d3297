"""Renditions and focal-point crops: made once at upload, named by content, never upscaled."""

from __future__ import annotations

import dataclasses
import hashlib
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import features
from sqlmodel import Session, func, select

from artisan_app.models import Image
from artisan_app.services.media import names
from artisan_app.services.media.checks import ImageRejected
from artisan_app.services.media.library import (
    ALT_REQUIRED,
    cover_ref,
    image_refs,
    import_image,
    set_cover,
    set_focal_point,
)
from artisan_app.services.media.renditions import focal_crop_box
from tests.factories import make_article, make_author, make_category
from tests.media_helpers import CountingStorage, opened, photo

KINDS = {"avif": "AVIF", "webp": "WEBP", "jpg": "JPEG"}


@pytest.fixture
def store(tmp_path) -> CountingStorage:
    return CountingStorage(tmp_path / "media")


def _red_near(img, x: int, y: int, radius: int = 3) -> bool:
    rgb = img.convert("RGB")
    for dx in range(-radius, radius + 1):
        for dy in range(-radius, radius + 1):
            px = rgb.getpixel((min(max(0, x + dx), rgb.width - 1), min(max(0, y + dy), rgb.height - 1)))
            if px[0] > 150 and px[1] < 80 and px[2] < 80:
                return True
    return False


def test_this_pillow_writes_avif_and_webp():
    assert features.check("avif") and features.check("webp")


def test_renditions_every_width_up_to_the_original_in_three_formats(session: Session, store):
    data = photo(1000, 600)
    ref = import_image(session, data=data, filename="harbour.jpg", alt="A harbour", storage=store)
    digest = hashlib.sha256(data).hexdigest()[:24]
    assert ref.hash == digest and (ref.width, ref.height) == (1000, 600)
    assert names.rendition_widths(1000) == (320, 640, 960)  # no 1280 / 1920: never upscaled
    for width in (320, 640, 960):
        for ext, fmt in KINDS.items():
            name = f"{digest}-{width}.{ext}"
            img = opened(store.open(name))
            assert img.format == fmt and img.size == (width, round(600 * width / 1000)), name
    assert not store.exists(f"{digest}-1280.jpg")
    row = session.exec(select(Image)).one()
    assert (row.format, row.alt, row.focal_x, row.focal_y) == ("JPEG", "A harbour", 0.5, 0.5)


def test_a_small_image_gets_one_rendition_at_its_own_width(session: Session, store):
    ref = import_image(session, data=photo(200, 100), storage=store)
    assert names.rendition_names(ref) == [f"{ref.hash}-200.{ext}" for ext in ("avif", "webp", "jpg")]
    assert opened(store.open(f"{ref.hash}-200.webp")).size == (200, 100)


def test_large_image_renditions_stop_at_1920(session: Session, store):
    ref = import_image(session, data=photo(3000, 2000), storage=store)
    assert names.rendition_widths(ref.width) == names.WIDTHS
    assert opened(store.open(f"{ref.hash}-1920.avif")).size == (1920, 1280)


def test_importing_the_same_bytes_again_makes_nothing_again(session: Session, store):
    data = photo(700, 500)
    first = import_image(session, data=data, storage=store)
    made = list(store.saved)
    assert len(made) == len(names.all_names(first)) == 1 + 2 * 3 + (2 * 3 + 1)  # master, 320/640, card 320/640, social
    second = import_image(session, data=data, alt="Later alt", storage=store)
    assert second.hash == first.hash and store.saved == made
    assert session.exec(select(func.count()).select_from(Image)).one() == 1
    store.delete(f"{first.hash}-640.webp")  # a lost file is made again, the rest left alone
    import_image(session, data=data, storage=store)
    assert store.exists(f"{first.hash}-640.webp")
    assert f"{first.hash}-320.jpg" not in store.saved[len(made) :]


def test_crops_are_1200x630_and_3x2_and_keep_the_focal_point(session: Session, store):
    # A wide picture with its subject (a red disc) near the top right.
    ref = import_image(session, data=photo(2400, 1000, dot=(0.9, 0.2)), storage=store)
    ref = set_focal_point(session, image_id=session.exec(select(Image.id)).one(), x=0.9, y=0.2, storage=store)
    social = opened(store.open(names.crop_name(ref.hash, "social", 0.9, 0.2, 1200, "jpg")))
    assert social.size == (1200, 630)
    card = opened(store.open(names.crop_name(ref.hash, "card", 0.9, 0.2, 960, "webp")))
    assert card.size == (960, 640)
    # Centred crops would cut the subject off; these keep it.
    box = focal_crop_box(2400, 1000, 1200 / 630, 0.9, 0.2)
    x, y = (0.9 * 2400 - box[0]) / (box[2] - box[0]), (0.2 * 1000 - box[1]) / (box[3] - box[1])
    assert _red_near(social, round(x * 1200), round(y * 630))
    card_box = focal_crop_box(2400, 1000, 1.5, 0.9, 0.2)
    cx = (0.9 * 2400 - card_box[0]) / (card_box[2] - card_box[0])
    assert _red_near(card, round(cx * 960), round((0.2 * 1000 - card_box[1]) / (card_box[3] - card_box[1]) * 640))
    centred = focal_crop_box(2400, 1000, 1.5, 0.5, 0.5)
    assert not centred[0] <= 0.9 * 2400 <= centred[2]


@given(
    width=st.integers(1, 5000),
    height=st.integers(1, 5000),
    fx=st.floats(0, 1),
    fy=st.floats(0, 1),
    ratio=st.sampled_from([1.5, 1200 / 630, 1.0, 0.75]),
)
def test_focal_point_is_always_inside_the_crop(width, height, fx, fy, ratio):
    left, top, right, bottom = focal_crop_box(width, height, ratio, fx, fy)
    assert 0 <= left < right <= width and 0 <= top < bottom <= height
    assert left <= fx * width <= right and top <= fy * height <= bottom
    assert right - left == width or bottom - top == height  # the largest such box


def test_moving_the_focal_point_adds_crops_and_keeps_the_old_ones(session: Session, store):
    ref = import_image(session, data=photo(1600, 900), storage=store)
    image_id = session.exec(select(Image.id)).one()
    old_crops = names.crop_names(ref)
    store.saved.clear()
    moved = set_focal_point(session, image_id=image_id, x=0.25, y=0.75, storage=store)
    assert (moved.focal_x, moved.focal_y) == (0.25, 0.75)
    assert sorted(store.saved) == sorted(names.crop_names(moved))  # no rendition written again
    assert all(store.exists(n) for n in old_crops)  # cached pages elsewhere may still serve them
    assert all(store.exists(n) for n in names.rendition_names(moved))
    assert session.get(Image, image_id).focal_x == 0.25
    with pytest.raises(ImageRejected):
        set_focal_point(session, image_id=image_id, x=float("nan"), y=0.5, storage=store)


def test_a_cover_needs_alt_text(session: Session, store):
    article = make_article(session, category=make_category(session), author=make_author(session))
    ref = import_image(session, data=photo(1400, 900), storage=store)
    image_id = session.exec(select(Image.id)).one()
    with pytest.raises(ImageRejected, match=re.escape(ALT_REQUIRED)):
        set_cover(session, article_id=article.id, image_id=image_id, alt="   ")
    assert article.cover_image_id is None and article.cover_image == ""
    set_cover(session, article_id=article.id, image_id=image_id, alt="Boats in the harbour")
    assert article.cover_image_id == image_id and article.cover_alt == "Boats in the harbour"
    assert article.cover_image == ""  # pages render it from the Image row (markup.picture)
    assert cover_ref(session, article) == dataclasses.replace(ref, alt="Boats in the harbour")
    assert image_refs(session, [image_id, None]) == {image_id: ref}
    set_cover(session, article_id=article.id, image_id=None)
    assert (article.cover_image_id, article.cover_image, article.cover_alt) == (None, "", "")
