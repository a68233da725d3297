"""The article editor's state as the browser drives it: "Saving…" before the save,
errors per field, the redirect after the first save, restore as unsaved changes."""

from __future__ import annotations

from sqlmodel import select

from artisan_app.models import Article, ArticleRevision
from tests.state.conftest import drive, visit
from tests.state.test_editor import open_editor, sign_in, staff  # noqa: F401  (fixture)


async def test_saving_is_announced_first_and_the_redirect_keeps_what_was_typed(staff, root, any_session):  # noqa: F811
    await sign_in(root, "eve@artisan.test")
    ed = await open_editor(root, "new")
    gen = ed.set_field("kicker", "k" * 201)
    await gen.__anext__()  # the first update the browser receives
    assert ed.save_status == "Saving…" and ed.saved_at_ms == 0
    await drive(gen)
    assert ed.form.id > 0 and "kicker" in ed.errors and ed.error_summary == [("ed-kicker", ed.errors["kicker"])]
    assert ed.form.kicker == "k" * 201  # kept in the form, not stored
    article_id = ed.form.id
    await drive(ed.set_heading(0, "2. Second thoughts"))
    assert ed.form.sections[0].heading == "Second thoughts"
    # The router lands on /editor/article/<id>: the editor keeps the unsaved kicker and its error.
    visit(root, f"/editor/article/{article_id}", "/editor/article/[id]")
    await ed.load_editor()
    assert ed.form.kicker == "k" * 201 and "kicker" in ed.errors
    # A later visit (a reload) loads what is stored.
    await ed.load_editor()
    assert ed.form.kicker == "" and ed.form.sections[0].heading == "Second thoughts" and ed.errors == {}


async def test_restore_on_a_live_article_waits_for_update(staff, root, any_session):  # noqa: F811
    await sign_in(root, "eve@artisan.test")
    ed = await open_editor(root, "new")
    for name, value in (
        ("headline", "First words"),
        ("kicker", "Kicker"),
        ("category_slug", "politics"),
        ("author_slug", "ann"),
        ("excerpt", "An excerpt long enough to be published."),
    ):
        await drive(ed.set_field(name, value))
    await drive(ed.set_heading(0, "Heading"))
    await drive(ed.set_block(0, 0, "text", "Text."))
    await drive(ed.save())
    await ed.publish_now()
    await drive(ed.set_field("headline", "Second words"))
    assert ed.save_status.startswith("Unsaved changes")
    await drive(ed.save())
    any_session.expire_all()
    assert any_session.get(Article, ed.form.id).headline == "Second words"
    first = any_session.exec(select(ArticleRevision).where(ArticleRevision.note == "Saved")).first()
    await ed.show_diff(first.id)
    assert ed.comparison is not None and any(r.kind == "changed" and "First words" in r.left for r in ed.comparison.rows)
    await drive(ed.restore(first.id))
    assert ed.form.headline == "First words" and ed.dirty and ed.save_status.startswith("Unsaved changes")
    any_session.expire_all()
    assert any_session.get(Article, ed.form.id).headline == "Second words"  # still live as it was
    await drive(ed.save())
    any_session.expire_all()
    assert any_session.get(Article, ed.form.id).headline == "First words"
    notes = any_session.exec(select(ArticleRevision.note).where(ArticleRevision.article_id == ed.form.id)).all()
    assert f"Restored version {first.version}" in notes
