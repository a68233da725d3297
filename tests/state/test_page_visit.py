"""One on_load event per page kind (``state/reader/page_loads.py``): the same loads as the old lists, in one event."""

from __future__ import annotations

import pytest
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from artisan_app.services.articles import catalog
from artisan_app.state.reader.article import ArticleState
from artisan_app.state.reader.comments import CommentState
from artisan_app.state.reader.listings import ListingState, ReaderState
from artisan_app.state.reader.page_loads import PageVisit
from artisan_app.state.reader.site import SiteState
from tests.factories import make_article, make_author, make_category
from tests.state.conftest import article_slugs, visit


@pytest.fixture
def world(any_session: Session):
    pol, ann = make_category(any_session, "Politics", slug="politics"), make_author(any_session, "Ann", slug="ann")
    make_article(any_session, category=pol, author=ann, slug="one", hours=1, headline="The One Story")
    make_article(any_session, category=pol, author=ann, slug="two", hours=2)
    any_session.commit()
    return any_session


def names(events: list) -> list[str]:
    return [getattr(e, "handler", e).fn.__name__ for e in events if hasattr(getattr(e, "handler", e), "fn")]


async def test_an_article_visit_loads_navigation_article_and_comments_in_one_event(world, root):
    visit(root, "/article/one", "/article/[slug]")
    events = await (await root.get_state(PageVisit)).article()
    assert [c.slug for c in (await root.get_state(SiteState)).categories] == ["politics"]
    article = await root.get_state(ArticleState)
    assert article.loaded and article.found and article.headline == "The One Story"
    assert "The One Story" in article.article_html
    comments = await root.get_state(CommentState)
    assert comments.loaded and comments.reader_id  # the thread, and this reader's id
    assert "watch_comments" in names(events)  # live comment updates start as before


async def test_front_and_section_visits(world, root):
    visit(root, "/", "/")
    await (await root.get_state(PageVisit)).front()
    front = await root.get_state(ReaderState)
    assert front.loaded and article_slugs(front.lead_html) == ["two"]
    visit(root, "/category/politics", "/category/[slug]")
    await (await root.get_state(PageVisit)).listing()
    section = await root.get_state(ListingState)
    assert section.loaded and section.found and section.prefix == "category" and "Politics" in section.header_html


async def test_an_outage_stops_the_visit_with_the_notice(world, root, monkeypatch):
    def down(*args, **kwargs):
        raise OperationalError("SELECT 1", {}, Exception("connection refused"))

    monkeypatch.setattr(catalog, "list_categories", down)
    visit(root, "/article/one", "/article/[slug]")
    events = await (await root.get_state(PageVisit)).article()
    assert names(events) == ["report_unavailable"]
    assert not (await root.get_state(ArticleState)).loaded  # nothing half-loaded behind the notice
