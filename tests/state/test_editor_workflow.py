"""Issue #18 in the editor's state, as the browser drives it: an author submits, an editor asks
for changes with a note on section 2, the author replies and resolves it, the editor approves and
publishes; the author hears of both moves by email and in the newsroom; the checks panel follows typing."""

from __future__ import annotations

import pytest
import reflex as rx
from sqlmodel import select

from artisan_app.models import Article, Role
from artisan_app.services.accounts import auth
from artisan_app.services.editorial import saving
from artisan_app.state.editor.article_editor import ArticleEditorState
from artisan_app.state.newsroom.article_list import NewsroomState
from artisan_app.state.newsroom.auth import AuthState
from tests.factories import make_author, make_category, make_user
from tests.newsletter_fixtures import *  # noqa: F401,F403  (fixtures: smtp, mail_to_smtp)
from tests.state.conftest import drive, visit
from tests.unit.services.test_editorial import full_form

pytestmark = pytest.mark.usefixtures("mail_to_smtp")


async def as_user(session, user) -> ArticleEditorState:
    root = rx.State(_reflex_internal_init=True)
    (await root.get_state(AuthState)).staff_token = auth.start_session(session, user_id=user.id)
    session.commit()
    return root


async def open_editor(root, article_id: int) -> ArticleEditorState:
    visit(root, f"/editor/article/{article_id}", "/editor/article/[id]")
    editor = await root.get_state(ArticleEditorState)
    await drive(editor.load_editor())
    return editor


async def test_submit_notes_on_section_two_resolve_approve_publish(session, mail_to_smtp):
    make_category(session, "Politics", slug="politics")
    ann = make_author(session, "Ann Author", slug="ann")
    author = make_user(session, Role.author, name="Ann Author", email="ann@artisan.test", author=ann)
    editor = make_user(session, Role.editor, name="Eve Editor", email="eve@artisan.test")
    article_id = saving.save_article(session, user=author, form=full_form(), now=None).article_id
    session.commit()
    ann_root, eve_root = await as_user(session, author), await as_user(session, editor)

    mine = await open_editor(ann_root, article_id)
    await mine.submit_review()
    assert mine.form.status == "review"

    desk = await open_editor(eve_root, article_id)
    section_two = desk.form.sections[1].key
    assert ("", "Whole article") in desk.note_anchors and (section_two, "Section 2: What next") in desk.note_anchors
    await desk.add_note({"anchor": section_two, "body": "When in July?"})
    await desk.request_changes({"body": ""})
    assert desk.form.status == "changes" and desk.craft_error == ""
    assert [m["Subject"] for m in mail_to_smtp.to("ann@artisan.test")] == ["Changes requested: Parliament Passes the Budget"]

    newsroom = await ann_root.get_state(NewsroomState)
    await newsroom.load_list()
    assert [u.message for u in newsroom.updates] == ["Changes requested by Eve Editor"]

    mine = await open_editor(ann_root, article_id)
    [note] = mine.notes
    assert note.anchor_label == "Section 2: What next" and note.body == "When in July?"
    await mine.reply_note({"note_id": str(note.id), "body": "From 1 July; added."})
    await mine.resolve_note(note.id)
    assert mine.notes[0].resolved and mine.notes[0].replies[0][2] == "From 1 July; added."
    await mine.approve()  # not theirs to make
    assert mine.form.status == "changes"
    await mine.submit_review()

    desk = await open_editor(eve_root, article_id)
    assert desk.may_approve
    await desk.approve()
    assert desk.form.status == "approved"
    await desk.publish_now()
    assert desk.form.phase == "published", desk.message
    assert [m["Subject"] for m in mail_to_smtp.to("ann@artisan.test")][-1] == "Published: Parliament Passes the Budget"
    assert [m.to_label for m in desk.moves][:3] == ["Published", "Approved", "In review"]
    session.expire_all()
    assert session.exec(select(Article.status).where(Article.id == article_id)).one() == "published"


async def test_the_checks_panel_follows_typing_and_publishing_asks_when_one_fails(session, mail_to_smtp):
    make_category(session, "Politics", slug="politics")
    make_author(session, "Ann Author", slug="ann")
    editor = make_user(session, Role.editor, name="Eve Editor", email="eve@artisan.test")
    article_id = saving.save_article(session, user=editor, form=full_form(), now=None).article_id
    session.commit()
    desk = await open_editor(await as_user(session, editor), article_id)
    assert {c.level for c in desk.check_rows} == {"pass"}
    await drive(desk.set_block(0, 1, "attribution", ""))
    assert [c.key for c in desk.check_rows if c.level == "fail"] == ["quote-attribution"]
    assert desk.check_summary.startswith("2") and "min read" in desk.check_summary
    await desk.publish_now()
    assert desk.confirming == "publish" and desk.form.status == "draft"
    await desk.publish_anyway()
    assert desk.form.phase == "published"


async def test_an_editor_sets_the_byline_and_the_author_field_follows(session, mail_to_smtp):
    make_category(session, "Politics", slug="politics")
    make_author(session, "Ann Author", slug="ann")
    make_author(session, "Bob Byline", slug="bob")
    editor = make_user(session, Role.editor, name="Eve Editor", email="eve@artisan.test")
    article_id = saving.save_article(session, user=editor, form=full_form(), now=None).article_id
    session.commit()
    desk = await open_editor(await as_user(session, editor), article_id)
    await desk.add_coauthor({"author": "bob"})
    assert desk.byline_authors == [("ann", "Ann Author"), ("bob", "Bob Byline")]
    await desk.remove_coauthor("ann")
    assert desk.byline_authors == [("bob", "Bob Byline")] and desk.form.author_slug == "bob"
    await drive(desk.set_field("kicker", "A new kicker"))  # an autosave keeps the byline
    desk = await open_editor(await as_user(session, editor), article_id)
    assert desk.byline_authors == [("bob", "Bob Byline")]
    await desk.add_coauthor({"author": "nobody"})
    assert desk.craft_error == "One of those authors no longer exists."
