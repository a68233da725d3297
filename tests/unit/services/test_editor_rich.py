"""The editor's formatted text: inline Markdown in, cleaned HTML stored, the same
Markdown back in the editor, and the formatting visible in preview and revisions."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlmodel import select

from artisan_app.models import Block, Image
from artisan_app.services.accounts.auth import PermissionDenied
from artisan_app.services.articles import queries
from artisan_app.services.editorial import forms, revisions, saving, workflow
from artisan_app.services.editorial import newsroom as ed
from artisan_app.services.editorial.forms import BlockForm, SectionForm
from artisan_app.services.editorial.media import move_focal_point, upload_image
from artisan_app.services.media.checks import ImageRejected
from tests.media_helpers import photo
from tests.unit.services.test_editorial import NOW, full_form
from tests.unit.services.test_editorial import newsroom as newsroom_fixture

newsroom = newsroom_fixture  # the same fixture, under its name

PASTED = (
    "Officials **denied** the *claim*, citing [the audit](https://audit.example/2026).\n\n"
    "A second paragraph.\n\n- first point\n- second <script>alert(1)</script>"
)


def test_formatting_round_trips_through_save_reader_and_editor(newsroom):
    s, editor = newsroom["s"], newsroom["editor"]
    form = full_form(
        sections=[SectionForm("The vote", [BlockForm("paragraph", PASTED), BlockForm("quote", "It was *close*.", "A whip")])]
    )
    saved = saving.save_article(s, user=editor, form=form, now=NOW)
    stored = s.exec(select(Block).order_by(Block.position)).all()
    assert [b.kind for b in stored] == ["paragraph", "paragraph", "bullets", "quote"]  # the paste became blocks
    assert stored[0].html == (
        "Officials <strong>denied</strong> the <em>claim</em>, citing "
        '<a href="https://audit.example/2026" rel="noopener">the audit</a>.'
    )
    assert stored[0].text == "Officials denied the claim, citing the audit."
    assert "<script" not in stored[2].items and "&lt;script&gt;" in stored[2].items

    workflow.publish(s, user=editor, article_id=saved.article_id, now=NOW)
    live = queries.get_article(s, saved.slug, now=NOW)
    assert '<a href="https://audit.example/2026" rel="noopener">the audit</a>' in live.sections[0].blocks[0].markup
    assert (
        live.sections[0]
        .blocks[3]
        .markup.startswith('<figure class="pull-quote"><blockquote class="quote-text"><p>It was <em>close</em>.</p>')
    )

    loaded = ed.load_form(s, user=editor, article_id=saved.article_id)
    texts = [b.text for b in loaded.sections[0].blocks]
    assert texts[0] == "Officials **denied** the *claim*, citing [the audit](https://audit.example/2026)."
    assert texts[2] == "first point\nsecond \\<script\\>alert(1)\\</script\\>"
    again = saving.save_article(s, user=editor, form=replace(loaded, sections=loaded.sections), now=NOW)
    assert [b.html for b in s.exec(select(Block).order_by(Block.position)).all()][0] == stored[0].html
    assert again.version == loaded.version + 1


def test_preview_shows_formatting_and_new_blocks(newsroom):
    s, editor = newsroom["s"], newsroom["editor"]
    form = full_form(
        sections=[
            SectionForm(
                "A",
                [
                    BlockForm("paragraph", "**Bold** <img src=x onerror=alert(1)>"),
                    BlockForm("subheading", "Sub"),
                    BlockForm("embed", "https://vimeo.com/123"),
                    BlockForm("separator", ""),
                ],
            )
        ]
    )
    detail = ed.preview(s, user=editor, form=form)
    markup = [b.markup for b in detail.sections[0].blocks]
    assert markup[0] == '<p class="body-text"><strong>Bold</strong> &lt;img src=x onerror=alert(1)&gt;</p>'
    assert markup[1] == '<h4 class="body-subheading">Sub</h4>' and "player.vimeo.com" in markup[2]
    assert markup[3] == '<hr class="body-separator">'


def test_an_embed_needs_a_web_address(newsroom):
    s, editor = newsroom["s"], newsroom["editor"]
    form = full_form(sections=[SectionForm("A", [BlockForm("paragraph", "x"), BlockForm("embed", "javascript:alert(1)")])])
    saved = saving.save_article(s, user=editor, form=form, now=NOW)
    assert "https://" in saved.skipped["block-1-2"]  # named next to the field; the rest is saved
    assert [b.kind for b in s.exec(select(Block)).all()] == ["paragraph"]


def test_image_blocks_need_alt_text_and_keep_it_on_the_block(newsroom):
    s, editor = newsroom["s"], newsroom["editor"]
    saved = saving.save_article(s, user=editor, form=full_form(), now=NOW)
    workflow.publish(s, user=editor, article_id=saved.article_id, now=NOW)  # live: every save must pass the checks
    image_id, _ref = upload_image(s, user=editor, article_id=saved.article_id, data=photo(1400, 900))
    loaded = ed.load_form(s, user=editor, article_id=saved.article_id)
    image = BlockForm("image", "The chamber", "Photo: Artisan Times", image_id=image_id, alt="")
    form = replace(loaded, sections=[replace(loaded.sections[0], blocks=[*loaded.sections[0].blocks, image])])
    with pytest.raises(forms.EditValidationError) as exc:
        saving.save_article(s, user=editor, form=form, now=NOW)
    assert any("alt text" in m for m in exc.value.errors.values())
    loaded = ed.load_form(s, user=editor, article_id=saved.article_id)
    image = replace(image, alt="Members of parliament voting")
    form = replace(loaded, sections=[replace(loaded.sections[0], blocks=[*loaded.sections[0].blocks, image])])
    saving.save_article(s, user=editor, form=form, now=NOW)
    assert s.get(Image, image_id).alt == ""  # the photo is shared; the alt text is this use's
    assert s.exec(select(Block.alt).where(Block.image_id == image_id)).one() == "Members of parliament voting"
    live = queries.get_article(s, loaded.slug, now=NOW)
    figure = live.sections[0].blocks[-1].markup
    assert figure.startswith('<figure class="figure"><picture>') and 'alt="Members of parliament voting"' in figure
    assert 'loading="lazy"' in figure and "The chamber" in figure and "Photo: Artisan Times" in figure


def test_uploads_and_focal_points_are_for_editors_of_the_article(newsroom):
    s, editor, author = newsroom["s"], newsroom["editor"], newsroom["author"]
    saved = saving.save_article(s, user=editor, form=full_form(author_slug="bob"), now=NOW)
    with pytest.raises(PermissionDenied):
        upload_image(s, user=author, article_id=saved.article_id, data=photo())
    with pytest.raises(PermissionDenied):
        upload_image(s, user=None, article_id=saved.article_id, data=photo())
    with pytest.raises(ImageRejected):
        upload_image(s, user=editor, article_id=saved.article_id, data=b"<svg onload=alert(1)>")
    image_id, ref = upload_image(s, user=editor, article_id=saved.article_id, data=photo(1600, 1000, dot=(0.8, 0.2)))
    assert move_focal_point(s, user=editor, article_id=saved.article_id, image_id=image_id, value="0.8") is None
    moved = move_focal_point(s, user=editor, article_id=saved.article_id, image_id=image_id, value="0.8,0.2")
    assert (moved.focal_x, moved.focal_y) == (0.8, 0.2)
    loaded = ed.load_form(s, user=editor, article_id=saved.article_id)
    saving.save_article(s, user=editor, form=replace(loaded, cover_image_id=image_id, cover_alt="A red dot"), now=NOW)
    workflow.publish(s, user=editor, article_id=saved.article_id, now=NOW)
    detail = queries.get_article(s, loaded.slug, now=NOW)
    assert detail.cover_images[0].endswith(".jpg")  # the social crop around the new focal point
    with pytest.raises(PermissionDenied):
        move_focal_point(s, user=author, article_id=saved.article_id, image_id=image_id, value="0.1,0.1")


def test_revision_diffs_show_the_formatting_and_the_new_blocks(newsroom):
    s, editor = newsroom["s"], newsroom["editor"]
    saved = saving.save_article(s, user=editor, form=full_form(), now=NOW)
    loaded = ed.load_form(s, user=editor, article_id=saved.article_id)
    blocks = [
        BlockForm("paragraph", "It passed by **four** votes."),
        BlockForm("bullets", "Budget\nTaxes"),
        BlockForm("separator", ""),
    ]
    saving.save_article(s, user=editor, form=replace(loaded, sections=[SectionForm("The vote", blocks)]), note="Saved", now=NOW)
    rows = revisions.list_revisions(s, user=editor, article_id=saved.article_id)
    first = min(rows, key=lambda r: r.version)
    diff = revisions.compare(s, user=editor, revision_id=first.id)
    added = [r.right for r in diff.rows if r.kind in ("added", "changed")]
    assert "   It passed by **four** votes." in added and "   • Budget" in added and "   ———" in added
