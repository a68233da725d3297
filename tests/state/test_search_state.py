"""SearchState: handlers called as Reflex calls them, with real and malformed payloads."""

from __future__ import annotations

import dataclasses

import pytest
import reflex as rx
from sqlmodel import Session

from artisan_app.core.settings import settings
from artisan_app.models import ArticleStatus
from artisan_app.services.search import queries as search_service
from artisan_app.state.reader.search import SearchState
from tests.factories import make_article, make_author, make_category
from tests.state.conftest import article_slugs, html_tree, visit


@pytest.fixture
def world(any_session: Session, monkeypatch):
    monkeypatch.setattr("artisan_app.state.reader.search.settings", dataclasses.replace(settings, page_size=2))
    s = any_session
    econ = make_category(s, "Economy", slug="economy")
    ann = make_author(s, "Ann", slug="ann")
    for i in range(3):
        make_article(
            s,
            category=econ,
            author=ann,
            slug=f"inflation-{i}",
            hours=i,
            headline=f"Inflation report {i}",
            excerpt="Prices and wages.",
        )
    make_article(s, category=econ, author=ann, slug="other", hours=10, headline="Harvest festival")
    make_article(s, category=econ, author=ann, slug="hidden", status=ArticleStatus.draft, headline="Inflation draft")
    s.commit()
    return s


async def _state(root, path: str) -> SearchState:
    visit(root, path, "/search")
    return await root.get_state(SearchState)


async def test_load_reads_query_and_sort_from_the_url(world, root):
    state = await _state(root, "/search?q=Inflation&sort=newest")
    await state.load_search()
    assert state.loaded and state.searched
    assert state.query == "Inflation" and state.sort == "newest"
    assert article_slugs(*state.result_pages) == ["inflation-2", "inflation-1"]
    assert state.total == 3 and state.has_more
    assert state.message == "3 stories match “Inflation”."
    first_title = html_tree(state.result_pages[0]).xpath("(//h2[@class='card-title'])[1]/a")[0]
    assert [m.text for m in first_title.xpath("mark[@class='search-match']")] == ["Inflation"]
    assert first_title.text_content() == "Inflation report 2"
    await state.load_more()
    assert article_slugs(*state.result_pages) == ["inflation-2", "inflation-1", "inflation-0"]
    assert not state.has_more


async def test_empty_page_invites_a_query(world, root):
    state = await _state(root, "/search")
    await state.load_search()
    assert state.loaded and not state.searched and state.result_pages == []
    assert state.message.startswith("Type a word")


async def test_typing_updates_results_and_the_address_bar(world, root):
    state = await _state(root, "/search")
    await state.load_search()
    version = state.input_version
    spec = await state.set_query("harv")
    assert article_slugs(*state.result_pages) == ["other"]
    assert "replaceState" in str(spec) and "/search?q=harv" in str(spec)
    assert state.input_version == version  # typing never re-creates the box
    await state.set_query("zeppelin")
    assert state.result_pages == [] and state.total == 0
    assert state.message.startswith("No stories match “zeppelin”")


async def test_sorting(world, root):
    state = await _state(root, "/search?q=inflation")
    await state.load_search()
    await state.set_sort("newest")
    assert state.sort == "newest" and article_slugs(*state.result_pages)[0] == "inflation-2"
    await state.set_sort("relevance")
    assert state.sort == "relevance"


async def test_masthead_submit_redirects_to_the_results_page(world, root):
    state = await _state(root, "/")
    spec = await state.submit_search({"q": "  inflation & wages "})
    assert state.query == "inflation & wages"
    assert "/search?q=inflation+%26+wages" in str(spec)


@pytest.mark.parametrize("payload", [None, 42, ["inflation"], {"q": 1}, "x" * 10_000, '"NEAR(*', "\x00🙂"])
async def test_malformed_payloads_are_harmless(world, root, payload):
    state = await _state(root, "/search?q=inflation")
    await state.load_search()
    await state.set_query(payload)
    assert isinstance(state.query, str) and len(state.query) <= 200
    await state.set_sort(payload)
    assert state.sort == "relevance"
    await state.submit_search(payload)
    assert isinstance(state.query, str)
    assert "hidden" not in article_slugs(*state.result_pages)


async def test_live_search_waits_for_three_letters(world, root, monkeypatch):
    state = await _state(root, "/search")
    await state.load_search()
    ran = []
    real = search_service.search_articles
    monkeypatch.setattr(search_service, "search_articles", lambda *a, **k: ran.append(a[1]) or real(*a, **k))
    for prefix in ("i", "in", " i ", "i n"):
        await state.set_query(prefix)
        assert state.message.startswith("Keep typing") and state.result_pages == []
    assert ran == []  # one- and two-letter prefixes never reach the database
    await state.set_query("inf")
    assert ran == ["inf"] and len(article_slugs(*state.result_pages)) == 2


async def test_search_is_rate_limited_per_client(world, root, monkeypatch):
    monkeypatch.setattr(search_service, "settings", dataclasses.replace(settings, search_rate_limit="3/minute"))
    state = await _state(root, "/search")
    for word in ("inflation", "wages", "prices"):
        await state.set_query(word)
        assert not state.message.startswith("You’re searching faster")
    await state.set_query("harvest")
    assert state.message == search_service.RATE_LIMITED_MESSAGE
    assert state.query == "harvest"  # what was typed stays
    # Another reader (another address) is not affected.
    other_root = rx.State(_reflex_internal_init=True)
    visit(other_root, "/search", "/search", ip="10.0.0.9", token="tab-2")
    other = await other_root.get_state(SearchState)
    await other.set_query("harvest")
    assert article_slugs(*other.result_pages) == ["other"]
