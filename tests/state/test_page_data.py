"""Article page data remembered per content generation (``services/site/page_data.py``)."""

from __future__ import annotations

import dataclasses

import pytest
import reflex as rx
from sqlmodel import Session

from artisan_app.models import Role
from artisan_app.services.editorial import newsroom as editorial
from artisan_app.services.editorial import saving, workflow
from artisan_app.services.site import page_data
from artisan_app.state.reader.article import ArticleState
from artisan_app.state.reader.comments import CommentState
from artisan_app.state.reader.page_loads import PageVisit
from artisan_app.state.reader.site import SiteState
from tests.factories import make_article, make_author, make_category, make_user, moderate_as_editor
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
    saving.save_article(session, user=editor, form=dataclasses.replace(form, headline="A Better Headline"))
    session.commit()
    assert "A Better Headline" in (await load(root)).article_html
    workflow.unpublish(session, user=editor, article_id=story.id)
    session.commit()
    gone = await load(root)
    assert not gone.found and gone.loaded and "The One Story" not in gone.article_html


async def open_comments(slug: str = "one", token: str = "tab-1", reader_id: str = "") -> CommentState:
    """A tab opening the article; ``reader_id``: the browser's (local storage), else a new reader."""
    root = rx.State(_reflex_internal_init=True)
    await load(root, slug)
    visit(root, f"/article/{slug}", "/article/[slug]", token=token)
    state = await root.get_state(CommentState)
    state.reader_id = reader_id
    await state.load_comments()
    return state


async def test_the_thread_is_remembered_for_readers_without_a_held_comment(world, count_queries, engine):
    session, story, editor = world
    ann = await open_comments(token="ann")
    ann._form_opened_at -= 60
    await ann.submit({"name": "Dora", "email": "dora@example.com", "website": "", "body": "Well argued.", "company": ""})
    assert ann.errors == {}, (ann.notice, ann.errors)
    assert [(c.body, c.awaiting) for c in ann.comments] == [("Well argued.", True)]  # only its author sees it
    first = await open_comments(token="bob")
    assert first.comments == [] and first._version
    with count_queries(engine) as counter:
        again = await open_comments(token="cy")  # a reader new to the site
    assert again.comments == [] and again._version == first._version
    assert [s for s in counter.statements if "FROM comment" in s] == []
    with count_queries(engine) as counter:
        back = await open_comments(token="eve", reader_id="eve-from-local-storage")  # a returning reader
    assert back.comments == []
    thread_queries = [s for s in counter.statements if "FROM comment" in s]
    assert len(thread_queries) == 1 and "owner_key" in thread_queries[0]  # only "has this reader a held one?"
    assert [(c.body, c.awaiting) for c in (await open_comments(token="ann-2", reader_id=ann.reader_id)).comments] == [
        ("Well argued.", True)
    ]  # Ann, in another tab
    # Approved: every reader sees it at once, and the thread's version moves for the watchers.
    moderate_as_editor(session, comment_ids=[c.id for c in ann.comments], action="approve")
    session.commit()
    later = await open_comments(token="dee")
    assert [(c.body, c.awaiting) for c in later.comments] == [("Well argued.", False)]
    assert later._version != first._version and later.approved_count == 1


async def test_a_whole_article_visit_is_one_query_for_a_new_reader_and_sees_an_edit_at_once(world, count_queries, engine):
    """``PageVisit.article``: navigation, article and thread share one session, which reads the
    content generation once; an edit between two visits starts a new generation."""
    session, story, editor = world

    async def whole_visit(token: str):
        tab = rx.State(_reflex_internal_init=True)
        visit(tab, "/article/one", "/article/[slug]", token=token)
        await (await tab.get_state(PageVisit)).article()
        return tab

    first = await whole_visit("first")
    assert [c.slug for c in (await first.get_state(SiteState)).categories] == ["politics"]
    with count_queries(engine) as counter:
        second = await whole_visit("second")
    assert len(counter.statements) == 1 and "contentgeneration" in counter.statements[0]
    article, comments = await second.get_state(ArticleState), await second.get_state(CommentState)
    assert "The One Story" in article.article_html and comments.loaded and comments._version
    form = editorial.load_form(session, user=editor, article_id=story.id)
    saving.save_article(session, user=editor, form=dataclasses.replace(form, headline="A Better Headline"))
    session.commit()
    assert "A Better Headline" in (await (await whole_visit("third")).get_state(ArticleState)).article_html


def test_a_session_that_changes_content_reads_the_new_generation(world, engine):
    """The generation is read once per transaction, and again after a change in it."""
    session, story, editor = world
    with Session(engine) as own:
        assert page_data.article_page(own, "one").detail.card.headline == "The One Story"
        form = editorial.load_form(own, user=editor, article_id=story.id)
        saving.save_article(own, user=editor, form=dataclasses.replace(form, headline="Changed In Here"))
        own.commit()
        assert page_data.article_page(own, "one").detail.card.headline == "Changed In Here"
