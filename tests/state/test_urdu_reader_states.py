"""The live app's reader states across the editions (issue #17): /ur/corrections, and each page's
way to the other edition, the same markup as the first HTML (``services/edition_links``)."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from artisan_app.models import Role
from artisan_app.services.editorial import corrections
from artisan_app.state.reader.article import ArticleState
from artisan_app.state.reader.corrections import CorrectionsState
from artisan_app.state.reader.listings import ListingState
from artisan_app.state.reader.page_loads import PageVisit
from artisan_app.state.reader.search import SearchState
from artisan_app.state.reader.site import SiteState
from tests.factories import make_article, make_author, make_category, make_user
from tests.state.conftest import html_tree, texts, visit


@pytest.fixture
def editions(any_session: Session):
    s = any_session
    politics, economy = make_category(s, "Politics", slug="politics"), make_category(s, "Economy", slug="economy")
    ann = make_author(s, "Ann Author", slug="ann")
    english = make_article(s, category=politics, author=ann, slug="english-politics", headline="Votes counted")
    make_article(s, category=economy, author=ann, slug="english-economy")
    urdu = make_article(s, category=politics, author=ann, slug="urdu-politics", language="ur", headline="ووٹوں کی گنتی")
    editor = make_user(s, Role.editor, name="Eve")
    corrections.add_correction(s, user=editor, article_id=urdu.id, kind="update", text="نتائج شامل کیے گئے۔")
    corrections.add_correction(s, user=editor, article_id=english.id, kind="correction", text="A name fixed.")
    s.commit()
    return s


def switches(markup: str) -> list[tuple]:
    return [
        (a.get("href"), a.get("hreflang"), a.get("lang"), a.get("dir"), a.text)
        for a in html_tree(markup).xpath("//p[@class='language-switch']/a")
    ]


async def test_the_urdu_corrections_page_lists_urdu_corrections_in_urdu(editions, root):
    visit(root, "/ur/corrections")
    await (await root.get_state(PageVisit)).corrections()
    state, site = await root.get_state(CorrectionsState), await root.get_state(SiteState)
    assert state.loaded and site.language == "ur" and site.direction == "rtl"
    assert texts(state.main_html, "//h1") == ["تصحیحات"]
    assert html_tree(state.main_html).xpath("//li[@class='correction']//a/@href") == ["/ur/article/urdu-politics"]
    (note,) = texts(state.main_html, "//li[@class='correction']/p[2]")
    assert note.startswith("تازہ کاری، ") and note.endswith("نتائج شامل کیے گئے۔")
    assert switches(state.main_html) == [("/corrections", "en", "en", "ltr", "This page in English")]
    assert html_tree(site.footer_html).xpath("//a[@class='footer-link']/@href") == ["/ur/corrections"]

    visit(root, "/corrections")
    await (await root.get_state(PageVisit)).corrections()
    assert html_tree(state.main_html).xpath("//li[@class='correction']//a/@href") == ["/article/english-politics"]
    assert texts(state.main_html, "//h1") == ["Corrections"] and site.language == "en"
    assert switches(state.main_html) == [("/ur/corrections", "ur", "ur", "rtl", "یہ صفحہ اردو میں")]


async def test_an_english_article_without_a_translation_links_to_the_urdu_front_page(editions, root):
    visit(root, "/article/english-economy")
    article = await root.get_state(ArticleState)
    await article.load_article()
    assert switches(article.article_html) == [("/ur/", "ur", "ur", "rtl", "یہ صفحہ اردو میں نہیں: اردو ایڈیشن کا سرورق")]
    visit(root, "/ur/article/urdu-politics")
    await article.load_article()
    assert [s[:4] for s in switches(article.article_html)] == [("/", "en", "en", "ltr")]


async def test_a_listing_header_links_to_the_other_editions_listing_when_it_has_stories(editions, root):
    listing = await root.get_state(ListingState)
    visit(root, "/category/politics")
    await listing.load_listing()
    assert switches(listing.header_html) == [("/ur/category/politics", "ur", "ur", "rtl", "یہ صفحہ اردو میں")]
    visit(root, "/category/economy")  # no Urdu story: the masthead's edition link is the way across
    await listing.load_listing()
    assert switches(listing.header_html) == []


async def test_the_search_pages_link_follows_the_readers_words(editions, root):
    visit(root, "/ur/search?q=ووٹ", "/ur/search")
    search = await root.get_state(SearchState)
    await search.load_search()
    assert [s[:2] for s in switches(search.switch_html)] == [("/search?q=%D9%88%D9%88%D9%B9", "en")]
    await search.set_query("Votes")
    assert [s[:2] for s in switches(search.switch_html)] == [("/search?q=Votes", "en")]
