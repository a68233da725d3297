"""The article editor's image placement driven as the browser drives it: "Image below"
a block opens the picker for that place, the upload lands there, focus goes to its alt
text; nobody signed in gets nothing."""

from __future__ import annotations

from sqlmodel import select

from artisan_app.models import Block, Section
from artisan_app.state.editor.article_editor import ArticleEditorState
from tests.media_helpers import photo
from tests.state.conftest import drive, visit
from tests.state.test_editor import open_editor, sign_in
from tests.state.test_editor import staff as staff_fixture

staff = staff_fixture


class Upload:
    """What Reflex hands an upload handler: a named file to read."""

    def __init__(self, data: bytes, name: str = "crane.jpg"):
        self.data, self.name = data, name

    async def read(self, size: int = -1) -> bytes:
        return self.data if size < 0 else self.data[:size]


async def test_an_image_goes_where_the_editor_chose(staff, root, any_session):
    await sign_in(root, "eve@artisan.test")
    ed = await open_editor(root, "new")
    await drive(ed.set_field("headline", "Cranes Return to the Harbour"))
    await drive(ed.set_block(0, 0, "text", "Before the picture."))
    await drive(ed.add_block(0, "paragraph"))
    await drive(ed.set_block(0, 1, "text", "After it."))
    await drive(ed.add_section())

    events = await drive(ed.choose_image_spot(0, 1))  # "Image below" block 1 of section 1
    assert ed.image_at == "0:1" and ed.image_spot_label == "Add an image to section 1, after block 1"
    assert "image-choose" in str(events)
    events = await drive(ed.add_image([Upload(photo(1200, 800))]))
    assert [b.kind for b in ed.form.sections[0].blocks] == ["paragraph", "image", "paragraph"]
    assert ed.image_at == "" and "alt-1-2" in str(events)  # focus on the new block's alt text
    any_session.expire_all()
    first = any_session.exec(select(Section).where(Section.article_id == ed.form.id, Section.position == 1)).one()
    stored = any_session.exec(select(Block).where(Block.section_id == first.id).order_by(Block.position)).all()
    assert [b.kind for b in stored] == ["paragraph", "image", "paragraph"]  # autosaved in place

    # "+ Image" of section 2 puts the next one at its end; without a chosen place, the end of the last section.
    await drive(ed.choose_image_spot(1, len(ed.form.sections[1].blocks)))
    assert ed.image_spot_label == "Add an image at the end of section 2"
    ed.cancel_image_spot()
    assert ed.image_at == ""
    await drive(ed.add_image([Upload(photo(900, 600))]))
    assert [b.kind for b in ed.form.sections[1].blocks] == ["paragraph", "image"]
    # ↓ on the last block of section 1 carries it to the top of section 2 (and focus follows it).
    events = await drive(ed.move_block(0, 2, 1))
    assert [b.text for b in ed.form.sections[1].blocks][0] == "After it." and "blk-2-1-down" in str(events)
    assert [b.kind for b in ed.form.sections[0].blocks] == ["paragraph", "image"]
    # A place that no longer exists is refused with a message; nothing is uploaded.
    await drive(ed.choose_image_spot(5, 0))
    assert ed.image_at == "" and "no longer exists" in ed.errors["image"]


async def test_signed_out_nobody_places_or_uploads_images(staff, root):
    visit(root, "/editor/article/1", "/editor/article/[id]")
    ed = await root.get_state(ArticleEditorState)
    await drive(ed.choose_image_spot(0, 0))
    assert ed.image_at == "" and "sign in" in ed.message
    await drive(ed.add_image([Upload(photo())]))
    assert ed.form.sections == [] or all(b.kind != "image" for s in ed.form.sections for b in s.blocks)
