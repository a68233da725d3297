"""Discovery against the production build: crawler-readable article HTML (no
JavaScript), feeds, sitemap and robots.txt over HTTP, and search in Chromium."""

from __future__ import annotations

import json
import re
from xml.etree import ElementTree as ET

import feedparser
import httpx
from lxml import html as lxml_html
from playwright.sync_api import Page, expect
from sqlmodel import Session, create_engine, select

from artisan_app.models import Article
from artisan_app.models.types import utcnow
from artisan_app.services.articles.live import is_live

SEED_SLUG = "civil-servants-social-media-pakistan"
SEED_PATH = f"/article/{SEED_SLUG}"
SEED_HEADLINE = (
    "Civil Servants’ Social Media Use in Pakistan: Blurring Neutrality, Fueling Personal Branding, Eroding Institutional Trust"
)
SEED_EXCERPT = "Pakistan’s civil servants were meant to be faceless and impartial."
SEED_BODY = "Historically, Pakistani civil servants were expected to be faceless and impartial."


def _meta(tree, key: str) -> list[str]:
    return tree.xpath(f'//head/meta[@name="{key}" or @property="{key}"]/@content')


# ---------------------------------------------------------------- without JavaScript


def test_article_html_is_readable_without_javascript(app_url: str):
    res = httpx.get(app_url + SEED_PATH, timeout=20)
    assert res.status_code == 200
    assert res.headers["content-type"].startswith("text/html")
    tree = lxml_html.document_fromstring(res.text)
    assert tree.xpath("//head/title/text()") == [f"{SEED_HEADLINE} | Artisan Times"]
    assert len(tree.xpath("//title")) == 1
    (description,) = _meta(tree, "description")
    assert description.startswith(SEED_EXCERPT)
    assert tree.xpath('//head/link[@rel="canonical"]/@href')[0].endswith(SEED_PATH)
    assert _meta(tree, "og:title") == [SEED_HEADLINE]
    assert _meta(tree, "og:type") == ["article"]
    assert _meta(tree, "og:url")[0].endswith(SEED_PATH)
    # The seed article's cover, cut to 1200×630 around its focal point (services/media).
    assert re.search(r"/media/[0-9a-f]+-social-x\d+y\d+-1200\.jpg$", _meta(tree, "og:image")[0])
    assert _meta(tree, "article:published_time") == ["2025-08-25T07:30:00+00:00"]
    assert _meta(tree, "article:section") == ["Social Media"]
    assert _meta(tree, "twitter:card") == ["summary_large_image"]
    (ld,) = tree.xpath('//script[@type="application/ld+json"]/text()')
    data = json.loads(ld)
    assert data["@type"] == "NewsArticle" and data["headline"] == SEED_HEADLINE
    assert data["author"][0]["name"] == "Artisan Times"
    assert data["datePublished"] == "2025-08-25T07:30:00+00:00" and data["dateModified"]
    assert data["publisher"]["name"] == "Artisan Times" and data["publisher"]["logo"]["url"].endswith("/logo.png")
    body_text = tree.xpath("string(//body)")
    assert SEED_HEADLINE in body_text and SEED_BODY in body_text
    # Still the app's shell: its boot script is there.
    assert "__reactRouterContext" in res.text


def test_brand_images_are_served(app_url: str):
    for path in ("/og-default.png", "/logo.png"):
        res = httpx.get(app_url + path, timeout=20)
        assert res.status_code == 200, path
        assert res.content[:8] == b"\x89PNG\r\n\x1a\n", path


def test_unknown_article_is_404_with_the_shell(app_url: str):
    res = httpx.get(app_url + "/article/no-such-story", timeout=20)
    assert res.status_code == 404
    assert "<title>Article not found | Artisan Times</title>" in res.text
    assert "__reactRouterContext" in res.text


def test_category_and_author_pages_have_titles_and_descriptions(app_url: str):
    res = httpx.get(app_url + "/category/social-media", timeout=20)
    assert res.status_code == 200
    tree = lxml_html.document_fromstring(res.text)
    assert tree.xpath("//head/title/text()") == ["Social Media | Artisan Times"]
    assert _meta(tree, "description")[0].startswith("How platforms, feeds and online influence")
    res = httpx.get(app_url + "/author/artisan-times", timeout=20)
    assert lxml_html.document_fromstring(res.text).xpath("//head/title/text()") == ["Artisan Times | Artisan Times"]


