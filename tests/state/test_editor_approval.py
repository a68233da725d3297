"""Approval in the editor's state: the publish handlers, called as a client would call them over the
websocket, refuse an editor on the byline; an edit after approval says the article is back in review."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlmodel import select

from artisan_app.models import Article, Role
from artisan_app.services.editorial import review, saving
from artisan_app.services.editorial.approval import BACK_TO_REVIEW
from tests.factories import make_author, make_category, make_user
from tests.newsletter_fixtures import *  # noqa: F401,F403  (fixtures: smtp, mail_to_smtp)
from tests.state.conftest import drive
from tests.state.test_editor_workflow import as_user, open_editor
from tests.unit.services.test_editorial import full_form

pytestmark = pytest.mark.usefixtures("mail_to_smtp")


@pytest.fixture
def eves_story(session):
    make_category(session, "Politics", slug="politics")
    eve_byline = make_author(session, "Eve Editor", slug="eve")
    eve = make_user(session, Role.editor, name="Eve Editor", email="eve@artisan.test", author=eve_byline)
    other = make_user(session, Role.editor, name="Ed Second", email="ed2@artisan.test")
    admin = make_user(session, Role.admin, name="Ada Admin", email="ada@artisan.test")
    article_id = saving.save_article(session, user=eve, form=full_form(author_slug="eve"), now=None).article_id
    review.submit_for_review(session, user=eve, article_id=article_id)
    session.commit()
    return {"eve": eve, "other": other, "admin": admin, "id": article_id}


def _status(session, article_id: int) -> str:
    session.expire_all()
    return session.exec(select(Article.status).where(Article.id == article_id)).one()


async def test_a_direct_publish_call_by_an_editor_on_the_byline_is_refused(session, eves_story):
    desk = await open_editor(await as_user(session, eves_story["eve"]), eves_story["id"])
    assert desk.needs_review and not desk.may_approve
    for handler in (desk.publish_now, desk.publish_anyway, desk.publish_without_review, desk.publish_without_review):
        await handler()
    await desk.schedule({"schedule_at": "2099-01-01T09:00"})
    assert "byline" in desk.message
    assert _status(session, eves_story["id"]) == "review"


async def test_an_admin_on_the_byline_publishes_without_review_after_confirming(session, eves_story):
    ada = make_author(session, "Ada Admin", slug="ada")
    admin = make_user(session, Role.admin, name="Ada Byline", email="ada-byline@artisan.test", author=ada)
    article_id = saving.save_article(
        session, user=admin, form=full_form(author_slug="ada", headline="Ada's own"), now=None
    ).article_id
    session.commit()
    desk = await open_editor(await as_user(session, admin), article_id)
    assert desk.needs_review and desk.is_admin
    await desk.publish_now()
    assert "byline" in desk.message and _status(session, article_id) == "draft"
    await desk.publish_without_review()  # asks first
    assert desk.confirming == "skip_review" and _status(session, article_id) == "draft"
    await desk.publish_without_review()
    assert desk.form.phase == "published", desk.message
    assert desk.moves[0].to_label == "Published" and desk.moves[0].detail.startswith("published without review")


async def test_an_edit_after_approval_is_back_in_review_and_says_so(session, eves_story):
    other = await open_editor(await as_user(session, eves_story["other"]), eves_story["id"])
    await other.approve()
    assert other.form.status == "approved"
    desk = await open_editor(await as_user(session, eves_story["eve"]), eves_story["id"])
    assert not desk.needs_review  # approved by someone off the byline
    first = desk.form.sections[0]
    edited = replace(first, blocks=[replace(first.blocks[0], text="Rewritten after approval."), *first.blocks[1:]])
    desk.form = replace(desk.form, sections=[edited, *desk.form.sections[1:]])
    desk.dirty = True
    await drive(desk.save())
    assert desk.message == BACK_TO_REVIEW and desk.form.status == "review" and desk.needs_review
    await desk.publish_now()
    assert _status(session, eves_story["id"]) == "review"
