"""Reader states: call the handlers as Reflex would and check what a reader would see."""

from __future__ import annotations

import dataclasses

import pytest
from sqlmodel import Session

from artisan_app.core.settings import settings
from artisan_app.models import ArticleStatus
from artisan_app.state.reader.article import ArticleState
from artisan_app.state.reader.listings import ListingState, ReaderState
from artisan_app.state.reader.site import SiteState
from tests.factories import make_article, make_author, make_category, sections
from tests.state.conftest import article_slugs, texts, visit


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
        s,
        category=pol,
        author=ann,
        slug="big-story",
        headline="The Big Story",
        hours=100,
        body=sections(("One", ["a"]), ("Two", ["b"]), ("Three", ["c"]), quote=("Quoted.", "Someone")),
    )
    s.commit()
    return s


async def test_navigation_lists_categories_in_masthead_order(world, root):
    site = await root.get_state(SiteState)
    assert texts(site.masthead_html, "//nav//a") == ["Front page", "اردو"]  # before (or without) the database
    await site.load_navigation()
    assert [c.name for c in site.categories] == ["Technology", "Politics"]
    assert texts(site.masthead_html, "//nav[@aria-label='Sections']//a") == [
        "Front page",
        "Technology",
        "Politics",
        "اردو",
    ]  # the Urdu edition
    assert texts(site.footer_html, "//nav//a") == ["Technology", "Politics"]


async def test_front_page_lead_then_latest_and_load_more(world, root, monkeypatch):
    monkeypatch.setattr("artisan_app.state.reader.paged_lists.settings", dataclasses.replace(settings, page_size=4))
    reader = await root.get_state(ReaderState)
    assert reader.loaded is False and not reader.has_lead
    await reader.load_front_page()
    assert reader.loaded and reader.has_lead
    assert article_slugs(reader.lead_html) == ["big-story"]
    assert article_slugs(*reader.card_pages) == ["story-8", "story-7", "story-6"]
    assert reader.has_more
    await reader.load_more()
    assert len(reader.card_pages) == 2  # "Load more" appends a page; the cards shown stay as they are
    assert article_slugs(*reader.card_pages)[3:] == ["story-5", "story-4", "story-3", "story-2"]
    await reader.load_more()
    await reader.load_more()
    slugs = article_slugs(*reader.card_pages)
    assert slugs == [f"story-{i}" for i in range(8, -1, -1)]
    assert "hidden" not in slugs and not reader.has_more


async def test_choosing_a_category_filters_and_bogus_input_falls_back(world, root):
    reader = await root.get_state(ReaderState)
    await reader.load_front_page()
    await reader.choose_category("technology")
    assert reader.current_category == "technology"
    assert set(texts(reader.lead_html + "".join(reader.card_pages), "//a[@class='category-label']")) == {"Technology"}
    for bogus in ("no-such-section", 42, None, {"x": 1}):
        await reader.choose_category(bogus)
        assert reader.current_category == ""
        assert article_slugs(reader.lead_html) == ["big-story"]


async def test_article_page_loads_body_and_recommendations(world, root):
    visit(root, "/article/big-story", "/article/[slug]")
    state = await root.get_state(ArticleState)
    await state.load_article()
    assert state.loaded and state.found and texts(state.article_html, "//h1") == ["The Big Story"]
    assert texts(state.article_html, "//h3[@class='trend-heading']") == ["1. One", "2. Two", "3. Three"]
    assert texts(state.article_html, "//figure[@class='pull-quote']//figcaption") == ["— Someone"]
    related = article_slugs(state.related_html)
    assert 1 <= len(related) <= 3 and "big-story" not in related
    assert set(texts(state.related_html, "//a[@class='category-label']")) == {"Politics"}
    assert state.page_title == "The Big Story | Artisan Times"


@pytest.mark.parametrize("path", ["/article/nope", "/article/hidden", "/article/", "/article/a/b"])
async def test_unknown_or_unpublished_article_is_not_found(world, root, path):
    visit(root, path)
    state = await root.get_state(ArticleState)
    await state.load_article()
    assert state.loaded and not state.found and state.related_html == ""
    assert texts(state.article_html, "//h1") == ["Article not found"]
    assert state.page_title == "Article not found | Artisan Times"


async def test_moving_to_another_article_replaces_everything(world, root):
    state = await root.get_state(ArticleState)
    visit(root, "/article/big-story")
    await state.load_article()
    visit(root, "/article/story-3")
    await state.load_article()
    assert texts(state.article_html, "//h1") == [state.headline] and state.headline != "The Big Story"
    assert "story-3" not in article_slugs(state.related_html)


async def test_category_author_and_tag_pages_share_one_keyed_state(world, root):
    listing = await root.get_state(ListingState)
    visit(root, "/category/politics")
    await listing.load_listing()
    assert listing.found and listing.prefix == "category" and texts(listing.header_html, "//h1") == ["Politics"]
    assert article_slugs(*listing.card_pages)[0] == "big-story"
    assert set(texts("".join(listing.card_pages), "//a[@class='category-label']")) == {"Politics"}
    assert listing.page_title == "Politics | Artisan Times"

    visit(root, "/author/ann")
    await listing.load_listing()
    assert listing.prefix == "author" and texts(listing.header_html, "//h1") == ["Ann Writer"] and listing.card_pages

    visit(root, "/tag/shared")
    await listing.load_listing()
    assert listing.prefix == "tag" and texts(listing.header_html, "//h1") == ["#shared"] and listing.card_pages
    assert listing.page_title == "#shared | Artisan Times"

    visit(root, "/category/unknown")
    await listing.load_listing()
    assert listing.loaded and not listing.found and listing.card_pages == []
    assert texts(listing.header_html, "//h1") == ["Section not found"]
