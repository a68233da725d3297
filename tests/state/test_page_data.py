"""Article page data remembered per content generation (``services/page_data.py``)."""

from __future__ import annotations

import dataclasses

import pytest
from sqlmodel import Session

from artisan_app.models import Role
from artisan_app.services import editor_saving, editor_workflow, editorial
from artisan_app.state.article import ArticleState
from tests.factories import make_article, make_author, make_category, make_user
from tests.state.conftest import visit


@pytest.fixture
def world(session: Session):
    pol, ann = make_category(session, "Politics", slug="politics"), make_author(session, "Ann", slug="ann")
    story = make_article(session, category=pol, author=ann, slug="one", hours=1, headline="The One Story")
    make_article(session, category=pol, author=ann, slug="two", hours=2)
    story.excerpt = "An excerpt long enough to publish."
    editor = make_user(session, Role.editor)
    session.commit()
    return session, story, editor


async def load(root, slug: str = "one") -> ArticleState:
    visit(root, f"/article/{slug}", "/article/[slug]")
    state = await root.get_state(ArticleState)
    await state.load_article()
    return state


async def test_the_second_reader_costs_one_query_and_an_edit_shows_at_once(world, root, count_queries, engine):
    session, story, editor = world
    first = await load(root)
    assert first.headline == "The One Story" and "The One Story" in first.article_html and first.related_html
    with count_queries(engine) as counter:
        again = await load(root)
    assert again.article_html == first.article_html
    assert [s for s in counter.statements if "contentgeneration" not in s] == []
    form = editorial.load_form(session, user=editor, article_id=story.id)
    editor_saving.save_article(session, user=editor, form=dataclasses.replace(form, headline="A Better Headline"))
    session.commit()
    assert "A Better Headline" in (await load(root)).article_html
    editor_workflow.unpublish(session, user=editor, article_id=story.id)
    session.commit()
    gone = await load(root)
    assert not gone.found and gone.loaded and "The One Story" not in gone.article_html
