"""From any reader page to the other edition (issue #17, ``services/site/edition_links.py``): an article to its
translation or the other front page; a listing to the same listing when the other edition has stories
there; search and corrections to the other edition's; labels in the language of the page linked to."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import Session

from artisan_app.models import ArticleStatus
from artisan_app.services.site import edition_links
from tests.factories import BASE_TIME, make_article, make_author, make_category

NOW = BASE_TIME + timedelta(days=1)


@pytest.fixture
def editions(any_session: Session):
    s = any_session
    politics, economy = make_category(s, "Politics", slug="politics"), make_category(s, "Economy", slug="economy")
    ann, bilal = make_author(s, "Ann Author", slug="ann"), make_author(s, "Bilal", slug="bilal")
    make_article(s, category=politics, author=ann, slug="english-politics", tags=["elections"])
    make_article(s, category=economy, author=ann, slug="english-economy", tags=["prices"])
    make_article(s, category=politics, author=bilal, slug="urdu-politics", language="ur", tags=["elections"])
    make_article(s, category=economy, author=bilal, slug="urdu-draft", language="ur", status=ArticleStatus.draft, tags=["prices"])
    s.commit()
    return s


def test_an_article_without_a_translation_leads_to_the_other_editions_front_page(editions):
    en = edition_links.article_switch(editions, language="en", slug="english-politics", now=NOW)
    assert (en.href, en.hreflang, en.translated) == ("/ur/", "ur", False)
    assert en.label == "یہ صفحہ اردو میں نہیں: اردو ایڈیشن کا سرورق"  # in Urdu: for the reader who reads Urdu
    ur = edition_links.article_switch(editions, language="ur", slug="urdu-politics", now=NOW)
    assert (ur.href, ur.hreflang, ur.translated) == ("/", "en", False)
    assert ur.label == "This page is not in English: the English edition’s front page"


def test_a_listing_links_to_the_same_listing_only_where_the_other_edition_has_live_stories(editions):
    s = editions
    switch = edition_links.listing_switch(s, language="en", prefix="category", slug="politics", now=NOW)
    assert switch is not None
    assert (switch.href, switch.hreflang, switch.label) == ("/ur/category/politics", "ur", "یہ صفحہ اردو میں")
    back = edition_links.listing_switch(s, language="ur", prefix="category", slug="politics", now=NOW)
    assert back is not None and (back.href, back.hreflang, back.label) == ("/category/politics", "en", "This page in English")
    # Economy has only an Urdu draft: the English page has no Urdu match (the masthead's link goes to /ur/).
    assert edition_links.listing_switch(s, language="en", prefix="category", slug="economy", now=NOW) is None
    assert edition_links.listing_switch(s, language="ur", prefix="category", slug="economy", now=NOW).href == "/category/economy"
    assert edition_links.listing_switch(s, language="en", prefix="author", slug="ann", now=NOW) is None
    assert edition_links.listing_switch(s, language="ur", prefix="author", slug="bilal", now=NOW) is None
    assert edition_links.listing_switch(s, language="en", prefix="tag", slug="elections", now=NOW).href == "/ur/tag/elections"
    assert edition_links.listing_switch(s, language="en", prefix="tag", slug="prices", now=NOW) is None
    assert edition_links.listing_switch(s, language="en", prefix="tag", slug="no-such-topic", now=NOW) is None


def test_search_and_corrections_lead_to_the_other_editions_own():
    search = edition_links.search_switch("en", "  انتخابات ")
    assert search.href == "/ur/search?q=%D8%A7%D9%86%D8%AA%D8%AE%D8%A7%D8%A8%D8%A7%D8%AA" and search.hreflang == "ur"
    assert edition_links.search_switch("ur", "").href == "/search"
    corrections = edition_links.corrections_switch("ur")
    assert (corrections.href, corrections.hreflang, corrections.label) == ("/corrections", "en", "This page in English")
    assert edition_links.corrections_switch("en").href == "/ur/corrections"
