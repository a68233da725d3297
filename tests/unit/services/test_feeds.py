"""Atom feeds, sitemap and robots.txt: built from the database, served by web/http_app.py,
read back with feedparser and an XML parser."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta
from xml.etree import ElementTree as ET

import feedparser
import pytest
from sqlmodel import Session
from starlette.testclient import TestClient

from artisan_app.core.settings import settings
from artisan_app.models import ArticleStatus
from artisan_app.services.site import feeds
from artisan_app.web import http_app
from artisan_app.web.registry import sitemap_sources
from tests.factories import BASE_TIME, make_article, make_author, make_category

SITE = "https://news.example"
NS = {"s": feeds.SITEMAP_NS}


@pytest.fixture
def site(session: Session, monkeypatch, tmp_path):
    """Two sections, two authors; three live stories, a draft and a scheduled one.
    The draft alone carries the tag "secret-plans"; an author has only a draft."""
    monkeypatch.setattr(http_app, "settings", dataclasses.replace(settings, site_url=SITE))
    s = session
    pol = make_category(s, "Politics", slug="politics", position=0)
    tech = make_category(s, "Technology", slug="technology", position=1)
    make_category(s, "Empty", slug="empty", position=2)
    ann, bob = make_author(s, "Ann Writer", slug="ann"), make_author(s, "Bob Drafts", slug="bob")
    make_article(
        s,
        category=pol,
        author=ann,
        slug="vote",
        hours=1,
        headline='The vote & the "count"',
        excerpt="Turnout <b>was</b> low.",
        tags=["elections"],
    )
    make_article(
        s,
        category=tech,
        author=ann,
        slug="chips",
        hours=2,
        headline="Chips\x0b shortage",
        excerpt="Factories wait.",
        tags=["ai", "elections"],
    )
    make_article(s, category=pol, author=ann, slug="budget", hours=3, headline="Budget day", excerpt="Numbers.")
    make_article(s, category=pol, author=bob, slug="draft", status=ArticleStatus.draft, tags=["secret-plans"])
    make_article(s, category=pol, author=ann, slug="scheduled", published_at=datetime.now(UTC) + timedelta(days=3))
    s.commit()
    return TestClient(http_app.build_api(shell_path=tmp_path / "missing.html"))


def test_site_feed_is_atom_with_every_field(site: TestClient):
    res = site.get("/feed.xml")
    assert res.status_code == 200
    assert res.headers["content-type"].startswith("application/atom+xml")
    feed = feedparser.parse(res.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    assert feed.feed.title == "Artisan Times — Beyond the Headlines"
    assert feed.feed.link == SITE + "/"
    assert any(link.rel == "self" and link.href == SITE + "/feed.xml" for link in feed.feed.links)
    assert [e.link for e in feed.entries] == [SITE + "/article/budget", SITE + "/article/chips", SITE + "/article/vote"]
    vote = feed.entries[2]
    assert vote.title == 'The vote & the "count"'
    assert vote.id == SITE + "/article/vote"
    assert vote.summary == "Turnout <b>was</b> low."  # plain text, escaped in the XML
    assert vote.author == "Ann Writer"
    assert vote.authors[0].href == SITE + "/author/ann"
    assert vote.tags[0].term == "politics" and vote.tags[0].label == "Politics"
    assert vote.published_parsed[:4] == (BASE_TIME + timedelta(hours=1)).timetuple()[:4]
    assert vote.updated_parsed is not None
    # XML-invalid control characters are dropped rather than breaking the feed.
    assert feed.entries[1].title == "Chips shortage"


def test_feeds_never_show_drafts_or_scheduled_stories(site: TestClient):
    links = [e.link for e in feedparser.parse(site.get("/feed.xml").content).entries]
    assert not any(link.endswith(("/draft", "/scheduled")) for link in links)


def test_category_feed_has_only_that_section(site: TestClient):
    res = site.get("/category/politics/feed.xml")
    assert res.status_code == 200
    feed = feedparser.parse(res.content)
    assert not feed.bozo
    assert feed.feed.title == "Politics | Artisan Times"
    assert feed.feed.link == SITE + "/category/politics"
    assert [e.link for e in feed.entries] == [SITE + "/article/budget", SITE + "/article/vote"]
    assert {t.term for e in feed.entries for t in e.tags} == {"politics"}


def test_empty_and_unknown_category_feeds(site: TestClient):
    empty = feedparser.parse(site.get("/category/empty/feed.xml").content)
    assert not empty.bozo and empty.entries == [] and empty.feed.updated_parsed is not None
    assert site.get("/category/nope/feed.xml").status_code == 404


def _sitemap(site: TestClient) -> dict[str, str | None]:
    res = site.get("/sitemap.xml")
    assert res.status_code == 200 and res.headers["content-type"].startswith("application/xml")
    root = ET.fromstring(res.content)
    assert root.tag == f"{{{feeds.SITEMAP_NS}}}urlset"
    out = {}
    for url in root.findall("s:url", NS):
        lastmod = url.find("s:lastmod", NS)
        out[url.find("s:loc", NS).text] = lastmod.text if lastmod is not None else None
    return out


def test_sitemap_lists_live_pages_with_lastmod(site: TestClient):
    urls = _sitemap(site)
    for slug in ("vote", "chips", "budget"):
        assert SITE + f"/article/{slug}" in urls
    assert SITE + "/article/draft" not in urls and SITE + "/article/scheduled" not in urls
    assert {SITE + "/category/politics", SITE + "/category/technology", SITE + "/category/empty"} <= set(urls)
    assert SITE + "/author/ann" in urls and SITE + "/author/bob" not in urls  # bob has only a draft
    assert {SITE + "/tag/elections", SITE + "/tag/ai"} <= set(urls)
    assert SITE + "/tag/secret-plans" not in urls  # a draft's tag stays private
    assert SITE + "/" in urls
    # lastmod is W3C datetime; a section's is its newest live story's.
    for loc, lastmod in urls.items():
        if lastmod is not None:
            assert datetime.fromisoformat(lastmod).tzinfo is not None, loc
    assert urls[SITE + "/category/empty"] is None
    assert datetime.fromisoformat(urls[SITE + "/category/technology"]) == BASE_TIME + timedelta(hours=2)
    assert datetime.fromisoformat(urls[SITE + "/"]) == BASE_TIME + timedelta(hours=3)


def test_sitemap_entries_on_both_backends(any_session: Session):
    s = any_session
    pol = make_category(s, "Politics", slug="politics")
    ann = make_author(s, "Ann", slug="ann")
    make_article(s, category=pol, author=ann, slug="live", hours=5, tags=["x"])
    make_article(s, category=pol, author=ann, slug="draft", status=ArticleStatus.draft, tags=["y"])
    s.commit()
    now = BASE_TIME + timedelta(days=1)
    entries = {e.path: e.lastmod for e in feeds.sitemap_entries(s, sitemap_sources(), now=now)}
    assert set(entries) == {"/", "/article/live", "/category/politics", "/author/ann", "/tag/x"}
    assert all(m == BASE_TIME + timedelta(hours=5) for m in entries.values())
    root = ET.fromstring(feeds.sitemap_xml(s, sitemap_sources(), site_url=SITE, now=now))
    assert len(root.findall("s:url", NS)) == 5


def test_robots_points_to_the_sitemap(site: TestClient):
    res = site.get("/robots.txt")
    assert res.status_code == 200 and res.headers["content-type"].startswith("text/plain")
    assert f"Sitemap: {SITE}/sitemap.xml" in res.text.splitlines()
    assert "Disallow: /search" in res.text and "User-agent: *" in res.text
