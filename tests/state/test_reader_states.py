"""Reader states: call the handlers as Reflex would and check what a reader would see."""

from __future__ import annotations

import dataclasses

import pytest
from sqlmodel import Session

from artisan_app.models import ArticleStatus
from artisan_app.settings import settings
from artisan_app.state.article import ArticleState
from artisan_app.state.reader import AuthorState, CategoryState, ReaderState, TagState
from artisan_app.state.site import SiteState
from tests.factories import make_article, make_author, make_category, sections
from tests.state.conftest import visit


@pytest.fixture
def world(any_session: Session):
    s = any_session
    pol = make_category(s, "Politics", slug="politics", position=1)
    tech = make_category(s, "Technology", slug="technology", position=0)
    ann = make_author(s, "Ann Writer", slug="ann")
    for i in range(9):
        make_article(s, category=pol if i % 2 else tech, author=ann, slug=f"story-{i}", hours=i, tags=["shared"])
    make_article(s, category=pol, author=ann, slug="hidden", status=ArticleStatus.draft)
    make_article(
        s, category=pol, author=ann, slug="big-story", headline="The Big Story", hours=100,
        body=sections(("One", ["a"]), ("Two", ["b"]), ("Three", ["c"]), quote=("Quoted.", "Someone")),
    )
    s.commit()
    return s


async def test_navigation_lists_categories_in_masthead_order(world, root):
    site = await root.get_state(SiteState)
    await site.load_navigation()
    assert [c.name for c in site.categories] == ["Technology", "Politics"]


async def test_front_page_lead_then_latest_and_load_more(world, root, monkeypatch):
    monkeypatch.setattr("artisan_app.state.listing.settings", dataclasses.replace(settings, page_size=4))
    reader = await root.get_state(ReaderState)
    assert reader.loaded is False and reader.lead is None
    await reader.load_front_page()
    assert reader.loaded
    assert reader.lead.slug == "big-story"
    assert [a.slug for a in reader.articles] == ["story-8", "story-7", "story-6"]
    assert reader.has_more
    await reader.load_more()
    assert [a.slug for a in reader.articles][3:] == ["story-5", "story-4", "story-3", "story-2"]
    await reader.load_more()
    await reader.load_more()
    slugs = [a.slug for a in reader.articles]
    assert slugs == [f"story-{i}" for i in range(8, -1, -1)]
    assert "hidden" not in slugs and not reader.has_more


async def test_choosing_a_category_filters_and_bogus_input_falls_back(world, root):
    reader = await root.get_state(ReaderState)
    await reader.load_front_page()
    await reader.choose_category("technology")
    assert reader.current_category == "technology"
    assert {a.category_slug for a in [reader.lead, *reader.articles]} == {"technology"}
    for bogus in ("no-such-section", 42, None, {"x": 1}):
        await reader.choose_category(bogus)
        assert reader.current_category == ""
        assert reader.lead.slug == "big-story"


async def test_article_page_loads_body_and_recommendations(world, root):
    visit(root, "/article/big-story", "/article/[slug]")
    state = await root.get_state(ArticleState)
    await state.load_article()
    assert state.loaded and state.article.card.headline == "The Big Story"
    assert [s.number for s in state.article.sections] == [1, 2, 3]
    assert state.article.sections[0].blocks[-1].attribution == "Someone"
    assert 1 <= len(state.recommendations) <= 3
    assert "big-story" not in [r.slug for r in state.recommendations]
    assert all(r.category_slug == "politics" for r in state.recommendations)
    assert state.page_title == "The Big Story | Artisan Times"


@pytest.mark.parametrize("path", ["/article/nope", "/article/hidden", "/article/", "/article/a/b"])
async def test_unknown_or_unpublished_article_is_not_found(world, root, path):
    visit(root, path)
    state = await root.get_state(ArticleState)
    await state.load_article()
    assert state.loaded and state.article is None and state.recommendations == []
    assert state.page_title == "Article not found | Artisan Times"


async def test_moving_to_another_article_replaces_everything(world, root):
    state = await root.get_state(ArticleState)
    visit(root, "/article/big-story")
    await state.load_article()
    visit(root, "/article/story-3")
    await state.load_article()
    assert state.article.card.slug == "story-3"
    assert "story-3" not in [r.slug for r in state.recommendations]


async def test_category_author_and_tag_pages(world, root):
    visit(root, "/category/politics")
    cat = await root.get_state(CategoryState)
    await cat.load_category()
    assert cat.category.name == "Politics"
    assert cat.articles[0].slug == "big-story"
    assert {a.category_slug for a in cat.articles} == {"politics"}

    visit(root, "/author/ann")
    author = await root.get_state(AuthorState)
    await author.load_author()
    assert author.author.name == "Ann Writer" and author.articles

    visit(root, "/tag/shared")
    tag = await root.get_state(TagState)
    await tag.load_tag()
    assert tag.tag.slug == "shared" and len(tag.articles) >= 1

    visit(root, "/category/unknown")
    await cat.load_category()
    assert cat.loaded and cat.category is None and cat.articles == []
