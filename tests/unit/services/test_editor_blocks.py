"""Placing blocks in the editor's form: an image (or any block) at any position of any
section, and moves that carry a block over the border of its section."""

from __future__ import annotations

from dataclasses import replace

import pytest

from artisan_app.services.articles import queries
from artisan_app.services.editorial import newsroom as ed
from artisan_app.services.editorial import saving, workflow
from artisan_app.services.editorial.blocks import (
    PlacementError,
    end_of_last_section,
    insert_block,
    insertion_point,
    move_block,
    parse_spot,
)
from artisan_app.services.editorial.forms import MAX_BLOCKS, ArticleForm, BlockForm, SectionForm
from artisan_app.services.editorial.media import image_block, upload_image
from tests.media_helpers import photo
from tests.unit.services.test_editorial import NOW, full_form
from tests.unit.services.test_editorial import newsroom as newsroom_fixture

newsroom = newsroom_fixture


def two_sections() -> ArticleForm:
    return ArticleForm(
        sections=[
            SectionForm("One", [BlockForm("paragraph", "a"), BlockForm("paragraph", "b")]),
            SectionForm("Two", [BlockForm("paragraph", "c")]),
        ]
    )


def texts(form: ArticleForm) -> list[list[str]]:
    return [[b.text for b in s.blocks] for s in form.sections]


def test_a_block_goes_before_any_block_of_any_section_or_at_its_end():
    form = two_sections()
    new = BlockForm("separator", "x")
    assert texts(insert_block(form, 0, 1, new)) == [["a", "x", "b"], ["c"]]
    assert texts(insert_block(form, 0, 0, new)) == [["x", "a", "b"], ["c"]]
    assert texts(insert_block(form, 1, 1, new)) == [["a", "b"], ["c", "x"]]
    assert end_of_last_section(form) == (1, 1)
    assert texts(form) == [["a", "b"], ["c"]]  # the form itself is untouched


@pytest.mark.parametrize("section, index", [(2, 0), (-1, 0), (0, 3), (0, -1), ("0", 1), (True, 0), (0, None)])
def test_a_place_that_does_not_exist_is_refused_with_a_message(section, index):
    with pytest.raises(PlacementError, match="no longer exists"):
        insertion_point(two_sections(), section, index)


def test_a_full_section_takes_no_more_blocks():
    full = ArticleForm(sections=[SectionForm("Full", [BlockForm("paragraph", str(n)) for n in range(MAX_BLOCKS)])])
    with pytest.raises(PlacementError, match=f"already has {MAX_BLOCKS} blocks"):
        insert_block(full, 0, 3, BlockForm())
    with pytest.raises(PlacementError, match="Add a section first"):
        end_of_last_section(ArticleForm(sections=[]))


def test_the_open_picker_remembers_its_place_as_text():
    assert parse_spot("0:1") == (0, 1)
    assert parse_spot("") is None and parse_spot("1") is None and parse_spot("a:b") is None


def test_moves_cross_into_the_neighbouring_section_but_never_empty_one():
    form = two_sections()
    moved, at = move_block(form, 0, 0, 1)
    assert texts(moved) == [["b", "a"], ["c"]] and at == (0, 1)
    moved, at = move_block(form, 0, 1, 1)  # the last block of section 1 moves down: first of section 2
    assert texts(moved) == [["a"], ["b", "c"]] and at == (1, 0)
    moved, at = move_block(moved, 1, 0, -1)  # and back up: last of section 1
    assert texts(moved) == [["a", "b"], ["c"]] and at == (0, 1)
    assert move_block(form, 1, 0, -1) is None  # "c" is section 2's only block
    assert move_block(form, 0, 0, -1) is None and move_block(form, 1, 0, 1) is None  # the very top and bottom
    assert move_block(form, 0, 0, 2) is None and move_block(form, 0, 5, 1) is None and move_block(form, 0, 0, True) is None


def test_an_uploaded_image_between_two_paragraphs_reaches_the_reader_there(newsroom):
    s, editor = newsroom["s"], newsroom["editor"]
    form = full_form(
        sections=[
            SectionForm("First", [BlockForm("paragraph", "Before the picture."), BlockForm("paragraph", "After it.")]),
            SectionForm("Second", [BlockForm("paragraph", "Another section.")]),
        ]
    )
    saved = saving.save_article(s, user=editor, form=form, now=NOW)
    image_id, ref = upload_image(s, user=editor, article_id=saved.article_id, data=photo(1400, 900))
    loaded = ed.load_form(s, user=editor, article_id=saved.article_id)
    block = image_block(image_id, ref)
    assert block.kind == "image" and block.key and block.preview.endswith("-640.jpg")
    placed = insert_block(loaded, 0, 1, replace(block, alt="A harbour crane", text="The crane", wide=True))
    saving.save_article(s, user=editor, form=placed, now=NOW)
    workflow.publish(s, user=editor, article_id=saved.article_id, now=NOW)

    again = ed.load_form(s, user=editor, article_id=saved.article_id)
    assert [b.kind for b in again.sections[0].blocks] == ["paragraph", "image", "paragraph"]
    assert again.sections[0].blocks[1].alt == "A harbour crane" and again.sections[0].blocks[1].wide
    live = queries.get_article(s, loaded.slug, now=NOW)
    first = [b.markup for b in live.sections[0].blocks]
    assert "Before the picture." in first[0] and "After it." in first[2]
    assert first[1].startswith('<figure class="figure') and 'alt="A harbour crane"' in first[1]
    assert f"{ref.hash}-640.avif 640w" in first[1] and "The crane" in first[1]
    assert [b.kind for b in again.sections[1].blocks] == ["paragraph"]
