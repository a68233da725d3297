"""One photo, many articles: re-uploading a live article's photo to one's own draft changes nothing
a reader of the live article sees, and no crop a cached page may serve is ever deleted."""

from __future__ import annotations

from dataclasses import replace

import pytest

from artisan_app.models import Image
from artisan_app.services.accounts.auth import PermissionDenied
from artisan_app.services.articles import queries
from artisan_app.services.editorial import newsroom as ed
from artisan_app.services.editorial import saving, workflow
from artisan_app.services.editorial.forms import BlockForm
from artisan_app.services.editorial.media import move_focal_point, upload_image
from artisan_app.services.media import names
from artisan_app.services.media.library import ref_of
from artisan_app.services.media.storage import default_storage
from tests.media_helpers import photo
from tests.unit.services.test_editorial import NOW, full_form
from tests.unit.services.test_editorial import newsroom as newsroom_fixture

newsroom = newsroom_fixture
PICTURE = photo(1400, 900, dot=(0.3, 0.4))


def _with_image(s, user, article_id: int, image_id: int, alt: str, **changes):
    loaded = ed.load_form(s, user=user, article_id=article_id)
    block = BlockForm("image", "The chamber", "Photo: Artisan Times", image_id=image_id, alt=alt)
    first = replace(loaded.sections[0], blocks=[*loaded.sections[0].blocks, block])
    return saving.save_article(s, user=user, form=replace(loaded, sections=[first, *loaded.sections[1:]], **changes), now=NOW)


@pytest.fixture
def live(newsroom):
    """A live article (by the editor, under Bob's byline) whose cover and one block are PICTURE."""
    s, editor = newsroom["s"], newsroom["editor"]
    saved = saving.save_article(s, user=editor, form=full_form(author_slug="bob"), now=NOW)
    image_id, _ref = upload_image(s, user=editor, article_id=saved.article_id, data=PICTURE)
    _with_image(
        s,
        editor,
        saved.article_id,
        image_id,
        "Members of parliament voting",
        cover_image_id=image_id,
        cover_alt="The chamber at night",
    )
    workflow.publish(s, user=editor, article_id=saved.article_id, now=NOW)
    return {**newsroom, "live_id": saved.article_id, "slug": saved.slug, "image_id": image_id}


def _figure(s, slug: str) -> str:
    return queries.get_article(s, slug, now=NOW).sections[0].blocks[-1].markup


def test_an_authors_alt_text_on_the_same_photo_stays_in_their_draft(live):
    s, author = live["s"], live["author"]
    draft = saving.save_article(s, user=author, form=full_form(headline="My draft"), now=NOW).article_id
    image_id, _ref = upload_image(s, user=author, article_id=draft, data=PICTURE)
    assert image_id == live["image_id"]  # the same bytes: the same Image
    _with_image(s, author, draft, image_id, "A picture of nothing much")
    assert 'alt="Members of parliament voting"' in _figure(s, live["slug"])
    assert ed.load_form(s, user=author, article_id=draft).sections[0].blocks[-1].alt == "A picture of nothing much"
    assert (
        ed.load_form(s, user=live["editor"], article_id=live["live_id"]).sections[0].blocks[-1].alt
        == "Members of parliament voting"
    )


def test_an_author_cannot_move_the_focal_point_of_a_photo_a_live_article_uses(live):
    s, author = live["s"], live["author"]
    draft = saving.save_article(s, user=author, form=full_form(headline="My draft"), now=NOW).article_id
    image_id, _ref = upload_image(s, user=author, article_id=draft, data=PICTURE)
    before = ref_of(s.get(Image, image_id))
    with pytest.raises(PermissionDenied, match="also used"):
        move_focal_point(s, user=author, article_id=draft, image_id=image_id, value="0.9,0.9")
    assert ref_of(s.get(Image, image_id)) == before
    storage = default_storage()
    assert all(storage.exists(n) for n in names.crop_names(before))


def test_moving_a_focal_point_keeps_the_crops_cached_pages_point_at(live):
    s, editor, image_id = live["s"], live["editor"], live["image_id"]
    old = ref_of(s.get(Image, image_id))
    moved = move_focal_point(s, user=editor, article_id=live["live_id"], image_id=image_id, value="0.8,0.2")
    assert (moved.focal_x, moved.focal_y) == (0.8, 0.2)
    storage = default_storage()
    assert all(storage.exists(n) for n in names.crop_names(old) + names.crop_names(moved))