def test_feeds_sitemap_and_robots(app_url: str, e2e_db_url: str):
    feed = feedparser.parse(httpx.get(app_url + "/feed.xml", timeout=20).content)
    assert not feed.bozo and feed.version == "atom10"
    assert any(e.link.endswith(SEED_PATH) and e.title == SEED_HEADLINE for e in feed.entries)
    section = feedparser.parse(httpx.get(app_url + "/category/social-media/feed.xml", timeout=20).content)
    assert section.entries and {t.term for e in section.entries for t in e.tags} == {"social-media"}
    root = ET.fromstring(httpx.get(app_url + "/sitemap.xml", timeout=20).content)
    locs = [el.text for el in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    # Every live English article, and only those (other tests on the shared app may have published more).
    with Session(create_engine(e2e_db_url)) as session:
        live = set(session.exec(select(Article.slug).where(is_live(utcnow()), Article.language == "en")).all())
    assert len(live) >= 15  # the English seed articles
    assert {loc.rsplit("/", 1)[-1] for loc in locs if "/article/" in loc and "/ur/" not in loc} == live
    assert len([loc for loc in locs if "/ur/article/" in loc]) >= 6  # and the Urdu edition's (issue #17)
    assert any(loc.endswith(SEED_PATH) for loc in locs)
    robots = httpx.get(app_url + "/robots.txt", timeout=20).text
    assert re.search(r"^Sitemap: \S+/sitemap\.xml$", robots, re.M)


# ---------------------------------------------------------------- in the browser


def test_article_url_still_boots_the_full_app(page: Page):
    """The crawler HTML must not get in the app's way (console errors fail the test)."""
    page.goto(SEED_PATH)
    main = page.get_by_role("main")
    expect(main.get_by_role("heading", level=1)).to_have_text(SEED_HEADLINE)
    expect(page).to_have_title(f"{SEED_HEADLINE} | Artisan Times")
    expect(page.locator("h1")).to_have_count(1)  # the <noscript> copy is not rendered
    # Client-side navigation still drives the title (React's <title> goes first).
    first = page.get_by_role("region", name="You may also like").get_by_role("article").first
    link = first.get_by_role("heading").get_by_role("link")
    title = link.inner_text()
    link.click()
    expect(main.get_by_role("heading", level=1)).to_have_text(title)
    expect(page).to_have_title(f"{title} | Artisan Times")


def test_masthead_search_shows_highlighted_results_that_follow_typing(page: Page):
    page.goto("/")
    banner = page.get_by_role("banner")
    box = banner.get_by_role("search", name="Site").get_by_label("Search the site")
    box.fill("inflation")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/search\?q=inflation$"))
    results = page.get_by_role("region", name="Search results")
    expect(results.get_by_role("status")).to_have_text(re.compile(r"^\d+ (story matches|stories match) “inflation”\.$"))
    expect(results.get_by_role("article").first).to_be_visible()
    marks = results.locator("mark")
    expect(marks.first).to_be_visible()
    assert all(t.lower().startswith("inflation") for t in marks.all_inner_texts())
    expect(results.get_by_role("link", name=re.compile("Argentina Tamed Inflation"))).to_be_visible()

    # Typing on the results page updates them without submitting.
    field = page.get_by_role("search", name="Articles").get_by_label("Search articles")
    expect(field).to_have_value("inflation")
    field.fill("zzqqxx")
    expect(results.get_by_role("status")).to_have_text(re.compile("^No stories match “zzqqxx”"))
    expect(results.get_by_role("article")).to_have_count(0)
    field.fill("pakistan")
    expect(results.get_by_role("status")).to_have_text(re.compile(r"stories match “pakistan”"))
    expect(results.locator("mark").first).to_have_text(re.compile("^pakistan", re.I))
    expect(page).to_have_url(re.compile(r"/search\?q=pakistan$"))

    # Newest first.
    page.get_by_role("button", name="Newest first").click()
    expect(page.get_by_role("button", name="Newest first")).to_have_attribute("aria-pressed", "true")
    dates = results.locator("article time").evaluate_all("els => els.map(e => e.getAttribute('datetime'))")
    assert dates == sorted(dates, reverse=True)

    # A result leads to its article.
    results.get_by_role("article").first.get_by_role("heading").get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"/article/"))
    expect(page.get_by_role("main").get_by_role("heading", level=1)).to_be_visible()


def test_search_page_from_a_link_and_with_hostile_input(page: Page):
    # Operators and punctuation are just words here ("near", "and"): an answer, never an error page.
    page.goto("/search?q=%22NEAR(%20*%20-%20AND%20%F0%9F%99%82")
    results = page.get_by_role("region", name="Search results")
    expect(results.get_by_role("status")).to_have_text(re.compile(r"^(No stories match|\d+ stor(y|ies) match)"))
    expect(page.get_by_role("main").get_by_role("searchbox")).to_have_value('"NEAR( * - AND 🙂')
    page.goto("/search?q=zzqxv")
    expect(results.get_by_role("status")).to_have_text(re.compile("^No stories match"))
    page.goto("/search")
    expect(results.get_by_role("status")).to_have_text(re.compile("^Type a word"))


def test_masthead_search_fits_a_phone(new_page):
    page = new_page(width=375, height=800)
    page.goto("/")
    expect(page.get_by_label("Search the site")).to_be_visible()
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
